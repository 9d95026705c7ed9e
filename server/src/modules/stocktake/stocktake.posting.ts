import { type EntityManager, In } from 'typeorm';
import type { StocktakeApproveResult } from '@hongyuan/shared';
import { DomainError } from '../../common/errors';
import { Part } from '../part/part.entity';
import { StockBalance } from '../stock/stock.entity';
import type { MoveInput, StockLedger } from '../stock/stock-ledger.service';
import type { Stocktake } from './stocktake.entity';
import { StocktakeLine } from './stocktake.entity';
import { refuseMovedSinceCount } from './stocktake.moved';

/**
 * Posts the approved differences: 盘盈 adjustment → warehouse, 盘亏 warehouse → adjustment,
 * each move carrying the reason and the stock-take number (reconciliation requires a reason on
 * every adjustment). Runs inside the approval's transaction, after its status UPDATE.
 */
export async function postDifferences(
  m: EntityManager,
  ledger: StockLedger,
  st: Stocktake,
  locs: { whLoc: number; adjLoc: number },
  operatorId: number,
): Promise<Omit<StocktakeApproveResult, 'stocktake'>> {
  // The cost price of the day is frozen on the lines, so the approved variance value never drifts.
  await m.query(
    'UPDATE stocktake_line SET unitCost = (SELECT p.costPrice FROM part p WHERE p.id = stocktake_line.partId) WHERE stocktakeId = ?',
    [st.id],
  );
  const lines = await m.find(StocktakeLine, { where: { stocktakeId: st.id }, order: { id: 'ASC' } });
  const parts = lines.length
    ? new Map((await m.findBy(Part, { id: In([...new Set(lines.map((l) => l.partId))]) })).map((p) => [p.id, p]))
    : new Map<number, Part>();
  const nameOf = (partId: number) => parts.get(partId)?.name ?? `配件 ${partId}`;

  const uncounted = lines
    .filter((l) => l.countedQty === null)
    .map((l) => ({ partId: l.partId, partCode: parts.get(l.partId)?.code ?? '', partName: nameOf(l.partId), bookQty: l.bookQty }));
  const changed = lines.filter((l) => l.countedQty !== null && l.countedQty !== l.bookQty);
  await refuseMovedSinceCount(m, st, locs.whLoc, lines, nameOf);
  await refuseShortagesBeyondStock(m, changed, locs.whLoc, nameOf);

  const moves: MoveInput[] = [];
  const adjusted: StocktakeApproveResult['adjusted'] = [];
  lines.forEach((l, i) => {
    if (l.countedQty === null || l.countedQty === l.bookQty) return;
    const difference = l.countedQty - l.bookQty;
    const reason = `${difference > 0 ? '盘盈' : '盘亏'} ${st.no}`;
    const [from, to] = difference > 0 ? [locs.adjLoc, locs.whLoc] : [locs.whLoc, locs.adjLoc];
    moves.push({
      partId: l.partId,
      qty: Math.abs(difference),
      fromLocationId: from,
      toLocationId: to,
      docType: 'stocktake',
      docId: st.id,
      docNo: st.no,
      docLine: i + 1,
      reason,
      unitCost: l.unitCost,
    });
    adjusted.push({ partId: l.partId, partName: nameOf(l.partId), difference, reason });
  });
  try {
    await ledger.post(m, moves, operatorId);
  } catch (e) {
    // A move out of the warehouse between the check above and now (another process on MySQL).
    if (e instanceof DomainError && e.code === 'INSUFFICIENT_STOCK') {
      const partId = (e.extra.details as { partId?: number } | undefined)?.partId;
      throw new DomainError(
        'INSUFFICIENT_STOCK',
        `「${nameOf(partId ?? 0)}」盘亏数量大于仓库当前库存，不能审核，请复盘后重新录入实盘数量`,
        e.extra,
      );
    }
    throw e;
  }
  return { adjusted, uncounted };
}

/**
 * A shortage is posted against the quantity frozen at the start; if parts left the warehouse
 * since, the shortage can exceed what is there now. That is refused (409), never posted negative.
 */
async function refuseShortagesBeyondStock(
  m: EntityManager,
  changed: StocktakeLine[],
  whLoc: number,
  nameOf: (id: number) => string,
): Promise<void> {
  const losses = changed.filter((l) => l.countedQty! < l.bookQty);
  if (!losses.length) return;
  const now = new Map(
    (await m.findBy(StockBalance, { locationId: whLoc, partId: In(losses.map((l) => l.partId)) })).map((b) => [b.partId, b.qty]),
  );
  const short = losses
    .map((l) => ({ partId: l.partId, partName: nameOf(l.partId), loss: l.bookQty - l.countedQty!, currentQty: now.get(l.partId) ?? 0 }))
    .filter((s) => s.loss > s.currentQty);
  if (!short.length) return;
  const list = short
    .slice(0, 5)
    .map((s) => `「${s.partName}」盘亏 ${s.loss}，当前库存只有 ${s.currentQty}`)
    .join('；');
  throw new DomainError(
    'INSUFFICIENT_STOCK',
    `不能审核：${list}${short.length > 5 ? ` 等 ${short.length} 项` : ''}。盘点开始后这些配件已有出库，请复盘后重新录入实盘数量`,
    { details: { shortages: short } },
  );
}
