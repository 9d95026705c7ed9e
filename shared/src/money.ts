/**
 * Money is integer fen (分) everywhere. These helpers are the only place yuan strings and
 * fen meet, so the desk, the mini-program and the server format and parse alike.
 */

/** 123456 -> "1,234.56" */
export function formatFen(fen: number, opts: { grouping?: boolean } = {}): string {
  if (!Number.isInteger(fen)) throw new TypeError(`amount must be integer fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toString();
  const cents = (abs % 100).toString().padStart(2, '0');
  const grouped = opts.grouping === false ? yuan : yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}.${cents}`;
}

/** "¥1,234.56" */
export function formatYuan(fen: number): string {
  return `¥${formatFen(fen)}`;
}

/**
 * "12.5" / "12.50" / "1,234" / "¥8" -> fen, exactly (no floating point).
 * Returns null when the text is not an amount with at most two decimals.
 */
export function parseYuan(text: string | number): number | null {
  const s = String(text).trim().replace(/^¥/, '').replace(/,/g, '');
  const m = /^(-)?(\d{1,9})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
