import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { randomBytes } from 'crypto';
import { type EntityManager, IsNull, LessThan, MoreThan } from 'typeorm';
import type { LoginResult, WechatBindInput, WechatLoginInput, WechatLoginResult, WechatTicket as TicketView } from '@hongyuan/shared';
import type { Actor, RequestMeta } from '../../common/actor';
import { DomainError, invalid } from '../../common/errors';
import { Tx, unlessDuplicate } from '../../common/tx';
import { AuditService } from '../audit/audit.service';
import { LoginAttempt } from '../auth/auth.entity';
import { AuthService, sha256 } from '../auth/auth.service';
import { checkAgainstNothing, verifyPassword } from '../auth/password';
import { Employee } from '../org/org.entity';
import { AttemptLimiter, type AttemptLimit } from './attempt-limiter';
import { bindingAudit, maskOpenid, revokeWeappSessions } from './wechat-binding.service';
import { WechatClient, type WechatSession } from './wechat.client';
import { forgetSubscriptions } from './subscription.service';
import { WechatBinding, WechatBindingCode, WechatTicket } from './wechat.entity';

/** How long the phone may take to bind after an unbound WeChat login. */
export const TICKET_TTL_MS = 10 * 60 * 1000;
const WINDOW_MS = 15 * 60 * 1000;

/** Binding tries (right or wrong) per WeChat account, per IP and per phone number; WeChat logins per IP. */
export const WECHAT_LIMITS = {
  openid: { scope: 'wx-bind-openid', max: 5, windowMs: WINDOW_MS },
  ip: { scope: 'wx-bind-ip', max: 30, windowMs: WINDOW_MS },
  phone: { scope: 'wx-bind-phone', max: 5, windowMs: WINDOW_MS },
  login: { scope: 'wx-login-ip', max: 60, windowMs: 60_000 },
} satisfies Record<string, AttemptLimit>;

type BindMethod = 'code' | 'password';

/** Who an accepted binding attempt binds: the employee, and the code it consumes. */
interface BindTarget {
  employee: Employee;
  method: BindMethod;
  codeId: number | null;
  boundById: number;
}

/**
 * WeChat login on the phone: a bound openid logs its employee in silently; an unbound one gets a
 * ticket, and binds with a binding code from the desk or, once, with the employee's password.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WechatAuthService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;
  @Inject() auth: AuthService;
  @Inject() client: WechatClient;
  @Inject() limiter: AttemptLimiter;

  /** POST /auth/wechat: code → openid (at WeChat) → the bound employee's weapp session, or a ticket. */
  async login(input: WechatLoginInput, meta: RequestMeta): Promise<WechatLoginResult> {
    if (!(await this.limiter.take([[WECHAT_LIMITS.login, meta.ip]]))) throw new DomainError('RATE_LIMITED', '微信登录过于频繁，请稍后再试');
    const wx = await this.client.code2Session(input.code);
    const session = await this.tx.run(async (m) => {
      const binding = await m.findOneBy(WechatBinding, { openid: wx.openid });
      if (!binding) return null;
      const employee = await m.findOneByOrFail(Employee, { id: binding.employeeId });
      if (!employee.enabled) throw new DomainError('ACCOUNT_DISABLED');
      await m.update(WechatBinding, { id: binding.id }, { sessionKey: wx.sessionKey });
      await m.insert(LoginAttempt, {
        phone: employee.phone,
        ip: meta.ip.slice(0, 64),
        success: true,
        reason: 'wechat',
        createdAt: new Date(),
      });
      return { employeeId: employee.id, opened: await this.auth.openSession(m, employee.id, 'weapp') };
    });
    if (!session) return this.issueTicket(wx);
    return { bound: true, ...(await this.auth.loginResult(session.employeeId, 'weapp', session.opened)) };
  }

  /** POST /auth/wechat/bind: binds the ticket's openid (by binding code or password) and logs in. */
  async bind(input: WechatBindInput, meta: RequestMeta): Promise<LoginResult & { bound: true }> {
    const ticket = await this.liveTicket(input.ticket);
    const method: BindMethod = input.bindingCode !== undefined ? 'code' : 'password';
    const limits: [AttemptLimit, string][] = [
      [WECHAT_LIMITS.openid, ticket.openid],
      [WECHAT_LIMITS.ip, meta.ip],
    ];
    if (method === 'password') limits.push([WECHAT_LIMITS.phone, input.phone!]);
    if (!(await this.limiter.take(limits))) {
      await this.fail(meta, ticket, method, 'rate_limited');
      throw new DomainError('RATE_LIMITED', '绑定尝试次数过多，请 15 分钟后再试');
    }
    const target =
      method === 'code'
        ? await this.codeTarget(input.bindingCode!, ticket, meta)
        : await this.passwordTarget(input.phone!, input.password!, ticket, meta);
    const opened = await unlessDuplicate(
      this.tx.run((m) => this.bindIn(m, ticket, target, meta)),
      () => new DomainError('DUPLICATE', '该微信或该员工刚刚已被绑定，请重新进入小程序'),
    );
    return { bound: true, ...(await this.auth.loginResult(target.employee.id, 'weapp', opened)) };
  }

  private async bindIn(m: EntityManager, ticket: WechatTicket, target: BindTarget, meta: RequestMeta) {
    const now = new Date();
    const employeeId = target.employee.id;
    // Conditional updates, checked by affected rows: a ticket and a code are each used once.
    const ticketUse = await m.update(WechatTicket, { id: ticket.id, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
    if (ticketUse.affected !== 1) throw ticketExpired();
    if (target.codeId !== null) {
      const codeUse = await m.update(
        WechatBindingCode,
        { id: target.codeId, usedAt: IsNull(), voidedAt: IsNull(), expiresAt: MoreThan(now) },
        { usedAt: now },
      );
      if (codeUse.affected !== 1) throw invalid('bindingCode', '绑定码已使用，请让管理员重新生成');
    }
    const employee = await m.findOneByOrFail(Employee, { id: employeeId });
    if (!employee.enabled) throw new DomainError('ACCOUNT_DISABLED');
    const taken = await m.findOneBy(WechatBinding, { openid: ticket.openid });
    if (taken) throw new DomainError('DUPLICATE', '该微信已绑定其他员工，请联系管理员解除绑定');
    const previous = await m.findOneBy(WechatBinding, { employeeId });
    if (previous) {
      if (target.method === 'password') throw alreadyBound();
      // A code from the desk moves the employee to this WeChat: the old one's sessions end.
      await m.delete(WechatBinding, { id: previous.id });
      await forgetSubscriptions(m, employeeId);
      await revokeWeappSessions(m, employeeId);
    }
    const binding = {
      openid: ticket.openid,
      employeeId,
      sessionKey: ticket.sessionKey,
      method: target.method,
      boundAt: now,
      boundById: target.boundById,
    };
    await m.insert(WechatBinding, binding);
    await this.audit.record(
      m,
      { ...meta, actor: actorOf(employee) },
      {
        action: 'wechat.bind',
        entity: 'employee',
        entityId: employeeId,
        before: previous ? bindingAudit(previous) : undefined,
        after: bindingAudit(binding),
      },
    );
    return this.auth.openSession(m, employeeId, 'weapp');
  }

  /** The employee a binding code was issued for; a wrong, used, void or expired code is refused (and logged). */
  private async codeTarget(code: string, ticket: WechatTicket, meta: RequestMeta): Promise<BindTarget> {
    const row = await this.tx.dataSource.manager.findOne(WechatBindingCode, { where: { codeHash: sha256(code) }, order: { id: 'DESC' } });
    const refusal = !row
      ? (['bad_code', '绑定码不正确，请核对后重试'] as const)
      : row.usedAt
        ? (['used_code', '绑定码已使用，请让管理员重新生成'] as const)
        : row.voidedAt
          ? (['void_code', '绑定码已作废，请使用最新生成的绑定码'] as const)
          : row.expiresAt.getTime() <= Date.now()
            ? (['expired_code', '绑定码已过期，请让管理员重新生成'] as const)
            : null;
    if (refusal) {
      await this.fail(meta, ticket, 'code', refusal[0], row?.employeeId);
      throw invalid('bindingCode', refusal[1]);
    }
    const employee = await this.tx.dataSource.manager.findOneByOrFail(Employee, { id: row!.employeeId });
    return { employee, method: 'code', codeId: row!.id, boundById: row!.issuedById };
  }

  /** 用密码绑定: the employee's own phone and password, only while he has no WeChat bound. */
  private async passwordTarget(phone: string, password: string, ticket: WechatTicket, meta: RequestMeta): Promise<BindTarget> {
    const manager = this.tx.dataSource.manager;
    const employee = await manager.findOneBy(Employee, { phone });
    // An unknown phone costs the same hashing as a wrong password: the answer's time tells nothing.
    const ok = employee ? await verifyPassword(password, employee.passwordHash) : await checkAgainstNothing(password);
    if (!employee || !ok) {
      await this.fail(meta, ticket, 'password', employee ? 'bad_password' : 'unknown_phone', employee?.id);
      throw new DomainError('LOGIN_FAILED');
    }
    if (!employee.enabled) {
      await this.fail(meta, ticket, 'password', 'disabled', employee.id);
      throw new DomainError('ACCOUNT_DISABLED');
    }
    if (await manager.existsBy(WechatBinding, { employeeId: employee.id })) {
      await this.fail(meta, ticket, 'password', 'already_bound', employee.id);
      throw alreadyBound();
    }
    return { employee, method: 'password', codeId: null, boundById: employee.id };
  }

  private async issueTicket(wx: WechatSession): Promise<TicketView> {
    const ticket = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + TICKET_TTL_MS);
    await this.tx.run(async (m) => {
      await m.delete(WechatTicket, { expiresAt: LessThan(new Date(now.getTime() - 86400_000)) });
      await m.insert(WechatTicket, {
        ticketHash: sha256(ticket),
        openid: wx.openid,
        sessionKey: wx.sessionKey,
        createdAt: now,
        expiresAt,
        usedAt: null,
      });
    });
    return { bound: false, ticket, expiresAt: expiresAt.toISOString() };
  }

  private async liveTicket(ticket: string): Promise<WechatTicket> {
    const row = await this.tx.dataSource.manager.findOneBy(WechatTicket, {
      ticketHash: sha256(ticket),
      usedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    if (!row) throw ticketExpired();
    return row;
  }

  /** A refused binding attempt, in the audit log (its own transaction: the refusal rolls nothing back). */
  private async fail(meta: RequestMeta, ticket: WechatTicket, method: BindMethod, reason: string, employeeId?: number) {
    await this.tx.run((m) =>
      this.audit.record(m, meta, {
        action: 'wechat.bind.fail',
        entity: 'employee',
        entityId: employeeId ?? '',
        after: { method, reason, openid: maskOpenid(ticket.openid) },
      }),
    );
  }
}

const ticketExpired = () => new DomainError('BAD_REQUEST', '微信登录已过期，请重新进入小程序再绑定');
const alreadyBound = () => new DomainError('DUPLICATE', '该账号已绑定其他微信，请联系管理员解除绑定后再绑定');

/** The employee as the author of his own binding in the audit log (no session yet). */
function actorOf(e: Employee): Actor {
  return { id: e.id, name: e.name, roles: e.roles, sessionId: 0, client: 'weapp', csrfToken: '' };
}
