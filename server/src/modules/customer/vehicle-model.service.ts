import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import { vehicleModelName, type ListQuery, type Page, type VehicleModelInput, type VehicleModelView } from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import { duplicate, notFound } from '../../common/errors';
import { likeContains, likeSql, paginate } from '../../common/paging';
import { pinyinInitials } from '../../common/search-text';
import { Tx } from '../../common/tx';
import { AuditService, changeAction } from '../audit/audit.service';
import { VehicleModel } from './customer.entity';

/** 车型 (brand, series, model year, engine): what vehicles are and what parts fit. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class VehicleModelService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  /** Each word of the keyword must match the brand, series, engine or pinyin ("大众 朗逸", "dzly"). */
  async list(q: ListQuery): Promise<Page<VehicleModelView>> {
    const qb = this.tx.dataSource.manager
      .createQueryBuilder(VehicleModel, 'm')
      .orderBy('m.brand', 'ASC')
      .addOrderBy('m.series', 'ASC')
      .addOrderBy('m.modelYear', 'DESC')
      .addOrderBy('m.id', 'ASC');
    q.keyword
      .split(/\s+/)
      .filter(Boolean)
      .forEach((word, i) => {
        const cols = ['m.brand', 'm.series', 'm.engine', 'm.pinyin'].map((c) => likeSql(c, `kw${i}`)).join(' OR ');
        qb.andWhere(`(${cols})`, { [`kw${i}`]: likeContains(word) });
      });
    if (q.enabled !== undefined) qb.andWhere('m.enabled = :enabled', { enabled: q.enabled });
    return paginate(qb, q, (rows) => rows.map(toView));
  }

  /** One record as create answers it (an Idempotency-Key replay reads it again). */
  async get(id: number): Promise<VehicleModelView> {
    const row = await this.tx.dataSource.manager.findOneBy(VehicleModel, { id });
    if (!row) throw notFound('车型');
    return toView(row);
  }

  async create(input: VehicleModelInput, meta: RequestMeta): Promise<VehicleModelView> {
    return this.tx.run(async (m) => {
      await this.assertNew(m, input);
      const now = new Date();
      const { identifiers } = await m.insert(VehicleModel, { ...input, pinyin: modelPinyin(input), createdAt: now, updatedAt: now });
      const view = toView(await m.findOneByOrFail(VehicleModel, { id: identifiers[0].id }));
      await this.audit.record(m, meta, { action: 'vehicle_model.create', entity: 'vehicle_model', entityId: view.id, after: view });
      return view;
    });
  }

  async update(id: number, input: VehicleModelInput, meta: RequestMeta): Promise<VehicleModelView> {
    return this.tx.run(async (m) => {
      const row = await m.findOneBy(VehicleModel, { id });
      if (!row) throw notFound('车型');
      await this.assertNew(m, input, id);
      await m.update(VehicleModel, { id }, { ...input, pinyin: modelPinyin(input), updatedAt: new Date() });
      const before = toView(row);
      const view = toView(await m.findOneByOrFail(VehicleModel, { id }));
      await this.audit.record(m, meta, {
        action: changeAction('vehicle_model', before.enabled, view.enabled),
        entity: 'vehicle_model',
        entityId: id,
        before,
        after: view,
      });
      return view;
    });
  }

  /** No unique index (the year may be empty): the same brand, series, year and engine twice is refused here. */
  private async assertNew(m: EntityManager, input: VehicleModelInput, exceptId?: number) {
    const same = await m.find(VehicleModel, { where: { brand: input.brand, series: input.series, engine: input.engine } });
    if (same.some((x) => x.id !== exceptId && x.modelYear === input.modelYear)) throw duplicate(`车型“${vehicleModelName(input)}”已存在`);
  }
}

function toView(m: VehicleModel): VehicleModelView {
  return {
    id: m.id,
    brand: m.brand,
    series: m.series,
    modelYear: m.modelYear,
    engine: m.engine,
    name: vehicleModelName(m),
    enabled: m.enabled,
  };
}

export function modelPinyin(m: { brand: string; series: string }): string {
  return pinyinInitials(`${m.brand}${m.series}`).slice(0, 200);
}
