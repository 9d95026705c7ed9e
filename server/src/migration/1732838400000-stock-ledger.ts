import { Provide } from '@midwayjs/core';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, fk } from './schema-helpers';

/** The stock ledger: locations, append-only moves, balances per (part, location), document numbers. */
@Provide()
export class StockLedger1732838400000 implements MigrationInterface {
  name = 'StockLedger1732838400000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(qr, 'location', [col.id(), col.str('kind', 20), col.int('refId'), col.str('name', 50)], {
      unique: [['kind', 'refId']],
    });
    await createTable(
      qr,
      'stock_move',
      [
        col.id(),
        col.ref('partId'),
        col.int('qty'),
        col.ref('fromLocationId'),
        col.ref('toLocationId'),
        col.str('docType', 20),
        col.int('docId'),
        col.str('docNo', 30),
        col.int('docLine', { default: 0 }),
        col.str('reason', 200, { default: "''" }),
        col.int('unitCost', { isNullable: true }),
        col.ref('operatorId', true),
        col.time('createdAt'),
      ],
      {
        index: [
          ['partId', 'createdAt'],
          ['fromLocationId', 'partId'],
          ['toLocationId', 'partId'],
          ['docType', 'docId'],
        ],
        foreignKeys: [fk('partId', 'part'), fk('fromLocationId', 'location'), fk('toLocationId', 'location')],
      },
    );
    await createTable(
      qr,
      'stock_balance',
      [col.id(), col.ref('partId'), col.ref('locationId'), col.int('qty'), col.time('heldSince', true), col.time('updatedAt')],
      { unique: [['partId', 'locationId']], index: [['locationId']], foreignKeys: [fk('partId', 'part'), fk('locationId', 'location')] },
    );
    await createTable(qr, 'doc_sequence', [
      col.str('prefix', 10, { isPrimary: true }),
      col.str('day', 8, { isPrimary: true }),
      col.int('value'),
    ]);
    const virtual: [string, string][] = [
      ['supplier', '供应商'],
      ['transit', '出库待签收'],
      ['consumed', '工单消耗'],
      ['loss', '报损'],
      ['adjustment', '盘点调整'],
    ];
    for (const [kind, name] of virtual) {
      await qr.manager.createQueryBuilder().insert().into('location').values({ kind, refId: 0, name }).execute();
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['doc_sequence', 'stock_balance', 'stock_move', 'location']) await qr.dropTable(t, true);
  }
}
