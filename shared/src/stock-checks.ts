import { z } from './zod-zh';
import { id, quantity } from './schemas/fields';

/**
 * 差异较大: a counted line the approver should look at again before 审核 posts it (a quantity
 * booked on the wrong part, a digit too many). Shared by the desk and the phone.
 */
export const BIG_VARIANCE = {
  /** |实盘 − 账面| in pieces */
  qty: 10,
  /** |差异金额| in fen at cost price (¥500) */
  valueFen: 50_000,
  /** share of the book quantity, counted only from `ratioMinQty` pieces on (1 of 1 missing is not large) */
  ratio: 0.5,
  ratioMinQty: 2,
} as const;

export interface VarianceLike {
  bookQty: number;
  difference: number | null;
  /** fen; absent when the reader may not see cost prices */
  differenceValue?: number;
}

/** Why a line's variance is large ('' when it is not): 数量、金额 or 比例. */
export function bigVarianceReason(l: VarianceLike): string {
  const d = l.difference;
  if (d === null || d === 0) return '';
  const n = Math.abs(d);
  if (n >= BIG_VARIANCE.qty) return `差 ${d > 0 ? '+' : ''}${d}`;
  if (l.differenceValue !== undefined && Math.abs(l.differenceValue) >= BIG_VARIANCE.valueFen) return '金额较大';
  if (n >= BIG_VARIANCE.ratioMinQty && l.bookQty > 0 && n >= l.bookQty * BIG_VARIANCE.ratio)
    return `账面的 ${Math.round((n / l.bookQty) * 100)}%`;
  return '';
}

export const isBigVariance = (l: VarianceLike): boolean => bigVarianceReason(l) !== '';

/**
 * 撤销 one's own last count of a part: the line goes back to the count before it (a new entry in
 * the 录入记录), or to 未盘 when it was the first. countedQty is the count being taken back, so a
 * count entered by someone else in between is not undone by mistake.
 */
export const stocktakeUndoInput = z.object({ partId: id('配件'), countedQty: quantity('撤销的实盘数量') }).strict();

/** 提交 a 配件调回单 without a part: say why instead of failing on an empty list. */
export function emptyReturnMessage(employeeName?: string | null, holdsNothing = false): string {
  if (employeeName && holdsNothing) return `${employeeName}手上没有配件，无需调回`;
  return '调回单还没有配件：请先列出员工手上的配件，填写本次调回的数量后再提交';
}
