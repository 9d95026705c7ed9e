import { type EntityManager, In } from 'typeorm';
import type { ReturnListItem, ReturnView } from '@hongyuan/shared';
import { Part } from '../part/part.entity';
import { approversOf, namesFor } from '../stock/doc-support';
import { StockReturn, StockReturnLine } from './stock-return.entity';

export const RETURN = 'return';

export async function returnListItems(m: EntityManager, docs: StockReturn[]): Promise<ReturnListItem[]> {
  if (!docs.length) return [];
  const ids = docs.map((d) => d.id);
  const [names, approvers, totals] = await Promise.all([
    namesFor(m, {
      employees: docs.flatMap((d) => [d.employeeId, d.handlerId, d.createdById, d.decidedById]),
      warehouses: docs.map((d) => d.warehouseId),
      departments: docs.map((d) => d.departmentId),
    }),
    approversOf(m, RETURN, ids),
    m
      .createQueryBuilder(StockReturnLine, 'l')
      .where('l.returnId IN (:...ids)', { ids })
      .select(['l.returnId AS id', 'COUNT(*) AS lineCount', 'SUM(l.qty) AS totalQty', 'SUM(l.problemQty) AS problemQty'])
      .groupBy('l.returnId')
      .getRawMany(),
  ]);
  return docs.map((d) => {
    const t = totals.find((x) => Number(x.id) === d.id);
    return {
      id: d.id,
      no: d.no,
      employeeId: d.employeeId,
      employeeName: names.employee(d.employeeId) ?? '',
      departmentId: d.departmentId,
      departmentName: names.department(d.departmentId),
      warehouseId: d.warehouseId,
      warehouseName: names.warehouse(d.warehouseId),
      handlerId: d.handlerId,
      handlerName: names.employee(d.handlerId),
      inboundAt: d.inboundAt.toISOString(),
      remark: d.remark,
      status: d.status,
      approvers: approvers.get(d.id) ?? [],
      createdById: d.createdById,
      createdByName: names.employee(d.createdById) ?? '',
      decidedById: d.decidedById,
      decidedByName: names.employee(d.decidedById),
      decidedAt: d.decidedAt ? d.decidedAt.toISOString() : null,
      rejectReason: d.rejectReason,
      createdAt: d.createdAt.toISOString(),
      lineCount: Number(t?.lineCount ?? 0),
      totalQty: Number(t?.totalQty ?? 0),
      problemQty: Number(t?.problemQty ?? 0),
    };
  });
}

export async function returnView(m: EntityManager, doc: StockReturn): Promise<ReturnView> {
  const [item] = await returnListItems(m, [doc]);
  const lines = await m.find(StockReturnLine, { where: { returnId: doc.id }, order: { lineNo: 'ASC' } });
  const parts = lines.length ? await m.findBy(Part, { id: In(lines.map((l) => l.partId)) }) : [];
  const { lineCount: _c, totalQty: _t, problemQty: _p, ...head } = item;
  return {
    ...head,
    lines: lines.map((l) => {
      const p = parts.find((x) => x.id === l.partId)!;
      return {
        id: l.id,
        lineNo: l.lineNo,
        partId: l.partId,
        partCode: p.code,
        partName: p.name,
        partModel: p.model,
        partSpec: p.spec,
        unit: p.unit,
        heldQty: l.heldQty,
        qty: l.qty,
        problemQty: l.problemQty,
        problemReason: l.problemReason,
      };
    }),
  };
}
