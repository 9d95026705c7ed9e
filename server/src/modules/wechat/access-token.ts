import { randomBytes } from 'crypto';
import { hostname } from 'os';
import { Config, Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import type { AppEnv } from '../../config/env';
import { DomainError } from '../../common/errors';
import { isUniqueViolation, Tx } from '../../common/tx';
import { WechatClient } from './wechat.client';
import { WechatToken } from './wechat.entity';

/** A token with less than this left is refreshed before use. */
const MARGIN_MS = 5 * 60_000;
/** How long one process may hold the refresh lease: longer than a normal and a forced fetch (8 s each). */
const LEASE_MS = 30_000;
const WAIT_STEP_MS = 200;
const WAIT_MAX_MS = 20_000;

/** Who this process is, for leases and claims. */
export const PROCESS_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * WeChat's access token, cached in the database so every server process uses the same one. A
 * process that finds it missing or about to expire takes a lease (a conditional UPDATE) and
 * fetches a new one from /cgi-bin/stable_token; the others wait and read what it stored, so two
 * processes never fetch at once (and never retire each other's token).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class AccessTokenStore {
  @Config('app') env: AppEnv;
  @Inject() tx: Tx;
  @Inject() client: WechatClient;
  @Logger() logger: ILogger;

  /** A token with at least 5 minutes left. */
  async get(): Promise<string> {
    return this.obtain(null);
  }

  /**
   * WeChat said `bad` is invalid (40001) or expired (42001): fetch a new one, unless another
   * process already replaced it. Forces a refresh when the stable endpoint hands back `bad` again.
   */
  async refresh(bad: string): Promise<string> {
    await this.tx.run((w) => w.update(WechatToken, { appid: this.appid, token: bad }, { token: '', expiresAt: null }));
    return this.obtain(bad);
  }

  private get appid(): string {
    return this.env.wechat.appid;
  }

  private async obtain(bad: string | null): Promise<string> {
    await this.ensureRow();
    const deadline = Date.now() + WAIT_MAX_MS;
    for (;;) {
      const row = await this.tx.dataSource.manager.findOneByOrFail(WechatToken, { appid: this.appid });
      if (row.token && row.expiresAt && row.expiresAt.getTime() - Date.now() > MARGIN_MS) return row.token;
      if (await this.takeLease()) {
        try {
          let fresh = await this.client.stableToken(false);
          if (bad && fresh.token === bad) fresh = await this.client.stableToken(true);
          await this.tx.run((m) =>
            m.update(
              WechatToken,
              { appid: this.appid },
              { token: fresh.token, expiresAt: new Date(Date.now() + fresh.expiresIn * 1000), leaseOwner: null, leaseUntil: null },
            ),
          );
          return fresh.token;
        } catch (e) {
          await this.tx.run((m) =>
            m.update(WechatToken, { appid: this.appid, leaseOwner: PROCESS_ID }, { leaseOwner: null, leaseUntil: null }),
          );
          throw e;
        }
      }
      if (Date.now() > deadline) throw new DomainError('WECHAT_UNAVAILABLE', '获取微信 access_token 超时');
      await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
    }
  }

  private async takeLease(): Promise<boolean> {
    const now = new Date();
    const res = await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .update(WechatToken)
        .set({ leaseOwner: PROCESS_ID, leaseUntil: new Date(now.getTime() + LEASE_MS) })
        // only while the token still needs renewing: a process that read the row before another
        // stored a fresh token must not fetch (or force) a second one
        .where("appid = :appid AND (leaseUntil IS NULL OR leaseUntil < :now) AND (token = '' OR expiresAt IS NULL OR expiresAt < :soon)", {
          appid: this.appid,
          now,
          soon: new Date(now.getTime() + MARGIN_MS),
        })
        .execute(),
    );
    return res.affected === 1;
  }

  private async ensureRow(): Promise<void> {
    if (await this.tx.dataSource.manager.existsBy(WechatToken, { appid: this.appid })) return;
    try {
      await this.tx.run((m) =>
        m.insert(WechatToken, { appid: this.appid, token: '', expiresAt: null, leaseOwner: null, leaseUntil: null }),
      );
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
}
