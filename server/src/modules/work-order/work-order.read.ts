import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { In, type EntityManager } from 'typeorm';
import {
  availableActions,
  paidTotals,
  shanghaiDayStart,
  totals,
  visitLabel,
  type Page,
  type PreviousService,
  type VisitView,
  type WorkOrderDetail,
  type WorkOrderListItem,
  type WorkOrderListQuery,
  type Workload,
} from '@hongyuan/shared';
import type { Actor } from '../../common/actor';
import { likeContains, likeSql } from '../../common/paging';
import { Tx } from '../../common/tx';
import { Customer, Vehicle, VehicleModel } from '../customer/customer.entity';
import { Employee } from '../org/org.entity';
import { withParts } from '../part/part-lines';
import {
  WorkOrder,
  WorkOrderEvent,
  WorkOrderFollowup,
  WorkOrderLabour,
  WorkOrderPart,
  WorkOrderSettlement,
  WorkOrderVisit,
} from './work-order.entity';
import { loadOrder, seesAllOrders } from './work-order.rules';
import { amountLine, settlementTotals } from './work-order.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Lists, the order page, the technicians' workload and the vehicle's history (一车一档). */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WorkOrderRead {
  @Inject() tx: Tx;

  async list(q: WorkOrderListQuery, actor: Actor): Promise<Page<WorkOrderListItem>> {
    const m = this.tx.dataSource.manager;
    const qb = m.createQueryBuilder(WorkOrder, 'o').orderBy('o.id', 'DESC');
    if (!seesAllOrders(actor) || q.mine) {
      qb.andWhere("(o.technicianId = :me OR CONCAT(',', o.helperIds, ',') LIKE :meLike)", { me: actor.id, meLike: `%,${actor.id},%` });
    }
    if (q.state) qb.andWhere('o.state = :state', { state: q.state });
    if (q.technicianId) qb.andWhere('o.technicianId = :t', { t: q.technicianId });
    if (q.customerId) qb.andWhere('o.customerId = :c', { c: q.customerId });
    if (q.vehicleId) qb.andWhere('o.vehicleId = :v', { v: q.vehicleId });
    if (q.plate) qb.andWhere('o.vehicleId IN (SELECT id FROM vehicle WHERE plate LIKE :plate)', { plate: `%${q.plate.toUpperCase()}%` });
    if (q.from) qb.andWhere('o.createdAt >= :from', { from: shanghaiDayStart(q.from) });
    if (q.to) qb.andWhere('o.createdAt < :to', { to: new Date(shanghaiDayStart(q.to).getTime() + 86400_000) });
    if (q.keyword) {
      // Number, contact, phone, problem, or the customer's name / pinyin / plates (its searchText).
      qb.andWhere(
        `(${likeSql('o.no', 'kw')} OR ${likeSql('o.contactName', 'kw')} OR ${likeSql('o.contactPhone', 'kw')} OR ${likeSql('o.problem', 'kw')} OR o.customerId IN (SELECT c.id FROM customer c WHERE ${likeSql('c.searchText', 'kwUpper')}))`,
        { kw: likeContains(q.keyword), kwUpper: likeContains(q.keyword.toUpperCase()) },
      );
    }
    const [rows, total] = await qb
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const ctx = await this.context(m, rows);
    return { items: rows.map((o) => listItem(o, ctx)), total, page: q.page, pageSize: q.pageSize };
  }

  async detail(id: number, actor: Actor): Promise<WorkOrderDetail> {
    const m = this.tx.dataSource.manager;
    const o = await loadOrder(m, id, actor);
    const ctx = await this.context(m, [o]);
    const [events, parts, labour, followups, settlements] = await Promise.all([
      m.find(WorkOrderEvent, { where: { workOrderId: id }, order: { id: 'ASC' } }),
      m.find(WorkOrderPart, { where: { workOrderId: id }, order: { id: 'ASC' } }),
      m.find(WorkOrderLabour, { where: { workOrderId: id }, order: { id: 'ASC' } }),
      m.find(WorkOrderFollowup, { where: { workOrderId: id }, order: { id: 'ASC' } }),
      m.find(WorkOrderSettlement, { where: { workOrderId: id }, order: { visit: 'ASC' } }),
    ]);
    const people = await this.names(m, [
      ...events.map((e) => e.employeeId),
      ...events.map((e) => e.technicianId),
      ...followups.map((f) => f.employeeId),
      ...settlements.map((s) => s.settledById),
    ]);
    const partLines = await withParts(m, parts, (p, part) => ({
      id: p.id,
      kind: p.kind,
      partId: p.partId,
      partCode: part.code,
      partName: part.name,
      spec: part.spec,
      unit: part.unit,
      qty: p.qty,
      unitPrice: p.unitPrice,
      taxRate: p.taxRate,
      taxIncluded: p.taxIncluded,
      removed: !!p.removedAt,
      settlementId: p.settlementId,
    }));
    const live = [...parts.filter((p) => p.kind === 'used' && !p.removedAt), ...labour];
    const unsettled = live.filter((l) => !l.settlementId).map(amountLine);
    const all = live.map(amountLine);
    // Never above the lines' total, whatever the rows hold: the page always opens.
    const discounts = Math.min(
      settlements.reduce((sum, s) => sum + s.discount, 0),
      totals(all).gross,
    );
    return {
      ...listItem(o, ctx),
      serviceType: o.serviceType,
      summary: o.summary,
      startLocation: o.startLocation,
      paymentMethod: o.paymentMethod,
      settlementNote: o.settlementNote,
      actions: availableActions(o.state, actor.roles, o.technicianId === actor.id),
      timeline: events.map((e) => ({
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        by: people.get(e.employeeId) ?? '',
        technician: e.technicianId ? (people.get(e.technicianId) ?? '') : null,
        note: e.note,
        at: e.createdAt.toISOString(),
      })),
      parts: partLines,
      labour: labour.map((l) => ({
        id: l.id,
        name: l.name,
        qty: l.qty,
        unitPrice: l.unitPrice,
        taxRate: l.taxRate,
        taxIncluded: l.taxIncluded,
        settlementId: l.settlementId,
      })),
      totals: totals(all, discounts),
      unsettled: totals(unsettled),
      settlements: settlements.map((s) => ({
        id: s.id,
        visit: s.visit,
        label: visitLabel(s.visit),
        ...settlementTotals(s),
        paymentMethod: s.paymentMethod,
        free: s.free,
        note: s.note,
        settledBy: people.get(s.settledById) ?? '',
        at: s.createdAt.toISOString(),
        invoiceRequestId: s.invoiceRequestId,
      })),
      invoiceable: paidTotals(settlements.filter((s) => !s.invoiceRequestId && !s.free).map(settlementTotals)),
      followups: followups.map((f) => ({
        reached: f.reached,
        satisfaction: f.satisfaction,
        comments: f.comments,
        result: f.result,
        reworkReason: f.reworkReason,
        by: people.get(f.employeeId) ?? '',
        at: f.createdAt.toISOString(),
      })),
      visits: (await this.visits(m, [o.id], parts, labour)).get(o.id) ?? [],
      previousServices: o.vehicleId ? await this.vehicleHistory(o.vehicleId, o.id, 3) : [],
    };
  }

  /**
   * 一车一档: every order of a vehicle with the work done and the parts used, newest first. A
   * technician at the car sees the whole history too: that is the 上次服务清单 he needs.
   */
  async vehicleHistory(vehicleId: number, exceptOrderId = 0, limit = 100): Promise<PreviousService[]> {
    const m = this.tx.dataSource.manager;
    const orders = await m.find(WorkOrder, { where: { vehicleId }, order: { id: 'DESC' }, take: limit + 1 });
    const visible = orders.filter((o) => o.id !== exceptOrderId && o.state !== 'cancelled').slice(0, limit);
    if (!visible.length) return [];
    const ids = visible.map((o) => o.id);
    const [parts, labour] = await Promise.all([
      m.find(WorkOrderPart, { where: { workOrderId: In(ids), kind: 'used' }, order: { id: 'ASC' } }),
      m.find(WorkOrderLabour, { where: { workOrderId: In(ids) }, order: { id: 'ASC' } }),
    ]);
    const visits = await this.visits(m, ids, parts, labour);
    const people = await this.names(
      m,
      visible.map((o) => o.technicianId ?? o.firstTechnicianId),
    );
    return visible.map((o) => {
      const mine = visits.get(o.id) ?? [];
      const last = mine[mine.length - 1];
      const lastFinished = [...mine].reverse().find((v) => v.finishedAt);
      return {
        id: o.id,
        no: o.no,
        state: o.state,
        // The latest finished visit: a rework clears the order's own finishedAt until it is done again.
        date: o.finishedAt?.toISOString() ?? lastFinished?.finishedAt ?? o.createdAt.toISOString(),
        problem: o.problem,
        summary: o.summary,
        technicianName: people.get(o.technicianId ?? o.firstTechnicianId ?? 0) ?? last?.technicianName ?? null,
        reworkCount: o.reworkCount,
        parts: mine.flatMap((v) => v.parts),
        visits: mine,
      };
    });
  }

  /**
   * The visits (上门) of these orders, oldest first, each with the used parts (not removed) and
   * labour entered on it: the lines are the caller's, already read for the page.
   */
  private async visits(m: EntityManager, orderIds: number[], parts: WorkOrderPart[], labour: WorkOrderLabour[]) {
    const rows = orderIds.length ? await m.find(WorkOrderVisit, { where: { workOrderId: In(orderIds) }, order: { seq: 'ASC' } }) : [];
    const used = parts.filter((p) => p.kind === 'used' && !p.removedAt);
    const [people, partLines] = await Promise.all([
      this.names(
        m,
        rows.map((v) => v.technicianId),
      ),
      withParts(m, used, (p, part) => ({ line: p, view: { partCode: part.code, partName: part.name, qty: p.qty, unit: part.unit } })),
    ]);
    const byOrder = new Map<number, VisitView[]>();
    for (const v of rows) {
      const list = byOrder.get(v.workOrderId) ?? [];
      list.push({
        seq: v.seq,
        label: visitLabel(v.seq),
        technicianName: v.technicianId ? (people.get(v.technicianId) ?? null) : null,
        dispatchedAt: iso(v.dispatchedAt),
        startedAt: iso(v.startedAt),
        finishedAt: iso(v.finishedAt),
        summary: v.summary,
        reworkReason: v.reworkReason,
        reworkedAt: iso(v.reworkedAt),
        parts: partLines.filter((p) => p.line.workOrderId === v.workOrderId && p.line.visit === v.seq).map((p) => p.view),
        labour: labour
          .filter((l) => l.workOrderId === v.workOrderId && l.visit === v.seq)
          .map((l) => ({ name: l.name, qty: l.qty, unitPrice: l.unitPrice })),
      });
      byOrder.set(v.workOrderId, list);
    }
    // A line whose visit has no record (an old order the backfill could not rebuild a visit for)
    // still shows, under a visit of its own number without times or technician.
    const orphans = new Map<string, { workOrderId: number; seq: number }>();
    for (const l of [...partLines.map((p) => p.line), ...labour]) {
      if (!(byOrder.get(l.workOrderId) ?? []).some((v) => v.seq === l.visit))
        orphans.set(`${l.workOrderId}-${l.visit}`, { workOrderId: l.workOrderId, seq: l.visit });
    }
    for (const { workOrderId, seq } of orphans.values()) {
      const list = byOrder.get(workOrderId) ?? [];
      list.push({
        seq,
        label: visitLabel(seq),
        technicianName: null,
        dispatchedAt: null,
        startedAt: null,
        finishedAt: null,
        summary: '',
        reworkReason: '',
        reworkedAt: null,
        parts: partLines.filter((p) => p.line.workOrderId === workOrderId && p.line.visit === seq).map((p) => p.view),
        labour: labour
          .filter((l) => l.workOrderId === workOrderId && l.visit === seq)
          .map((l) => ({ name: l.name, qty: l.qty, unitPrice: l.unitPrice })),
      });
      list.sort((a, b) => a.seq - b.seq);
      byOrder.set(workOrderId, list);
    }
    return byOrder;
  }

  /** Every technician's load: open orders, in progress, hours worked this week (Shanghai week from Monday). */
  async workload(): Promise<Workload[]> {
    const m = this.tx.dataSource.manager;
    const techs = (await m.find(Employee, { where: { enabled: true }, order: { id: 'ASC' } })).filter((e) =>
      e.roles.includes('technician'),
    );
    const open = await m.find(WorkOrder, { where: { state: In(['dispatched', 'in_progress']) } });
    const now = new Date();
    const shanghai = new Date(now.getTime() + 8 * 3600_000);
    const monday = new Date(shanghaiDayStart(shanghai.toISOString().slice(0, 10)).getTime() - ((shanghai.getUTCDay() + 6) % 7) * 86400_000);
    const done = await m
      .createQueryBuilder(WorkOrder, 'o')
      .where('o.finishedAt >= :monday AND o.startedAt IS NOT NULL', { monday })
      .getMany();
    return techs.map((t) => {
      const mine = open.filter((o) => o.technicianId === t.id);
      const minutes = done
        .filter((o) => o.technicianId === t.id)
        .reduce((s, o) => s + (o.finishedAt!.getTime() - o.startedAt!.getTime()) / 60000, 0);
      return {
        technicianId: t.id,
        name: t.name,
        open: mine.length,
        inProgress: mine.filter((o) => o.state === 'in_progress').length,
        hoursThisWeek: Math.round(minutes / 6) / 10,
      };
    });
  }

  private async context(m: EntityManager, rows: WorkOrder[]) {
    const customers = rows.length ? await m.findBy(Customer, { id: In([...new Set(rows.map((o) => o.customerId))]) }) : [];
    const vehicleIds = [...new Set(rows.map((o) => o.vehicleId).filter((v): v is number => !!v))];
    const vehicles = vehicleIds.length ? await m.findBy(Vehicle, { id: In(vehicleIds) }) : [];
    const modelIds = [...new Set(vehicles.map((v) => v.vehicleModelId).filter((v): v is number => !!v))];
    const models = modelIds.length ? await m.findBy(VehicleModel, { id: In(modelIds) }) : [];
    const people = await this.names(
      m,
      rows.flatMap((o) => [o.technicianId, o.createdById, o.firstTechnicianId]),
    );
    return { customers, vehicles, models, people };
  }

  private async names(m: EntityManager, ids: (number | null)[]): Promise<Map<number, string>> {
    const clean = [...new Set(ids.filter((x): x is number => !!x))];
    const rows = clean.length ? await m.findBy(Employee, { id: In(clean) }) : [];
    return new Map(rows.map((e) => [e.id, e.name]));
  }
}

function listItem(o: WorkOrder, ctx: Awaited<ReturnType<WorkOrderRead['context']>>): WorkOrderListItem {
  const v = ctx.vehicles.find((x) => x.id === o.vehicleId);
  const model = v ? ctx.models.find((x) => x.id === v.vehicleModelId) : undefined;
  return {
    id: o.id,
    no: o.no,
    state: o.state,
    customerId: o.customerId,
    customerName: ctx.customers.find((c) => c.id === o.customerId)?.name ?? '',
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    address: o.address,
    vehicleId: o.vehicleId,
    plate: v?.plate ?? null,
    vehicleName: model
      ? [model.brand, model.series, model.modelYear ? `${model.modelYear}款` : ''].filter(Boolean).join(' ')
      : (v?.brand ?? null),
    problem: o.problem,
    priority: o.priority,
    appointmentAt: iso(o.appointmentAt),
    technicianId: o.technicianId,
    technicianName: o.technicianId ? (ctx.people.get(o.technicianId) ?? null) : null,
    firstTechnicianName: o.firstTechnicianId ? (ctx.people.get(o.firstTechnicianId) ?? null) : null,
    reworkCount: o.reworkCount,
    createdByName: ctx.people.get(o.createdById) ?? '',
    createdAt: o.createdAt.toISOString(),
    dispatchedAt: iso(o.dispatchedAt),
    startedAt: iso(o.startedAt),
    finishedAt: iso(o.finishedAt),
    settledAt: iso(o.settledAt),
    closedAt: iso(o.closedAt),
  };
}
