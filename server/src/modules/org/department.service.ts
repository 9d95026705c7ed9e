import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import type { DepartmentInput, DepartmentView, ListQuery, Page } from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import { duplicate, notFound } from '../../common/errors';
import { likeContains, likeSql, paginate } from '../../common/paging';
import { Tx, unlessDuplicate } from '../../common/tx';
import { AuditService, changeAction } from '../audit/audit.service';
import { Department, Employee } from './org.entity';

/** 部门. Names are unique; a department is disabled rather than deleted. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class DepartmentService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  async list(q: ListQuery): Promise<Page<DepartmentView>> {
    const qb = this.tx.dataSource.manager.createQueryBuilder(Department, 'd').orderBy('d.id', 'ASC');
    if (q.keyword) qb.andWhere(likeSql('d.name', 'kw'), { kw: likeContains(q.keyword) });
    if (q.enabled !== undefined) qb.andWhere('d.enabled = :enabled', { enabled: q.enabled });
    return paginate(qb, q, (rows) => this.views(this.tx.dataSource.manager, rows));
  }

  /** One record as create answers it (an Idempotency-Key replay reads it again). */
  async get(id: number): Promise<DepartmentView> {
    const m = this.tx.dataSource.manager;
    const row = await m.findOneBy(Department, { id });
    if (!row) throw notFound('部门');
    return (await this.views(m, [row]))[0];
  }

  async create(input: DepartmentInput, meta: RequestMeta): Promise<DepartmentView> {
    return unlessDuplicate(
      this.tx.run(async (m) => {
        await this.assertNameFree(m, input.name);
        const now = new Date();
        const { identifiers } = await m.insert(Department, { ...input, createdAt: now, updatedAt: now });
        const [view] = await this.views(m, [await m.findOneByOrFail(Department, { id: identifiers[0].id })]);
        await this.audit.record(m, meta, { action: 'department.create', entity: 'department', entityId: view.id, after: input });
        return view;
      }),
      () => duplicate(`部门“${input.name}”已存在`, 'name'),
    );
  }

  async update(id: number, input: DepartmentInput, meta: RequestMeta): Promise<DepartmentView> {
    return unlessDuplicate(
      this.tx.run(async (m) => {
        const before = await m.findOneBy(Department, { id });
        if (!before) throw notFound('部门');
        await this.assertNameFree(m, input.name, id);
        await m.update(Department, { id }, { ...input, updatedAt: new Date() });
        await this.audit.record(m, meta, {
          action: changeAction('department', before.enabled, input.enabled),
          entity: 'department',
          entityId: id,
          before: { name: before.name, enabled: before.enabled },
          after: input,
        });
        const [view] = await this.views(m, [await m.findOneByOrFail(Department, { id })]);
        return view;
      }),
      () => duplicate(`部门“${input.name}”已存在`, 'name'),
    );
  }

  private async views(m: EntityManager, rows: Department[]): Promise<DepartmentView[]> {
    if (!rows.length) return [];
    const counts: { departmentId: number; n: string | number }[] = await m
      .createQueryBuilder(Employee, 'e')
      .select('e.departmentId', 'departmentId')
      .addSelect('COUNT(*)', 'n')
      .where('e.departmentId IN (:...ids)', { ids: rows.map((d) => d.id) })
      .groupBy('e.departmentId')
      .getRawMany();
    const byId = new Map(counts.map((c) => [Number(c.departmentId), Number(c.n)]));
    return rows.map((d) => ({ id: d.id, name: d.name, enabled: d.enabled, employeeCount: byId.get(d.id) ?? 0 }));
  }

  private async assertNameFree(m: EntityManager, name: string, exceptId?: number) {
    const other = await m.findOneBy(Department, { name });
    if (other && other.id !== exceptId) throw duplicate(`部门“${name}”已存在`, 'name');
  }
}
