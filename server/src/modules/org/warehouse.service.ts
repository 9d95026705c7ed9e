import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { type EntityManager, In } from 'typeorm';
import type { ListQuery, Page, WarehouseInput, WarehouseView } from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import { duplicate, invalid, notFound } from '../../common/errors';
import { likeContains, likeSql, paginate } from '../../common/paging';
import { Tx, unlessDuplicate } from '../../common/tx';
import { AuditService, changeAction } from '../audit/audit.service';
import { Employee, Warehouse, WarehouseKeeper } from './org.entity';

/** 仓库 and their keepers (库管, any one of whom may approve the warehouse's documents). */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WarehouseService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  async list(q: ListQuery): Promise<Page<WarehouseView>> {
    const qb = this.tx.dataSource.manager.createQueryBuilder(Warehouse, 'w').orderBy('w.id', 'ASC');
    if (q.keyword) qb.andWhere(`(${likeSql('w.name', 'kw')} OR ${likeSql('w.address', 'kw')})`, { kw: likeContains(q.keyword) });
    if (q.enabled !== undefined) qb.andWhere('w.enabled = :enabled', { enabled: q.enabled });
    return paginate(qb, q, (rows) => this.views(this.tx.dataSource.manager, rows));
  }

  /** One record as create answers it (an Idempotency-Key replay reads it again). */
  async get(id: number): Promise<WarehouseView> {
    return this.view(this.tx.dataSource.manager, id);
  }

  async create(input: WarehouseInput, meta: RequestMeta): Promise<WarehouseView> {
    return unlessDuplicate(
      this.tx.run(async (m) => {
        await this.assertNameFree(m, input.name);
        const keeperIds = await this.checkKeepers(m, input.keeperIds);
        const now = new Date();
        const { keeperIds: _k, ...fields } = input;
        const { identifiers } = await m.insert(Warehouse, { ...fields, createdAt: now, updatedAt: now });
        const id: number = identifiers[0].id;
        if (keeperIds.length)
          await m.insert(
            WarehouseKeeper,
            keeperIds.map((employeeId) => ({ warehouseId: id, employeeId })),
          );
        const view = await this.view(m, id);
        await this.audit.record(m, meta, { action: 'warehouse.create', entity: 'warehouse', entityId: id, after: view });
        return view;
      }),
      () => nameTaken(input.name),
    );
  }

  async update(id: number, input: WarehouseInput, meta: RequestMeta): Promise<WarehouseView> {
    return unlessDuplicate(
      this.tx.run(async (m) => {
        const before = await this.view(m, id);
        await this.assertNameFree(m, input.name, id);
        const keeperIds = await this.checkKeepers(m, input.keeperIds);
        const { keeperIds: _k, ...fields } = input;
        await m.update(Warehouse, { id }, { ...fields, updatedAt: new Date() });
        await m.delete(WarehouseKeeper, { warehouseId: id });
        if (keeperIds.length)
          await m.insert(
            WarehouseKeeper,
            keeperIds.map((employeeId) => ({ warehouseId: id, employeeId })),
          );
        const view = await this.view(m, id);
        await this.audit.record(m, meta, {
          action: changeAction('warehouse', before.enabled, view.enabled),
          entity: 'warehouse',
          entityId: id,
          before,
          after: view,
        });
        return view;
      }),
      () => nameTaken(input.name),
    );
  }

  private async view(m: EntityManager, id: number): Promise<WarehouseView> {
    const w = await m.findOneBy(Warehouse, { id });
    if (!w) throw notFound('仓库');
    return (await this.views(m, [w]))[0];
  }

  private async views(m: EntityManager, rows: Warehouse[]): Promise<WarehouseView[]> {
    if (!rows.length) return [];
    const links = await m.findBy(WarehouseKeeper, { warehouseId: In(rows.map((w) => w.id)) });
    const people = links.length ? await m.findBy(Employee, { id: In([...new Set(links.map((l) => l.employeeId))]) }) : [];
    const nameOf = new Map(people.map((p) => [p.id, p.name]));
    return rows.map((w) => ({
      id: w.id,
      name: w.name,
      address: w.address,
      enabled: w.enabled,
      keepers: links
        .filter((l) => l.warehouseId === w.id)
        .map((l) => ({ id: l.employeeId, name: nameOf.get(l.employeeId) ?? '' }))
        .sort((a, b) => a.id - b.id),
    }));
  }

  /** Keepers must be enabled employees holding the keeper role. Returns the ids without repeats. */
  private async checkKeepers(m: EntityManager, ids: number[]): Promise<number[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return unique;
    const found = new Map((await m.findBy(Employee, { id: In(unique) })).map((e) => [e.id, e]));
    for (const id of unique) {
      const e = found.get(id);
      if (!e) throw invalid('keeperIds', `库管（员工编号 ${id}）不存在`);
      if (!e.enabled) throw invalid('keeperIds', `${e.name} 的账号已停用，不能担任库管`);
      if (!e.roles.includes('keeper')) throw invalid('keeperIds', `${e.name} 没有库管角色，请先在员工管理中为其添加库管角色`);
    }
    return unique;
  }

  private async assertNameFree(m: EntityManager, name: string, exceptId?: number) {
    const other = await m.findOneBy(Warehouse, { name });
    if (other && other.id !== exceptId) throw nameTaken(name);
  }
}

const nameTaken = (name: string) => duplicate(`仓库“${name}”已存在`, 'name');
