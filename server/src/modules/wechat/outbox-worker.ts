import { Config, Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import type { AppEnv } from '../../config/env';
import { Tx } from '../../common/tx';
import { Notification } from '../notification/notification.entity';
import { Notifier } from '../notification/notifier.service';
import { AccessTokenStore, PROCESS_ID } from './access-token';
import { WechatClient, type SendAnswer } from './wechat.client';
import { WechatBinding, WechatOutbox, WechatSubscription } from './wechat.entity';

/** A claimed row not answered within this long was interrupted (the process died mid-send). */
const CLAIM_MS = 2 * 60_000;
/** Waits before the 2nd, 3rd … attempt after a busy/network failure; then it fails for good. */
const BACKOFF_MS = [5_000, 30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000];
const BATCH = 20;

/** Errors worth another try later: 43108 concurrent sends to one user, -1 system busy, null = the request never left. */
const RETRY = new Set<number | null>([43108, -1, null]);
const TOKEN = new Set<number | null>([40001, 42001]);

/** What an errcode means on the desk (失败（原因）). */
export function sendErrorText(errcode: number | null, errmsg: string): string {
  const known: Record<number, string> = {
    40003: 'openid 无效（员工需重新绑定微信）',
    40037: '模板 ID 无效（检查 WECHAT_TPL_* 配置）',
    47003: '模板参数不符合要求',
    45168: '内容含敏感词',
    41030: '跳转页面无效',
    43101: '用户拒绝接收或订阅额度已用完',
    43108: '并发下发消息给同一用户，稍后重试',
    40001: 'access_token 无效',
    42001: 'access_token 已过期',
    [-1]: '微信系统繁忙',
  };
  const text = errcode === null ? `无法连接微信服务器（${errmsg}）` : (known[errcode] ?? errmsg);
  return (errcode === null ? text : `${errcode} ${text}`).slice(0, 200);
}

/**
 * Sends the outbox after commit. A row is claimed by a conditional UPDATE (pending and due ->
 * sending, with this process's id), so two workers never send the same row; a claim left by a
 * process that died mid-send is not retried (WeChat may have delivered it) but marked failed.
 * Busy answers and requests that never left retry with back-off; a timeout after the request left
 * is not retried (WeChat may have delivered it); 40001/42001 refresh the token once; 43101 empties
 * the quota; 40003/40037/47003/45168 and anything unknown fail for good, give the subscription
 * back (WeChat did not use it) and show on the desk. A message whose employee has since unbound
 * or changed his WeChat is not sent to the old openid.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class OutboxWorker {
  @Config('app') env: AppEnv;
  @Inject() tx: Tx;
  @Inject() tokens: AccessTokenStore;
  @Inject() client: WechatClient;
  @Inject() notifier: Notifier;
  @Logger() logger: ILogger;

  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  /** Polls every `intervalMs` and whenever a business transaction queued a message. */
  start(intervalMs: number): void {
    this.stopped = false;
    this.notifier.onQueued = () => this.kick();
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.notifier.onQueued = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((e) => this.logger.error(`[wechat] outbox: ${(e as Error).stack ?? e}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Sends everything due now; answers how many rows it handled. Tests call it directly. */
  async drain(now = () => new Date()): Promise<number> {
    let handled = await this.expireStaleClaims(now());
    for (;;) {
      const due = await this.tx.dataSource.manager
        .createQueryBuilder(WechatOutbox, 'o')
        .select('o.id', 'id')
        .where("o.status = 'pending' AND o.nextAttemptAt <= :now", { now: now() })
        .orderBy('o.id', 'ASC')
        .limit(BATCH)
        .getRawMany<{ id: number }>();
      if (!due.length) return handled;
      // The token before any claim: a claim is a promise to send now (a crash after it is not retried).
      let token: string;
      try {
        token = await this.tokens.get();
      } catch (e) {
        this.logger.warn(`[wechat] outbox: no access token, will try again: ${(e as Error).message}`);
        return handled;
      }
      let claimedAny = false;
      for (const { id } of due) {
        const row = await this.claim(Number(id), now());
        if (!row) continue;
        claimedAny = true;
        handled++;
        token = await this.send(row, token, now);
      }
      if (!claimedAny) return handled;
    }
  }

  private async claim(id: number, now: Date): Promise<WechatOutbox | null> {
    const res = await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .update(WechatOutbox)
        .set({ status: 'sending', claimedBy: PROCESS_ID, claimedUntil: new Date(now.getTime() + CLAIM_MS), attempts: () => 'attempts + 1' })
        .where("id = :id AND status = 'pending' AND nextAttemptAt <= :now", { id, now })
        .execute(),
    );
    if (res.affected !== 1) return null;
    return this.tx.dataSource.manager.findOneBy(WechatOutbox, { id });
  }

  /** Sends one claimed row; answers the token to use for the next (refreshed if it had to be). */
  private async send(row: WechatOutbox, token: string, now: () => Date): Promise<string> {
    // Still his WeChat? Unbound, disabled or moved to another WeChat since it was queued: the old
    // openid must not get it.
    const binding = await this.tx.dataSource.manager.findOneBy(WechatBinding, { employeeId: row.employeeId });
    if (binding?.openid !== row.openid) {
      await this.tx.run((m) =>
        this.mark(m, row, { status: 'failed', lastError: '员工已解绑或更换微信，未发送' }, 'unbound', '员工已解绑或更换微信，未发送'),
      );
      return token;
    }
    const message = {
      touser: row.openid,
      template_id: row.templateId,
      page: row.page,
      data: JSON.parse(row.data) as unknown,
      miniprogram_state: this.env.wechat.miniprogramState,
      lang: 'zh_CN',
    };
    let answer = await this.client.sendSubscribe(token, message);
    if (TOKEN.has(answer.errcode)) {
      try {
        token = await this.tokens.refresh(token);
        answer = await this.client.sendSubscribe(token, message);
      } catch (e) {
        answer = { errcode: null, errmsg: (e as Error).message, unknown: false };
      }
    }
    await this.settle(row, answer, now());
    return token;
  }

  /** Records the answer: sent, another try later, or failed for good (and why). */
  private async settle(row: WechatOutbox, answer: SendAnswer, now: Date): Promise<void> {
    const { errcode, errmsg } = answer;
    await this.tx.run(async (m) => {
      if (errcode === 0) {
        await this.mark(m, row, { status: 'sent', sentAt: now, lastErrcode: null, lastError: '' }, 'sent', '');
        return;
      }
      if (answer.unknown) {
        // WeChat may have delivered it (a timeout after the request left): never twice.
        const text = `发送结果未知（${errmsg}），为免重复未重发`;
        this.logger.error(`[wechat] outbox ${row.id}: ${text}`);
        await this.mark(m, row, { status: 'failed', lastErrcode: null, lastError: text }, 'failed', text);
        return;
      }
      const text = sendErrorText(errcode, errmsg);
      const retry = RETRY.has(errcode) || TOKEN.has(errcode);
      if (retry && row.attempts <= BACKOFF_MS.length) {
        const next = new Date(now.getTime() + BACKOFF_MS[row.attempts - 1]);
        await this.mark(m, row, { status: 'pending', nextAttemptAt: next, lastErrcode: errcode, lastError: text }, 'pending', text);
        return;
      }
      if (errcode === 43101) {
        // He refused, or WeChat counts his subscriptions differently: none left until he allows again.
        await m.update(WechatSubscription, { employeeId: row.employeeId, templateId: row.templateId }, { quota: 0, updatedAt: now });
        await this.mark(m, row, { status: 'failed', lastErrcode: errcode, lastError: text }, 'no_quota', '');
        return;
      }
      this.logger.error(`[wechat] outbox ${row.id} to employee ${row.employeeId} failed for good: ${text}`);
      // WeChat takes a subscription only for a message it delivered: his is given back
      if (await this.mark(m, row, { status: 'failed', lastErrcode: errcode, lastError: text }, 'failed', text))
        await m
          .createQueryBuilder()
          .update(WechatSubscription)
          .set({ quota: () => 'quota + 1', updatedAt: now })
          .where('employeeId = :employeeId AND templateId = :templateId', { employeeId: row.employeeId, templateId: row.templateId })
          .execute();
    });
  }

  /** Updates the row only while this process still holds its claim, and its notification with it. */
  private async mark(
    m: EntityManager,
    row: WechatOutbox,
    set: Partial<WechatOutbox>,
    delivery: Notification['wechat'],
    error: string,
  ): Promise<boolean> {
    const res = await m
      .createQueryBuilder()
      .update(WechatOutbox)
      .set({ ...set, claimedBy: null, claimedUntil: null })
      .where("id = :id AND status = 'sending' AND claimedBy = :me", { id: row.id, me: PROCESS_ID })
      .execute();
    if (res.affected !== 1) return false;
    await m.update(Notification, { id: row.notificationId }, { wechat: delivery, wechatError: error });
    return true;
  }

  /** Claims whose process died mid-send: WeChat may have delivered them, so never resend; say so. */
  private async expireStaleClaims(now: Date): Promise<number> {
    const stale = await this.tx.dataSource.manager
      .createQueryBuilder(WechatOutbox, 'o')
      .where("o.status = 'sending' AND o.claimedUntil < :now", { now })
      .getMany();
    const text = '发送中断，结果未知（为免重复未重发）';
    for (const row of stale) {
      await this.tx.run(async (m) => {
        const res = await m
          .createQueryBuilder()
          .update(WechatOutbox)
          .set({ status: 'failed', lastError: text, claimedBy: null, claimedUntil: null })
          .where("id = :id AND status = 'sending' AND claimedUntil < :now", { id: row.id, now })
          .execute();
        if (res.affected === 1) await m.update(Notification, { id: row.notificationId }, { wechat: 'failed', wechatError: text });
      });
    }
    return stale.length;
  }
}
