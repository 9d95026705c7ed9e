import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import type { Page, VehicleInput, VehicleView, vehicleListQuery, z } from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import { notFound } from '../../common/errors';
import { likeContains, likeSql, paginate } from '../../common/paging';
import { Tx, unlessDuplicate } from '../../common/tx';
import { AuditService, changeAction } from '../audit/audit.service';
import { Customer, Vehicle } from './customer.entity';
import { checkVehicles, refreshCustomerSearch, searchKeyword, vehicleClash, withModelBrand } from './customer-rules';
import { vehicleViews } from './customer.views';

type VehicleListQuery = z.infer<typeof vehicleListQuery>;

/** 车辆 of a customer. Plates are unique; so are VINs when given. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class VehicleService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  async list(q: VehicleListQuery): Promise<Page<VehicleView>> {
    const db = this.tx.dataSource.manager;
    const qb = db.createQueryBuilder(Vehicle, 'v').orderBy('v.id', 'DESC');
    if (q.keyword)
      qb.andWhere(`(${likeSql('v.plate', 'kw')} OR ${likeSql('v.vin', 'kw')})`, { kw: likeContains(searchKeyword(q.keyword)) });
    if (q.customerId) qb.andWhere('v.customerId = :customerId', { customerId: q.customerId });
    return paginate(qb, q, (rows) => vehicleViews(db, rows, true));
  }

  /** One record as create answers it (an Idempotency-Key replay reads it again). */
  async get(id: number): Promise<VehicleView> {
    return this.view(this.tx.dataSource.manager, id);
  }

  async add(customerId: number, input: VehicleInput, meta: RequestMeta): Promise<VehicleView> {
    const saving = this.tx.run(async (m) => {
      if (!(await m.existsBy(Customer, { id: customerId }))) throw notFound('客户');
      await checkVehicles(m, [input], () => '');
      const now = new Date();
      const { identifiers } = await m.insert(Vehicle, { ...(await withModelBrand(m, input)), customerId, createdAt: now, updatedAt: now });
      await refreshCustomerSearch(m, customerId);
      const view = await this.view(m, identifiers[0].id);
      await this.audit.record(m, meta, { action: 'vehicle.create', entity: 'vehicle', entityId: view.id, after: view });
      return view;
    });
    return unlessDuplicate(saving, () => vehicleClash(this.tx.dataSource.manager, [input], () => ''));
  }

  async update(id: number, input: VehicleInput, meta: RequestMeta): Promise<VehicleView> {
    const saving = this.tx.run(async (m) => {
      const before = await this.view(m, id);
      await checkVehicles(m, [input], () => '', id);
      await m.update(Vehicle, { id }, { ...(await withModelBrand(m, input)), updatedAt: new Date() });
      await refreshCustomerSearch(m, before.customerId);
      const view = await this.view(m, id);
      await this.audit.record(m, meta, {
        action: changeAction('vehicle', before.enabled, view.enabled),
        entity: 'vehicle',
        entityId: id,
        before,
        after: view,
      });
      return view;
    });
    return unlessDuplicate(saving, () => vehicleClash(this.tx.dataSource.manager, [input], () => '', id));
  }

  private async view(m: EntityManager, id: number): Promise<VehicleView> {
    const v = await m.findOneBy(Vehicle, { id });
    if (!v) throw notFound('车辆');
    return (await vehicleViews(m, [v], true))[0];
  }
}
