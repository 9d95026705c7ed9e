import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { type EntityManager, In, IsNull } from 'typeorm';
import {
  passwordPhoneIssue,
  type EmployeeCreateInput,
  type EmployeeListQuery,
  type EmployeeUpdateInput,
  type EmployeeView,
  type EmployeeWithWechat,
  type Page,
} from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import { duplicate, invalid, notFound } from '../../common/errors';
import { likeContains, likeSql, paginate } from '../../common/paging';
import { Tx, unlessDuplicate } from '../../common/tx';
import { AuditService, changeAction } from '../audit/audit.service';
import { Session } from '../auth/auth.entity';
import { hashPassword } from '../auth/password';
import { dropWechatBinding, withWechatStatus } from '../wechat/wechat-binding.service';
import { Department, Employee, Warehouse, WarehouseKeeper } from './org.entity';

/** 员工 and their logins. The password hash never leaves this service, not even into the audit log. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class EmployeeService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  async list(q: EmployeeListQuery): Promise<Page<EmployeeWithWechat>> {
    const qb = this.tx.dataSource.manager.createQueryBuilder(Employee, 'e').leftJoinAndSelect('e.department', 'd').orderBy('e.id', 'ASC');
    if (q.keyword) qb.andWhere(`(${likeSql('e.name', 'kw')} OR ${likeSql('e.phone', 'kw')})`, { kw: likeContains(q.keyword) });
    // roles is a comma list ("service,keeper"): match the role as a whole item.
    if (q.role) {
      qb.andWhere('(e.roles = :role OR e.roles LIKE :first OR e.roles LIKE :last OR e.roles LIKE :middle)', {
        role: q.role,
        first: `${q.role},%`,
        last: `%,${q.role}`,
        middle: `%,${q.role},%`,
      });
    }
    if (q.departmentId) qb.andWhere('e.departmentId = :departmentId', { departmentId: q.departmentId });
    if (q.enabled !== undefined) qb.andWhere('e.enabled = :enabled', { enabled: q.enabled });
    return paginate(qb, q, (rows) => withWechatStatus(this.tx.dataSource.manager, rows.map(toView)));
  }

  /** One record as create answers it (an Idempotency-Key replay reads it again). */
  async get(id: number): Promise<EmployeeWithWechat> {
    return this.view(this.tx.dataSource.manager, id);
  }

  async create(input: EmployeeCreateInput, meta: RequestMeta): Promise<EmployeeWithWechat> {
    const { password, ...fields } = input;
    assertPasswordFitsPhone(password, fields.phone, 'password');
    const passwordHash = await hashPassword(password);
    return unlessDuplicate(
      this.tx.run(async (m) => {
        await this.assertPhoneFree(m, fields.phone);
        await this.assertDepartment(m, fields.departmentId, null);
        const now = new Date();
        // The admin chose this password and knows it: the employee sets his own at his first login
        // (outside demo mode; see AuthService.mustChange).
        const { identifiers } = await m.insert(Employee, {
          ...fields,
          passwordHash,
          mustChangePassword: true,
          createdAt: now,
          updatedAt: now,
        });
        const view = await this.view(m, identifiers[0].id);
        await this.audit.record(m, meta, { action: 'employee.create', entity: 'employee', entityId: view.id, after: snapshot(view) });
        return view;
      }),
      () => phoneTaken(fields.phone),
    );
  }

  /**
   * An admin cannot lock himself out: he may not disable his own account or drop his own admin
   * role (so at least one enabled admin always remains). Disabling someone ends his sessions.
   */
  async update(id: number, input: EmployeeUpdateInput, meta: RequestMeta): Promise<EmployeeWithWechat> {
    if (meta.actor?.id === id) {
      if (!input.enabled) throw invalid('enabled', '不能停用自己的账号');
      if (meta.actor.roles.includes('admin') && !input.roles.includes('admin')) throw invalid('roles', '不能取消自己的管理员角色');
    }
    return unlessDuplicate(
      this.tx.run(async (m) => {
        const before = await this.view(m, id);
        await this.assertPhoneFree(m, input.phone, id);
        await this.assertDepartment(m, input.departmentId, before.departmentId);
        if (before.roles.includes('keeper') && !input.roles.includes('keeper')) await this.assertKeepsNoWarehouse(m, id, before.name);
        await m.update(Employee, { id }, { ...input, updatedAt: new Date() });
        if (!input.enabled) {
          await revokeSessions(m, id);
          await dropWechatBinding(m, id);
        }
        const view = await this.view(m, id);
        await this.audit.record(m, meta, {
          action: changeAction('employee', before.enabled, view.enabled),
          entity: 'employee',
          entityId: id,
          before: snapshot(before),
          after: snapshot(view),
        });
        return view;
      }),
      () => phoneTaken(input.phone),
    );
  }

  /**
   * 重置密码 by an admin: every session of the employee ends (but the admin's own current one), and
   * he must set his own password at his next login, since the admin knows this one.
   */
  async resetPassword(id: number, password: string, meta: RequestMeta): Promise<void> {
    const employee = await this.tx.dataSource.manager.findOneBy(Employee, { id });
    if (!employee) throw notFound('员工');
    assertPasswordFitsPhone(password, employee.phone, 'password');
    const passwordHash = await hashPassword(password);
    await this.tx.run(async (m) => {
      await m.update(Employee, { id }, { passwordHash, mustChangePassword: meta.actor?.id !== id, updatedAt: new Date() });
      await revokeSessions(m, id, meta.actor?.id === id ? meta.actor.sessionId : undefined);
      await this.audit.record(m, meta, { action: 'employee.password.reset', entity: 'employee', entityId: id });
    });
  }

  private async view(m: EntityManager, id: number): Promise<EmployeeWithWechat> {
    const e = await m.findOne(Employee, { where: { id }, relations: { department: true } });
    if (!e) throw notFound('员工');
    return (await withWechatStatus(m, [toView(e)]))[0];
  }

  private async assertPhoneFree(m: EntityManager, phone: string, exceptId?: number) {
    const other = await m.findOneBy(Employee, { phone });
    if (other && other.id !== exceptId) throw phoneTaken(phone, other.name);
  }

  /** A new department must exist and be in use; keeping a department that was disabled since is fine. */
  private async assertDepartment(m: EntityManager, departmentId: number | null, current: number | null) {
    if (departmentId === null || departmentId === current) return;
    const d = await m.findOneBy(Department, { id: departmentId });
    if (!d) throw invalid('departmentId', '所选部门不存在');
    if (!d.enabled) throw invalid('departmentId', `部门“${d.name}”已停用，请选择其他部门`);
  }

  /** A warehouse's keepers must hold the keeper role: the warehouse is changed first. */
  private async assertKeepsNoWarehouse(m: EntityManager, employeeId: number, name: string) {
    const links = await m.findBy(WarehouseKeeper, { employeeId });
    if (!links.length) return;
    const warehouses = await m.findBy(Warehouse, { id: In(links.map((l) => l.warehouseId)) });
    const names = warehouses.map((w) => `“${w.name}”`).join('、');
    throw invalid('roles', `${name} 仍是仓库${names}的库管，请先在仓库设置中移除，再取消库管角色`);
  }
}

function toView(e: Employee): EmployeeView {
  return {
    id: e.id,
    name: e.name,
    phone: e.phone,
    departmentId: e.departmentId,
    departmentName: e.department?.name ?? null,
    roles: e.roles,
    enabled: e.enabled,
    createdAt: e.createdAt.toISOString(),
  };
}

function snapshot(v: EmployeeWithWechat) {
  const { createdAt: _createdAt, ...rest } = v;
  return rest;
}

/** The password rule that needs the account (the others are in the shared schema). */
function assertPasswordFitsPhone(password: string, phone: string, path: string) {
  const issue = passwordPhoneIssue(password, phone);
  if (issue) throw invalid(path, issue);
}

const phoneTaken = (phone: string, owner?: string) =>
  duplicate(owner ? `手机号 ${phone} 已被员工 ${owner} 使用` : `手机号 ${phone} 已被其他员工使用`, 'phone');

async function revokeSessions(m: EntityManager, employeeId: number, exceptSessionId?: number) {
  const qb = m.createQueryBuilder().update(Session).set({ revokedAt: new Date() }).where({ employeeId, revokedAt: IsNull() });
  if (exceptSessionId) qb.andWhere('id <> :sid', { sid: exceptSessionId });
  await qb.execute();
}
