import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import {
  WECHAT_TEMPLATE_KINDS,
  WECHAT_TEMPLATES,
  type SubscribeResultInput,
  type SubscriptionResetInput,
  type SubscriptionSummary,
  type WechatTemplateKind,
} from '@hongyuan/shared';
import type { AppEnv } from '../../config/env';
import { isUniqueViolation, Tx } from '../../common/tx';
import { WechatBinding, WechatSubscription } from './wechat.entity';

/**
 * Subscriptions belong to the WeChat user who tapped 允许: when the employee's binding goes (unbound,
 * disabled, moved to another WeChat) they go too.
 */
export async function forgetSubscriptions(m: EntityManager, employeeId: number): Promise<void> {
  await m.update(WechatSubscription, { employeeId }, { quota: 0, alwaysReject: false, updatedAt: new Date() });
}

/**
 * Quotas of one-time subscriptions per (employee, template): +1 each time he taps 允许, -1 per
 * message queued (Notifier), 0 when WeChat answers 43101. "总是保持以上选择" with 拒绝 is
 * remembered so the phone stops asking, until he turns it back on from 我的.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubscriptionService {
  @Config('app') env: AppEnv;
  @Inject() tx: Tx;

  async summary(employeeId: number, m: EntityManager = this.tx.dataSource.manager): Promise<SubscriptionSummary> {
    const [rows, bound] = await Promise.all([m.findBy(WechatSubscription, { employeeId }), m.existsBy(WechatBinding, { employeeId })]);
    return {
      bound,
      templates: WECHAT_TEMPLATE_KINDS.map((kind) => {
        const templateId = this.templateId(kind);
        const row = rows.find((r) => r.templateId === templateId);
        return { kind, title: WECHAT_TEMPLATES[kind].title, templateId, quota: row?.quota ?? 0, alwaysReject: row?.alwaysReject ?? false };
      }),
    };
  }

  /** The phone reports one requestSubscribeMessage: ids it does not know are ignored. */
  async record(employeeId: number, input: SubscribeResultInput): Promise<SubscriptionSummary> {
    const known = new Set(WECHAT_TEMPLATE_KINDS.map((k) => this.templateId(k)));
    const ids = new Set([...Object.keys(input.results), ...input.alwaysRejected].filter((id) => known.has(id)));
    for (const templateId of ids) await this.ensureRow(employeeId, templateId);
    return this.tx.run(async (m) => {
      for (const templateId of ids) {
        const accepted = input.results[templateId] === 'accept';
        const qb = m.createQueryBuilder().update(WechatSubscription).where('employeeId = :employeeId AND templateId = :templateId', {
          employeeId,
          templateId,
        });
        if (accepted) await qb.set({ quota: () => 'quota + 1', alwaysReject: false, updatedAt: new Date() }).execute();
        else if (input.alwaysRejected.includes(templateId)) await qb.set({ alwaysReject: true, updatedAt: new Date() }).execute();
      }
      return this.summary(employeeId, m);
    });
  }

  /** 重新开启: the phone may ask again for these templates. */
  async reset(employeeId: number, input: SubscriptionResetInput): Promise<SubscriptionSummary> {
    return this.tx.run(async (m) => {
      for (const kind of input.kinds) {
        await m.update(
          WechatSubscription,
          { employeeId, templateId: this.templateId(kind) },
          { alwaysReject: false, updatedAt: new Date() },
        );
      }
      return this.summary(employeeId, m);
    });
  }

  templateId(kind: WechatTemplateKind): string {
    return this.env.wechat.templates[kind];
  }

  private async ensureRow(employeeId: number, templateId: string): Promise<void> {
    if (await this.tx.dataSource.manager.existsBy(WechatSubscription, { employeeId, templateId })) return;
    try {
      await this.tx.run((m) =>
        m.insert(WechatSubscription, { employeeId, templateId, quota: 0, alwaysReject: false, updatedAt: new Date() }),
      );
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
}
