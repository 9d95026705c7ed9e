import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import {
  DOC_PREFIXES,
  type ReturnApproveInput,
  type ReturnInput,
  type ReturnListItem,
  type ReturnPrefill,
  type ReturnView,
} from '@hongyuan/shared';
import type { Actor, RequestMeta } from '../../common/actor';
import { DomainError, invalid, notFound } from '../../common/errors';
import { Department, Employee, Warehouse, WarehouseKeeper } from '../org/org.entity';
import { Part } from '../part/part.entity';
import { Requisition } from '../requisition/requisition.entity';
import { ApprovalDocService } from '../stock/doc-lifecycle';
import { actsForOthers, checkApprovers, enabledEmployee, enabledParts, enabledWarehouse, saveApprovers } from '../stock/doc-support';
import { StockReturn, StockReturnLine } from './stock-return.entity';
import { assertMovesSomething, beyondDeclaration, postReturn, returnLocations } from './stock-return.posting';
import { ReturnVarianceService } from './stock-return.variance';
import { RETURN, RETURN_KIND } from './stock-return.views';

type Meta = RequestMeta & { actor: Actor };

/**
 * 配件调回单 / 退还. Picking the employee lists what he holds (剩余数量); the keeper checks the
 * counts at approval. Approval moves the counted parts from his hands to the warehouse and
 * writes off a shortfall or damage to loss with its reason, so nothing disappears silently.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class StockReturnService extends ApprovalDocService<StockReturn, ReturnListItem, ReturnView> {
  protected readonly kind = RETURN_KIND;
  @Inject() variance: ReturnVarianceService;

  /** 一键生成: what the employee can still return, his department, where he last took parts from. */
  async prefill(employeeId: number): Promise<ReturnPrefill> {
    const m = this.tx.dataSource.manager;
    const employee = await m.findOneBy(Employee, { id: employeeId });
    if (!employee) throw notFound('员工');
    const department = employee.departmentId ? await m.findOneBy(Department, { id: employee.departmentId }) : null;
    const last = await m.findOne(Requisition, { where: { employeeId, status: 'approved' }, order: { id: 'DESC' } });
    const warehouse = last
      ? await m.findOneBy(Warehouse, { id: last.warehouseId, enabled: true })
      : await m.findOne(Warehouse, { where: { enabled: true }, order: { id: 'ASC' } });
    const keepers = warehouse ? await this.enabledKeepers(m, warehouse.id) : [];
    const holdings = await this.stock.allHoldings(employeeId);
    const pending = await this.pendingQuantities(m, employeeId);
    return {
      employeeId,
      employeeName: employee.name,
      departmentId: employee.departmentId,
      departmentName: department?.name ?? null,
      warehouseId: warehouse?.id ?? null,
      approverIds: keepers,
      pendingQty: [...pending.values()].reduce((a, b) => a + b, 0),
      // 可退的剩余数量: what he holds less what a pending return already sends back.
      lines: holdings
        .map((h) => ({
          partId: h.partId,
          partCode: h.partCode,
          partName: h.partName,
          partModel: h.partModel,
          partSpec: h.partSpec,
          unit: h.unit,
          heldQty: h.qty - (pending.get(h.partId) ?? 0),
          pendingQty: pending.get(h.partId) ?? 0,
        }))
        .filter((l) => l.heldQty > 0),
    };
  }

  async create(input: ReturnInput, meta: Meta): Promise<ReturnView> {
    if (input.employeeId !== meta.actor.id && !actsForOthers(meta.actor)) throw invalid('employeeId', '只能退还自己持有的配件');
    await this.docs.prepare(DOC_PREFIXES.return);
    return this.tx.run(async (m) => {
      const employee = await enabledEmployee(m, input.employeeId, 'employeeId', '领用员工');
      if (input.handlerId) await enabledEmployee(m, input.handlerId, 'handlerId', '经办人');
      const warehouse = await enabledWarehouse(m, input.warehouseId);
      const approverIds = await checkApprovers(m, warehouse, input.approverIds, { employeeId: employee.id, createdById: meta.actor.id });
      const parts = await enabledParts(
        m,
        input.lines.map((l) => l.partId),
      );
      const held = await this.stock.quantities(
        'employee',
        employee.id,
        input.lines.map((l) => l.partId),
        m,
      );
      const waiting = input.submit ? await this.pendingQuantities(m, employee.id) : new Map<number, number>();
      input.lines.forEach((l, i) => {
        const has = held.get(l.partId) ?? 0;
        const pending = waiting.get(l.partId) ?? 0;
        if (l.qty + l.problemQty > has)
          throw invalid(`lines.${i}.qty`, `「${parts.get(l.partId)!.name}」${employee.name}只持有 ${has}，退还与问题数量合计不能超过它`);
        // A pending return already spoke for part of his hands: the same parts cannot go back twice.
        if (l.qty + l.problemQty + pending > has) {
          throw invalid(
            `lines.${i}.qty`,
            `「${parts.get(l.partId)!.name}」已有 ${pending} 在待审批的调回单中，${employee.name}只持有 ${has}，请先处理那张单据`,
          );
        }
      });
      const now = new Date();
      const no = await this.docs.next(m, DOC_PREFIXES.return, now);
      const { identifiers } = await m.insert(StockReturn, {
        no,
        employeeId: employee.id,
        departmentId: employee.departmentId,
        warehouseId: warehouse.id,
        handlerId: input.handlerId,
        inboundAt: input.inboundAt ? new Date(input.inboundAt) : now,
        remark: input.remark,
        status: input.submit ? 'pending' : 'draft',
        createdById: meta.actor.id,
        decidedById: null,
        decidedAt: null,
        rejectReason: '',
        createdAt: now,
        updatedAt: now,
      });
      const id = identifiers[0].id as number;
      await m.insert(
        StockReturnLine,
        input.lines.map((l, i) => ({
          returnId: id,
          lineNo: i + 1,
          partId: l.partId,
          heldQty: held.get(l.partId) ?? 0,
          qty: l.qty,
          problemQty: l.problemQty,
          problemReason: l.problemReason,
          declaredQty: l.qty,
          declaredProblemQty: l.problemQty,
          declaredProblemReason: l.problemReason,
        })),
      );
      await saveApprovers(m, RETURN, id, approverIds);
      const view = await this.view(m, await this.load(m, id));
      if (input.submit) await this.notifySubmitted(m, view);
      await this.audit.record(m, meta, {
        action: input.submit ? 'return.submit' : 'return.draft',
        entity: RETURN,
        entityId: id,
        after: view,
      });
      return view;
    });
  }

  /** 退还今日剩余: a submitted return of everything he holds, to the warehouse he took from. */
  async leftovers(employeeId: number, warehouseId: number | null | undefined, meta: Meta): Promise<ReturnView> {
    const prefill = await this.prefill(employeeId);
    if (!prefill.lines.length) {
      const all = await this.stock.allHoldings(employeeId);
      throw new DomainError(
        'BAD_REQUEST',
        all.length ? `${prefill.employeeName}手上的配件都已在待审批的调回单中` : `${prefill.employeeName}手上没有配件，无需退还`,
      );
    }
    const target = warehouseId ?? prefill.warehouseId;
    if (!target) throw invalid('warehouseId', '请选择调回仓库');
    const approverIds =
      target === prefill.warehouseId ? prefill.approverIds : await this.enabledKeepers(this.tx.dataSource.manager, target);
    if (!approverIds.length) throw invalid('warehouseId', '该仓库没有在职的库管，无法审批');
    return this.create(
      {
        employeeId,
        warehouseId: target,
        handlerId: null,
        remark: '每日剩余配件入库',
        approverIds,
        lines: prefill.lines.map((l) => ({ partId: l.partId, qty: l.heldQty, problemQty: 0, problemReason: '' })),
        submit: true,
      },
      meta,
    );
  }

  /**
   * The keeper checks the counts; the counted parts go back, the rest is written off with
   * reasons. A count that takes back fewer or writes off more than the employee declared posts
   * nothing: it waits for the employee's confirmation (or a second keeper's), see ReturnVarianceService.
   */
  async approve(id: number, input: ReturnApproveInput, meta: Meta): Promise<ReturnView> {
    const doc = await this.load(this.tx.dataSource.manager, id);
    const locs = await returnLocations(this.ledger, doc);
    return this.tx.run(async (m) => {
      await this.markApproved(m, doc, meta);
      const lines = await m.find(StockReturnLine, { where: { returnId: id }, order: { lineNo: 'ASC' } });
      for (const c of input.counts) {
        const line = lines.find((l) => l.id === c.lineId);
        if (!line) throw invalid('counts', '核对的明细不属于这张调回单');
        Object.assign(line, { qty: c.qty, problemQty: c.problemQty, problemReason: c.problemReason });
        await m.update(StockReturnLine, { id: line.id }, { qty: c.qty, problemQty: c.problemQty, problemReason: c.problemReason });
      }
      assertMovesSomething(lines);
      if (beyondDeclaration(lines).length) {
        await this.assertHeld(m, doc, lines);
        return this.variance.hold(m, doc, lines, meta);
      }
      await postReturn(m, this.ledger, doc, lines, locs, meta.actor.id);
      const view = await this.view(m, await this.load(m, id));
      await this.notifyDecision(m, view);
      await this.audit.record(m, meta, {
        action: 'return.approve',
        entity: RETURN,
        entityId: id,
        after: { lines: view.lines.map((l) => [l.partCode, l.qty, l.problemQty, l.problemReason]) },
      });
      return view;
    });
  }

  /** A count waiting for confirmation must still fit his hands, or the confirmation could not post it. */
  private async assertHeld(m: EntityManager, doc: StockReturn, lines: StockReturnLine[]): Promise<void> {
    const held = await this.stock.quantities(
      'employee',
      doc.employeeId,
      lines.map((l) => l.partId),
      m,
    );
    const over = lines.find((l) => l.qty + l.problemQty > (held.get(l.partId) ?? 0));
    if (!over) return;
    const part = await m.findOneBy(Part, { id: over.partId });
    throw new DomainError(
      'INSUFFICIENT_STOCK',
      `「${part?.name ?? '配件'}」员工现在只持有 ${held.get(over.partId) ?? 0}，退还与问题数量合计不能超过它，请核对后重新填写`,
    );
  }

  /** What his pending returns (and those waiting for his confirmation) already send back, per part. */
  private async pendingQuantities(m: EntityManager, employeeId: number): Promise<Map<number, number>> {
    const rows = await m
      .createQueryBuilder(StockReturnLine, 'l')
      .innerJoin(StockReturn, 'r', 'r.id = l.returnId')
      .where("r.employeeId = :employeeId AND r.status IN ('pending', 'variance')", { employeeId })
      .select(['l.partId AS partId', 'SUM(l.qty + l.problemQty) AS qty'])
      .groupBy('l.partId')
      .getRawMany();
    return new Map(rows.map((r) => [Number(r.partId), Number(r.qty)]));
  }

  private async enabledKeepers(m: EntityManager, warehouseId: number): Promise<number[]> {
    const rows = await m
      .createQueryBuilder(WarehouseKeeper, 'k')
      .innerJoin(Employee, 'e', 'e.id = k.employeeId AND e.enabled = :on', { on: true })
      .where('k.warehouseId = :warehouseId', { warehouseId })
      .orderBy('k.employeeId', 'ASC')
      .getMany();
    return rows.map((k) => k.employeeId);
  }
}
