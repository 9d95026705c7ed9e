import { Config, Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { MOBILE_ROLES, WECHAT_TEMPLATE_KINDS } from '@hongyuan/shared';
import type { AppEnv } from '../../config/env';
import { isUniqueViolation, Tx } from '../../common/tx';
import { Employee } from '../org/org.entity';
import { WechatClient } from '../wechat/wechat.client';
import { WechatBinding, WechatSubscription } from '../wechat/wechat.entity';

/** Subscriptions each demo phone has per template after every start. */
const DEMO_QUOTA = 10;

/**
 * The demo only (npm start without WeChat credentials sets DEMO_WECHAT=1): a browser cannot run
 * wx.login or tap 允许, so at each start every employee with a mobile role plays his phone
 * against the stand-in: logs in as the simulated user "demo-<phone>", is bound to that openid
 * (if he is not bound yet) and taps 允许 for each template DEMO_QUOTA times, on WeChat's side
 * (the stand-in, which forgets on restart) and on ours. Then dispatching, submitting and
 * approving put real subscription messages in the stand-in's inbox (微信收件箱（演示）).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class DemoWechat {
  @Config('app') env: AppEnv;
  @Inject() tx: Tx;
  @Inject() client: WechatClient;
  @Logger() logger: ILogger;

  async prepare(): Promise<void> {
    if (this.env.wechat.mode !== 'standin') return;
    const people = (await this.tx.dataSource.manager.findBy(Employee, { enabled: true })).filter((e) =>
      e.roles.some((r) => MOBILE_ROLES.includes(r)),
    );
    for (let i = 0; ; i++) {
      try {
        await this.control('/__standin/reset', {});
        break;
      } catch (e) {
        if (i >= 60) throw e;
        await new Promise((r) => setTimeout(r, 500)); // the stand-in starts beside the server
      }
    }
    for (const e of people) {
      const { code } = (await this.control('/__standin/login', { user: `demo-${e.phone}` })) as { code: string };
      const session = await this.client.code2Session(code);
      const bound = await this.tx.dataSource.manager.findOneBy(WechatBinding, { employeeId: e.id });
      if (!bound) {
        try {
          await this.tx.run((m) =>
            m.insert(WechatBinding, {
              openid: session.openid,
              employeeId: e.id,
              sessionKey: session.sessionKey,
              method: 'demo',
              boundAt: new Date(),
              boundById: null,
            }),
          );
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          continue; // this demo openid is bound to someone else (bound by hand on the desk)
        }
      } else if (bound.openid !== session.openid) continue; // bound to another (real or test) WeChat: leave it
      for (const kind of WECHAT_TEMPLATE_KINDS) {
        const templateId = this.env.wechat.templates[kind];
        for (let n = 0; n < DEMO_QUOTA; n++)
          await this.control('/__standin/subscribe', { openid: session.openid, template_id: templateId, accept: true });
        await this.tx.run(async (m) => {
          const row = await m.findOneBy(WechatSubscription, { employeeId: e.id, templateId });
          if (row) await m.update(WechatSubscription, { id: row.id }, { quota: DEMO_QUOTA, updatedAt: new Date() });
          else
            await m.insert(WechatSubscription, {
              employeeId: e.id,
              templateId,
              quota: DEMO_QUOTA,
              alwaysReject: false,
              updatedAt: new Date(),
            });
        });
      }
    }
    this.logger.info(`[demo] ${people.length} 名员工的手机已模拟绑定微信替身，每个消息模板 ${DEMO_QUOTA} 条订阅额度`);
  }

  private async control(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${this.env.wechat.apiBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`stand-in ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  }
}
