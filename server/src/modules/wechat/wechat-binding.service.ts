import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { randomInt } from 'crypto';
import { type EntityManager, In, IsNull } from 'typeorm';
import { BINDING_CODE_LENGTH, BINDING_QR_PREFIX, type WechatBindingCode as CodeView, type WechatBindingStatus } from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import { invalid, notFound } from '../../common/errors';
import { Tx } from '../../common/tx';
import { AuditService } from '../audit/audit.service';
import { Session } from '../auth/auth.entity';
import { sha256 } from '../auth/auth.service';
import { Employee } from '../org/org.entity';
import { forgetSubscriptions } from './subscription.service';
import { WechatBinding, WechatBindingCode } from './wechat.entity';

/** How long a binding code issued on the desk can be used. */
export const BINDING_CODE_TTL_MS = 10 * 60 * 1000;

/** The desk's side of WeChat binding: issue a binding code, unbind. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WechatBindingService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  /** 生成绑定码: a new single-use code for an enabled employee; his older unused codes are void. */
  async issueCode(employeeId: number, meta: RequestMeta): Promise<CodeView> {
    return this.tx.run(async (m) => {
      const employee = await m.findOneBy(Employee, { id: employeeId });
      if (!employee) throw notFound('员工');
      if (!employee.enabled) throw invalid('employeeId', `员工 ${employee.name} 已停用，不能绑定微信`);
      const now = new Date();
      await voidCodes(m, employeeId, now);
      const code = String(randomInt(0, 10 ** BINDING_CODE_LENGTH)).padStart(BINDING_CODE_LENGTH, '0');
      const expiresAt = new Date(now.getTime() + BINDING_CODE_TTL_MS);
      await m.insert(WechatBindingCode, {
        employeeId,
        codeHash: sha256(code),
        issuedById: meta.actor!.id,
        createdAt: now,
        expiresAt,
        usedAt: null,
        voidedAt: null,
      });
      await this.audit.record(m, meta, {
        action: 'wechat.code.issue',
        entity: 'employee',
        entityId: employeeId,
        after: { expiresAt: expiresAt.toISOString() },
      });
      return { code, expiresAt: expiresAt.toISOString(), qrText: `${BINDING_QR_PREFIX}${code}` };
    });
  }

  /** 解除绑定: the WeChat no longer logs him in, and his mini-program sessions end. */
  async unbind(employeeId: number, meta: RequestMeta): Promise<void> {
    await this.tx.run(async (m) => {
      const binding = await m.findOneBy(WechatBinding, { employeeId });
      if (!binding) throw notFound('微信绑定');
      await dropWechatBinding(m, employeeId);
      await revokeWeappSessions(m, employeeId);
      await this.audit.record(m, meta, {
        action: 'wechat.unbind',
        entity: 'employee',
        entityId: employeeId,
        before: bindingAudit(binding),
      });
    });
  }
}

/** Removes an employee's WeChat binding and voids his unused binding codes (used when he is disabled). */
export async function dropWechatBinding(m: EntityManager, employeeId: number): Promise<void> {
  await m.delete(WechatBinding, { employeeId });
  await forgetSubscriptions(m, employeeId);
  await voidCodes(m, employeeId, new Date());
}

/** Ends the employee's mini-program sessions (bearer tokens); his desk session stays. */
export async function revokeWeappSessions(m: EntityManager, employeeId: number): Promise<void> {
  await m
    .createQueryBuilder()
    .update(Session)
    .set({ revokedAt: new Date() })
    .where({ employeeId, client: 'weapp', revokedAt: IsNull() })
    .execute();
}

/** The employee views with their WeChat binding status (wechatBound, wechatBoundAt). */
export async function withWechatStatus<V extends { id: number }>(m: EntityManager, views: V[]): Promise<(V & WechatBindingStatus)[]> {
  const bindings = views.length ? await m.findBy(WechatBinding, { employeeId: In(views.map((v) => v.id)) }) : [];
  const boundAt = new Map(bindings.map((b) => [b.employeeId, b.boundAt.toISOString()]));
  return views.map((v) => ({ ...v, wechatBound: boundAt.has(v.id), wechatBoundAt: boundAt.get(v.id) ?? null }));
}

/** What the audit log keeps of a binding: never the session_key, only the openid's tail. */
export function bindingAudit(b: Pick<WechatBinding, 'openid' | 'method' | 'boundAt' | 'boundById'>) {
  return { openid: maskOpenid(b.openid), method: b.method, boundAt: b.boundAt.toISOString(), boundById: b.boundById };
}

export const maskOpenid = (openid: string) => `…${openid.slice(-6)}`;

async function voidCodes(m: EntityManager, employeeId: number, now: Date): Promise<void> {
  await m.update(WechatBindingCode, { employeeId, usedAt: IsNull(), voidedAt: IsNull() }, { voidedAt: now });
}
