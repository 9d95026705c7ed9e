import { Provide } from '@midwayjs/core';
import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { partWords } from '../modules/part/part-rules';
import { col, createTable } from './schema-helpers';

/** The common words of a workshop for the same part, seeded so a fresh or old install finds 机滤 as 机油滤清器. */
export const SEED_SYNONYMS: string[][] = [
  ['机滤', '机油滤芯', '机油滤清器', '机油格'],
  ['空滤', '空气滤芯', '空气滤清器', '空气格'],
  ['汽滤', '汽油滤芯', '燃油滤清器', '汽油滤清器', '汽油格'],
  ['空调滤', '空调滤芯', '空调滤清器', '空调格'],
  ['刹车片', '制动片', '刹车皮'],
  ['刹车盘', '制动盘'],
  ['火花塞', '火嘴'],
  ['雨刮', '雨刷', '雨刮片', '雨刷片', '雨刮器'],
  ['电瓶', '蓄电池'],
  ['轮胎', '胎', '车胎'],
  ['防冻液', '冷却液'],
  ['机油', '发动机油', '润滑油'],
  ['变速箱油', '波箱油'],
  ['刹车油', '制动液'],
  ['灯泡', '灯珠'],
  ['正时皮带', '正时带'],
  ['发电机皮带', '多楔带'],
  ['玻璃水', '雨刮水', '挡风玻璃清洗液'],
  ['减震器', '避震器', '减振器'],
];

/** Recomputes every part's initials and search string from its name, aliases, code, model and spec. */
export async function backfillPartWords(qr: QueryRunner): Promise<void> {
  const parts: { id: number; code: string; name: string; aliases: string; model: string; spec: string }[] = await qr.query(
    'SELECT id, code, name, aliases, model, spec FROM part',
  );
  for (const p of parts) {
    const w = partWords(p);
    await qr.query('UPDATE part SET aliases = ?, pinyin = ?, wordInitials = ?, searchText = ? WHERE id = ?', [
      w.aliases,
      w.pinyin,
      w.wordInitials,
      w.searchText,
      p.id,
    ]);
  }
}

/**
 * Search in the workshop's own words: parts get aliases (别名) and the pinyin initials of the name
 * and of every alias (wordInitials, indexed), and the keepers a list of synonyms (part_synonym),
 * seeded with the common ones. Existing parts are backfilled (their searchText now carries the
 * aliases; the initials moved to wordInitials).
 */
@Provide()
export class PartWords1733270900000 implements MigrationInterface {
  name = 'PartWords1733270900000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('part', new TableColumn(col.str('aliases', 200, { default: "''" })));
    await qr.addColumn('part', new TableColumn(col.str('wordInitials', 300, { default: "''" })));
    await qr.createIndex('part', new TableIndex({ name: 'IX_part_wordInitials', columnNames: ['wordInitials'] }));
    await backfillPartWords(qr);
    await createTable(qr, 'part_synonym', [col.id(), col.str('words', 500), ...col.stamps()]);
    // A UTC 'YYYY-MM-DD HH:MM:SS.mmm', as TypeORM writes a datetime on both databases.
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    for (const words of SEED_SYNONYMS) {
      await qr.query('INSERT INTO part_synonym (words, createdAt, updatedAt) VALUES (?, ?, ?)', [words.join('、'), now, now]);
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('part_synonym');
    await qr.dropIndex('part', 'IX_part_wordInitials');
    await qr.dropColumn('part', 'wordInitials');
    await qr.dropColumn('part', 'aliases');
  }
}
