import { randomBytes } from 'node:crypto';
import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { In, type EntityManager } from 'typeorm';
import {
  formatDateTime,
  formatFen,
  outstandingOf,
  PAY_CHANNEL_LABELS,
  RECEIVABLE_STATUS_LABELS,
  receivableStatus,
  shanghaiDayStart,
  visitLabel,
  type OrderPayments,
  type Page,
  type PaymentInput,
  type PaymentView,
  type ReceivableQuery,
  type ReceivableRow,
  type RefundInput,
  type RefundView,
} from '@hongyuan/shared';
import type { Actor, RequestMeta } from '../../common/actor';
import { addTable, datedXlsx, newWorkbook, type XlsxFile } from '../../common/excel';
import { invalid, notFound } from '../../common/errors';
import { likeContains, likeSql } from '../../common/paging';
import { Tx } from '../../common/tx';
import { AuditService } from '../audit/audit.service';
import { Customer, Vehicle } from '../customer/customer.entity';
import { Employee } from '../org/org.entity';
import { WorkOrder, WorkOrderSettlement } from '../work-order/work-order.entity';
import { loadOrder } from '../work-order/work-order.rules';
import { Payment, PaymentRefund } from './payment.entity';

type Meta = RequestMeta & { actor: Actor };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * 收款: what a settlement (应收) is owed, what came in against it and what went back.
 *
 * Amounts move only by conditional updates inside the transaction that writes the payment or
 * refund row (paid = paid + x WHERE what is left ≥ x), so two clerks recording the same money at
 * once cannot take a receivable past what it owes, nor a refund past what was paid.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PaymentService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  /** Cash or a transfer received at the desk against one settlement. */
  async record(settlementId: number, input: PaymentInput, meta: Meta): Promise<PaymentView> {
    const id = await this.tx.run(async (m) => {
      const s = await this.settlement(m, settlementId);
      if (s.free || s.payable === 0) throw invalid('amount', '这次结算是免费的，没有要收的款');
      const res = await m
        .createQueryBuilder()
        .update(WorkOrderSettlement)
        .set({ paid: () => 'paid + :amount' })
        .where('id = :id AND payable - paid >= :amount', { id: s.id, amount: input.amount })
        .execute();
      if (!res.affected) {
        const now = await this.settlement(m, settlementId);
        const left = outstandingOf(now);
        throw invalid('amount', left ? `收款金额超过未收金额 ${formatFen(left)} 元` : '这次结算已经收齐，不用再收款');
      }
      const { identifiers } = await m.insert(Payment, {
        settlementId: s.id,
        workOrderId: s.workOrderId,
        channel: input.channel,
        amount: input.amount,
        refunded: 0,
        reference: input.reference,
        note: input.note,
        recordedById: meta.actor.id,
        createdAt: new Date(),
      });
      const paymentId = identifiers[0].id as number;
      await this.restate(m, s.id);
      await this.audit.record(m, meta, {
        action: 'payment.record',
        entity: 'workorder',
        entityId: s.workOrderId,
        after: { paymentId, settlementId: s.id, channel: input.channel, amount: input.amount, reference: input.reference },
      });
      return paymentId;
    });
    return this.payment(id);
  }

  async payment(id: number): Promise<PaymentView> {
    const [view] = await this.paymentViews(this.tx.dataSource.manager, { id });
    if (!view) throw notFound('收款记录');
    return view;
  }

  async refundView(id: number): Promise<RefundView> {
    const [view] = await this.refundViews(this.tx.dataSource.manager, { id });
    if (!view) throw notFound('退款记录');
    return view;
  }

  /**
   * 退款: money given back from one payment, with the reason. The person hands it back (cash,
   * transfer, or through the WeChat Pay merchant platform for an old WeChat payment) and records
   * it here; never more than what is left of that payment.
   */
  async refund(paymentId: number, input: RefundInput, meta: Meta): Promise<RefundView> {
    const id = await this.tx.run(async (m) => {
      const p = await m.findOneBy(Payment, { id: paymentId });
      if (!p) throw notFound('收款记录');
      const res = await m
        .createQueryBuilder()
        .update(Payment)
        .set({ refunded: () => 'refunded + :amount' })
        .where('id = :id AND amount - refunded >= :amount', { id: p.id, amount: input.amount })
        .execute();
      if (!res.affected) {
        const now = (await m.findOneBy(Payment, { id: p.id }))!;
        const left = now.amount - now.refunded;
        throw invalid('amount', left ? `退款金额超过这笔收款可退的 ${formatFen(left)} 元` : '这笔收款已经全部退回');
      }
      await m
        .createQueryBuilder()
        .update(WorkOrderSettlement)
        .set({ refunded: () => 'refunded + :amount' })
        .where('id = :id', { id: p.settlementId, amount: input.amount })
        .execute();
      const now = new Date();
      const { identifiers } = await m.insert(PaymentRefund, {
        paymentId: p.id,
        settlementId: p.settlementId,
        amount: input.amount,
        reason: input.reason,
        status: 'success',
        outRefundNo: `RF${randomBytes(12).toString('hex')}`,
        requestedById: meta.actor.id,
        createdAt: now,
        finishedAt: now,
      });
      const refundId = identifiers[0].id as number;
      await this.restate(m, p.settlementId);
      await this.audit.record(m, meta, {
        action: 'payment.refund',
        entity: 'workorder',
        entityId: p.workOrderId,
        after: { refundId, paymentId: p.id, settlementId: p.settlementId, amount: input.amount, reason: input.reason },
      });
      return refundId;
    });
    return this.refundView(id);
  }

  /** The order's receivables, one per settled visit, with their payments and refunds. */
  async orderPayments(workOrderId: number, actor: Actor): Promise<OrderPayments> {
    const m = this.tx.dataSource.manager;
    await loadOrder(m, workOrderId, actor);
    const settlements = await m.find(WorkOrderSettlement, { where: { workOrderId }, order: { visit: 'ASC', id: 'ASC' } });
    const [payments, refunds] = await Promise.all([this.paymentViews(m, { workOrderId }), this.refundViews(m, { workOrderId })]);
    const rows = settlements.map((s) => ({
      settlementId: s.id,
      visit: s.visit,
      settledAt: s.createdAt.toISOString(),
      payable: s.payable,
      paid: s.paid,
      refunded: s.refunded,
      outstanding: outstandingOf(s),
      status: receivableStatus(s),
      free: s.free,
      agreedMethod: s.paymentMethod,
      payments: payments.filter((p) => p.settlementId === s.id),
      refunds: refunds.filter((r) => r.settlementId === s.id).map(({ settlementId: _, ...r }) => r),
    }));
    const sum = (k: 'payable' | 'paid' | 'refunded' | 'outstanding') => rows.reduce((t, r) => t + (r.free ? 0 : r[k]), 0);
    return {
      settlements: rows,
      totals: { payable: sum('payable'), paid: sum('paid'), refunded: sum('refunded'), outstanding: sum('outstanding') },
    };
  }

  /** 收款 list: receivables newest first, filtered. */
  async list(q: ReceivableQuery): Promise<Page<ReceivableRow>> {
    const m = this.tx.dataSource.manager;
    const qb = m.createQueryBuilder(WorkOrderSettlement, 's').innerJoin(WorkOrder, 'o', 'o.id = s.workOrderId');
    if (q.status === 'outstanding') qb.andWhere("s.payStatus IN ('unpaid', 'partial')");
    else if (q.status) qb.andWhere('s.payStatus = :st', { st: q.status });
    if (q.channel) qb.andWhere('s.id IN (SELECT p.settlementId FROM payment p WHERE p.channel = :ch)', { ch: q.channel });
    if (q.customerId) qb.andWhere('o.customerId = :c', { c: q.customerId });
    if (q.from) qb.andWhere('s.createdAt >= :from', { from: shanghaiDayStart(q.from) });
    if (q.to) qb.andWhere('s.createdAt < :to', { to: new Date(shanghaiDayStart(q.to).getTime() + 86400_000) });
    if (q.keyword) {
      qb.andWhere(
        `(${likeSql('o.no', 'kw')} OR ${likeSql('o.contactName', 'kw')} OR ${likeSql('o.contactPhone', 'kw')} OR o.customerId IN (SELECT c.id FROM customer c WHERE ${likeSql('c.searchText', 'kwUpper')}))`,
        { kw: likeContains(q.keyword), kwUpper: likeContains(q.keyword.toUpperCase()) },
      );
    }
    const [rows, total] = await qb
      .orderBy('s.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const orders = rows.length ? await m.findBy(WorkOrder, { id: In([...new Set(rows.map((s) => s.workOrderId))]) }) : [];
    const orderOf = new Map(orders.map((o) => [o.id, o]));
    const customerIds = [...new Set(orders.map((o) => o.customerId))];
    const vehicleIds = [...new Set(orders.map((o) => o.vehicleId).filter((v): v is number => v != null))];
    const [customers, vehicles, channels] = await Promise.all([
      customerIds.length ? m.findBy(Customer, { id: In(customerIds) }) : [],
      vehicleIds.length ? m.findBy(Vehicle, { id: In(vehicleIds) }) : [],
      rows.length
        ? m
            .createQueryBuilder(Payment, 'p')
            .select(['p.settlementId AS settlementId', 'p.channel AS channel'])
            .where('p.settlementId IN (:...ids)', { ids: rows.map((s) => s.id) })
            .groupBy('p.settlementId')
            .addGroupBy('p.channel')
            .getRawMany<{ settlementId: number | string; channel: PaymentView['channel'] }>()
        : [],
    ]);
    const customerName = new Map(customers.map((c) => [c.id, c.name]));
    const plate = new Map(vehicles.map((v) => [v.id, v.plate]));
    return {
      items: rows.map((s) => {
        const o = orderOf.get(s.workOrderId)!;
        return {
          settlementId: s.id,
          workOrderId: o.id,
          workOrderNo: o.no,
          customerId: o.customerId,
          customerName: customerName.get(o.customerId) ?? '',
          plate: o.vehicleId != null ? (plate.get(o.vehicleId) ?? null) : null,
          visit: s.visit,
          settledAt: s.createdAt.toISOString(),
          payable: s.payable,
          paid: s.paid,
          refunded: s.refunded,
          outstanding: outstandingOf(s),
          status: receivableStatus(s),
          channels: channels.filter((c) => Number(c.settlementId) === s.id).map((c) => c.channel),
        };
      }),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** The 收款 list as filtered, all of it, as an Excel sheet (amounts in yuan). */
  async export(q: ReceivableQuery): Promise<XlsxFile> {
    const page = await this.list({ ...q, page: 1, pageSize: 100_000 });
    const wb = newWorkbook();
    const yuan = (fen: number) => formatFen(fen, { grouping: false });
    addTable<ReceivableRow>(
      wb,
      '收款',
      [
        ['结算时间', 18, (r) => formatDateTime(r.settledAt)],
        ['工单编号', 20, (r) => r.workOrderNo],
        ['客户', 24, (r) => r.customerName],
        ['车牌', 12, (r) => r.plate ?? ''],
        ['上门', 12, (r) => visitLabel(r.visit)],
        ['应收(元)', 12, (r) => yuan(r.payable)],
        ['已收(元)', 12, (r) => yuan(r.paid)],
        ['已退(元)', 12, (r) => yuan(r.refunded)],
        ['未收(元)', 12, (r) => yuan(r.outstanding)],
        ['状态', 10, (r) => RECEIVABLE_STATUS_LABELS[r.status]],
        ['收款方式', 14, (r) => r.channels.map((c) => PAY_CHANNEL_LABELS[c]).join('、')],
      ],
      page.items,
    );
    return datedXlsx(wb, '收款', 'receivables');
  }

  private async settlement(m: EntityManager, id: number): Promise<WorkOrderSettlement> {
    const s = await m.findOneBy(WorkOrderSettlement, { id });
    if (!s) throw notFound('结算记录');
    return s;
  }

  /** payStatus follows paid and refunded, read back inside the transaction that changed them. */
  private async restate(m: EntityManager, settlementId: number): Promise<void> {
    const s = await this.settlement(m, settlementId);
    const status = receivableStatus(s);
    if (status !== s.payStatus) await m.update(WorkOrderSettlement, { id: s.id }, { payStatus: status });
  }

  private async paymentViews(m: EntityManager, where: { id?: number; workOrderId?: number }): Promise<PaymentView[]> {
    const rows = await m.find(Payment, { where, order: { id: 'ASC' } });
    const names = await this.names(
      m,
      rows.map((p) => p.recordedById),
    );
    return rows.map((p) => ({
      id: p.id,
      settlementId: p.settlementId,
      channel: p.channel,
      amount: p.amount,
      refundable: p.amount - p.refunded,
      reference: p.reference,
      note: p.note,
      recordedBy: p.recordedById != null ? (names.get(p.recordedById) ?? null) : null,
      createdAt: p.createdAt.toISOString(),
    }));
  }

  private async refundViews(
    m: EntityManager,
    where: { id?: number; workOrderId?: number },
  ): Promise<(RefundView & { settlementId: number })[]> {
    const qb = m.createQueryBuilder(PaymentRefund, 'r').innerJoin(Payment, 'p', 'p.id = r.paymentId').orderBy('r.id', 'ASC');
    if (where.id) qb.andWhere('r.id = :id', { id: where.id });
    if (where.workOrderId) qb.andWhere('p.workOrderId = :w', { w: where.workOrderId });
    const rows = await qb.getMany();
    const payments = rows.length ? await m.findBy(Payment, { id: In(rows.map((r) => r.paymentId)) }) : [];
    const channelOf = new Map(payments.map((p) => [p.id, p.channel]));
    const names = await this.names(
      m,
      rows.map((r) => r.requestedById),
    );
    return rows.map((r) => ({
      id: r.id,
      paymentId: r.paymentId,
      settlementId: r.settlementId,
      channel: channelOf.get(r.paymentId) ?? 'cash',
      amount: r.amount,
      reason: r.reason,
      status: r.status,
      outRefundNo: r.outRefundNo,
      requestedBy: names.get(r.requestedById) ?? '',
      createdAt: r.createdAt.toISOString(),
      finishedAt: iso(r.finishedAt),
    }));
  }

  private async names(m: EntityManager, ids: (number | null)[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((i): i is number => i != null))];
    if (!wanted.length) return new Map();
    const rows = await m.findBy(Employee, { id: In(wanted) });
    return new Map(rows.map((e) => [e.id, e.name]));
  }
}
