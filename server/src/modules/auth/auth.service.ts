import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { InjectEntityModel } from '@midwayjs/typeorm';
import { createHash, randomBytes } from 'crypto';
import { type EntityManager, IsNull, MoreThan, type Repository } from 'typeorm';
import { passwordPhoneIssue, type ChangePasswordInput, type LoginInput, type LoginResult, type Me } from '@hongyuan/shared';
import { DomainError } from '../../common/errors';
import { Tx } from '../../common/tx';
import type { Actor, RequestMeta } from '../../common/actor';
import type { AppEnv } from '../../config/env';
import { AuditService } from '../audit/audit.service';
import { SecurityEvents, type SecurityEventInput } from '../audit/security-event.service';
import { Employee } from '../org/org.entity';
import { AttemptLimiter, type AttemptLimit } from '../wechat/attempt-limiter';
import { LoginAttempt, Session } from './auth.entity';
import { checkAgainstNothing, hashPassword, verifyPassword } from './password';

const WINDOW_MS = 15 * 60 * 1000;

/**
 * Password guesses, counted atomically (AttemptLimiter: N parallel tries get at most `max`). A try
 * is taken before the password is checked and given back when it was right, so only failures
 * use a limit up. Per phone and address: guessing from one place never refuses the right
 * password from another. Per address, generous: an office behind one proxy shares it, and one
 * noisy device there must not lock the company out, but spraying many phones from it stops.
 */
export const LOGIN_LIMITS = {
  phoneIp: { scope: 'login-phone-ip', max: 5, windowMs: WINDOW_MS },
  ip: { scope: 'login-ip', max: 100, windowMs: WINDOW_MS },
} satisfies Record<string, AttemptLimit>;

/** 修改密码 checks the old password: a stolen session may not guess it faster than a login could. */
export const OLD_PASSWORD_LIMIT: AttemptLimit = { scope: 'password-old', max: 5, windowMs: WINDOW_MS };

/** What the admin reads under 安全事件 for each refused login. */
const LOGIN_FAILURE_REASONS: Record<string, string> = {
  bad_password: '密码错误',
  unknown_phone: '手机号未登记',
  disabled: '账号已停用',
  rate_limited: '同一手机号在此地址失败次数过多',
  rate_limited_ip: '此地址登录失败次数过多',
};

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A new session: the token (shown once), its CSRF token and when it ends. */
export interface OpenedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

@Provide()
@Scope(ScopeEnum.Singleton)
export class AuthService {
  @Config('app') env: AppEnv;
  @Inject() tx: Tx;
  @Inject() audit: AuditService;
  @Inject() limiter: AttemptLimiter;
  @Inject() security: SecurityEvents;
  @InjectEntityModel(Employee) employees: Repository<Employee>;
  @InjectEntityModel(Session) sessions: Repository<Session>;

  /**
   * Checks the password; refuses after 5 failures for a phone from one address, or 100 from one
   * address, in 15 minutes (LOGIN_LIMITS). Every try is logged, refused ones too.
   */
  async login(input: LoginInput, ip: string): Promise<{ result: LoginResult; token: string }> {
    const phoneIp: [AttemptLimit, string] = [LOGIN_LIMITS.phoneIp, `${input.phone}@${ip}`];
    const fromIp: [AttemptLimit, string] = [LOGIN_LIMITS.ip, ip];
    if (!(await this.limiter.take([phoneIp]))) {
      await this.logAttempt(input.phone, ip, false, 'rate_limited', null);
      throw new DomainError('RATE_LIMITED', '登录失败次数过多，请 15 分钟后再试');
    }
    if (!(await this.limiter.take([fromIp]))) {
      await this.limiter.giveBack([phoneIp]);
      await this.logAttempt(input.phone, ip, false, 'rate_limited_ip', null);
      throw new DomainError('RATE_LIMITED', '此网络登录失败次数过多，请 15 分钟后再试');
    }
    const employee = await this.employees.findOne({ where: { phone: input.phone } });
    // An unknown phone costs the same scrypt as a known one: the answer's timing tells nothing.
    const ok = employee ? await verifyPassword(input.password, employee.passwordHash) : await checkAgainstNothing(input.password);
    if (!employee || !ok) {
      await this.logAttempt(input.phone, ip, false, employee ? 'bad_password' : 'unknown_phone', employee);
      throw new DomainError('LOGIN_FAILED');
    }
    if (!employee.enabled) {
      await this.logAttempt(input.phone, ip, false, 'disabled', employee);
      throw new DomainError('ACCOUNT_DISABLED');
    }
    await this.limiter.giveBack([phoneIp, fromIp]);
    const opened = await this.tx.run(async (m) => {
      const session = await this.openSession(m, employee.id, input.client);
      await m.insert(LoginAttempt, { phone: input.phone, ip, success: true, reason: input.client, createdAt: new Date() });
      return session;
    });
    return { result: await this.loginResult(employee.id, input.client, opened), token: opened.token };
  }

  /** Opens a session for an employee inside the caller's transaction; the token is shown to the client once. */
  async openSession(m: EntityManager, employeeId: number, client: LoginInput['client']): Promise<OpenedSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + this.env.sessionDays * 86400_000);
    await m.insert(Session, { tokenHash: sha256(token), employeeId, client, csrfToken, createdAt: new Date(), expiresAt, revokedAt: null });
    return { token, csrfToken, expiresAt };
  }

  /** The answer of a login. On h5 the token travels only in the HttpOnly cookie that the controller sets. */
  async loginResult(employeeId: number, client: LoginInput['client'], opened: OpenedSession): Promise<LoginResult> {
    return {
      employee: await this.me(employeeId),
      token: client === 'weapp' ? opened.token : undefined,
      csrfToken: client === 'h5' ? opened.csrfToken : undefined,
      expiresAt: opened.expiresAt.toISOString(),
    };
  }

  /** The employee behind a session token, or null when it is unknown, expired, revoked or disabled. */
  async resolve(token: string): Promise<Actor | null> {
    const session = await this.sessions.findOne({
      where: { tokenHash: sha256(token), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
    });
    if (!session) return null;
    const employee = await this.employees.findOne({ where: { id: session.employeeId } });
    if (!employee || !employee.enabled) return null;
    return {
      id: employee.id,
      name: employee.name,
      roles: employee.roles,
      mustChangePassword: this.mustChange(employee),
      sessionId: session.id,
      client: session.client === 'weapp' ? 'weapp' : 'h5',
      csrfToken: session.csrfToken,
    };
  }

  async logout(actor: Actor): Promise<void> {
    await this.tx.run((m) => m.update(Session, { id: actor.sessionId }, { revokedAt: new Date() }));
  }

  async me(employeeId: number): Promise<Me> {
    const e = await this.employees.findOne({ where: { id: employeeId }, relations: { department: true } });
    if (!e) throw new DomainError('UNAUTHENTICATED');
    return {
      id: e.id,
      name: e.name,
      phone: e.phone,
      departmentId: e.departmentId,
      departmentName: e.department?.name ?? null,
      roles: e.roles,
      mustChangePassword: this.mustChange(e),
    };
  }

  /** A password someone else knows must be replaced first, except in the demo, where they are published. */
  private mustChange(e: Employee): boolean {
    return e.mustChangePassword && !this.env.demoMode;
  }

  /**
   * Changing the password ends every other session of the employee. The old password is checked
   * under OLD_PASSWORD_LIMIT (a right one gives its try back), and the new one may not contain
   * the login phone (the rest of the rules are in the schema).
   */
  async changePassword(input: ChangePasswordInput, meta: RequestMeta & { actor: Actor }): Promise<void> {
    const employee = await this.employees.findOneOrFail({ where: { id: meta.actor.id } });
    const limit: [AttemptLimit, string] = [OLD_PASSWORD_LIMIT, String(employee.id)];
    if (!(await this.limiter.take([limit]))) {
      throw new DomainError('RATE_LIMITED', '原密码错误次数过多，请 15 分钟后再试');
    }
    if (!(await verifyPassword(input.oldPassword, employee.passwordHash))) {
      throw new DomainError('VALIDATION', '原密码不正确', { issues: [{ path: 'oldPassword', message: '原密码不正确' }] });
    }
    await this.limiter.giveBack([limit]);
    if (input.oldPassword === input.newPassword) {
      throw new DomainError('VALIDATION', '新密码不能与原密码相同', {
        issues: [{ path: 'newPassword', message: '新密码不能与原密码相同' }],
      });
    }
    const phoneIssue = passwordPhoneIssue(input.newPassword, employee.phone);
    if (phoneIssue) throw new DomainError('VALIDATION', phoneIssue, { issues: [{ path: 'newPassword', message: phoneIssue }] });
    const passwordHash = await hashPassword(input.newPassword);
    await this.tx.run(async (m) => {
      await m.update(Employee, { id: employee.id }, { passwordHash, mustChangePassword: false, updatedAt: new Date() });
      await m
        .createQueryBuilder()
        .update(Session)
        .set({ revokedAt: new Date() })
        .where('employeeId = :id AND id <> :sid AND revokedAt IS NULL', { id: employee.id, sid: meta.actor.sessionId })
        .execute();
      await this.audit.record(m, meta, { action: 'password.change', entity: 'employee', entityId: employee.id });
    });
  }

  /** Every try goes to login_attempt; a refused one also to 安全事件 (counted per minute there). */
  private async logAttempt(phone: string, ip: string, success: boolean, reason: string, employee: Employee | null) {
    const event: SecurityEventInput = {
      kind: reason.startsWith('rate_limited') ? 'login_limited' : 'login_failed',
      employeeId: employee?.id ?? null,
      employeeName: employee?.name ?? '',
      // One row per address when a whole address is limited, whatever phones it tries.
      phone: reason === 'rate_limited_ip' ? '' : phone,
      ip,
      reason: LOGIN_FAILURE_REASONS[reason] ?? reason,
    };
    await this.tx.run(async (m) => {
      await m.insert(LoginAttempt, { phone, ip: ip.slice(0, 64), success, reason, createdAt: new Date() });
      if (!success) await this.security.record(m, event);
    });
  }
}
