import { formatDateTime } from '@hongyuan/shared';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long since `iso`, said the way people say it: 刚刚, 25 分钟, 3 小时, 2 天. */
export function elapsed(iso: string, now: number = Date.now()): string {
  const ms = Math.max(0, now - new Date(iso).getTime());
  if (ms < MINUTE) return '刚刚';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} 分钟`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} 小时`;
  return `${Math.floor(ms / DAY)} 天`;
}

/** "已等待 3 小时" / "刚刚提交" for a document waiting for a decision. */
export function waitingText(createdAt: string, now: number = Date.now()): string {
  const e = elapsed(createdAt, now);
  return e === '刚刚' ? '刚刚提交' : `已等待 ${e}`;
}

/** "2026-11-25 09:41 起，已持有 3 天" */
export function heldSinceText(heldSince: string | null, now: number = Date.now()): string {
  if (!heldSince) return '';
  const e = elapsed(heldSince, now);
  return `${formatDateTime(heldSince)} 起${e === '刚刚' ? '' : `，已持有 ${e}`}`;
}

/** Model and spec of a part on one line, or a dash. */
export function specOf(p: { partModel?: string; partSpec?: string }): string {
  return [p.partModel, p.partSpec].filter(Boolean).join(' / ') || '—';
}
