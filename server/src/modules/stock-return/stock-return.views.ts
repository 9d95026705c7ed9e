import { type EntityManager, In } from 'typeorm';
import type { ReturnListItem, ReturnView } from '@hongyuan/shared';
import { partColumns, withParts } from '../part/part-lines';
import type { ApprovalDocKind } from '../stock/doc-lifecycle';
import { Employee } from '../org/org.entity';
import { docHeads } from '../stock/doc-support';
import { StockReturn, StockReturnLine } from './stock-return.entity';

export const RETURN = 'return';

/** 调回单 as an approval document. */
export const RETURN_KIND: ApprovalDocKind<StockReturn, ReturnListItem, ReturnView> = {
  entity: StockReturn,
  docType: RETURN,
  label: '调回单',
  listItems: returnListItems,
  view: returnView,
};

/** Builds list items for a page of returns in a fixed number of queries (no N+1). */
export async function returnListItems(m: EntityManager, docs: StockReturn[]): Promise<ReturnListItem[]> {
  if (!docs.length) return [];
  const ids = docs.map((d) => d.id);
  const confirmerIds = [...new Set(docs.map((d) => d.confirmedById).filter((x): x is number => !!x))];
  const [head, totals, confirmers] = await Promise.all([
    docHeads(m, RETURN, docs),
    m
      .createQueryBuilder(StockReturnLine, 'l')
      .where('l.returnId IN (:...ids)', { ids })
      .select(['l.returnId AS id', 'COUNT(*) AS lineCount', 'SUM(l.qty) AS totalQty', 'SUM(l.problemQty) AS problemQty'])
      .groupBy('l.returnId')
      .getRawMany(),
    confirmerIds.length ? m.find(Employee, { where: { id: In(confirmerIds) }, select: { id: true, name: true } }) : [],
  ]);
  return docs.map((d) => {
    const t = totals.find((x) => Number(x.id) === d.id);
    return {
      ...head(d),
      inboundAt: d.inboundAt.toISOString(),
      varianceNote: d.varianceNote,
      confirmedById: d.confirmedById,
      confirmedByName: confirmers.find((e) => e.id === d.confirmedById)?.name ?? null,
      confirmedAt: d.confirmedAt ? d.confirmedAt.toISOString() : null,
      countsVersion: d.countsVersion,
      lineCount: Number(t?.lineCount ?? 0),
      totalQty: Number(t?.totalQty ?? 0),
      problemQty: Number(t?.problemQty ?? 0),
    };
  });
}

export async function returnView(m: EntityManager, doc: StockReturn): Promise<ReturnView> {
  const [item] = await returnListItems(m, [doc]);
  const lines = await m.find(StockReturnLine, { where: { returnId: doc.id }, order: { lineNo: 'ASC' } });
  const { lineCount: _c, totalQty: _t, problemQty: _p, ...head } = item;
  return {
    ...head,
    lines: await withParts(m, lines, (l, p) => ({
      id: l.id,
      lineNo: l.lineNo,
      partId: l.partId,
      ...partColumns(p),
      heldQty: l.heldQty,
      qty: l.qty,
      problemQty: l.problemQty,
      problemReason: l.problemReason,
      declaredQty: l.declaredQty,
      declaredProblemQty: l.declaredProblemQty,
      declaredProblemReason: l.declaredProblemReason,
    })),
  };
}
