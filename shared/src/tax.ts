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

/**
 * The largest amount in fen one stored figure may hold: the database keeps money in 32-bit INT
 * columns (MySQL), so 21,474,836.47 元. A line, a settlement or an invoice request above it is
 * refused with a message before it reaches the database.
 */
export const AMOUNT_MAX = 2_147_483_647;

/** Several settlements (or any Totals) added up: amounts and the per-rate table. */
export function sumTotals(list: Totals[]): Totals {
  const byRate = new Map<number, LineAmounts>();
  const sum = { net: 0, tax: 0, gross: 0, discount: 0, payable: 0 };
  for (const t of list) {
    sum.net += t.net;
    sum.tax += t.tax;
    sum.gross += t.gross;
    sum.discount += t.discount;
    sum.payable += t.payable;
    for (const r of t.byRate) {
      const a = byRate.get(r.taxRate) ?? { net: 0, tax: 0, gross: 0 };
      byRate.set(r.taxRate, { net: a.net + r.net, tax: a.tax + r.tax, gross: a.gross + r.gross });
    }
  }
  return { ...sum, byRate: [...byRate.entries()].sort((a, b) => b[0] - a[0]).map(([taxRate, a]) => ({ taxRate, ...a })) };
}

/**
 * What was paid, per VAT rate: the discount of `t` spread over its rates in proportion to their
 * gross (whole fen, the leftover fen to the largest remainders, so the rates add up to exactly
 * `t.payable`), each rate's paid gross split again into net and tax (half up, as a tax-included
 * line). A free settlement (discount = gross) has nothing left to show.
 */
export function paidByRate(t: Totals): Totals['byRate'] {
  const gross = t.byRate.reduce((s, r) => s + r.gross, 0);
  const discount = BigInt(Math.min(t.discount, gross));
  const shares = t.byRate.map((r, i) => {
    const exact = gross ? discount * BigInt(r.gross) : BigInt(0);
    const whole = gross ? exact / BigInt(gross) : BigInt(0);
    return { i, cut: Number(whole), rest: gross ? exact % BigInt(gross) : BigInt(0) };
  });
  let left = Number(discount) - shares.reduce((s, x) => s + x.cut, 0);
  for (const x of [...shares].sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1))) {
    if (left <= 0) break;
    x.cut += 1;
    left -= 1;
  }
  return t.byRate
    .map((r, i) => {
      const paid = r.gross - shares[i].cut;
      const net = divRound(paid * 100, 100 + r.taxRate);
      return { taxRate: r.taxRate, net, tax: paid - net, gross: paid };
    })
    .filter((r) => r.gross > 0);
}

/** The amounts an invoice (开票) shows for these settlements: what was paid, per rate, no discount left. */
export function paidTotals(list: Totals[]): Totals {
  const paid = sumTotals(list.map((t) => ({ ...t, discount: 0, byRate: paidByRate(t) })));
  const gross = paid.byRate.reduce((s, r) => s + r.gross, 0);
  const net = paid.byRate.reduce((s, r) => s + r.net, 0);
  return { ...paid, net, tax: gross - net, gross, discount: 0, payable: gross };
}
