import { Body, Config, Controller, Get, Inject, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import {
  subscribeResultInput,
  subscriptionResetInput,
  WECHAT_TEMPLATE_KINDS,
  WECHAT_TEMPLATES,
  z,
  type StandinInboxItem,
  type SubscriptionSummary,
} from '@hongyuan/shared';
import type { AppEnv } from '../../config/env';
import { Access } from '../../common/access';
import { DomainError } from '../../common/errors';
import { actorOf } from '../../common/request';
import { parse } from '../../common/validate';
import { Tx } from '../../common/tx';
import { Employee } from '../org/org.entity';
import { SubscriptionService } from './subscription.service';
import { WechatBinding } from './wechat.entity';

const inboxQuery = z.object({ employeeId: z.coerce.number().int().positive().optional() }).strict();

@Controller('/api/wechat', { tagName: '微信订阅消息' })
export class WechatMessagesController {
  @Inject() ctx: Context;
  @Inject() subscriptions: SubscriptionService;
  @Inject() tx: Tx;
  @Config('app') env: AppEnv;

  @Get('/mode', { summary: '微信模式：real（真实微信）或 standin（本机演示替身）' })
  @Access('login')
  async mode() {
    return { mode: this.env.wechat.mode };
  }

  @Get('/subscriptions', { summary: '我的订阅消息额度（每个模板还能收几条）与“总是拒绝”' })
  @Access('login')
  async summary(): Promise<SubscriptionSummary> {
    return this.subscriptions.summary(actorOf(this.ctx).id);
  }

  @Post('/subscriptions', { summary: '上报 requestSubscribeMessage 的结果：允许则额度 +1；总是拒绝则不再询问' })
  @Access('login', { body: subscribeResultInput })
  async record(@Body() body: unknown): Promise<SubscriptionSummary> {
    return this.subscriptions.record(actorOf(this.ctx).id, parse(subscribeResultInput, body));
  }

  @Post('/subscriptions/reset', { summary: '重新开启被“总是拒绝”的消息提醒' })
  @Access('login', { body: subscriptionResetInput })
  async reset(@Body() body: unknown): Promise<SubscriptionSummary> {
    return this.subscriptions.reset(actorOf(this.ctx).id, parse(subscriptionResetInput, body));
  }

  @Get('/standin-inbox', { summary: '微信收件箱（演示）：替身收到的订阅消息，按员工显示（仅演示模式）' })
  @Access('audit.read', { query: inboxQuery })
  async standinInbox(@Query() query: unknown): Promise<{ items: StandinInboxItem[] }> {
    const q = parse(inboxQuery, query);
    if (this.env.wechat.mode !== 'standin') throw new DomainError('NOT_FOUND', '仅演示模式（微信替身）可用');
    let delivered: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }>; at: string | number }[];
    try {
      const res = await fetch(`${this.env.wechat.apiBase}/__standin/inbox`, { signal: AbortSignal.timeout(5000) });
      delivered = ((await res.json()) as { items: typeof delivered }).items;
    } catch {
      throw new DomainError('WECHAT_UNAVAILABLE', '微信替身没有运行（npm start 会启动它）');
    }
    const m = this.tx.dataSource.manager;
    const [bindings, employees] = await Promise.all([m.find(WechatBinding), m.find(Employee, { select: { id: true, name: true } })]);
    const byTemplate = new Map(WECHAT_TEMPLATE_KINDS.map((k) => [this.env.wechat.templates[k], WECHAT_TEMPLATES[k]]));
    const items = delivered
      .map((d): StandinInboxItem => {
        const employeeId = bindings.find((b) => b.openid === d.touser)?.employeeId ?? null;
        const spec = byTemplate.get(d.template_id);
        const keys = spec ? Object.keys(spec.keywords) : Object.keys(d.data);
        return {
          employeeId,
          employeeName: employees.find((e) => e.id === employeeId)?.name ?? '（未绑定的微信用户）',
          templateId: d.template_id,
          title: spec?.title ?? d.template_id,
          fields: keys.map((key) => ({ key, label: spec?.keywords[key] ?? key, value: d.data[key]?.value ?? '' })),
          page: d.page ?? '',
          at: new Date(d.at).toISOString(),
        };
      })
      .filter((i) => !q.employeeId || i.employeeId === q.employeeId)
      .reverse();
    return { items };
  }
}
