import { type EntityManager, In } from 'typeorm';
import type { InboundLineView, InboundListItem, InboundView } from '@hongyuan/shared';
import { Employee, Warehouse } from '../org/org.entity';
import { Part } from '../part/part.entity';
import { Inbound, InboundLine } from './inbound.entity';
import { iso } from './warehouse-rules';

/** Names and line totals for a page of inbound documents, in a fixed number of queries. */
export async function inboundListItems(m: EntityManager, docs: Inbound[], showCost: boolean): Promise<InboundListItem[]> {
  if (!docs.length) return [];
  const ids = docs.map((d) => d.id);
  const [names, sums] = await Promise.all([
    namesOf(m, docs),
    m
      .createQueryBuilder(InboundLine, 'l')
      .select('l.inboundId', 'inboundId')
      .addSelect('COUNT(*)', 'lineCount')
      .addSelect('SUM(l.qty)', 'totalQty')
      .addSelect('SUM(l.qty * l.unitCost)', 'total')
      .where('l.inboundId IN (:...ids)', { ids })
      .groupBy('l.inboundId')
      .getRawMany(),
  ]);
  // MySQL answers SUM as a DECIMAL string; amounts stay far below 2^53 fen (lines are capped).
  const sumOf = new Map(
    sums.map((s) => [Number(s.inboundId), { lineCount: Number(s.lineCount), totalQty: Number(s.totalQty), total: Number(s.total) }]),
  );
  return docs.map((d) => {
    const s = sumOf.get(d.id) ?? { lineCount: 0, totalQty: 0, total: 0 };
    const { total, ...rest } = s;
    return { ...header(d, names), ...rest, ...(showCost ? { total } : {}) };
  });
}

export async function inboundView(m: EntityManager, doc: Inbound, showCost: boolean): Promise<InboundView> {
  const [names, lines] = await Promise.all([
    namesOf(m, [doc]),
    m.find(InboundLine, { where: { inboundId: doc.id }, order: { lineNo: 'ASC' } }),
  ]);
  const parts = lines.length ? await m.findBy(Part, { id: In([...new Set(lines.map((l) => l.partId))]) }) : [];
  const partOf = new Map(parts.map((p) => [p.id, p]));
  const views: InboundLineView[] = lines.map((l) => {
    const p = partOf.get(l.partId);
    return {
      id: l.id,
      lineNo: l.lineNo,
      partId: l.partId,
      partCode: p?.code ?? '',
      partName: p?.name ?? '',
      partModel: p?.model ?? '',
      partSpec: p?.spec ?? '',
      unit: p?.unit ?? '',
      qty: l.qty,
      ...(showCost ? { unitCost: l.unitCost, amount: l.qty * l.unitCost } : {}),
    };
  });
  const total = lines.reduce((s, l) => s + l.qty * l.unitCost, 0);
  return {
    ...header(doc, names),
    totalQty: lines.reduce((s, l) => s + l.qty, 0),
    ...(showCost ? { total } : {}),
    lines: views,
  };
}

type Names = Awaited<ReturnType<typeof namesOf>>;

function header(d: Inbound, names: Names) {
  return {
    id: d.id,
    no: d.no,
    warehouseId: d.warehouseId,
    warehouseName: names.warehouse.get(d.warehouseId) ?? '',
    supplier: d.supplier,
    remark: d.remark,
    status: d.status,
    createdById: d.createdById,
    createdByName: names.employee.get(d.createdById) ?? '',
    decidedById: d.decidedById,
    decidedByName: d.decidedById ? (names.employee.get(d.decidedById) ?? null) : null,
    decidedAt: iso(d.decidedAt),
    createdAt: d.createdAt.toISOString(),
  };
}

async function namesOf(m: EntityManager, docs: Inbound[]) {
  const people = [...new Set(docs.flatMap((d) => [d.createdById, d.decidedById]).filter((x): x is number => !!x))];
  const stores = [...new Set(docs.map((d) => d.warehouseId))];
  const [employees, warehouses] = await Promise.all([
    people.length ? m.findBy(Employee, { id: In(people) }) : [],
    m.findBy(Warehouse, { id: In(stores) }),
  ]);
  return { employee: new Map(employees.map((e) => [e.id, e.name])), warehouse: new Map(warehouses.map((w) => [w.id, w.name])) };
}
