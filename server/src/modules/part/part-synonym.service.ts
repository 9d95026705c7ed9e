import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import type { PartSynonymInput, PartSynonymView } from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import { duplicate, notFound } from '../../common/errors';
import { Tx } from '../../common/tx';
import { AuditService } from '../audit/audit.service';
import { PartSynonym } from './part.entity';

/**
 * 同义词: the keepers' list of words that mean the same part. A word belongs to one group only,
 * so a search expands the same way whichever word of the group is typed.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PartSynonymService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  async list(): Promise<PartSynonymView[]> {
    const rows = await this.tx.dataSource.manager.find(PartSynonym, { order: { id: 'ASC' } });
    return rows.map(toView);
  }

  async get(id: number): Promise<PartSynonymView> {
    return toView(await found(this.tx.dataSource.manager, id));
  }

  async create(input: PartSynonymInput, meta: RequestMeta): Promise<PartSynonymView> {
    return this.tx.run(async (m) => {
      await assertWordsFree(m, input.words);
      const now = new Date();
      const { identifiers } = await m.insert(PartSynonym, { words: input.words.join('、'), createdAt: now, updatedAt: now });
      const view = toView(await found(m, identifiers[0].id));
      await this.audit.record(m, meta, { action: 'part_synonym.create', entity: 'part_synonym', entityId: view.id, after: view });
      return view;
    });
  }

  async update(id: number, input: PartSynonymInput, meta: RequestMeta): Promise<PartSynonymView> {
    return this.tx.run(async (m) => {
      const before = toView(await found(m, id));
      await assertWordsFree(m, input.words, id);
      await m.update(PartSynonym, { id }, { words: input.words.join('、'), updatedAt: new Date() });
      const after = toView(await found(m, id));
      await this.audit.record(m, meta, { action: 'part_synonym.update', entity: 'part_synonym', entityId: id, before, after });
      return after;
    });
  }

  async remove(id: number, meta: RequestMeta): Promise<void> {
    await this.tx.run(async (m) => {
      const before = toView(await found(m, id));
      await m.delete(PartSynonym, { id });
      await this.audit.record(m, meta, { action: 'part_synonym.delete', entity: 'part_synonym', entityId: id, before });
    });
  }
}

async function found(m: EntityManager, id: number): Promise<PartSynonym> {
  const row = await m.findOneBy(PartSynonym, { id });
  if (!row) throw notFound('同义词');
  return row;
}

/** No word of the group is already in another group. */
async function assertWordsFree(m: EntityManager, words: string[], exceptId?: number): Promise<void> {
  const mine = new Set(words.map((w) => w.toUpperCase()));
  for (const other of await m.find(PartSynonym)) {
    if (other.id === exceptId) continue;
    const clash = other.words.split('、').find((w) => mine.has(w.toUpperCase()));
    if (clash) throw duplicate(`“${clash}”已在同义词“${other.words.split('、').join(' / ')}”中`, 'words');
  }
}

function toView(r: PartSynonym): PartSynonymView {
  return { id: r.id, words: r.words.split('、').filter(Boolean), updatedAt: new Date(r.updatedAt).toISOString() };
}
