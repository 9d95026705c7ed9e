import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import type { ListQuery, Page, PriceLevelInput, PriceLevelView } from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import { duplicate, invalid, notFound } from '../../common/errors';
import { likeContains, likeSql, paginate } from '../../common/paging';
import { Tx, unlessDuplicate } from '../../common/tx';
import { AuditService, changeAction } from '../audit/audit.service';
import { PriceLevel } from './part.entity';
import { levelColumnClash } from './part-columns';

/** 价格等级 (零售 / 会员 / 车队 ...): a customer buys at his level's part prices. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PriceLevelService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  async list(q: ListQuery): Promise<Page<PriceLevelView>> {
    const qb = this.tx.dataSource.manager.createQueryBuilder(PriceLevel, 'l').orderBy('l.sort', 'ASC').addOrderBy('l.id', 'ASC');
    if (q.keyword) qb.andWhere(likeSql('l.name', 'kw'), { kw: likeContains(q.keyword) });
    if (q.enabled !== undefined) qb.andWhere('l.enabled = :enabled', { enabled: q.enabled });
    return paginate(qb, q, (rows) => rows.map(toView));
  }

  /** One record as create answers it (an Idempotency-Key replay reads it again). */
  async get(id: number): Promise<PriceLevelView> {
    const row = await this.tx.dataSource.manager.findOneBy(PriceLevel, { id });
    if (!row) throw notFound('价格等级');
    return toView(row);
  }

  async create(input: PriceLevelInput, meta: RequestMeta): Promise<PriceLevelView> {
    const saving = this.tx.run(async (m) => {
      await assertNameFree(m, input.name);
      const now = new Date();
      const { identifiers } = await m.insert(PriceLevel, { ...input, createdAt: now, updatedAt: now });
      const view = toView(await m.findOneByOrFail(PriceLevel, { id: identifiers[0].id }));
      await this.audit.record(m, meta, { action: 'price_level.create', entity: 'price_level', entityId: view.id, after: view });
      return view;
    });
    return unlessDuplicate(saving, () => nameTaken(input.name));
  }

  async update(id: number, input: PriceLevelInput, meta: RequestMeta): Promise<PriceLevelView> {
    const saving = this.tx.run(async (m) => {
      const row = await m.findOneBy(PriceLevel, { id });
      if (!row) throw notFound('价格等级');
      await assertNameFree(m, input.name, id);
      await m.update(PriceLevel, { id }, { ...input, updatedAt: new Date() });
      const before = toView(row);
      const view = toView(await m.findOneByOrFail(PriceLevel, { id }));
      await this.audit.record(m, meta, {
        action: changeAction('price_level', before.enabled, view.enabled),
        entity: 'price_level',
        entityId: id,
        before,
        after: view,
      });
      return view;
    });
    return unlessDuplicate(saving, () => nameTaken(input.name));
  }
}

function toView(l: PriceLevel): PriceLevelView {
  return { id: l.id, name: l.name, sort: l.sort, enabled: l.enabled };
}

async function assertNameFree(m: EntityManager, name: string, exceptId?: number) {
  const other = await m.findOneBy(PriceLevel, { name });
  if (other && other.id !== exceptId) throw nameTaken(name);
  const others = (await m.find(PriceLevel)).filter((l) => l.id !== exceptId).map((l) => l.name);
  const clash = levelColumnClash(name, [...others, name]);
  if (clash) throw invalid('name', clash);
}

const nameTaken = (name: string) => duplicate(`价格等级“${name}”已存在`, 'name');
