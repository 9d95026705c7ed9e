import { type EntityManager, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { permissionsOf, shanghaiDayStart, type ApprovalDocHead, type ApprovalStatus, type DocumentListQuery } from '@hongyuan/shared';
import { likeContains, likeSql } from '../../common/paging';
import type { Actor } from '../../common/actor';
import { DomainError, invalid, notFound } from '../../common/errors';
import { selfApprovalAllowed } from '../alerts/alert-settings.service';
import { Department, Employee, Warehouse, WarehouseKeeper } from '../org/org.entity';
import { Part } from '../part/part.entity';
import { DocumentApprover } from '../requisition/requisition.entity';
import { Stocktake } from '../stocktake/stocktake.entity';

/** Rules and look-ups that requisitions and returns share. */

export async function enabledEmployee(m: EntityManager, id: number, path: string, label: string): Promise<Employee> {
  const e = await m.findOneBy(Employee, { id });
  if (!e) throw invalid(path, `${label}不存在`);
  if (!e.enabled) throw invalid(path, `${label}「${e.name}」已停用`);
  return e;
}

export async function enabledWarehouse(m: EntityManager, id: number, path = 'warehouseId'): Promise<Warehouse> {
  const w = await m.findOneBy(Warehouse, { id });
  if (!w) throw invalid(path, '仓库不存在');
  if (!w.enabled) throw invalid(path, `仓库「${w.name}」已停用`);
  return w;
}

/** Whom a document is for and who wrote it: the requester, who may not decide it himself. */
export interface Requester {
  employeeId: number;
  createdById: number;
}

const isRequester = (doc: Requester, id: number) => doc.employeeId === id || doc.createdById === id;

/**
 * 审批人 must be keepers of the document's warehouse (或签: any one of them decides), and not the
 * requester alone: 分工 means a second person approves what leaves the warehouse. A requester
 * listed among others stays listed (he approves others' documents) but cannot decide this one.
 * Unless an admin allowed self-approval (a company with a single keeper).
 */
export async function checkApprovers(
  m: EntityManager,
  warehouse: Warehouse,
  approverIds: number[],
  requester: Requester,
): Promise<number[]> {
  const ids = [...new Set(approverIds)];
  const keepers = await m.findBy(WarehouseKeeper, { warehouseId: warehouse.id, employeeId: In(ids) });
  const people = await m.findBy(Employee, { id: In(ids), enabled: true });
  for (const id of ids) {
    if (!keepers.some((k) => k.employeeId === id) || !people.some((p) => p.id === id)) {
      throw invalid('approverIds', `审批人应为「${warehouse.name}」在职的库管`);
    }
  }
  if (ids.length && ids.every((id) => isRequester(requester, id)) && !(await selfApprovalAllowed(m))) {
    const others = await m
      .createQueryBuilder(WarehouseKeeper, 'k')
      .innerJoin(Employee, 'e', 'e.id = k.employeeId AND e.enabled = :on', { on: true })
      .where('k.warehouseId = :w AND k.employeeId NOT IN (:...me)', { w: warehouse.id, me: [requester.employeeId, requester.createdById] })
      .getCount();
    throw invalid(
      'approverIds',
      others
        ? `审批人不能只有申请人本人（不能审批自己的单据），请另选一位「${warehouse.name}」的库管`
        : `「${warehouse.name}」除申请人外没有在职的库管，而申请人不能审批自己的单据：请为该仓库增加库管，或请管理员在「预警 → 审批设置」中允许库管审批自己的单据`,
    );
  }
  return ids;
}

export async function enabledParts(m: EntityManager, partIds: number[]): Promise<Map<number, Part>> {
  const parts = partIds.length ? await m.findBy(Part, { id: In(partIds) }) : [];
  const byId = new Map(parts.map((p) => [p.id, p]));
  partIds.forEach((id, i) => {
    const p = byId.get(id);
    if (!p) throw invalid(`lines.${i}.partId`, '配件不存在');
    if (!p.enabled) throw invalid(`lines.${i}.partId`, `配件「${p.name}」已停用`);
  });
  return byId;
}

export async function saveApprovers(m: EntityManager, docType: string, docId: number, approverIds: number[]): Promise<void> {
  await m.delete(DocumentApprover, { docType, docId });
  await m.insert(
    DocumentApprover,
    approverIds.map((employeeId) => ({ docType, docId, employeeId })),
  );
}

export async function approversOf(
  m: EntityManager,
  docType: string,
  docIds: number[],
): Promise<Map<number, { id: number; name: string }[]>> {
  const result = new Map<number, { id: number; name: string }[]>(docIds.map((id) => [id, []]));
  if (!docIds.length) return result;
  const rows = await m
    .createQueryBuilder(DocumentApprover, 'a')
    .innerJoin(Employee, 'e', 'e.id = a.employeeId')
    .where('a.docType = :docType AND a.docId IN (:...docIds)', { docType, docIds })
    .select(['a.docId AS docId', 'e.id AS id', 'e.name AS name'])
    .orderBy('e.id', 'ASC')
    .getRawMany();
  for (const r of rows) result.get(Number(r.docId))!.push({ id: Number(r.id), name: r.name });
  return result;
}

/** Names of employees, warehouses and departments for a batch of documents, in three queries. */
export async function namesFor(
  m: EntityManager,
  ids: { employees: (number | null)[]; warehouses: number[]; departments: (number | null)[] },
) {
  const clean = (xs: (number | null)[]) => [...new Set(xs.filter((x): x is number => !!x))];
  const [employees, warehouses, departments] = await Promise.all([
    clean(ids.employees).length ? m.findBy(Employee, { id: In(clean(ids.employees)) }) : [],
    clean(ids.warehouses).length ? m.findBy(Warehouse, { id: In(clean(ids.warehouses)) }) : [],
    clean(ids.departments).length ? m.findBy(Department, { id: In(clean(ids.departments)) }) : [],
  ]);
  const e = new Map(employees.map((x) => [x.id, x.name]));
  const w = new Map(warehouses.map((x) => [x.id, x.name]));
  const d = new Map(departments.map((x) => [x.id, x.name]));
  return {
    employee: (id: number | null) => (id ? (e.get(id) ?? null) : null),
    warehouse: (id: number) => w.get(id) ?? '',
    department: (id: number | null) => (id ? (d.get(id) ?? null) : null),
  };
}

/** The columns behind ApprovalDocHead, which requisitions and returns both have. */
interface HeadColumns {
  id: number;
  no: string;
  employeeId: number;
  departmentId: number | null;
  warehouseId: number;
  handlerId: number | null;
  remark: string;
  status: ApprovalStatus;
  createdById: number;
  decidedById: number | null;
  decidedAt: Date | null;
  rejectReason: string;
  createdAt: Date;
}

/** The shared head of a page of documents: names and approvers read in a batch, then one mapping per document. */
export async function docHeads(m: EntityManager, docType: string, docs: HeadColumns[]): Promise<(d: HeadColumns) => ApprovalDocHead> {
  const [names, approvers] = await Promise.all([
    namesFor(m, {
      employees: docs.flatMap((d) => [d.employeeId, d.handlerId, d.createdById, d.decidedById]),
      warehouses: docs.map((d) => d.warehouseId),
      departments: docs.map((d) => d.departmentId),
    }),
    approversOf(
      m,
      docType,
      docs.map((d) => d.id),
    ),
  ]);
  return (d) => ({
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
  });
}

/** Sees everyone's documents and holdings (keepers, supervisors, admin), or only his own. */
export function seesAll(actor: Actor): boolean {
  return permissionsOf(actor.roles).has('stock.read');
}

export function actsForOthers(actor: Actor): boolean {
  return permissionsOf(actor.roles).has('stock.manage');
}

/** A technician asking for someone else's document gets 404, so ids cannot be probed. */
export function assertVisible(actor: Actor, doc: { employeeId: number; createdById: number }, what: string): void {
  if (seesAll(actor) || doc.employeeId === actor.id || doc.createdById === actor.id) return;
  throw notFound(what);
}

export function assertApprover(actor: Actor, approvers: { id: number }[]): void {
  if (!permissionsOf(actor.roles).has('stock.approve') || !approvers.some((a) => a.id === actor.id)) {
    throw new DomainError('FORBIDDEN', '只有单据上列出的审批人（库管）可以审批');
  }
}

/**
 * 不能审批自己的单据: the requester decides his own document only where an admin allowed it;
 * then true, so the decision is marked in the audit log. 403 and not 409: nothing about the
 * document's state is in the way (another listed keeper can decide it now), this person may not.
 */
export async function assertNotOwnDocument(m: EntityManager, actor: Actor, doc: Requester): Promise<boolean> {
  if (!isRequester(doc, actor.id)) return false;
  if (await selfApprovalAllowed(m)) return true;
  throw new DomainError('FORBIDDEN', '不能审批自己的单据，请由单据上列出的其他库管审批');
}

/** The list filters requisitions and returns share (status, employee, warehouse, dates, mine). */
export function applyDocFilters<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  a: string,
  docType: string,
  q: DocumentListQuery,
  actor: Actor,
): SelectQueryBuilder<E> {
  if (!seesAll(actor)) qb.andWhere(`(${a}.employeeId = :me OR ${a}.createdById = :me)`, { me: actor.id });
  if (q.status) qb.andWhere(`${a}.status = :status`, { status: q.status });
  if (q.employeeId) qb.andWhere(`${a}.employeeId = :employeeId`, { employeeId: q.employeeId });
  if (q.warehouseId) qb.andWhere(`${a}.warehouseId = :warehouseId`, { warehouseId: q.warehouseId });
  if (q.from) qb.andWhere(`${a}.createdAt >= :from`, { from: shanghaiDayStart(q.from) });
  if (q.to) qb.andWhere(`${a}.createdAt < :to`, { to: new Date(shanghaiDayStart(q.to).getTime() + 86400_000) });
  if (q.keyword) qb.andWhere(`(${likeSql(`${a}.no`, 'kw')} OR ${likeSql(`${a}.remark`, 'kw')})`, { kw: likeContains(q.keyword) });
  if (q.mine === 'approve') {
    qb.andWhere(`${a}.status = 'pending'`).andWhere(
      `EXISTS (SELECT 1 FROM document_approver da WHERE da.docType = :docType AND da.docId = ${a}.id AND da.employeeId = :approver)`,
      { docType, approver: actor.id },
    );
  }
  return qb.orderBy(`${a}.id`, 'DESC');
}

/**
 * 盘点锁库: while a warehouse is being counted its book quantity is frozen, so nothing may leave
 * or enter it; otherwise a shortage would be counted twice or hidden.
 */
export async function assertNotCounting(m: EntityManager, warehouseId: number): Promise<void> {
  const open = await m.findOneBy(Stocktake, { openWarehouseId: warehouseId });
  if (!open) return;
  const w = await m.findOneBy(Warehouse, { id: warehouseId });
  throw new DomainError('CONFLICT', `「${w?.name ?? '仓库'}」正在盘点（${open.no}），盘点结束前不能出入库`);
}
