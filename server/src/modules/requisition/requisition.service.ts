import { Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import {
  APPROVAL_STATUS_LABELS,
  DISPUTE_STATUS_LABELS,
  DOC_PREFIXES,
  type DisputeResolveInput,
  type RequisitionInput,
  type RequisitionListItem,
  type RequisitionView,
  type SignInput,
} from '@hongyuan/shared';
import type { Actor, RequestMeta } from '../../common/actor';
import { DomainError, invalid, notFound } from '../../common/errors';
import { Employee } from '../org/org.entity';
import { Part } from '../part/part.entity';
import { ApprovalDocService } from '../stock/doc-lifecycle';
import {
  actsForOthers,
  assertApprover,
  assertNotCounting,
  assertVisible,
  checkApprovers,
  enabledEmployee,
  enabledParts,
  enabledWarehouse,
  saveApprovers,
} from '../stock/doc-support';
import { blindWarehouses } from '../stocktake/stocktake.views';
import { DocumentApprover, Requisition, RequisitionLine } from './requisition.entity';
import { REQUISITION, REQUISITION_KIND } from './requisition.views';

type Meta = RequestMeta & { actor: Actor };

/**
 * 领用单. Submit checks today's stock; any one listed keeper approves (或签) and approval moves
 * the parts out of the warehouse to "issued, not signed for"; the employee's 签收 makes them his
 * holdings, a disputed quantity goes back to the warehouse with the reason.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class RequisitionService extends ApprovalDocService<Requisition, RequisitionListItem, RequisitionView> {
  protected readonly kind = REQUISITION_KIND;

  /** copiedFromId: the requisition a 复制 started from (shown as 复制自). */
  async create(input: RequisitionInput, meta: Meta, copiedFromId: number | null = null): Promise<RequisitionView> {
    const actor = meta.actor;
    if (input.employeeId !== actor.id && !actsForOthers(actor)) throw invalid('employeeId', '只能为自己领用配件');
    await this.docs.prepare(DOC_PREFIXES.requisition);
    return this.tx.run(async (m) => {
      const { employee, approverIds } = await this.checkHead(m, input, actor.id);
      if (input.submit) await this.assertAvailable(m, input.warehouseId, input.lines, actor);
      const now = new Date();
      const no = await this.docs.next(m, DOC_PREFIXES.requisition, now);
      const { identifiers } = await m.insert(Requisition, {
        no,
        employeeId: employee.id,
        departmentId: employee.departmentId,
        warehouseId: input.warehouseId,
        handlerId: input.handlerId,
        remark: input.remark,
        status: input.submit ? 'pending' : 'draft',
        signStatus: 'unsigned',
        createdById: actor.id,
        decidedById: null,
        decidedAt: null,
        rejectReason: '',
        signedAt: null,
        copiedFromId,
        createdAt: now,
        updatedAt: now,
      });
      const id = identifiers[0].id as number;
      await this.saveLines(
        m,
        id,
        input.lines.map((l) => ({ ...l, cappedFrom: null })),
      );
      await saveApprovers(m, REQUISITION, id, approverIds);
      const view = await this.view(m, await this.load(m, id));
      if (input.submit) await this.notifySubmitted(m, view);
      await this.audit.record(m, meta, {
        action: input.submit ? 'requisition.submit' : 'requisition.draft',
        entity: REQUISITION,
        entityId: id,
        after: view,
      });
      return view;
    });
  }

  /** Edits a draft (e.g. a copy) and optionally submits it. */
  async update(id: number, input: RequisitionInput, meta: Meta): Promise<RequisitionView> {
    const actor = meta.actor;
    if (input.employeeId !== actor.id && !actsForOthers(actor)) throw invalid('employeeId', '只能为自己领用配件');
    return this.tx.run(async (m) => {
      const doc = await this.load(m, id);
      assertVisible(actor, doc, '领用单');
      if (doc.status !== 'draft') throw new DomainError('ALREADY_DECIDED', `领用单${APPROVAL_STATUS_LABELS[doc.status]}，不能再修改`);
      const before = await this.view(m, doc);
      const { employee, approverIds } = await this.checkHead(m, input, doc.createdById);
      if (input.submit) await this.assertAvailable(m, input.warehouseId, input.lines, actor);
      const res = await m
        .createQueryBuilder()
        .update(Requisition)
        .set({
          employeeId: employee.id,
          departmentId: employee.departmentId,
          warehouseId: input.warehouseId,
          handlerId: input.handlerId,
          remark: input.remark,
          status: input.submit ? 'pending' : 'draft',
          updatedAt: new Date(),
        })
        .where("id = :id AND status = 'draft'", { id })
        .execute();
      if (res.affected !== 1) throw new DomainError('ALREADY_DECIDED');
      await m.delete(RequisitionLine, { requisitionId: id });
      await this.saveLines(
        m,
        id,
        input.lines.map((l) => ({ ...l, cappedFrom: null })),
      );
      await saveApprovers(m, REQUISITION, id, approverIds);
      const view = await this.view(m, await this.load(m, id));
      if (input.submit) await this.notifySubmitted(m, view);
      await this.audit.record(m, meta, {
        action: input.submit ? 'requisition.submit' : 'requisition.update',
        entity: REQUISITION,
        entityId: id,
        before,
        after: view,
      });
      return view;
    });
  }

  /** 批准: the first listed keeper to decide wins; the parts leave the warehouse now. */
  async approve(id: number, meta: Meta): Promise<RequisitionView> {
    const doc = await this.load(this.tx.dataSource.manager, id);
    const [fromWarehouse, transit] = await Promise.all([
      this.ledger.locationOf('warehouse', doc.warehouseId, ''),
      this.ledger.virtualLocation('transit'),
    ]);
    return this.tx.run(async (m) => {
      await this.markApproved(m, doc, meta);
      const lines = await m.find(RequisitionLine, { where: { requisitionId: id }, order: { lineNo: 'ASC' } });
      try {
        await this.ledger.post(
          m,
          lines.map((l) => ({
            partId: l.partId,
            qty: l.qty,
            fromLocationId: fromWarehouse,
            toLocationId: transit,
            docType: REQUISITION,
            docId: id,
            docNo: doc.no,
            docLine: l.lineNo,
          })),
          meta.actor.id,
        );
      } catch (e) {
        throw await this.explainShortage(m, e, doc.warehouseId, '无法批准');
      }
      const view = await this.view(m, await this.load(m, id));
      await this.notifyDecision(m, view);
      await this.notifyToSign(m, view);
      await this.audit.record(m, meta, {
        action: 'requisition.approve',
        entity: REQUISITION,
        entityId: id,
        after: { status: view.status, lines: view.lines.map((l) => [l.partCode, l.qty]) },
      });
      return view;
    });
  }

  /**
   * 签收 by the employee himself. A disputed quantity (未收到, 破损 …) does not go back to the
   * warehouse on his word: it waits in dispute until a keeper settles it (resolveDispute).
   */
  async sign(id: number, input: SignInput, meta: Meta): Promise<RequisitionView> {
    const doc = await this.load(this.tx.dataSource.manager, id);
    assertVisible(meta.actor, doc, '领用单');
    if (doc.employeeId !== meta.actor.id) throw new DomainError('FORBIDDEN', '只有领用员工本人可以签收');
    const [transit, hands, dispute] = await Promise.all([
      this.ledger.virtualLocation('transit'),
      this.ledger.locationOf('employee', doc.employeeId, await this.employeeName(doc)),
      this.ledger.virtualLocation('dispute'),
    ]);
    return this.tx.run(async (m) => {
      const lines = await m.find(RequisitionLine, { where: { requisitionId: id }, order: { lineNo: 'ASC' } });
      for (const d of input.disputes) {
        const line = lines.find((l) => l.id === d.lineId);
        if (!line) throw invalid('disputes', '异议的明细不属于这张领用单');
        if (d.qty > line.qty) throw invalid('disputes', `异议数量不能超过领用数量 ${line.qty}`);
      }
      const disputed = input.disputes.length > 0;
      const res = await m
        .createQueryBuilder()
        .update(Requisition)
        .set({ signStatus: disputed ? 'disputed' : 'signed', signedAt: new Date(), updatedAt: new Date() })
        .where("id = :id AND status = 'approved' AND signStatus = 'unsigned'", { id })
        .execute();
      if (res.affected !== 1) {
        const now = await this.load(this.tx.dataSource.manager, id);
        throw new DomainError(
          'ALREADY_DECIDED',
          now.status !== 'approved' ? `领用单${APPROVAL_STATUS_LABELS[now.status]}，不能签收` : '领用单已签收',
        );
      }
      const moves = [];
      for (const l of lines) {
        const d = input.disputes.find((x) => x.lineId === l.id);
        const kept = l.qty - (d?.qty ?? 0);
        if (kept > 0)
          moves.push({
            partId: l.partId,
            qty: kept,
            fromLocationId: transit,
            toLocationId: hands,
            docType: REQUISITION,
            docId: id,
            docNo: doc.no,
            docLine: l.lineNo,
          });
        if (d) {
          moves.push({
            partId: l.partId,
            qty: d.qty,
            fromLocationId: transit,
            toLocationId: dispute,
            docType: REQUISITION,
            docId: id,
            docNo: doc.no,
            docLine: l.lineNo,
            reason: `签收异议：${d.reason}`,
          });
          await m.update(RequisitionLine, { id: l.id }, { disputedQty: d.qty, disputeReason: d.reason, disputeStatus: 'open' });
        }
      }
      await this.ledger.post(m, moves, meta.actor.id);
      await this.audit.record(m, meta, {
        action: 'requisition.sign',
        entity: REQUISITION,
        entityId: id,
        after: { disputes: input.disputes },
      });
      const view = await this.view(m, await this.load(m, id));
      await this.notifier.done(m, { docType: REQUISITION, docId: id, kinds: ['sign'] }, disputed ? '已签收（有异议）' : '已签收');
      if (disputed) await this.notifyDispute(m, view);
      return view;
    });
  }

  /**
   * A keeper listed on the requisition settles one disputed line: the parts are back on the
   * shelf (dispute -> warehouse; refused while the warehouse is being counted) or lost, written
   * off against the employee with the reason (dispute -> loss). Never the employee himself.
   */
  async resolveDispute(id: number, lineId: number, input: DisputeResolveInput, meta: Meta): Promise<RequisitionView> {
    const actor = meta.actor;
    const doc = await this.load(this.tx.dataSource.manager, id);
    if (doc.employeeId === actor.id) throw new DomainError('FORBIDDEN', '不能核实自己签收的异议，请由其他库管处理');
    const [dispute, warehouse, loss] = await Promise.all([
      this.ledger.virtualLocation('dispute'),
      this.ledger.locationOf('warehouse', doc.warehouseId, ''),
      this.ledger.virtualLocation('loss'),
    ]);
    return this.tx.run(async (m) => {
      const approvers = await m.findBy(DocumentApprover, { docType: REQUISITION, docId: id });
      assertApprover(
        actor,
        approvers.map((a) => ({ id: a.employeeId })),
      );
      const line = await m.findOneBy(RequisitionLine, { id: lineId, requisitionId: id });
      if (!line || !line.disputedQty) throw notFound('签收异议');
      if (input.outcome === 'returned') await assertNotCounting(m, doc.warehouseId);
      const res = await m
        .createQueryBuilder()
        .update(RequisitionLine)
        .set({ disputeStatus: input.outcome, disputeNote: input.note, disputeResolvedById: actor.id, disputeResolvedAt: new Date() })
        .where("id = :lineId AND disputeStatus = 'open'", { lineId })
        .execute();
      if (res.affected !== 1) throw new DomainError('ALREADY_DECIDED', '该签收异议已核实过');
      const employee = await this.employeeName(doc);
      await this.ledger.post(
        m,
        [
          {
            partId: line.partId,
            qty: line.disputedQty,
            fromLocationId: dispute,
            toLocationId: input.outcome === 'returned' ? warehouse : loss,
            docType: REQUISITION,
            docId: id,
            docNo: doc.no,
            docLine: line.lineNo,
            reason:
              input.outcome === 'returned'
                ? `签收异议核实：已退回仓库${input.note ? `（${input.note}）` : ''}`
                : `签收异议核实：丢失，${employee}承担（${input.note}）`,
          },
        ],
        actor.id,
      );
      await this.audit.record(m, meta, {
        action: 'requisition.dispute',
        entity: REQUISITION,
        entityId: id,
        after: { lineId, partId: line.partId, qty: line.disputedQty, outcome: input.outcome, note: input.note },
      });
      const view = await this.view(m, await this.load(m, id));
      const label = DISPUTE_STATUS_LABELS[input.outcome];
      if (!view.lines.some((l) => l.disputeStatus === 'open'))
        await this.notifier.done(m, { docType: REQUISITION, docId: id, kinds: ['dispute'] }, `已由${actor.name}核实`);
      const l = view.lines.find((x) => x.id === lineId)!;
      await this.notifier.notify(m, {
        to: [doc.employeeId],
        kind: 'result',
        title: `签收异议${label}`,
        body: `${doc.no} ${l.partName}×${l.disputedQty}：${label}（${actor.name}）${input.note ? `，${input.note}` : ''}`,
        page: this.page(id),
        docType: REQUISITION,
        docId: id,
      });
      return view;
    });
  }

  /** 待签收: the employee must sign for the parts the keeper issued. */
  private async notifyToSign(m: EntityManager, view: RequisitionView): Promise<void> {
    const parts = this.partsSummary(view);
    await this.notifier.notify(m, {
      to: [view.employeeId],
      kind: 'sign',
      title: '配件已出库，请签收',
      body: `${view.no} ${parts.text}`,
      page: this.page(view.id),
      docType: REQUISITION,
      docId: view.id,
      todo: true,
      wechat: {
        template: 'sign',
        values: { character_string1: view.no, thing2: parts.first, number3: parts.qty, date4: new Date(), phrase5: '待签收' },
      },
    });
  }

  /** 签收异议: the keepers listed on it are asked to check and settle each disputed line. */
  private async notifyDispute(m: EntityManager, view: RequisitionView): Promise<void> {
    const disputed = view.lines.filter((l) => l.disputedQty > 0);
    const text = disputed.map((l) => `${l.partName}×${l.disputedQty}（${l.disputeReason}）`).join('、');
    await this.notifier.notify(m, {
      to: view.approvers.map((a) => a.id),
      kind: 'dispute',
      title: `${view.employeeName}签收${view.no}有异议`,
      body: `待核实：${text}`,
      page: this.page(view.id),
      docType: REQUISITION,
      docId: view.id,
      todo: true,
      wechat: {
        template: 'approval',
        values: {
          thing1: '领用单签收异议',
          name2: view.employeeName,
          character_string3: view.no,
          time4: new Date(),
          thing5: text,
        },
      },
    });
  }

  /**
   * 一键复制: a new draft with the same employee, warehouse, handler, approvers and parts,
   * each quantity lowered to what the warehouse has today (the lowered lines are marked).
   */
  /**
   * 复制 as a form: what a copy would hold (same employee, warehouse, approvers and parts, the
   * quantities capped at today's stock and marked), saved nowhere. id 0 and no '' until the
   * form is saved through createCopy, so closing the form leaves no draft behind.
   */
  async copyPreview(id: number, actor: Actor): Promise<RequisitionView> {
    const db = this.tx.dataSource.manager;
    const source = await this.load(db, id);
    assertVisible(actor, source, '领用单');
    const view = await this.view(db, source);
    const partIds = view.lines.map((l) => l.partId);
    // 盲盘: capping to today's stock would tell a counter the book, so the copy keeps the quantities.
    const blind = (await blindWarehouses(db, actor)).has(source.warehouseId);
    const available = blind ? new Map<number, number>() : await this.stock.quantities('warehouse', source.warehouseId, partIds, db);
    const me = await db.findOne(Employee, { where: { id: actor.id }, select: { id: true, name: true } });
    return {
      ...view,
      id: 0,
      no: '',
      status: 'draft',
      signStatus: 'unsigned',
      signedAt: null,
      createdById: actor.id,
      createdByName: me?.name ?? '',
      decidedById: null,
      decidedByName: null,
      decidedAt: null,
      rejectReason: '',
      createdAt: new Date().toISOString(),
      copiedFromNo: source.no,
      lines: view.lines.map((l, i) => {
        const can = blind ? l.qty : Math.max(0, available.get(l.partId) ?? 0);
        return {
          ...l,
          id: 0,
          lineNo: i + 1,
          qty: Math.min(l.qty, can),
          cappedFrom: l.qty > can ? l.qty : null,
          available: blind ? null : (available.get(l.partId) ?? 0),
          disputedQty: 0,
          disputeReason: '',
          disputeStatus: null,
          disputeNote: '',
          disputeResolvedByName: null,
          disputeResolvedAt: null,
        };
      }),
    };
  }

  /** Saves the form a 复制 opened (as a draft or submitted), remembering where it was copied from. */
  async createCopy(sourceId: number, input: RequisitionInput, meta: Meta): Promise<RequisitionView> {
    const source = await this.load(this.tx.dataSource.manager, sourceId);
    assertVisible(meta.actor, source, '领用单');
    return this.create(input, meta, source.id);
  }

  /** One-click copy saved at once as a draft (API clients; the desk and the phone use copyPreview + createCopy). */
  async copy(id: number, meta: Meta): Promise<RequisitionView> {
    const source = await this.load(this.tx.dataSource.manager, id);
    assertVisible(meta.actor, source, '领用单');
    await this.docs.prepare(DOC_PREFIXES.requisition);
    return this.tx.run(async (m) => {
      const lines = await m.find(RequisitionLine, { where: { requisitionId: id }, order: { lineNo: 'ASC' } });
      const available = await this.stock.quantities(
        'warehouse',
        source.warehouseId,
        lines.map((l) => l.partId),
        m,
      );
      const approvers = await m.find(DocumentApprover, { where: { docType: REQUISITION, docId: id } });
      // 盲盘: capping to today's stock would tell a counter the book, so the copy keeps the quantities.
      const blind = (await blindWarehouses(m, meta.actor)).has(source.warehouseId);
      const now = new Date();
      const no = await this.docs.next(m, DOC_PREFIXES.requisition, now);
      const { identifiers } = await m.insert(Requisition, {
        ...pick(source),
        no,
        status: 'draft',
        signStatus: 'unsigned',
        createdById: meta.actor.id,
        decidedById: null,
        decidedAt: null,
        rejectReason: '',
        signedAt: null,
        copiedFromId: source.id,
        createdAt: now,
        updatedAt: now,
      });
      const newId = identifiers[0].id as number;
      await this.saveLines(
        m,
        newId,
        lines.map((l) => {
          const can = blind ? l.qty : Math.max(0, available.get(l.partId) ?? 0);
          return { partId: l.partId, qty: Math.min(l.qty, can), cappedFrom: l.qty > can ? l.qty : null };
        }),
      );
      await saveApprovers(
        m,
        REQUISITION,
        newId,
        approvers.map((a) => a.employeeId),
      );
      const view = await this.view(m, await this.load(m, newId));
      await this.audit.record(m, meta, { action: 'requisition.copy', entity: REQUISITION, entityId: newId, after: { from: source.no } });
      return view;
    });
  }

  private async checkHead(m: EntityManager, input: RequisitionInput, createdById: number) {
    const employee = await enabledEmployee(m, input.employeeId, 'employeeId', '领用员工');
    if (input.handlerId) await enabledEmployee(m, input.handlerId, 'handlerId', '经办人');
    const warehouse = await enabledWarehouse(m, input.warehouseId);
    const approverIds = await checkApprovers(m, warehouse, input.approverIds, { employeeId: employee.id, createdById });
    await enabledParts(
      m,
      input.lines.map((l) => l.partId),
    );
    return { employee, warehouse, approverIds };
  }

  /**
   * A line never asks for more than the warehouse holds today (checked again at approval). Not
   * while a blind count hides the warehouse from him (盲盘): "可领 3" would tell him the book.
   */
  private async assertAvailable(m: EntityManager, warehouseId: number, lines: { partId: number; qty: number }[], actor: Actor) {
    if ((await blindWarehouses(m, actor)).has(warehouseId)) return;
    const available = await this.stock.quantities(
      'warehouse',
      warehouseId,
      lines.map((l) => l.partId),
      m,
    );
    const parts = await enabledParts(
      m,
      lines.map((l) => l.partId),
    );
    const issues = lines
      .map((l, i) => ({ l, i, can: available.get(l.partId) ?? 0 }))
      .filter(({ l, can }) => l.qty > can || l.qty <= 0)
      .map(({ l, i, can }) => ({
        path: `lines.${i}.qty`,
        message:
          l.qty <= 0
            ? `「${parts.get(l.partId)!.name}」数量为 0，请删除该行或填写数量`
            : `「${parts.get(l.partId)!.name}」库存不足：可领 ${can}，申请 ${l.qty}`,
      }));
    if (issues.length) throw new DomainError('INSUFFICIENT_STOCK', issues.map((x) => x.message).join('；'), { issues });
  }

  private async saveLines(m: EntityManager, requisitionId: number, lines: { partId: number; qty: number; cappedFrom: number | null }[]) {
    await m.insert(
      RequisitionLine,
      lines.map((l, i) => ({
        requisitionId,
        lineNo: i + 1,
        partId: l.partId,
        qty: l.qty,
        cappedFrom: l.cappedFrom,
        disputedQty: 0,
        disputeReason: '',
      })),
    );
  }

  private async explainShortage(m: EntityManager, e: unknown, warehouseId: number, action: string): Promise<unknown> {
    if (!(e instanceof DomainError) || e.code !== 'INSUFFICIENT_STOCK') return e;
    const { partId, requested } = (e.extra.details ?? {}) as { partId?: number; requested?: number };
    const part = partId ? await m.findOneBy(Part, { id: partId }) : null;
    const can = partId ? (await this.stock.quantities('warehouse', warehouseId, [partId], m)).get(partId) : undefined;
    return new DomainError(
      'INSUFFICIENT_STOCK',
      `「${part?.name ?? '配件'}」库存不足：现有 ${can ?? 0}，需要 ${requested ?? '?'}，${action}`,
      { details: e.extra.details },
    );
  }

  /** The employee's name, for his holdings' location. */
  private async employeeName(doc: Requisition): Promise<string> {
    return (await this.tx.dataSource.manager.findOneBy(Employee, { id: doc.employeeId }))?.name ?? '';
  }
}

function pick(r: Requisition) {
  return { employeeId: r.employeeId, departmentId: r.departmentId, warehouseId: r.warehouseId, handlerId: r.handlerId, remark: r.remark };
}
