import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import type { EmployeeView, Page, StockView, WarehouseView } from '@hongyuan/shared';
import { api } from '../../../api/request';
import { selfApprovalAllowed } from '../../../api/stock';
import { errorText } from './form';
import { useCan, useMe, useOptions } from './hooks';
import { deskUrl } from './location';

/** Helpers the warehouse views (领用单, 调回单, 入库单, 盘库...) share. */

/** A fresh Idempotency-Key for one form submission (the same key on a retry of it). */
export function newIdempotencyKey(): string {
  const rnd =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return `desk-${rnd}`;
}

export const idempotent = (key: string) => ({ header: { 'Idempotency-Key': key } });

export type PrintDoc = 'requisition' | 'return' | 'inbound' | 'stocktake' | 'workorder' | 'settlement';

/** Opens the A4 print sheet of a document in a new window (#?view=print&doc=...&id=...). */
export function openPrint(doc: PrintDoc, id: number): void {
  window.open(deskUrl({ view: 'print', doc, id }), '_blank', 'noopener');
}

/**
 * Employees and warehouses for the pickers. Someone without employee.read (a technician) only
 * ever picks himself, so the list is just him.
 */
export function useStockRefs() {
  const me = useMe();
  const allowed = useCan();
  const seesPeople = allowed('employee.read');
  const employees = useOptions<EmployeeView>(seesPeople ? '/employees' : null, { enabled: true });
  const warehouses = useOptions<WarehouseView>('/warehouses', { enabled: true });
  const self: EmployeeView = {
    id: me.id,
    name: me.name,
    phone: me.phone,
    departmentId: me.departmentId,
    departmentName: me.departmentName,
    roles: me.roles,
    enabled: true,
    createdAt: '',
  };
  const people = seesPeople ? employees.items : [self];
  return {
    /** may act for other employees (requisitions and returns for anyone) */
    actsForOthers: allowed('stock.manage'),
    employees: people,
    employeeOptions: people.map((e) => ({ value: e.id, label: e.departmentName ? `${e.name}（${e.departmentName}）` : e.name })),
    employee: (id: number | null | undefined) => people.find((e) => e.id === id),
    warehouses: warehouses.items,
    warehouseOptions: warehouses.items.map((w) => ({ value: w.id, label: w.name })),
    warehouse: (id: number | null | undefined) => warehouses.items.find((w) => w.id === id),
    loading: employees.loading || warehouses.loading,
  };
}

export type StockRefs = ReturnType<typeof useStockRefs>;

/** One document by id (null: nothing), with reload; errors become a message. */
export function useDoc<T>(
  path: string | null,
  version = 0,
): { doc: T | null; loading: boolean; reload: () => void; setDoc: (d: T) => void } {
  const { message } = App.useApp();
  const [doc, setDoc] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const [n, setN] = useState(0);
  // A new document starts blank; a reload of the same one keeps showing it meanwhile.
  useEffect(() => setDoc(null), [path]);
  useEffect(() => {
    if (!path) return;
    let alive = true;
    setLoading(true);
    api
      .get<T>(path)
      .then((d) => alive && setDoc(d))
      .catch((e) => alive && message.error(errorText(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [path, version, n, message]);
  return { doc, loading, reload: useCallback(() => setN((x) => x + 1), []), setDoc };
}

/** 序号 of a row on a paged list. */
export function rowNumber(page: number, pageSize: number, index: number): number {
  return (page - 1) * pageSize + index + 1;
}

/** A part with its quantity in each warehouse (from GET /stock), for line editors. */
export interface PartInfo {
  partId: number;
  code: string;
  name: string;
  model: string;
  spec: string;
  unit: string;
  /** warehouseId -> quantity there today; null while a blind count (盲盘) hides it */
  qtyBy: Record<number, number | null>;
}

export function infoOfStock(s: StockView): PartInfo {
  const qtyBy: Record<number, number | null> = {};
  for (const w of s.warehouses) qtyBy[w.warehouseId] = w.qty;
  return { partId: s.partId, code: s.partCode, name: s.partName, model: s.partModel, spec: s.partSpec, unit: s.unit, qtyBy };
}

/** Parts matching a keyword with today's stock; with a warehouse, only those it has. */
export async function searchStock(keyword: string, warehouseId?: number | null): Promise<StockView[]> {
  const page = await api.get<Page<StockView>>('/stock', { keyword, warehouseId: warehouseId ?? undefined, pageSize: 20 });
  return page.items;
}

/** Today's stock of parts already on a document (looked up by code). */
export async function stockInfoFor(lines: { partId: number; partCode: string }[]): Promise<PartInfo[]> {
  const found = await Promise.all(lines.map((l) => searchStock(l.partCode).then((r) => r.find((s) => s.partId === l.partId))));
  return found.filter((s): s is StockView => !!s).map(infoOfStock);
}

/**
 * This person may approve or reject the document now: it is pending, he is one of its listed
 * keepers, and it is not his own (unless the admin allows a keeper to approve his own documents).
 */
export function useMayDecide(
  doc: { status: string; approvers: { id: number }[]; employeeId: number; createdById: number } | null,
): boolean {
  const me = useMe();
  const allowed = useCan();
  const own = !!doc && (doc.employeeId === me.id || doc.createdById === me.id);
  const [selfAllowed, setSelfAllowed] = useState(false);
  useEffect(() => {
    if (!own || !allowed('stock.approve')) return;
    let alive = true;
    selfApprovalAllowed().then((v) => alive && setSelfAllowed(v));
    return () => {
      alive = false;
    };
  }, [own, allowed]);
  return (
    !!doc && doc.status === 'pending' && allowed('stock.approve') && doc.approvers.some((a) => a.id === me.id) && (!own || selfAllowed)
  );
}
