import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { SetupInput, SetupStatus } from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import { DomainError } from '../../common/errors';
import { Tx, unlessDuplicate } from '../../common/tx';
import type { AppEnv } from '../../config/env';
import { AttemptLimiter, type AttemptLimit } from '../wechat/attempt-limiter';
import { adminExists, createFirstAdmin, hasAdmin, releaseStaleClaim } from './first-admin';
import { hashPassword } from './password';

/** Wrong setup tokens from one address: the token is 192 random bits, this only keeps the log quiet. */
export const SETUP_LIMIT: AttemptLimit = { scope: 'setup-ip', max: 10, windowMs: 15 * 60 * 1000 };

const TOKEN_FILE = 'setup-token';
const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * 首次使用 without demo data: while the database has no administrator, the server holds a one-time
 * setup token (printed at start, and in DATA_DIR/setup-token, readable by its owner only) with which
 * POST /api/setup creates the first administrator once. The token survives restarts until it is
 * used, so processes sharing DATA_DIR agree on it; once an administrator exists it is gone.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SetupService {
  @Config('app') env: AppEnv;
  @Inject() tx: Tx;
  @Inject() limiter: AttemptLimiter;
  private token: string | null = null;

  get tokenFile(): string {
    return join(this.env.dataDir, TOKEN_FILE);
  }

  /** At start, after migrations and the demo seed: the token when there is no administrator yet, else null. */
  async prepare(): Promise<string | null> {
    if (await hasAdmin(this.tx.dataSource.manager)) {
      this.forget();
      return null;
    }
    await this.tx.run((m) => releaseStaleClaim(m));
    const token = this.readTokenFile() ?? randomBytes(24).toString('base64url');
    writeFileSync(this.tokenFile, `${token}\n`, { mode: 0o600 });
    chmodSync(this.tokenFile, 0o600);
    this.token = token;
    return token;
  }

  async status(): Promise<SetupStatus> {
    return { pending: this.token !== null && !(await hasAdmin(this.tx.dataSource.manager)) };
  }

  /** Creates the first administrator; the token is compared in constant time and works once. */
  async complete(input: SetupInput, meta: RequestMeta): Promise<{ id: number; name: string; phone: string }> {
    const limit: [AttemptLimit, string] = [SETUP_LIMIT, meta.ip];
    if (!(await this.limiter.take([limit]))) throw new DomainError('RATE_LIMITED', '初始化口令错误次数过多，请 15 分钟后再试');
    if (!this.token || (await hasAdmin(this.tx.dataSource.manager))) {
      await this.limiter.giveBack([limit]);
      throw adminExists();
    }
    if (!timingSafeEqual(sha256(input.token), sha256(this.token))) {
      throw new DomainError('FORBIDDEN', '初始化口令不正确：请使用服务器启动时打印的口令（也在数据目录的 setup-token 文件中）', {
        issues: [{ path: 'token', message: '初始化口令不正确' }],
      });
    }
    await this.limiter.giveBack([limit]);
    const passwordHash = await hashPassword(input.password);
    const admin = { name: input.name, phone: input.phone, passwordHash };
    const id = await unlessDuplicate(
      this.tx.run((m) => createFirstAdmin(m, admin, meta, 'setup')),
      () => adminExists(),
    );
    this.forget();
    return { id, name: input.name, phone: input.phone };
  }

  private readTokenFile(): string | null {
    try {
      const saved = readFileSync(this.tokenFile, 'utf8').trim();
      return /^[A-Za-z0-9_-]{32,}$/.test(saved) ? saved : null;
    } catch {
      return null;
    }
  }

  private forget(): void {
    this.token = null;
    rmSync(this.tokenFile, { force: true });
  }
}
