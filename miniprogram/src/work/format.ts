import { formatDateTime, shanghaiDate, WORK_ORDER_STATE_LABELS, WORK_ORDER_TRANSITIONS, type WorkOrderState } from '@hongyuan/shared';
import type { TimelineEvent } from '@hongyuan/shared';

/** Tag colour of each state: what waits for someone stands out. */
export const STATE_TAG: Record<WorkOrderState, 'default' | 'primary' | 'warning' | 'success' | 'danger'> = {
  created: 'default',
  pending_dispatch: 'warning',
  dispatched: 'primary',
  in_progress: 'warning',
  finished: 'success',
  pending_followup: 'success',
  closed: 'default',
  cancelled: 'default',
};

export const stateLabel = (s: WorkOrderState) => WORK_ORDER_STATE_LABELS[s] ?? s;

/** "预约 11-28 09:00" style, the year only when it is not this year. */
export function appointmentText(iso: string | null, now: number = Date.now()): string {
  if (!iso) return '';
  const full = formatDateTime(iso);
  return full.slice(0, 4) === shanghaiDate(now).slice(0, 4) ? full.slice(5) : full;
}

/** Minutes said the way people say them: 35 分钟, 2.5 小时, 1.5 天. */
export function durationText(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  if (minutes < 60) return `${Math.round(minutes)} 分钟`;
  if (minutes < 24 * 60) return `${trim(minutes / 60)} 小时`;
  return `${trim(minutes / 1440)} 天`;
}

const trim = (n: number) => String(Math.round(n * 10) / 10);

/** 0.125 -> "12.5%" */
export function percentText(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${trim(rate * 100)}%`;
}

/** What one timeline step says: "派工给 王建学", "开始处理", "改派给 刘志强" ... */
export function eventTitle(e: TimelineEvent): string {
  const label = WORK_ORDER_TRANSITIONS[e.action]?.label ?? e.action;
  if ((e.action === 'dispatch' || e.action === 'reassign') && e.technician) return `${label}给 ${e.technician}`;
  return label;
}

/** The note of a step with what it is: 处理结果：..., 改派原因：... */
export function eventNote(e: TimelineEvent): string {
  if (!e.note) return '';
  const what = WORK_ORDER_TRANSITIONS[e.action]?.needsNote;
  return what ? `${what}：${e.note}` : `说明：${e.note}`;
}

/** "YYYY-MM-DD" plus n days (calendar arithmetic on the date itself). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export type Period = 'week' | 'month' | 'lastMonth';

export const PERIOD_LABELS: Record<Period, string> = { week: '本周', month: '本月', lastMonth: '上月' };

/** The dates (Asia/Shanghai) of a period: this week from Monday, this month, last month. */
export function periodRange(period: Period, now: number = Date.now()): { from: string; to: string } {
  const today = shanghaiDate(now);
  if (period === 'week') {
    const dow = new Date(`${today}T00:00:00.000Z`).getUTCDay();
    return { from: addDays(today, -((dow + 6) % 7)), to: today };
  }
  const firstOfMonth = `${today.slice(0, 8)}01`;
  if (period === 'month') return { from: firstOfMonth, to: today };
  const lastOfPrev = addDays(firstOfMonth, -1);
  return { from: `${lastOfPrev.slice(0, 8)}01`, to: lastOfPrev };
}

/** A position from the phone for the server's start record: "lat,lng", 6 decimals (about 0.1 m). */
export function locationText(latitude: number, longitude: number): string {
  return `${latitude.toFixed(6)},${longitude.toFixed(6)}`;
}
