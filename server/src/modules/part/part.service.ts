import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import {
  permissionsOf,
  vehicleModelName,
  type Page,
  type PartFitmentView,
  type PartInput,
  type PartListQuery,
  type PartView,
} from '@hongyuan/shared';
import type { Actor, RequestMeta } from '../../common/actor';
import { notFound } from '../../common/errors';
import { paginate } from '../../common/paging';
import { Tx, unlessDuplicate } from '../../common/tx';
import { AuditService, changeAction } from '../audit/audit.service';
import { Vehicle, VehicleModel } from '../customer/customer.entity';
import { Part, PartVehicleModel } from './part.entity';
import { partKeywordWhere } from './part-search';
import { assertCodeFree, checkPartRefs, codeClash, partRow, replacePartLinks } from './part-rules';
import { partViews } from './part.views';

export const canSeeCost = (actor: Actor | null) => !!actor && permissionsOf(actor.roles).has('part.cost');

/** 配件资料: the catalogue, its fitments (适用车型) and level prices. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PartService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  async list(q: PartListQuery, actor: Actor): Promise<Page<PartView>> {
    const db = this.tx.dataSource.manager;
    return paginate(await this.query(q), q, (rows) => partViews(db, rows, canSeeCost(actor)));
  }

  /**
   * The filtered catalogue, newest first; also what the export writes. The keyword matches the
   * name, aliases, code (barcode), model, spec and pinyin initials, and its synonyms too.
   */
  async query(q: Omit<PartListQuery, 'page' | 'pageSize'>) {
    const db = this.tx.dataSource.manager;
    const qb = db.createQueryBuilder(Part, 'p').orderBy('p.id', 'DESC');
    if (q.keyword) qb.andWhere(...(await partKeywordWhere(db, 'p', q.keyword)));
    if (q.category) qb.andWhere('p.category = :category', { category: q.category });
    if (q.vehicleModelId) {
      qb.andWhere('EXISTS (SELECT 1 FROM part_vehicle_model f WHERE f.partId = p.id AND f.vehicleModelId = :vm)', { vm: q.vehicleModelId });
    }
    if (q.enabled !== undefined) qb.andWhere('p.enabled = :enabled', { enabled: q.enabled });
    return qb;
  }

  async get(id: number, actor: Actor): Promise<PartView> {
    return this.view(this.tx.dataSource.manager, id, canSeeCost(actor));
  }

  /**
   * Whether a part is listed for a vehicle's model (适用车型). A part that lists no model is
   * universal (机油, 玻璃水), and a vehicle without a model cannot be checked: both fit.
   */
  async fitment(id: number, vehicleId: number): Promise<PartFitmentView> {
    const db = this.tx.dataSource.manager;
    const part = await db.findOneBy(Part, { id });
    if (!part) throw notFound('配件');
    const vehicle = await db.findOneBy(Vehicle, { id: vehicleId });
    if (!vehicle) throw notFound('车辆');
    const model = vehicle.vehicleModelId ? await db.findOneBy(VehicleModel, { id: vehicle.vehicleModelId }) : null;
    const fits = await db.findBy(PartVehicleModel, { partId: id });
    const listed = !!model && fits.some((f) => f.vehicleModelId === model.id);
    return {
      partId: id,
      vehicleModelName: model ? vehicleModelName(model) : null,
      universal: fits.length === 0,
      fits: !model || !fits.length || listed,
    };
  }

  async create(input: PartInput, meta: RequestMeta): Promise<PartView> {
    const saving = this.tx.run(async (m) => {
      await assertCodeFree(m, input.code);
      await checkPartRefs(m, input);
      const now = new Date();
      const { identifiers } = await m.insert(Part, { ...partRow(input), createdAt: now, updatedAt: now });
      const id: number = identifiers[0].id;
      await replacePartLinks(m, id, input);
      const after = await this.view(m, id, true);
      await this.audit.record(m, meta, { action: 'part.create', entity: 'part', entityId: id, after });
      return after;
    });
    return this.forReader(await unlessDuplicate(saving, () => codeClash(this.tx.dataSource.manager, input.code)), meta.actor);
  }

  /** Fitments and level prices are replaced as a whole. */
  async update(id: number, input: PartInput, meta: RequestMeta): Promise<PartView> {
    const saving = this.tx.run(async (m) => {
      const before = await this.view(m, id, true);
      await assertCodeFree(m, input.code, id);
      await checkPartRefs(m, input);
      await m.update(Part, { id }, { ...partRow(input), updatedAt: new Date() });
      await replacePartLinks(m, id, input);
      const after = await this.view(m, id, true);
      await this.audit.record(m, meta, {
        action: changeAction('part', before.enabled, after.enabled),
        entity: 'part',
        entityId: id,
        before,
        after,
      });
      return after;
    });
    return this.forReader(await unlessDuplicate(saving, () => codeClash(this.tx.dataSource.manager, input.code)), meta.actor);
  }

  private async view(m: EntityManager, id: number, showCost: boolean): Promise<PartView> {
    const p = await m.findOneBy(Part, { id });
    if (!p) throw notFound('配件');
    return (await partViews(m, [p], showCost))[0];
  }

  private forReader(view: PartView, actor: Actor | null): PartView {
    if (canSeeCost(actor)) return view;
    const { costPrice: _hidden, ...rest } = view;
    return rest;
  }
}
