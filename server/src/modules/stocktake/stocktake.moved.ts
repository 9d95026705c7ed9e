import { type EntityManager, In } from 'typeorm';
import { DomainError } from '../../common/errors';
import { Location, StockBalance, StockMove } from '../stock/stock.entity';
import { Stocktake, StocktakeLine } from './stocktake.entity';

/** Ledger moves of a counted line's part in its warehouse since the line's book was frozen. */
export interface MovedLine {
  stocktakeId: number;
  lineId: number;
  partId: number;
  movedIn: number;
  movedOut: number;
  docs: string[];
}

/**
 * Finds counted lines whose warehouse quantity moved after their book was frozen (bookAt, or the
 * count's start): the variance countedQty − bookQty no longer says what the shelf lacks.
 * `open`: one count still counting, every move since. `posted`: every approved count, moves up
 * to its approval, its own adjustment moves left out (what reconciliation reports).
 */
export async function movesDuringCount(m: EntityManager, scope: { open: number } | { posted: true }): Promise<MovedLine[]> {
  const qb = m
    .createQueryBuilder(StocktakeLine, 'l')
    .innerJoin(Stocktake, 's', 's.id = l.stocktakeId')
    .innerJoin(Location, 'wl', "wl.kind = 'warehouse' AND wl.refId = s.warehouseId")
    .innerJoin(
      StockMove,
      'mv',
      'mv.partId = l.partId AND (mv.fromLocationId = wl.id OR mv.toLocationId = wl.id) AND mv.createdAt > COALESCE(l.bookAt, s.createdAt)',
    )
    .where('l.countedQty IS NOT NULL');
  if ('open' in scope) qb.andWhere('s.id = :id', { id: scope.open });
  else qb.andWhere("s.status = 'approved' AND mv.createdAt <= s.decidedAt AND NOT (mv.docType = 'stocktake' AND mv.docId = s.id)");
  const rows = await qb
    .select([
      's.id AS stocktakeId',
      'l.id AS lineId',
      'l.partId AS partId',
      'mv.qty AS qty',
      'mv.docNo AS docNo',
      'CASE WHEN mv.toLocationId = wl.id THEN 1 ELSE 0 END AS incoming',
    ])
    .orderBy('l.id', 'ASC')
    .addOrderBy('mv.id', 'ASC')
    .getRawMany();
  const byLine = new Map<number, MovedLine>();
  for (const r of rows) {
    const lineId = Number(r.lineId);
    const line = byLine.get(lineId) ?? {
      stocktakeId: Number(r.stocktakeId),
      lineId,
      partId: Number(r.partId),
      movedIn: 0,
      movedOut: 0,
      docs: [],
    };
    if (Number(r.incoming) === 1) line.movedIn += Number(r.qty);
    else line.movedOut += Number(r.qty);
    if (r.docNo && !line.docs.includes(r.docNo)) line.docs.push(r.docNo);
    byLine.set(lineId, line);
  }
  return [...byLine.values()];
}

/**
 * Before posting, inside the approval's transaction: a counted line whose ledger moved since its
 * book was frozen (a move found after it, or a balance that is no longer the book) is refused
 * (409) until it is recounted; a recount freezes the book again. Posting the old difference on
 * top of the move would count the move twice or undo it.
 */
export async function refuseMovedSinceCount(
  m: EntityManager,
  st: Stocktake,
  whLoc: number,
  lines: StocktakeLine[],
  nameOf: (partId: number) => string,
): Promise<void> {
  const counted = lines.filter((l) => l.countedQty !== null);
  if (!counted.length) return;
  const [moved, balances] = await Promise.all([
    movesDuringCount(m, { open: st.id }),
    m.findBy(StockBalance, { locationId: whLoc, partId: In(counted.map((l) => l.partId)) }),
  ]);
  const now = new Map(balances.map((b) => [b.partId, b.qty]));
  const movedIds = new Set(moved.map((x) => x.lineId));
  const stale = counted
    .filter((l) => movedIds.has(l.id) || (now.get(l.partId) ?? 0) !== l.bookQty)
    .map((l) => ({ partId: l.partId, partName: nameOf(l.partId), bookQty: l.bookQty, currentQty: now.get(l.partId) ?? 0 }));
  if (!stale.length) return;
  const list = stale
    .slice(0, 5)
    .map((s) => `「${s.partName}」盘点时账面 ${s.bookQty}，现在 ${s.currentQty}`)
    .join('；');
  throw new DomainError(
    'CONFLICT',
    `不能审核：盘点录入后这些配件有出入库，差异已不准确：${list}${stale.length > 5 ? ` 等 ${stale.length} 项` : ''}。请对这些配件复盘（重新录入实盘数量）后再审核`,
    { details: { moved: stale } },
  );
}
