import type { EntityManager } from 'typeorm';
import { DomainError, invalid } from '../../common/errors';
import { Part } from '../part/part.entity';
import type { MoveInput, StockLedger } from '../stock/stock-ledger.service';
import type { StockReturn, StockReturnLine } from './stock-return.entity';
import { RETURN } from './stock-return.views';

/** Where a return's parts go: from his hands to the warehouse, or to loss. */
export interface ReturnLocations {
  hands: number;
  warehouse: number;
  loss: number;
}

export async function returnLocations(ledger: StockLedger, doc: StockReturn): Promise<ReturnLocations> {
  const [hands, warehouse, loss] = await Promise.all([
    ledger.locationOf('employee', doc.employeeId, ''),
    ledger.locationOf('warehouse', doc.warehouseId, ''),
    ledger.virtualLocation('loss'),
  ]);
  return { hands, warehouse, loss };
}

/**
 * Lines whose count puts less back into the warehouse than the employee declared, or writes off
 * more: fewer counted back would leave the rest on his account although he handed it over, more
 * written off books it as his loss. Either waits for his confirmation (or a second keeper's).
 */
export function beyondDeclaration<L extends { qty: number; problemQty: number; declaredQty: number; declaredProblemQty: number }>(
  lines: L[],
): L[] {
  return lines.filter((l) => l.qty < l.declaredQty || l.problemQty > l.declaredProblemQty);
}

/** "机油滤芯申报退还 10，核对 8；雨刮申报问题 0，核对 1（丢失）": how a count differs from the declaration. */
export function varianceText(
  lines: { partName: string; qty: number; problemQty: number; problemReason: string; declaredQty: number; declaredProblemQty: number }[],
): string {
  const differing = beyondDeclaration(lines);
  const text = differing
    .slice(0, 3)
    .map((l) => {
      const parts: string[] = [];
      if (l.qty !== l.declaredQty) parts.push(`申报退还 ${l.declaredQty}，核对 ${l.qty}`);
      if (l.problemQty !== l.declaredProblemQty)
        parts.push(`申报问题 ${l.declaredProblemQty}，核对 ${l.problemQty}${l.problemReason ? `（${l.problemReason}）` : ''}`);
      return `${l.partName}${parts.join('、')}`;
    })
    .join('；');
  return `${text}${differing.length > 3 ? ' 等' : ''}`;
}

/** A return must move something: otherwise it is rejected or cancelled, not approved. */
export function assertMovesSomething(lines: StockReturnLine[]): void {
  if (!lines.some((l) => l.qty > 0 || l.problemQty > 0)) throw invalid('counts', '退还与问题数量都为 0，无需审批，请否决或作废');
}

/**
 * Posts a return as its lines say now: the counted parts go back to the warehouse, the problem
 * quantities to loss with their reason. Inside the caller's transaction.
 */
export async function postReturn(
  m: EntityManager,
  ledger: StockLedger,
  doc: StockReturn,
  lines: StockReturnLine[],
  locs: ReturnLocations,
  operatorId: number,
): Promise<void> {
  const moves: MoveInput[] = [];
  for (const l of lines) {
    const base = { partId: l.partId, fromLocationId: locs.hands, docType: RETURN, docId: doc.id, docNo: doc.no, docLine: l.lineNo };
    if (l.qty > 0) moves.push({ ...base, qty: l.qty, toLocationId: locs.warehouse });
    if (l.problemQty > 0) moves.push({ ...base, qty: l.problemQty, toLocationId: locs.loss, reason: l.problemReason || '调回差异' });
  }
  try {
    await ledger.post(m, moves, operatorId);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'INSUFFICIENT_STOCK') {
      const partId = (e.extra.details as { partId?: number })?.partId;
      const part = partId ? await m.findOneBy(Part, { id: partId }) : null;
      throw new DomainError(
        'INSUFFICIENT_STOCK',
        `「${part?.name ?? '配件'}」员工现在持有的数量少于要退还的数量（可能已用于工单），请核对后重新填写`,
        { details: e.extra.details },
      );
    }
    throw e;
  }
}

/** "机油滤芯×2（损坏）、雨刮×1（丢失）": what was written off, for messages. */
export function writeOffText(lines: { partName: string; problemQty: number; problemReason: string }[]): string {
  const off = lines.filter((l) => l.problemQty > 0).map((l) => `${l.partName}×${l.problemQty}（${l.problemReason || '调回差异'}）`);
  return `${off.slice(0, 4).join('、')}${off.length > 4 ? ` 等 ${off.length} 种` : ''}`;
}
