import type { EntityManager } from 'typeorm';
import type { RequestMeta } from '../../common/actor';
import { DomainError } from '../../common/errors';
import { Setting } from '../alerts/setting.entity';
import { AuditService } from '../audit/audit.service';
import { Employee } from '../org/org.entity';

/** The setting row that claims the one first-run setup: its primary key lets one claimant win across processes. */
export const SETUP_CLAIM = 'setup.firstAdmin';

export const adminExists = () => new DomainError('CONFLICT', '系统已有管理员，请直接登录；新增员工请在工作台“员工管理”中进行');

/** An enabled employee holding the admin role (roles is a comma list, "service,admin"). */
export async function hasAdmin(m: EntityManager): Promise<boolean> {
  return m
    .createQueryBuilder(Employee, 'e')
    .where('e.enabled = :on', { on: true })
    .andWhere("(e.roles = 'admin' OR e.roles LIKE 'admin,%' OR e.roles LIKE '%,admin' OR e.roles LIKE '%,admin,%')")
    .getExists();
}

export interface FirstAdmin {
  name: string;
  phone: string;
  passwordHash: string;
}

/**
 * The administrator of an installation that has none (首次使用, by setup token or by the
 * create-admin command), inside the caller's transaction. The claim row goes in first: of two
 * setups racing on several processes, the second waits for it and then fails on its key (the
 * caller turns that into adminExists).
 */
export async function createFirstAdmin(m: EntityManager, admin: FirstAdmin, meta: RequestMeta, via: 'setup' | 'command'): Promise<number> {
  const now = new Date();
  if (await hasAdmin(m)) throw adminExists();
  await m.insert(Setting, { key: SETUP_CLAIM, value: `${via} ${now.toISOString()}`, updatedAt: now });
  const taken = await m.findOneBy(Employee, { phone: admin.phone });
  if (taken)
    throw new DomainError('DUPLICATE', `手机号 ${admin.phone} 已被员工 ${taken.name} 使用`, {
      issues: [{ path: 'phone', message: '该手机号已被使用' }],
    });
  const { identifiers } = await m.insert(Employee, {
    name: admin.name,
    phone: admin.phone,
    passwordHash: admin.passwordHash,
    departmentId: null,
    roles: ['admin'],
    enabled: true,
    mustChangePassword: false,
    createdAt: now,
    updatedAt: now,
  });
  const id = Number(identifiers[0].id);
  await new AuditService().record(m, meta, {
    action: 'setup.admin',
    entity: 'employee',
    entityId: id,
    after: { name: admin.name, phone: admin.phone, roles: ['admin'], via },
  });
  return id;
}

/** Drops a claim left from an earlier setup whose admin is gone (disabled), so a new setup can claim again. */
export async function releaseStaleClaim(m: EntityManager): Promise<void> {
  if (!(await hasAdmin(m))) await m.delete(Setting, { key: SETUP_CLAIM });
}
