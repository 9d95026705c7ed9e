/**
 * Time is stored in UTC and shown in Asia/Shanghai (UTC+8 all year, no daylight saving),
 * so the conversion is a fixed offset and needs no time-zone database on the phone.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

function shifted(d: Date | string | number): Date {
  return new Date(new Date(d).getTime() + SHANGHAI_OFFSET_MS);
}

/** "2026-11-28" in Shanghai. */
export function shanghaiDate(d: Date | string | number = Date.now()): string {
  return shifted(d).toISOString().slice(0, 10);
}

/** "2026-11-28 09:41" in Shanghai. */
export function formatDateTime(d: Date | string | number | null | undefined): string {
  if (d === null || d === undefined || d === '') return '';
  const s = shifted(d).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** The UTC instant of 00:00 in Shanghai on the given "YYYY-MM-DD". */
export function shanghaiDayStart(day: string): Date {
  return new Date(new Date(`${day}T00:00:00.000Z`).getTime() - SHANGHAI_OFFSET_MS);
}
