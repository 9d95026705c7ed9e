import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { In, IsNull, type EntityManager } from 'typeorm';
import type { NotificationKind, WechatDelivery, WechatTemplateKind } from '@hongyuan/shared';
import type { AppEnv } from '../../config/env';
import { Tx } from '../../common/tx';
import { WechatBinding, WechatOutbox, WechatSubscription } from '../wechat/wechat.entity';
import { templateData } from '../wechat/template-values';
import { Notification } from './notification.entity';

/** A message to one or more employees; each gets his own in-app copy (and WeChat copy). */
export interface Message {
  to: readonly number[];
  kind: NotificationKind;
  title: string;
  body: string;
  /** the mini-program page to open, with its query, no leading slash */
  page: string;
  workOrderId?: number | null;
  docType?: string | null;
  docId?: number | null;
  /** asks for an action (closed later by done()) */
  todo?: boolean;
  /** the subscription message: template kind and its keyword values (fitted to WeChat's rules here) */
  wechat?: { template: WechatTemplateKind; values: Record<string, string | number | Date> };
}

/** Which to-dos an action closed. */
export type DoneFilter =
  | { docType: string; docId: number; kinds?: NotificationKind[]; employeeId?: number }
  | { workOrderId: number; kinds?: NotificationKind[]; employeeId?: number; notices?: boolean };

/**
 * The one way anything tells an employee something. Called INSIDE the business transaction: it
 * writes the in-app message and, when he is bound to WeChat and has a subscription left for the
 * template, takes one and writes the outbox row, so a rollback leaves neither and a crash loses
 * neither. The outbox worker is woken after the commit.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class Notifier {
  @Config('app') env: AppEnv;
  @Inject() tx: Tx;
  /** set by the outbox worker: wakes it after a commit */
  onQueued: (() => void) | null = null;

  async notify(m: EntityManager, msg: Message): Promise<void> {
    const to = [...new Set(msg.to)];
    if (!to.length) return;
    const bindings = msg.wechat ? await m.findBy(WechatBinding, { employeeId: In(to) }) : [];
    const now = new Date();
    let queued = false;
    for (const employeeId of to) {
      const binding = bindings.find((b) => b.employeeId === employeeId);
      const templateId = msg.wechat ? this.env.wechat.templates[msg.wechat.template] : '';
      let wechat: WechatDelivery = 'none';
      if (msg.wechat) wechat = !binding ? 'unbound' : (await this.takeQuota(m, employeeId, templateId, now)) ? 'pending' : 'no_quota';
      const { identifiers } = await m.insert(Notification, {
        employeeId,
        kind: msg.kind,
        title: msg.title.slice(0, 50),
        body: msg.body.slice(0, 200),
        page: msg.page,
        workOrderId: msg.workOrderId ?? null,
        docType: msg.docType ?? null,
        docId: msg.docId ?? null,
        todo: !!msg.todo,
        doneAt: null,
        doneNote: '',
        wechat,
        wechatError: '',
        readAt: null,
        createdAt: now,
      });
      if (wechat === 'pending' && binding && msg.wechat) {
        await m.insert(WechatOutbox, {
          notificationId: identifiers[0].id as number,
          employeeId,
          openid: binding.openid,
          templateKind: msg.wechat.template,
          templateId,
          page: msg.page,
          data: JSON.stringify(templateData(msg.wechat.values)),
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          claimedBy: null,
          claimedUntil: null,
          lastErrcode: null,
          lastError: '',
          sentAt: null,
          createdAt: now,
        });
        queued = true;
      }
    }
    if (queued) this.tx.afterCommit(m, () => this.onQueued?.());
  }

  /**
   * Closes the open to-dos the filter names (they leave the badge; the list shows the note,
   * e.g. 已由 张三 处理（已批准）). With `notices`, the plain notices about a work order go too
   * (a 已改派 or 请协助 about an order that is finished no longer needs anyone's attention).
   */
  async done(m: EntityManager, filter: DoneFilter, note: string): Promise<void> {
    const where: Record<string, unknown> = { doneAt: IsNull() };
    if (!('notices' in filter && filter.notices)) where.todo = true;
    if ('docType' in filter) Object.assign(where, { docType: filter.docType, docId: filter.docId });
    else where.workOrderId = filter.workOrderId;
    if (filter.kinds) where.kind = In(filter.kinds);
    if (filter.employeeId) where.employeeId = filter.employeeId;
    await m.update(Notification, where, { doneAt: new Date(), doneNote: note.slice(0, 100) });
  }

  /** One subscription of the template, if he has one left (a conditional UPDATE: never below 0). */
  private async takeQuota(m: EntityManager, employeeId: number, templateId: string, now: Date): Promise<boolean> {
    const res = await m
      .createQueryBuilder()
      .update(WechatSubscription)
      .set({ quota: () => 'quota - 1', updatedAt: now })
      .where('employeeId = :employeeId AND templateId = :templateId AND quota > 0', { employeeId, templateId })
      .execute();
    return res.affected === 1;
  }
}
