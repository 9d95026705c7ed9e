import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { In, IsNull, type EntityManager } from 'typeorm';
import {
  AMOUNT_MAX,
  DOC_PREFIXES,
  formatFen,
  lineAmounts,
  permissionsOf,
  totals,
  visitLabel,
  WORK_ORDER_STATE_LABELS,
  type AmountLine,
  type DispatchInput,
  type FollowupInput,
  type LabourEditInput,
  type LabourInput,
  type PartPriceView,
  type PartUseInput,
  type SettleInput,
  type Totals,
  type WorkOrderCreateInput,
  receivableStatus,
} from '@hongyuan/shared';
import type { Actor, RequestMeta } from '../../common/actor';
import { DomainError, invalid, notFound } from '../../common/errors';
import { DocNumbers } from '../../common/sequence';
import { Tx } from '../../common/tx';
import { AuditService } from '../audit/audit.service';
import { Customer, Vehicle } from '../customer/customer.entity';
import { Notifier } from '../notification/notifier.service';
import { Employee } from '../org/org.entity';
import { Part, PartPrice, PriceLevel } from '../part/part.entity';
import { StockLedger } from '../stock/stock-ledger.service';
import { StockQuery } from '../stock/stock-query.service';
import { WorkOrder, WorkOrderFollowup, WorkOrderLabour, WorkOrderPart, WorkOrderSettlement, WorkOrderVisit } from './work-order.entity';
import { workOrderSettings } from './work-order-settings';
import { assertCan, fire, loadOrder, touch } from './work-order.rules';

type Meta = RequestMeta & { actor: Actor };
const DOC = 'workorder';
const yuan = (fen: number) => formatFen(fen);

/** A part or labour line as the tax function reads it. */
export const amountLine = (l: AmountLine): AmountLine => ({
  unitPrice: l.unitPrice,
  qty: l.qty,
  taxRate: l.taxRate,
  taxIncluded: l.taxIncluded,
});

/** A stored settlement's amounts as the tax function's Totals. */
export function settlementTotals(s: WorkOrderSettlement): Totals {
  return {
    net: s.net,
    tax: s.tax,
    gross: s.gross,
    discount: s.discount,
    payable: s.payable,
    byRate: JSON.parse(s.byRate) as Totals['byRate'],
  };
}

/**
 * 工单: the desk creates, the supervisor dispatches, the technician starts, uses parts from his
 * own hands and finishes, the supervisor settles, follow-up closes or sends back for rework.
 * Every step is a transition of the shared state machine, kept in the order's timeline.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WorkOrderService {
  @Inject() tx: Tx;
  @Inject() docs: DocNumbers;
  @Inject() ledger: StockLedger;
  @Inject() stock: StockQuery;
  @Inject() audit: AuditService;
  @Inject() notifier: Notifier;

  async create(input: WorkOrderCreateInput, meta: Meta): Promise<number> {
    await this.docs.prepare(DOC_PREFIXES.workOrder);
    return this.tx.run(async (m) => {
      const customer = await m.findOneBy(Customer, { id: input.customerId });
      if (!customer) throw invalid('customerId', '客户不存在');
      if (!customer.enabled) throw invalid('customerId', `客户「${customer.name}」已停用`);
      if (input.vehicleId) {
        const v = await m.findOneBy(Vehicle, { id: input.vehicleId });
        if (!v || v.customerId !== customer.id) throw invalid('vehicleId', '车辆不属于该客户');
      }
      const parts = input.plannedParts.length ? await m.findBy(Part, { id: In(input.plannedParts.map((p) => p.partId)) }) : [];
      input.plannedParts.forEach((p, i) => {
        if (!parts.some((x) => x.id === p.partId && x.enabled)) throw invalid(`plannedParts.${i}.partId`, '配件不存在或已停用');
      });
      const now = new Date();
      const no = await this.docs.next(m, DOC_PREFIXES.workOrder, now);
      const { identifiers } = await m.insert(WorkOrder, {
        no,
        state: 'created',
        customerId: customer.id,
        vehicleId: input.vehicleId,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        address: input.address,
        problem: input.problem,
        serviceType: input.serviceType,
        priority: input.priority,
        appointmentAt: input.appointmentAt ? new Date(input.appointmentAt) : null,
        technicianId: null,
        helperIds: '',
        firstTechnicianId: null,
        reworkCount: 0,
        createdById: meta.actor.id,
        createdAt: now,
        updatedAt: now,
      });
      const id = identifiers[0].id as number;
      for (const p of input.plannedParts) {
        const { unitPrice: price } = await this.priceFor(
          m,
          customer,
          parts.find((x) => x.id === p.partId)!,
        );
        await m.insert(WorkOrderPart, {
          workOrderId: id,
          partId: p.partId,
          qty: p.qty,
          kind: 'planned',
          unitPrice: price,
          taxRate: parts.find((x) => x.id === p.partId)!.taxRate,
          taxIncluded: true,
          technicianId: null,
          visit: 0,
          removedAt: null,
          createdAt: now,
        });
      }
      const order = await m.findOneByOrFail(WorkOrder, { id });
      if (input.submit) await fire(m, order, 'submit', meta.actor, {});
      await this.audit.record(m, meta, {
        action: 'workorder.create',
        entity: DOC,
        entityId: id,
        after: { no, customer: customer.name, problem: input.problem },
      });
      return id;
    });
  }

  async submit(id: number, meta: Meta): Promise<void> {
    await this.step(id, meta, (m, o) => fire(m, o, 'submit', meta.actor, {}));
  }

  /** 派工 (or 改派 with a reason): the technician gets an in-app message and to-do. */
  async dispatch(id: number, input: DispatchInput, meta: Meta, reassignReason?: string): Promise<void> {
    await this.step(id, meta, async (m, o) => {
      const people = await m.findBy(Employee, { id: In([input.technicianId, ...input.helperIds]) });
      for (const [i, pid] of [input.technicianId, ...input.helperIds].entries()) {
        const e = people.find((p) => p.id === pid);
        if (!e || !e.enabled || !e.roles.includes('technician')) throw invalid(i === 0 ? 'technicianId' : 'helperIds', '请选择在职的技师');
      }
      if (input.helperIds.includes(input.technicianId)) throw invalid('helperIds', '协助技师不能是主修技师本人');
      const previous = o.technicianId;
      const oldHelpers = o.helperIds ? o.helperIds.split(',').map(Number) : [];
      const set = {
        technicianId: input.technicianId,
        helperIds: input.helperIds.join(','),
        dispatchedAt: new Date(),
        firstTechnicianId: o.firstTechnicianId ?? input.technicianId,
      };
      if (reassignReason !== undefined) {
        if (previous === input.technicianId) throw invalid('technicianId', '改派的技师与原技师相同');
        await fire(m, o, 'reassign', meta.actor, set, reassignReason);
      } else {
        await fire(m, o, 'dispatch', meta.actor, set, input.note);
      }
      const title = reassignReason !== undefined ? '工单改派给你' : o.reworkCount > 0 ? '返工工单派给你' : '新工单派给你';
      const customer = await m.findOneBy(Customer, { id: o.customerId });
      const page = `packages/work/order/index?id=${o.id}`;
      const values = (state: string) => ({
        character_string1: o.no,
        thing2: customer?.name ?? o.contactName,
        thing3: o.problem,
        time4: set.dispatchedAt,
        phrase5: state,
      });
      await this.notifier.notify(m, {
        to: [input.technicianId],
        kind: 'dispatch',
        title,
        body: `${o.no} ${o.contactName} ${o.address}`,
        page,
        workOrderId: o.id,
        todo: true,
        wechat: { template: 'dispatch', values: values(o.reworkCount > 0 ? '返工' : reassignReason !== undefined ? '改派' : '已派工') },
      });
      const newHelpers = input.helperIds.filter((h) => !oldHelpers.includes(h));
      if (newHelpers.length)
        await this.notifier.notify(m, {
          to: newHelpers,
          kind: 'dispatch',
          title: '请协助处理工单',
          body: `${o.no} ${o.contactName} ${o.address}`,
          page,
          workOrderId: o.id,
          wechat: { template: 'dispatch', values: values('协助') },
        });
      if (previous && previous !== input.technicianId) {
        await this.notifier.done(m, { workOrderId: o.id, employeeId: previous }, '已改派他人');
        await this.notifier.notify(m, {
          to: [previous],
          kind: 'reassign',
          title: '工单已改派他人',
          body: `${o.no}：${reassignReason ?? ''}`,
          page,
          workOrderId: o.id,
          wechat: { template: 'dispatch', values: values('已改派') },
        });
      }
    });
  }

  async start(id: number, location: string, meta: Meta): Promise<void> {
    await this.step(id, meta, (m, o) => fire(m, o, 'start', meta.actor, { startedAt: new Date(), startLocation: location }));
  }

  async finish(id: number, summary: string, meta: Meta): Promise<void> {
    await this.step(id, meta, async (m, o) => {
      await fire(m, o, 'finish', meta.actor, { finishedAt: new Date(), summary }, summary);
      await this.notifier.done(m, { workOrderId: o.id, notices: true }, '已完成处理');
    });
  }

  /**
   * 用料: from the technician's own hands to "consumed on this order" through the ledger. He
   * cannot use more than he holds: a 409 that says how many he has and offers a requisition.
   */
  async useParts(id: number, input: PartUseInput, meta: Meta): Promise<void> {
    const actor = meta.actor;
    if (input.unitPrice !== undefined && !permissionsOf(actor.roles).has('workorder.settle'))
      throw new DomainError('FORBIDDEN', '单价按客户价格等级自动带出，技师不能修改');
    const [hands, consumed] = await Promise.all([
      this.ledger.locationOf('employee', actor.id, actor.name),
      this.ledger.virtualLocation('consumed'),
    ]);
    await this.tx.run(async (m) => {
      const o = await loadOrder(m, id, actor);
      this.assertWorking(o, actor);
      await touch(m, o);
      const part = await m.findOneBy(Part, { id: input.partId });
      if (!part) throw invalid('partId', '配件不存在');
      const customer = await m.findOneByOrFail(Customer, { id: o.customerId });
      const unitPrice = input.unitPrice ?? (await this.priceFor(m, customer, part)).unitPrice;
      // A sale or level price is the fixed price the customer pays, tax included; only a price
      // set by hand (a supervisor) may be stated without tax.
      const taxIncluded = input.unitPrice === undefined ? true : (input.taxIncluded ?? true);
      await this.assertAmounts(m, o, { unitPrice, qty: input.qty, taxRate: part.taxRate, taxIncluded }, 'qty');
      const { identifiers } = await m.insert(WorkOrderPart, {
        workOrderId: o.id,
        partId: part.id,
        qty: input.qty,
        kind: 'used',
        unitPrice,
        taxRate: part.taxRate,
        taxIncluded,
        technicianId: actor.id,
        visit: o.reworkCount,
        removedAt: null,
        settlementId: null,
        createdAt: new Date(),
      });
      try {
        await this.ledger.post(
          m,
          [
            {
              partId: part.id,
              qty: input.qty,
              fromLocationId: hands,
              toLocationId: consumed,
              docType: DOC,
              docId: o.id,
              docNo: o.no,
              docLine: identifiers[0].id,
            },
          ],
          actor.id,
        );
      } catch (e) {
        if (e instanceof DomainError && e.code === 'INSUFFICIENT_STOCK') {
          const has = (await this.stock.quantities('employee', actor.id, [part.id], m)).get(part.id) ?? 0;
          throw new DomainError('INSUFFICIENT_STOCK', `你手上只有 ${has} ${part.unit}「${part.name}」，不够用 ${input.qty}，请先领用`, {
            details: { partId: part.id, held: has, offerRequisition: true },
          });
        }
        throw e;
      }
      await this.audit.record(m, meta, {
        action: 'workorder.part.use',
        entity: DOC,
        entityId: o.id,
        after: { part: part.code, qty: input.qty, unitPrice, taxIncluded },
      });
    });
  }

  /** Removing a used line posts the reverse move: the parts are back in his hands. */
  async removePart(id: number, lineId: number, meta: Meta): Promise<void> {
    const actor = meta.actor;
    const consumed = await this.ledger.virtualLocation('consumed');
    await this.tx.run(async (m) => {
      const o = await loadOrder(m, id, actor);
      const line = await m.findOneBy(WorkOrderPart, { id: lineId, workOrderId: o.id });
      if (!line || line.removedAt) throw invalid('lineId', '该配件记录不存在或已删除');
      if (line.kind === 'used') {
        await this.assertUnsettled(m, line);
        this.assertWorking(o, actor);
        await touch(m, o);
        const hands = await this.ledger.locationOf('employee', line.technicianId!, '');
        const res = await m
          .createQueryBuilder()
          .update(WorkOrderPart)
          .set({ removedAt: new Date() })
          .where('id = :id AND removedAt IS NULL AND settlementId IS NULL', { id: line.id })
          .execute();
        if (res.affected !== 1) throw invalid('lineId', '该配件记录已删除');
        await this.ledger.post(
          m,
          [
            {
              partId: line.partId,
              qty: line.qty,
              fromLocationId: consumed,
              toLocationId: hands,
              docType: DOC,
              docId: o.id,
              docNo: o.no,
              docLine: line.id,
              reason: '删除用料，退回技师',
            },
          ],
          actor.id,
        );
      } else {
        if (!['created', 'pending_dispatch', 'dispatched', 'in_progress'].includes(o.state))
          throw new DomainError('CONFLICT', '工单已完工，不能修改计划配件');
        await m.update(WorkOrderPart, { id: line.id }, { removedAt: new Date() });
      }
      await this.audit.record(m, meta, { action: 'workorder.part.remove', entity: DOC, entityId: o.id, before: { lineId, qty: line.qty } });
    });
  }

  /** 工时: at most the labour price maximum of 工单设置 per unit, whoever enters it. */
  async addLabour(id: number, input: LabourInput, meta: Meta): Promise<void> {
    await this.tx.run(async (m) => {
      const o = await loadOrder(m, id, meta.actor);
      this.assertEditableCharges(o, meta.actor);
      await touch(m, o);
      await this.assertLabourPrice(m, input);
      await this.assertAmounts(m, o, input, 'unitPrice');
      await m.insert(WorkOrderLabour, {
        workOrderId: o.id,
        technicianId: o.technicianId,
        visit: o.reworkCount,
        ...input,
        settlementId: null,
        createdAt: new Date(),
      });
      await this.audit.record(m, meta, { action: 'workorder.labour.add', entity: DOC, entityId: o.id, after: input });
    });
  }

  /**
   * The supervisor corrects a labour line's quantity or unit price before settling (完工待结算):
   * within the maximum, on lines of this visit only, with before and after in the audit log.
   */
  async editLabour(id: number, lineId: number, input: LabourEditInput, meta: Meta): Promise<void> {
    await this.tx.run(async (m) => {
      const o = await loadOrder(m, id, meta.actor);
      if (o.state !== 'finished') throw new DomainError('CONFLICT', `工单${WORK_ORDER_STATE_LABELS[o.state]}，完工后、结算前才能修改工时`);
      const line = await m.findOneBy(WorkOrderLabour, { id: lineId, workOrderId: o.id });
      if (!line) throw invalid('lineId', '工时记录不存在');
      await this.assertUnsettled(m, line);
      await touch(m, o);
      const next = { qty: input.qty ?? line.qty, unitPrice: input.unitPrice ?? line.unitPrice };
      await this.assertLabourPrice(m, { ...amountLine(line), ...next });
      await this.assertAmounts(m, o, { ...amountLine(line), ...next }, input.unitPrice !== undefined ? 'unitPrice' : 'qty', line.id);
      await m.update(WorkOrderLabour, { id: line.id }, next);
      await this.audit.record(m, meta, {
        action: 'workorder.labour.edit',
        entity: DOC,
        entityId: o.id,
        before: { lineId: line.id, name: line.name, qty: line.qty, unitPrice: line.unitPrice },
        after: { lineId: line.id, name: line.name, ...next },
      });
    });
  }

  async removeLabour(id: number, lineId: number, meta: Meta): Promise<void> {
    await this.tx.run(async (m) => {
      const o = await loadOrder(m, id, meta.actor);
      this.assertEditableCharges(o, meta.actor);
      const line = await m.findOneBy(WorkOrderLabour, { id: lineId, workOrderId: o.id });
      if (!line) throw invalid('lineId', '工时记录不存在');
      await this.assertUnsettled(m, line);
      await touch(m, o);
      const res = await m
        .createQueryBuilder()
        .delete()
        .from(WorkOrderLabour)
        .where('id = :id AND settlementId IS NULL', { id: line.id })
        .execute();
      if (!res.affected) throw invalid('lineId', '工时记录不存在');
      await this.audit.record(m, meta, {
        action: 'workorder.labour.remove',
        entity: DOC,
        entityId: o.id,
        before: { lineId, name: line.name, qty: line.qty, unitPrice: line.unitPrice },
      });
    });
  }

  /**
   * 工单结算 of this visit: the used parts and labour no earlier settlement billed, totalled by the
   * one tax function in shared, recorded as a settlement (what the customer owes for the visit)
   * and stamped on its lines; earlier settlements stay as they were. A visit without new lines
   * has nothing to charge and is settled as free (免费, with the reason).
   *
   * The order's row first (fire): every line change touches it before writing (touch), so from
   * here on no line changes; then the lines are stamped and the amounts computed from the rows
   * stamped, as they are now, never from an earlier read. When the supervisor says what total he
   * saw (expectedGross) and it differs, nothing is settled: 409.
   */
  async settle(id: number, input: SettleInput, meta: Meta): Promise<void> {
    await this.step(id, meta, async (m, o) => {
      assertCan(o, 'settle', meta.actor);
      const paymentMethod = input.free ? '' : input.paymentMethod!;
      const settledAt = new Date();
      await fire(m, o, 'settle', meta.actor, { settledAt, paymentMethod, settlementNote: input.note }, input.note);
      const { identifiers } = await m.insert(WorkOrderSettlement, {
        workOrderId: o.id,
        visit: o.reworkCount,
        ...{ net: 0, tax: 0, gross: 0, discount: 0, payable: 0, byRate: '[]' },
        paymentMethod,
        free: input.free,
        note: input.note,
        settledById: meta.actor.id,
        createdAt: settledAt,
        invoiceRequestId: null,
      });
      const settlementId = identifiers[0].id as number;
      await m
        .createQueryBuilder()
        .update(WorkOrderPart)
        .set({ settlementId })
        .where("workOrderId = :id AND kind = 'used' AND removedAt IS NULL AND settlementId IS NULL", { id: o.id })
        .execute();
      await m
        .createQueryBuilder()
        .update(WorkOrderLabour)
        .set({ settlementId })
        .where('workOrderId = :id AND settlementId IS NULL', { id: o.id })
        .execute();
      const [parts, labour] = await Promise.all([
        m.find(WorkOrderPart, { where: { settlementId }, order: { id: 'ASC' } }),
        m.find(WorkOrderLabour, { where: { settlementId }, order: { id: 'ASC' } }),
      ]);
      const lines = [...parts, ...labour].map(amountLine);
      const gross = totals(lines).gross;
      if (input.expectedGross !== undefined && input.expectedGross !== gross)
        throw new DomainError('CONFLICT', `结算内容已变化（本次合计现为 ${yuan(gross)} 元），请刷新后再结算`);
      if (!lines.length && !input.free)
        throw invalid('free', '本次上门没有新的用料或工时，没有可收的费用；如返工不另收费，请选择“免费”并填写原因');
      if (gross > AMOUNT_MAX) throw invalid('discount', `本次合计 ${yuan(gross)} 元，超过单次结算上限 ${yuan(AMOUNT_MAX)} 元`);
      if (!input.free && input.discount > gross) throw invalid('discount', `优惠金额不能超过本次合计 ${yuan(gross)} 元`);
      const t = totals(lines, input.free ? gross : input.discount);
      await m.update(
        WorkOrderSettlement,
        { id: settlementId },
        {
          ...{ net: t.net, tax: t.tax, gross: t.gross, discount: t.discount, payable: t.payable, byRate: JSON.stringify(t.byRate) },
          // 应收: nothing received yet. The agreed payment method is not money: 登记收款 records that.
          payStatus: receivableStatus({ payable: t.payable, paid: 0, refunded: 0, free: input.free }),
        },
      );
      await m.update(WorkOrder, { id: o.id }, { discount: t.discount });
      await this.audit.record(m, meta, {
        action: 'workorder.settle',
        entity: DOC,
        entityId: o.id,
        after: {
          settlementId,
          visit: visitLabel(o.reworkCount),
          ...t,
          paymentMethod,
          free: input.free,
          parts: parts.map((p) => p.id),
          labour: labour.map((l) => l.id),
        },
      });
    });
  }

  /**
   * 回访: close, or rework back to pending dispatch (the first technician kept for statistics);
   * the visit sent back keeps the follow-up that did it.
   */
  async followup(id: number, input: FollowupInput, meta: Meta): Promise<void> {
    await this.step(id, meta, async (m, o) => {
      const { identifiers } = await m.insert(WorkOrderFollowup, {
        workOrderId: o.id,
        ...input,
        employeeId: meta.actor.id,
        createdAt: new Date(),
      });
      if (input.result === 'close') {
        await fire(m, o, 'close', meta.actor, { closedAt: new Date() }, input.comments);
      } else {
        const seq = o.reworkCount;
        await fire(
          m,
          o,
          'rework',
          meta.actor,
          { reworkCount: o.reworkCount + 1, technicianId: null, helperIds: '', startedAt: null, finishedAt: null, settledAt: null },
          input.reworkReason,
        );
        await m.update(WorkOrderVisit, { workOrderId: o.id, seq }, { reworkFollowupId: identifiers[0].id as number });
      }
    });
  }

  async cancel(id: number, reason: string, meta: Meta): Promise<void> {
    await this.step(id, meta, async (m, o) => {
      const used = await m.count(WorkOrderPart, { where: { workOrderId: o.id, kind: 'used' } });
      if (used) throw new DomainError('CONFLICT', '工单已有用料，不能取消');
      await fire(m, o, 'cancel', meta.actor, {}, reason);
      await this.notifier.done(m, { workOrderId: o.id, notices: true }, '工单已取消');
    });
  }

  /** The charges of the current visit: used parts (not removed) and labour no settlement has billed. */
  async openLines(m: EntityManager, orderId: number): Promise<{ parts: WorkOrderPart[]; labour: WorkOrderLabour[] }> {
    const [parts, labour] = await Promise.all([
      m.find(WorkOrderPart, { where: { workOrderId: orderId, kind: 'used', settlementId: IsNull() }, order: { id: 'ASC' } }),
      m.find(WorkOrderLabour, { where: { workOrderId: orderId, settlementId: IsNull() }, order: { id: 'ASC' } }),
    ]);
    return { parts: parts.filter((p) => !p.removedAt), labour };
  }

  private async step(id: number, meta: Meta, work: (m: EntityManager, o: WorkOrder) => Promise<void>): Promise<void> {
    await this.tx.run(async (m) => work(m, await loadOrder(m, id, meta.actor)));
  }

  private assertWorking(o: WorkOrder, actor: Actor) {
    if (o.technicianId !== actor.id) throw new DomainError('FORBIDDEN', '只有被派工的技师可以登记用料');
    if (o.state !== 'in_progress') throw new DomainError('CONFLICT', `工单${WORK_ORDER_STATE_LABELS[o.state]}，开始处理后才能登记用料`);
  }

  /**
   * A line stays within what a database column holds (AMOUNT_MAX), and so does the visit's total
   * with it: a settlement can always be stored. `replacing` is the line being changed.
   */
  private async assertAmounts(m: EntityManager, o: WorkOrder, line: AmountLine, path: string, replacing?: number): Promise<void> {
    const { gross } = lineAmounts(line);
    if (gross > AMOUNT_MAX) throw invalid(path, `这一行金额 ${yuan(gross)} 元过大，单行不能超过 ${yuan(AMOUNT_MAX)} 元`);
    const open = await this.openLines(m, o.id);
    const others = [...open.parts, ...open.labour.filter((l) => l.id !== replacing)].map(amountLine);
    const total = totals([...others, line]).gross;
    if (total > AMOUNT_MAX) throw invalid(path, `本次上门合计将达 ${yuan(total)} 元，超过单次结算上限 ${yuan(AMOUNT_MAX)} 元`);
  }

  /**
   * The maximum bounds what the customer pays for one unit: the tax-included price, so a price
   * stated without tax may not pass it once its tax is added. Checked on every change of a line,
   * whatever changed (the maximum may have been lowered since the line was entered).
   */
  private async assertLabourPrice(m: EntityManager, line: Omit<AmountLine, 'qty'>): Promise<void> {
    const { labourMaxUnitPrice } = await workOrderSettings(m);
    const { gross } = lineAmounts({ ...line, qty: 1 });
    if (gross <= labourMaxUnitPrice) return;
    const max = `工时单价不能超过 ${yuan(labourMaxUnitPrice)} 元（工单设置中的工时单价上限）`;
    throw invalid(
      'unitPrice',
      line.taxIncluded ? max : `${max}，不含税单价 ${yuan(line.unitPrice)} 元加 ${line.taxRate}% 税后为 ${yuan(gross)} 元`,
    );
  }

  /** A line billed by an earlier settlement is part of that settlement: it no longer changes. */
  private async assertUnsettled(m: EntityManager, line: WorkOrderPart | WorkOrderLabour): Promise<void> {
    if (!line.settlementId) return;
    const s = await m.findOneBy(WorkOrderSettlement, { id: line.settlementId });
    throw new DomainError('CONFLICT', `这一项已在${s ? visitLabel(s.visit) : '之前的'}结算中结清，不能再修改或删除`);
  }

  /** Labour is entered by the technician while working, or by the supervisor until settlement. */
  private assertEditableCharges(o: WorkOrder, actor: Actor) {
    const settles = permissionsOf(actor.roles).has('workorder.settle');
    if (settles ? !['in_progress', 'finished'].includes(o.state) : o.technicianId !== actor.id || o.state !== 'in_progress') {
      throw new DomainError('CONFLICT', `工单${WORK_ORDER_STATE_LABELS[o.state]}，不能修改工时`);
    }
  }

  /**
   * 用料单价: what a part will be charged at on this order, by the same rule that prices it when
   * used (priceFor), so the phone can show it before the technician confirms.
   */
  async partPrice(id: number, partId: number, actor: Actor): Promise<PartPriceView> {
    const m = this.tx.dataSource.manager;
    const o = await loadOrder(m, id, actor);
    const part = await m.findOneBy(Part, { id: partId });
    if (!part) throw notFound('配件');
    const customer = await m.findOneByOrFail(Customer, { id: o.customerId });
    const { unitPrice, priceLevelId } = await this.priceFor(m, customer, part);
    const level = priceLevelId ? await m.findOneBy(PriceLevel, { id: priceLevelId }) : null;
    return { partId: part.id, unitPrice, priceLevelName: level?.name ?? null, taxRate: part.taxRate };
  }

  /** The price of the customer's level (会员/车队...) and that level, else the part's sale price and no level. */
  private async priceFor(m: EntityManager, customer: Customer, part: Part): Promise<{ unitPrice: number; priceLevelId: number | null }> {
    if (customer.priceLevelId) {
      const p = await m.findOneBy(PartPrice, { partId: part.id, priceLevelId: customer.priceLevelId });
      if (p) return { unitPrice: p.price, priceLevelId: p.priceLevelId };
    }
    return { unitPrice: part.salePrice, priceLevelId: null };
  }
}
