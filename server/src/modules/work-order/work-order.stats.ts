import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { In } from 'typeorm';
import { lineAmounts, shanghaiDayStart, type TechnicianStats } from '@hongyuan/shared';
import { Tx } from '../../common/tx';
import { Employee } from '../org/org.entity';
import { WorkOrder, WorkOrderEvent, WorkOrderFollowup, WorkOrderLabour, WorkOrderPart, WorkOrderSettlement } from './work-order.entity';

const minutes = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 60000);
const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10 : null);

/**
 * 工单绩效统计, computed from the orders' timelines, so every figure traces back to visits:
 * a visit is a start and the finish after it by the same technician.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WorkOrderStats {
  @Inject() tx: Tx;

  async byTechnician(from: string, to: string): Promise<TechnicianStats[]> {
    const m = this.tx.dataSource.manager;
    const start = shanghaiDayStart(from);
    const end = new Date(shanghaiDayStart(to).getTime() + 86400_000);
    const finishes = await m
      .createQueryBuilder(WorkOrderEvent, 'e')
      .where("e.action = 'finish' AND e.createdAt >= :start AND e.createdAt < :end", { start, end })
      .getMany();
    const orderIds = [...new Set(finishes.map((f) => f.workOrderId))];
    const techs = (await m.find(Employee, { order: { id: 'ASC' } })).filter(
      (e) => e.roles.includes('technician') || finishes.some((f) => f.technicianId === e.id),
    );
    if (!orderIds.length) return techs.filter((t) => t.enabled).map((t) => empty(t));
    const [events, orders, followups, parts, labour, settlements] = await Promise.all([
      m.find(WorkOrderEvent, { where: { workOrderId: In(orderIds) }, order: { id: 'ASC' } }),
      m.findBy(WorkOrder, { id: In(orderIds) }),
      m.find(WorkOrderFollowup, { where: { workOrderId: In(orderIds) }, order: { id: 'ASC' } }),
      m.find(WorkOrderPart, { where: { workOrderId: In(orderIds), kind: 'used' } }),
      m.find(WorkOrderLabour, { where: { workOrderId: In(orderIds) } }),
      m.findBy(WorkOrderSettlement, { workOrderId: In(orderIds) }),
    ]);
    // The visit a line belongs to: its settlement's, else the order's current (unsettled) visit.
    const visitOfLine = (l: { workOrderId: number; settlementId: number | null }) =>
      `${l.workOrderId}:${l.settlementId ? settlements.find((x) => x.id === l.settlementId)!.visit : orders.find((o) => o.id === l.workOrderId)!.reworkCount}`;
    return techs
      .map((t) => {
        const visits = finishes
          .filter((f) => f.technicianId === t.id)
          .map((f) =>
            visitOf(
              f,
              events.filter((e) => e.workOrderId === f.workOrderId),
              followups.filter((x) => x.workOrderId === f.workOrderId),
              orders.find((o) => o.id === f.workOrderId)!,
            ),
          );
        // His lines of the visits he finished in the period: a second visit to the same order in
        // another period brings only its own lines.
        const mine = new Set(visits.map((v) => `${v.orderId}:${v.visit}`));
        const revenue = (lines: { unitPrice: number; qty: number; taxRate: number; taxIncluded: boolean }[]) =>
          lines.reduce((s, l) => s + lineAmounts(l).gross, 0);
        const reworked = visits.filter((v) => v.reworked).length;
        const rated = visits.map((v) => v.satisfaction).filter((s): s is number => s !== null);
        return {
          technicianId: t.id,
          name: t.name,
          finished: visits.length,
          avgResponseMinutes: mean(visits.map((v) => v.responseMinutes)),
          avgHandlingMinutes: mean(visits.map((v) => v.handlingMinutes)),
          partsRevenue: revenue(parts.filter((p) => p.technicianId === t.id && mine.has(visitOfLine(p)) && !p.removedAt)),
          labourRevenue: revenue(labour.filter((l) => l.technicianId === t.id && mine.has(visitOfLine(l)))),
          reworked,
          reworkRate: visits.length ? Math.round((reworked / visits.length) * 1000) / 1000 : null,
          avgSatisfaction: mean(rated),
          visits: visits.map(({ visit: _visit, ...v }) => v),
        };
      })
      .filter((s) => s.finished > 0 || techs.find((t) => t.id === s.technicianId)!.enabled);
  }
}

function visitOf(finish: WorkOrderEvent, events: WorkOrderEvent[], followups: WorkOrderFollowup[], order: WorkOrder) {
  const before = events.filter((e) => e.id < finish.id);
  const started = [...before].reverse().find((e) => e.action === 'start');
  const startedAt = started?.createdAt ?? finish.createdAt;
  const origin = [...before].reverse().find((e) => e.id < (started?.id ?? finish.id) && (e.action === 'submit' || e.action === 'rework'));
  const decisions = events.filter((e) => e.action === 'close' || e.action === 'rework');
  const next = decisions.find((e) => e.id > finish.id);
  // Each follow-up is written with its decision in one transaction: the k-th follow-up of the
  // order decided its k-th close or rework.
  const followup = next ? followups[decisions.indexOf(next)] : undefined;
  return {
    orderId: order.id,
    /** 0 the first visit, n the n-th rework: the reworks before this finish */
    visit: before.filter((e) => e.action === 'rework').length,
    no: order.no,
    finishedAt: finish.createdAt.toISOString(),
    responseMinutes: minutes(origin?.createdAt ?? order.createdAt, startedAt),
    handlingMinutes: minutes(startedAt, finish.createdAt),
    reworked: next?.action === 'rework',
    satisfaction: followup?.satisfaction ?? null,
  };
}

function empty(t: Employee): TechnicianStats {
  return {
    technicianId: t.id,
    name: t.name,
    finished: 0,
    avgResponseMinutes: null,
    avgHandlingMinutes: null,
    partsRevenue: 0,
    labourRevenue: 0,
    reworked: 0,
    reworkRate: null,
    avgSatisfaction: null,
    visits: [],
  };
}
