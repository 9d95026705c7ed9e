import { type EntityManager, In } from 'typeorm';
import {
  BLIND_COUNT_MESSAGE,
  permissionsOf,
  type StocktakeCountEntry,
  type StocktakeLineView,
  type StocktakeListItem,
  type StocktakeView,
} from '@hongyuan/shared';
import type { Actor } from '../../common/actor';
import { DomainError } from '../../common/errors';
import { iso } from '../inbound/warehouse-rules';
import { Employee, Warehouse } from '../org/org.entity';
import { Part } from '../part/part.entity';
import { Stocktake, StocktakeCount, StocktakeLine } from './stocktake.entity';

/**
 * 盲盘: while a blind count is open, only keepers and admins (stock.manage) see the book
 * quantities and differences; the counters (technicians, supervisors) see them after approval.
 */
export function bookVisible(st: Stocktake, actor: Actor): boolean {
  return !st.blind || st.status !== 'counting' || permissionsOf(actor.roles).has('stock.manage');
}

/**
 * 盲盘 on every other route: the warehouses under an open blind count whose book this reader may
 * not see (warehouse id → name). Empty for keepers and admins (stock.manage) and for the system
 * (no reader); in the role matrix it is the counters who are not keepers: technicians and
 * supervisors. /api/stock, 预警 and requisitions hide those warehouses' quantities.
 */
export async function blindWarehouses(m: EntityManager, actor: Actor | null): Promise<Map<number, string>> {
  if (!actor || permissionsOf(actor.roles).has('stock.manage')) return new Map();
  const open = await m.findBy(Stocktake, { blind: true, status: 'counting' });
  if (!open.length) return new Map();
  const names = await m.findBy(Warehouse, { id: In(open.map((s) => s.warehouseId)) });
  return new Map(open.map((s) => [s.warehouseId, names.find((w) => w.id === s.warehouseId)?.name ?? '']));
}

/** A route about one warehouse's quantities: 403 while a blind count hides it from this reader. */
export async function assertBookReadable(m: EntityManager, actor: Actor, warehouseId: number): Promise<void> {
  const hidden = await blindWarehouses(m, actor);
  if (hidden.has(warehouseId)) throw new DomainError('FORBIDDEN', `「${hidden.get(warehouseId)}」${BLIND_COUNT_MESSAGE}`);
}

/** Whether a blind count is open on the warehouse (its quantities are hidden on documents whatever the reader). */
export async function underBlindCount(m: EntityManager, warehouseId: number): Promise<boolean> {
  return m.existsBy(Stocktake, { openWarehouseId: warehouseId, blind: true });
}

export async function stocktakeListItems(m: EntityManager, docs: Stocktake[], actor: Actor): Promise<StocktakeListItem[]> {
  if (!docs.length) return [];
  const [names, sums] = await Promise.all([
    namesOf(m, docs, []),
    m
      .createQueryBuilder(StocktakeLine, 'l')
      .select('l.stocktakeId', 'stocktakeId')
      .addSelect('COUNT(*)', 'lineCount')
      .addSelect('COUNT(l.countedQty)', 'countedCount')
      .where('l.stocktakeId IN (:...ids)', { ids: docs.map((d) => d.id) })
      .groupBy('l.stocktakeId')
      .getRawMany(),
  ]);
  const sumOf = new Map(sums.map((s) => [Number(s.stocktakeId), { lineCount: Number(s.lineCount), countedCount: Number(s.countedCount) }]));
  return docs.map((d) => ({ ...header(d, names, actor), ...(sumOf.get(d.id) ?? { lineCount: 0, countedCount: 0 }) }));
}

export async function stocktakeView(m: EntityManager, st: Stocktake, actor: Actor): Promise<StocktakeView> {
  const lines = await m.find(StocktakeLine, { where: { stocktakeId: st.id }, order: { id: 'ASC' } });
  const [names, views] = await Promise.all([namesOf(m, [st], []), lineViews(m, st, lines, actor)]);
  return {
    ...header(st, names, actor),
    lineCount: lines.length,
    countedCount: lines.filter((l) => l.countedQty !== null).length,
    lines: views,
  };
}

export async function lineViews(m: EntityManager, st: Stocktake, lines: StocktakeLine[], actor: Actor): Promise<StocktakeLineView[]> {
  if (!lines.length) return [];
  const show = bookVisible(st, actor);
  const [parts, names, entries] = await Promise.all([
    m.findBy(Part, { id: In([...new Set(lines.map((l) => l.partId))]) }),
    namesOf(
      m,
      [],
      lines.map((l) => l.countedById),
    ),
    m
      .createQueryBuilder(StocktakeCount, 'c')
      .select('c.lineId', 'lineId')
      .addSelect('COUNT(*)', 'n')
      .where('c.stocktakeId = :id', { id: st.id })
      .groupBy('c.lineId')
      .getRawMany(),
  ]);
  const entriesOf = new Map(entries.map((e) => [Number(e.lineId), Number(e.n)]));
  const partOf = new Map(parts.map((p) => [p.id, p]));
  return lines.map((l) => {
    const p = partOf.get(l.partId);
    return {
      id: l.id,
      partId: l.partId,
      partCode: p?.code ?? '',
      partName: p?.name ?? '',
      partModel: p?.model ?? '',
      partSpec: p?.spec ?? '',
      unit: p?.unit ?? '',
      bookQty: show ? l.bookQty : null,
      countedQty: l.countedQty,
      difference: show && l.countedQty !== null ? l.countedQty - l.bookQty : null,
      added: l.added,
      countedByName: l.countedById ? (names.employee.get(l.countedById) ?? null) : null,
      countedAt: iso(l.countedAt),
      countEntries: entriesOf.get(l.id) ?? 0,
    };
  });
}

export async function countEntries(m: EntityManager, st: Stocktake, lineId: number, actor: Actor): Promise<StocktakeCountEntry[]> {
  const rows = await m.find(StocktakeCount, { where: { lineId }, order: { id: 'DESC' } });
  const show = bookVisible(st, actor);
  const names = await namesOf(
    m,
    [],
    rows.map((r) => r.countedById),
  );
  return rows.map((r) => ({
    id: r.id,
    countedQty: r.countedQty,
    bookQty: show ? r.bookQty : null,
    countedByName: names.employee.get(r.countedById) ?? null,
    countedAt: r.countedAt.toISOString(),
    bookSeen: r.bookSeen,
  }));
}

type Names = Awaited<ReturnType<typeof namesOf>>;

function header(d: Stocktake, names: Names, actor: Actor) {
  return {
    id: d.id,
    no: d.no,
    warehouseId: d.warehouseId,
    warehouseName: names.warehouse.get(d.warehouseId) ?? '',
    blind: d.blind,
    bookVisible: bookVisible(d, actor),
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

async function namesOf(m: EntityManager, docs: Stocktake[], more: (number | null)[]) {
  const people = [...new Set([...docs.flatMap((d) => [d.createdById, d.decidedById]), ...more].filter((x): x is number => !!x))];
  const stores = [...new Set(docs.map((d) => d.warehouseId))];
  const [employees, warehouses] = await Promise.all([
    people.length ? m.findBy(Employee, { id: In(people) }) : [],
    stores.length ? m.findBy(Warehouse, { id: In(stores) }) : [],
  ]);
  return { employee: new Map(employees.map((e) => [e.id, e.name])), warehouse: new Map(warehouses.map((w) => [w.id, w.name])) };
}
