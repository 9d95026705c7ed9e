import { Config, Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { In, LessThan } from 'typeorm';
import { shanghaiDate } from '@hongyuan/shared';
import type { AppEnv } from '../../config/env';
import { isUniqueViolation, Tx } from '../../common/tx';
import { AlertsService } from '../alerts/alerts.service';
import { SecurityEvent } from '../audit/security-event.entity';
import { LoginAttempt } from '../auth/auth.entity';
import { Employee, WarehouseKeeper } from '../org/org.entity';
import { JobRun } from './notification.entity';
import { Notifier } from './notifier.service';

const CHECK_EVERY_MS = 10 * 60_000;
const JOB = 'daily-reminders';
const DAY_MS = 86_400_000;
/** How long the login log (login_attempt) and 安全事件 are kept. */
export const KEEP_LOGIN_ATTEMPTS_DAYS = 180;
export const KEEP_SECURITY_EVENTS_DAYS = 365;

/**
 * Once a day (after DAILY_REMINDER_HOUR in Shanghai): each technician is reminded of parts he has
 * held longer than the alert setting, and each keeper gets a digest of his warehouses' low
 * stock. In-app messages (no subscription template: WeChat quotas are kept for dispatch and
 * approvals). A job_run row per day, inserted first, makes two processes run it once. The same
 * daily run removes login attempts and security events past their keeping time.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class DailyReminders {
  @Config('app') env: AppEnv;
  @Inject() tx: Tx;
  @Inject() alerts: AlertsService;
  @Inject() notifier: Notifier;
  @Logger() logger: ILogger;
  private timer: NodeJS.Timeout | null = null;

  start(): void {
    if (this.env.wechat.dailyReminderHour < 0) return;
    const tick = () => {
      const hour = (new Date().getUTCHours() + 8) % 24;
      if (hour >= this.env.wechat.dailyReminderHour)
        this.run(shanghaiDate()).catch((e) => this.logger.error(`[reminders] ${(e as Error).stack ?? e}`));
    };
    this.timer = setInterval(tick, CHECK_EVERY_MS);
    this.timer.unref();
    tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sends the day's reminders unless some process already did; answers whether it ran. */
  async run(day: string, now = new Date()): Promise<boolean> {
    if (await this.tx.dataSource.manager.existsBy(JobRun, { job: JOB, day })) return false;
    const alerts = await this.alerts.alerts(now);
    try {
      await this.tx.run(async (m) => {
        await m.insert(JobRun, { job: JOB, day, ranAt: now });
        const held = new Map<number, typeof alerts.longHeld>();
        for (const h of alerts.longHeld) held.set(h.employeeId, [...(held.get(h.employeeId) ?? []), h]);
        for (const [employeeId, items] of held) {
          const names = items.map((h) => `${h.partName}×${h.qty}`);
          await this.notifier.notify(m, {
            to: [employeeId],
            kind: 'held',
            title: `${items.length} 种配件持有超过 ${alerts.settings.heldDays} 天`,
            body: `请用于工单或退还仓库：${names.slice(0, 5).join('、')}${names.length > 5 ? ' 等' : ''}`,
            page: 'packages/stock/return-form/index',
          });
        }
        if (!alerts.lowStock.length) return;
        const keepers = await m.findBy(Employee, { enabled: true });
        const keeperIds = keepers.filter((e) => e.roles.includes('keeper')).map((e) => e.id);
        const ofWarehouse = await m.findBy(WarehouseKeeper, { employeeId: In(keeperIds.length ? keeperIds : [0]) });
        for (const keeperId of keeperIds) {
          const mine = new Set(ofWarehouse.filter((k) => k.employeeId === keeperId).map((k) => k.warehouseId));
          const items = alerts.lowStock.filter((l) => l.warehouseId === null || mine.has(l.warehouseId));
          if (!items.length) continue;
          const names = items.map((l) => `${l.partName}（${l.warehouseName || '未入库'} ${l.qty}/${l.minStock}）`);
          await this.notifier.notify(m, {
            to: [keeperId],
            kind: 'low_stock',
            title: `${items.length} 种配件低于安全库存`,
            body: `${names.slice(0, 5).join('、')}${names.length > 5 ? ' 等' : ''}`,
            page: 'packages/stock/alerts/index?kind=lowStock',
          });
        }
      });
      await this.prune(now);
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  /** Drops login attempts older than 180 days and security events last seen over a year ago. */
  async prune(now = new Date()): Promise<{ loginAttempts: number; securityEvents: number }> {
    return this.tx.run(async (m) => {
      const attempts = await m.delete(LoginAttempt, { createdAt: LessThan(new Date(now.getTime() - KEEP_LOGIN_ATTEMPTS_DAYS * DAY_MS)) });
      const events = await m.delete(SecurityEvent, { lastAt: LessThan(new Date(now.getTime() - KEEP_SECURITY_EVENTS_DAYS * DAY_MS)) });
      return { loginAttempts: attempts.affected ?? 0, securityEvents: events.affected ?? 0 };
    });
  }
}
