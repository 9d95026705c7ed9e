import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { In } from 'typeorm';
import {
  AMOUNT_MAX,
  formatDateTime,
  formatFen,
  INVOICE_STATUS_LABELS,
  shanghaiDayStart,
  paidTotals,
  visitLabel,
  type InvoiceListQuery,
  type InvoiceRequestInput,
  type InvoiceStatus,
  type InvoiceView,
  type Page,
  type Totals,
} from '@hongyuan/shared';
import type { Actor, RequestMeta } from '../../common/actor';
import { DomainError, notFound } from '../../common/errors';
import { addTable, datedXlsx, newWorkbook, type XlsxFile } from '../../common/excel';
import { Tx } from '../../common/tx';
import { AuditService } from '../audit/audit.service';
import { Customer } from '../customer/customer.entity';
import { InvoiceRequest, WorkOrder, WorkOrderSettlement } from './work-order.entity';
import { loadOrder } from './work-order.rules';
import { settlementTotals } from './work-order.service';

type Meta = RequestMeta & { actor: Actor };

/** 服务开票: a request per not yet invoiced settlements of an order with the amounts paid per VAT rate, a list, and an export for the accountant. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class InvoiceService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  /**
   * A request covers the order's settlements no earlier request covers (free ones never): after
   * a rework's settlement the order can be invoiced again, for that settlement only. The
   * settlements are claimed by a conditional stamp, then totalled from the rows stamped: two
   * requests at once cover each settlement once.
   */
  async request(orderId: number, input: InvoiceRequestInput, meta: Meta) {
    return this.tx.run(async (m) => {
      const o = await loadOrder(m, orderId, meta.actor);
      if (!o.settledAt || !['pending_followup', 'closed'].includes(o.state)) throw new DomainError('CONFLICT', '工单结算后才能申请开票');
      const { identifiers } = await m.insert(InvoiceRequest, {
        workOrderId: o.id,
        buyerTitle: input.buyerTitle,
        taxNumber: input.taxNumber,
        byRate: '[]',
        total: 0,
        status: 'requested',
        invoiceNo: '',
        remark: input.remark,
        createdById: meta.actor.id,
        createdAt: new Date(),
        issuedAt: null,
      });
      const id = identifiers[0].id as number;
      await m
        .createQueryBuilder()
        .update(WorkOrderSettlement)
        .set({ invoiceRequestId: id })
        .where('workOrderId = :o AND invoiceRequestId IS NULL AND free = :no AND payable > 0', { o: o.id, no: false })
        .execute();
      const covered = await m.find(WorkOrderSettlement, { where: { invoiceRequestId: id }, order: { visit: 'ASC' } });
      if (!covered.length) {
        const earlier = await m.countBy(InvoiceRequest, { workOrderId: o.id });
        if (earlier > 1) throw new DomainError('DUPLICATE', '该工单已结算的费用都已申请过开票');
        throw new DomainError('CONFLICT', '该工单没有需要开票的金额（免费结算不开票）');
      }
      // What was paid for each settlement, its discount spread over its VAT rates.
      const t = paidTotals(covered.map(settlementTotals));
      if (t.payable > AMOUNT_MAX)
        throw new DomainError('VALIDATION', `开票金额 ${formatFen(t.payable)} 元超过单张申请上限 ${formatFen(AMOUNT_MAX)} 元`);
      await m.update(InvoiceRequest, { id }, { byRate: JSON.stringify(t.byRate), total: t.payable });
      await this.audit.record(m, meta, {
        action: 'invoice.request',
        entity: 'invoice',
        entityId: id,
        after: { order: o.no, ...input, total: t.payable, settlements: covered.map((s) => visitLabel(s.visit)) },
      });
      return id;
    });
  }

  async issue(id: number, invoiceNo: string, meta: Meta): Promise<void> {
    await this.tx.run(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(InvoiceRequest)
        .set({ status: 'issued', invoiceNo, issuedAt: new Date() })
        .where("id = :id AND status = 'requested'", { id })
        .execute();
      if (res.affected !== 1) {
        if (!(await m.findOneBy(InvoiceRequest, { id }))) throw notFound('开票申请');
        throw new DomainError('ALREADY_DECIDED', '该发票已开具');
      }
      await this.audit.record(m, meta, { action: 'invoice.issue', entity: 'invoice', entityId: id, after: { invoiceNo } });
    });
  }

  async list(q: InvoiceListQuery): Promise<Page<InvoiceView>> {
    const m = this.tx.dataSource.manager;
    const qb = m.createQueryBuilder(InvoiceRequest, 'i').orderBy('i.id', 'DESC');
    if (q.status) qb.andWhere('i.status = :status', { status: q.status });
    if (q.from) qb.andWhere('i.createdAt >= :from', { from: shanghaiDayStart(q.from) });
    if (q.to) qb.andWhere('i.createdAt < :to', { to: new Date(shanghaiDayStart(q.to).getTime() + 86400_000) });
    if (q.keyword) qb.andWhere('(i.buyerTitle LIKE :kw OR i.taxNumber LIKE :kw)', { kw: `%${q.keyword}%` });
    const [rows, total] = await qb
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const orders = rows.length ? await m.findBy(WorkOrder, { id: In(rows.map((r) => r.workOrderId)) }) : [];
    const customers = orders.length ? await m.findBy(Customer, { id: In(orders.map((o) => o.customerId)) }) : [];
    return {
      items: rows.map((r) => {
        const o = orders.find((x) => x.id === r.workOrderId)!;
        return {
          id: r.id,
          workOrderId: r.workOrderId,
          workOrderNo: o.no,
          customerName: customers.find((c) => c.id === o.customerId)?.name ?? '',
          buyerTitle: r.buyerTitle,
          taxNumber: r.taxNumber,
          byRate: JSON.parse(r.byRate) as Totals['byRate'],
          total: r.total,
          status: r.status as InvoiceStatus,
          invoiceNo: r.invoiceNo,
          remark: r.remark,
          createdAt: r.createdAt.toISOString(),
          issuedAt: r.issuedAt?.toISOString() ?? null,
        };
      }),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** 开票申请 for the accountant: one line per VAT rate of each request. */
  async export(q: InvoiceListQuery): Promise<XlsxFile> {
    const page = await this.list({ ...q, page: 1, pageSize: 100000 });
    const wb = newWorkbook();
    const yuan = (fen: number) => formatFen(fen, { grouping: false });
    addTable<{ r: InvoiceView; b: Totals['byRate'][number] }>(
      wb,
      '开票申请',
      [
        ['申请时间', 18, ({ r }) => formatDateTime(r.createdAt)],
        ['工单编号', 20, ({ r }) => r.workOrderNo],
        ['客户', 24, ({ r }) => r.customerName],
        ['发票抬头', 30, ({ r }) => r.buyerTitle],
        ['税号', 22, ({ r }) => r.taxNumber],
        ['税率', 8, ({ b }) => `${b.taxRate}%`],
        ['不含税金额(元)', 16, ({ b }) => yuan(b.net)],
        ['税额(元)', 12, ({ b }) => yuan(b.tax)],
        ['价税合计(元)', 14, ({ b }) => yuan(b.gross)],
        ['状态', 8, ({ r }) => INVOICE_STATUS_LABELS[r.status]],
        ['发票号码', 16, ({ r }) => r.invoiceNo],
      ],
      page.items.flatMap((r) => r.byRate.map((b) => ({ r, b }))),
    );
    return datedXlsx(wb, '开票申请', 'invoices');
  }
}
