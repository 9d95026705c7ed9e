import { type EntityManager, In } from 'typeorm';
import type { RequisitionListItem, RequisitionView } from '@hongyuan/shared';
import { Part } from '../part/part.entity';
import { approversOf, namesFor } from '../stock/doc-support';
import type { StockQuery } from '../stock/stock-query.service';
import { Requisition, RequisitionLine } from './requisition.entity';

export const REQUISITION = 'requisition';

/** Builds list items for a page of requisitions in a fixed number of queries (no N+1). */
export async function requisitionListItems(m: EntityManager, docs: Requisition[]): Promise<RequisitionListItem[]> {
  if (!docs.length) return [];
  const ids = docs.map((d) => d.id);
  const [names, approvers, totals, copiedFrom] = await Promise.all([
    namesFor(m, {
      employees: docs.flatMap((d) => [d.employeeId, d.handlerId, d.createdById, d.decidedById]),
      warehouses: docs.map((d) => d.warehouseId),
      departments: docs.map((d) => d.departmentId),
    }),
    approversOf(m, REQUISITION, ids),
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
      id: d.id,
      no: d.no,
      kind: '领取单',
      employeeId: d.employeeId,
      employeeName: names.employee(d.employeeId) ?? '',
      departmentId: d.departmentId,
      departmentName: names.department(d.departmentId),
      warehouseId: d.warehouseId,
      warehouseName: names.warehouse(d.warehouseId),
      handlerId: d.handlerId,
      handlerName: names.employee(d.handlerId),
      remark: d.remark,
      status: d.status,
      signStatus: d.signStatus,
      approvers: approvers.get(d.id) ?? [],
      createdById: d.createdById,
      createdByName: names.employee(d.createdById) ?? '',
      decidedById: d.decidedById,
      decidedByName: names.employee(d.decidedById),
      decidedAt: d.decidedAt ? d.decidedAt.toISOString() : null,
      rejectReason: d.rejectReason,
      signedAt: d.signedAt ? d.signedAt.toISOString() : null,
      copiedFromNo: copiedFrom.get(d.copiedFromId ?? 0) ?? null,
      createdAt: d.createdAt.toISOString(),
      lineCount: Number(t?.lineCount ?? 0),
      totalQty: Number(t?.totalQty ?? 0),
    };
  });
}

export async function requisitionView(m: EntityManager, doc: Requisition, stock: StockQuery): Promise<RequisitionView> {
  const [item] = await requisitionListItems(m, [doc]);
  const lines = await m.find(RequisitionLine, { where: { requisitionId: doc.id }, order: { lineNo: 'ASC' } });
  const partIds = lines.map((l) => l.partId);
  const parts = partIds.length ? await m.findBy(Part, { id: In(partIds) }) : [];
  const open = doc.status === 'draft' || doc.status === 'pending';
  const available = open ? await stock.quantities('warehouse', doc.warehouseId, partIds, m) : new Map<number, number>();
  const { lineCount: _c, totalQty: _t, ...head } = item;
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
        qty: l.qty,
        available: available.get(l.partId) ?? 0,
        cappedFrom: l.cappedFrom,
        disputedQty: l.disputedQty,
        disputeReason: l.disputeReason,
      };
    }),
  };
}

async function copiedNumbers(m: EntityManager, docs: Requisition[]): Promise<Map<number, string>> {
  const ids = [...new Set(docs.map((d) => d.copiedFromId).filter((x): x is number => !!x))];
  if (!ids.length) return new Map();
  const rows = await m.findBy(Requisition, { id: In(ids) });
  return new Map(rows.map((r) => [r.id, r.no]));
}
