import { type EntityManager, In } from 'typeorm';
import type { RequisitionListItem, RequisitionView } from '@hongyuan/shared';
import { partColumns, withParts } from '../part/part-lines';
import type { ApprovalDocKind } from '../stock/doc-lifecycle';
import { docHeads } from '../stock/doc-support';
import type { StockQuery } from '../stock/stock-query.service';
import { underBlindCount } from '../stocktake/stocktake.views';
import { Requisition, RequisitionLine } from './requisition.entity';
import { Employee } from '../org/org.entity';

export const REQUISITION = 'requisition';

/** 领用单 as an approval document; its list also filters by 签收 status. */
export const REQUISITION_KIND: ApprovalDocKind<Requisition, RequisitionListItem, RequisitionView> = {
  entity: Requisition,
  docType: REQUISITION,
  label: '领用单',
  listItems: requisitionListItems,
  view: requisitionView,
  filterList(qb, q) {
    if (q.signStatus) qb.andWhere('r.signStatus = :signStatus', { signStatus: q.signStatus });
  },
  rejectAudit: (reason) => ({ status: 'rejected', reason }),
};

/** Builds list items for a page of requisitions in a fixed number of queries (no N+1). */
export async function requisitionListItems(m: EntityManager, docs: Requisition[]): Promise<RequisitionListItem[]> {
  if (!docs.length) return [];
  const ids = docs.map((d) => d.id);
  const [head, totals, copiedFrom] = await Promise.all([
    docHeads(m, REQUISITION, docs),
    m
      .createQueryBuilder(RequisitionLine, 'l')
      .where('l.requisitionId IN (:...ids)', { ids })
      .select(['l.requisitionId AS id', 'COUNT(*) AS lineCount', 'SUM(l.qty) AS totalQty'])
      .groupBy('l.requisitionId')
      .getRawMany(),
    copiedNumbers(m, docs),
  ]);
  return docs.map((d) => {
    const t = totals.find((x) => Number(x.id) === d.id);
    return {
      ...head(d),
      kind: '领取单',
      signStatus: d.signStatus,
      signedAt: d.signedAt ? d.signedAt.toISOString() : null,
      copiedFromNo: copiedFrom.get(d.copiedFromId ?? 0) ?? null,
      lineCount: Number(t?.lineCount ?? 0),
      totalQty: Number(t?.totalQty ?? 0),
    };
  });
}

export async function requisitionView(m: EntityManager, doc: Requisition, stock: StockQuery): Promise<RequisitionView> {
  const [item] = await requisitionListItems(m, [doc]);
  const lines = await m.find(RequisitionLine, { where: { requisitionId: doc.id }, order: { lineNo: 'ASC' } });
  // 盲盘: while the warehouse is counted blind, today's quantity stays off the document for every reader.
  const blind = await underBlindCount(m, doc.warehouseId);
  const open = (doc.status === 'draft' || doc.status === 'pending') && !blind;
  const available = open
    ? await stock.quantities(
        'warehouse',
        doc.warehouseId,
        lines.map((l) => l.partId),
        m,
      )
    : new Map<number, number>();
  const { lineCount: _c, totalQty: _t, ...head } = item;
  const resolverIds = [...new Set(lines.map((l) => l.disputeResolvedById).filter((x): x is number => !!x))];
  const resolvers = resolverIds.length ? await m.find(Employee, { where: { id: In(resolverIds) }, select: { id: true, name: true } }) : [];
  return {
    ...head,
    lines: await withParts(m, lines, (l, p) => ({
      id: l.id,
      lineNo: l.lineNo,
      partId: l.partId,
      ...partColumns(p),
      qty: l.qty,
      available: blind ? null : (available.get(l.partId) ?? 0),
      cappedFrom: l.cappedFrom,
      disputedQty: l.disputedQty,
      disputeReason: l.disputeReason,
      disputeStatus: l.disputeStatus,
      disputeNote: l.disputeNote,
      disputeResolvedByName: resolvers.find((e) => e.id === l.disputeResolvedById)?.name ?? null,
      disputeResolvedAt: l.disputeResolvedAt?.toISOString() ?? null,
    })),
  };
}

async function copiedNumbers(m: EntityManager, docs: Requisition[]): Promise<Map<number, string>> {
  const ids = [...new Set(docs.map((d) => d.copiedFromId).filter((x): x is number => !!x))];
  if (!ids.length) return new Map();
  const rows = await m.findBy(Requisition, { id: In(ids) });
  return new Map(rows.map((r) => [r.id, r.no]));
}
