/**
 * Line amounts with VAT, in integer fen. The one function the server and the pages use, so a
 * settlement shows the same numbers everywhere.
 *
 * Rounding rule (stated, tested): each line is rounded on its own, half up to the fen
 * (四舍五入到分，逐行计算); totals are sums of the rounded lines.
 * - tax-included price (含税): gross = price × qty; net = round(gross / (1 + rate)); tax = gross − net
 * - tax-excluded price (不含税): net = price × qty; tax = round(net × rate); gross = net + tax
 * A discount (优惠) comes off the gross total and never below zero.
 */
export interface AmountLine {
  /** Unit price in fen. */
  unitPrice: number;
  qty: number;
  /** VAT in percent: 13 means 13%. */
  taxRate: number;
  taxIncluded: boolean;
}

export interface LineAmounts {
  net: number;
  tax: number;
  gross: number;
}

/** round(a / b) half up, for non-negative integers, without floating point. */
function divRound(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

export function lineAmounts(l: AmountLine): LineAmounts {
  if (![l.unitPrice, l.qty, l.taxRate].every((v) => Number.isInteger(v) && v >= 0)) {
    throw new RangeError('unit price (fen), quantity and tax rate must be non-negative integers');
  }
  const base = l.unitPrice * l.qty;
  if (l.taxIncluded) {
    const net = divRound(base * 100, 100 + l.taxRate);
    return { net, tax: base - net, gross: base };
  }
  const tax = divRound(base * l.taxRate, 100);
  return { net: base, tax, gross: base + tax };
}

export interface Totals extends LineAmounts {
  discount: number;
  /** What the customer pays: gross − discount. */
  payable: number;
  /** Net and tax per VAT rate, for the invoice (开票). */
  byRate: { taxRate: number; net: number; tax: number; gross: number }[];
}

export function totals(lines: AmountLine[], discount = 0): Totals {
  if (!Number.isInteger(discount) || discount < 0) throw new RangeError('discount must be non-negative integer fen');
  const byRate = new Map<number, LineAmounts>();
  let net = 0;
  let tax = 0;
  for (const l of lines) {
    const a = lineAmounts(l);
    net += a.net;
    tax += a.tax;
    const r = byRate.get(l.taxRate) ?? { net: 0, tax: 0, gross: 0 };
    byRate.set(l.taxRate, { net: r.net + a.net, tax: r.tax + a.tax, gross: r.gross + a.gross });
  }
  const gross = net + tax;
  if (discount > gross) throw new RangeError('discount exceeds the total');
  return {
    net,
    tax,
    gross,
    discount,
    payable: gross - discount,
    byRate: [...byRate.entries()].sort((a, b) => b[0] - a[0]).map(([taxRate, a]) => ({ taxRate, ...a })),
  };
}
