import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { APPROVAL_STATUS_LABELS, permissionsOf, type ReturnView } from '@hongyuan/shared';
import type { Actor, RequestMeta } from '../../common/actor';
import { DomainError, notFound } from '../../common/errors';
import { Tx } from '../../common/tx';
import { selfApprovalAllowed } from '../alerts/alert-settings.service';
import { AuditService } from '../audit/audit.service';
import { Notifier } from '../notification/notifier.service';
import { DocumentApprover } from '../requisition/requisition.entity';
import { assertNotCounting, assertVisible } from '../stock/doc-support';
import { StockLedger } from '../stock/stock-ledger.service';
import { StockReturn, StockReturnLine } from './stock-return.entity';
import { postReturn, returnLocations, varianceText, writeOffText } from './stock-return.posting';
import { RETURN, returnView } from './stock-return.views';

type Meta = RequestMeta & { actor: Actor };

const page = (id: number) => `packages/stock/return/index?id=${id}`;

/**
 * 调回差异待确认: a keeper's count that writes off more than the employee declared is not posted
 * on the keeper's word alone (he could book parts he kept as the technician's loss). The return
 * waits in `variance` with the count beside the declaration until the employee confirms it, or a
 * second listed keeper does; the employee may object instead, which sends it back to pending.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ReturnVarianceService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;
  @Inject() ledger: StockLedger;
  @Inject() notifier: Notifier;

  /**
   * Inside the approval's transaction, after markApproved (a listed keeper, not his own
   * document, pending → approved): approved → variance, nothing posted, the employee asked.
   */
  async hold(m: EntityManager, doc: StockReturn, lines: StockReturnLine[], meta: Meta): Promise<ReturnView> {
    // The employee's objection stays on the document beside the recount (the keeper answered it, he sees both).
    await transition(m, doc.id, 'approved', { status: 'variance', countsVersion: () => 'countsVersion + 1' });
    const view = await returnView(m, await load(m, doc.id));
    await this.notifier.done(m, { docType: RETURN, docId: doc.id, kinds: ['approval'] }, `已由${meta.actor.name}核对，差异待员工确认`);
    await this.notifier.notify(m, {
      to: [view.employeeId],
      kind: 'variance',
      title: '调回单核对有差异，请确认',
      body: `${view.no} ${meta.actor.name}核对的数量与你的申报不同：${varianceText(view.lines)}。确认后入账，有异议请说明`,
      page: page(view.id),
      docType: RETURN,
      docId: view.id,
      todo: true,
      wechat: {
        template: 'result',
        values: {
          thing1: `调回单 ${view.no}`,
          phrase2: '差异待确认',
          name3: meta.actor.name,
          time4: new Date(),
          thing5: '核对数量与申报不同，请确认或提出异议',
        },
      },
    });
    await this.audit.record(m, meta, {
      action: 'return.variance',
      entity: RETURN,
      entityId: doc.id,
      after: {
        declared: lines.map((l) => [l.partId, l.declaredQty, l.declaredProblemQty, l.declaredProblemReason]),
        counted: lines.map((l) => [l.partId, l.qty, l.problemQty, l.problemReason]),
      },
    });
    return view;
  }

  /** The employee (or a second listed keeper) accepts the count: it posts now, and he is told what was written off. */
  async confirm(id: number, countsVersion: number, meta: Meta): Promise<ReturnView> {
    const db = this.tx.dataSource.manager;
    const doc = await load(db, id);
    assertVisible(meta.actor, doc, '调回单');
    const locs = await returnLocations(this.ledger, doc);
    return this.tx.run(async (m) => {
      // Only the count the confirmer saw: a recount since (after an objection) is a different write-off.
      await transition(
        m,
        id,
        'variance',
        { status: 'approved', confirmedById: meta.actor.id, confirmedAt: new Date() },
        () => this.refusal(id, countsVersion),
        countsVersion,
      );
      // Read after the UPDATE took the row: who counted is the keeper of this round, not of an earlier one.
      const byEmployee = await assertMayConfirm(m, meta.actor, await load(m, id));
      await assertNotCounting(m, doc.warehouseId);
      const lines = await m.find(StockReturnLine, { where: { returnId: id }, order: { lineNo: 'ASC' } });
      await postReturn(m, this.ledger, doc, lines, locs, meta.actor.id);
      const view = await returnView(m, await load(m, id));
      const who = byEmployee ? '员工本人' : meta.actor.name;
      await this.notifier.done(m, { docType: RETURN, docId: id, kinds: ['variance'] }, `已由${who}确认`);
      const written = writeOffText(view.lines);
      await this.notifier.notify(m, {
        to: [view.employeeId, view.createdById],
        kind: 'result',
        title: '调回单已批准（含报损）',
        body: `${view.no} ${view.decidedByName ?? ''}核对，${byEmployee ? '你已确认' : `${meta.actor.name}确认`}。报损：${written}`,
        page: page(id),
        docType: RETURN,
        docId: id,
        wechat: {
          template: 'result',
          values: {
            thing1: `调回单 ${view.no}`,
            phrase2: '已批准',
            name3: meta.actor.name,
            time4: new Date(),
            thing5: `报损 ${view.lines.reduce((n, l) => n + l.problemQty, 0)} 件，详见调回单`,
          },
        },
      });
      await this.audit.record(m, meta, {
        action: 'return.varianceConfirm',
        entity: RETURN,
        entityId: id,
        after: {
          confirmedBy: byEmployee ? 'employee' : 'keeper',
          writtenOff: view.lines.filter((l) => l.problemQty > 0).map((l) => [l.partCode, l.problemQty, l.problemReason]),
        },
      });
      return view;
    });
  }

  /** The employee does not accept the count: back to pending with his note, the declaration restored, the keepers asked again. */
  async object(id: number, note: string, meta: Meta): Promise<ReturnView> {
    const db = this.tx.dataSource.manager;
    const doc = await load(db, id);
    assertVisible(meta.actor, doc, '调回单');
    if (doc.employeeId !== meta.actor.id) throw new DomainError('FORBIDDEN', '只有领用员工本人可以对核对结果提出异议');
    return this.tx.run(async (m) => {
      const counted = await m.find(StockReturnLine, { where: { returnId: id }, order: { lineNo: 'ASC' } });
      await transition(m, id, 'variance', { status: 'pending', decidedById: null, decidedAt: null, varianceNote: note }, () =>
        this.refusal(id),
      );
      // The keeper's proposal is no longer on the document (the audit log keeps it): no one may approve it by default.
      await m
        .createQueryBuilder()
        .update(StockReturnLine)
        .set({ qty: () => 'declaredQty', problemQty: () => 'declaredProblemQty', problemReason: () => 'declaredProblemReason' })
        .where('returnId = :id', { id })
        .execute();
      const view = await returnView(m, await load(m, id));
      await this.notifier.done(m, { docType: RETURN, docId: id, kinds: ['variance'] }, '已提出异议');
      const selfOk = await selfApprovalAllowed(m);
      const own = (e: number) => e === view.employeeId || e === view.createdById;
      await this.notifier.notify(m, {
        to: view.approvers.map((a) => a.id).filter((e) => selfOk || !own(e)),
        kind: 'approval',
        title: `${view.employeeName}对调回单核对结果有异议`,
        body: `${view.no} ${note}`,
        page: page(id),
        docType: RETURN,
        docId: id,
        todo: true,
        wechat: {
          template: 'approval',
          values: {
            thing1: `调回单 ${view.no} 核对异议`,
            name2: view.employeeName,
            character_string3: view.no,
            time4: new Date(),
            thing5: note,
          },
        },
      });
      await this.audit.record(m, meta, {
        action: 'return.varianceObject',
        entity: RETURN,
        entityId: id,
        before: { status: 'variance', counted: counted.map((l) => [l.partId, l.qty, l.problemQty, l.problemReason]) },
        after: { status: 'pending', note },
      });
      return view;
    });
  }

  /** Read outside the transaction: inside it, MySQL's snapshot would still show the old status. */
  private async refusal(id: number, countsVersion?: number): Promise<DomainError> {
    const now = await load(this.tx.dataSource.manager, id);
    if (countsVersion !== undefined && now.countsVersion !== countsVersion && (now.status === 'variance' || now.status === 'pending'))
      return new DomainError('CONFLICT', '差异已更新，请刷新后再确认');
    return new DomainError('ALREADY_DECIDED', `调回单${APPROVAL_STATUS_LABELS[now.status]}，不能再确认差异或提出异议`);
  }
}

/**
 * The employee himself, or a keeper listed on the return who neither counted it nor asked for
 * it (不能确认自己核对或自己申请的差异; the admin's self-approval exception does not reach this).
 * True when it is the employee.
 */
async function assertMayConfirm(m: EntityManager, actor: Actor, doc: StockReturn): Promise<boolean> {
  if (actor.id === doc.employeeId) return true;
  const listed = await m.existsBy(DocumentApprover, { docType: RETURN, docId: doc.id, employeeId: actor.id });
  if (!listed || !permissionsOf(actor.roles).has('stock.approve'))
    throw new DomainError('FORBIDDEN', '只有领用员工本人或单据上列出的另一位库管可以确认差异');
  if (actor.id === doc.decidedById) throw new DomainError('FORBIDDEN', '核对的库管不能自己确认差异，请由员工本人或另一位库管确认');
  if (actor.id === doc.createdById) throw new DomainError('FORBIDDEN', '不能确认自己开具的调回单的差异，请由员工本人或另一位库管确认');
  return false;
}

async function load(m: EntityManager, id: number): Promise<StockReturn> {
  const doc = await m.findOneBy(StockReturn, { id });
  if (!doc) throw notFound('调回单');
  return doc;
}

/** Changes the return only while it is still `from` (and, given, at that count): a conditional UPDATE, two confirmations make one posting. */
async function transition(
  m: EntityManager,
  id: number,
  from: StockReturn['status'],
  set: QueryDeepPartialEntity<StockReturn>,
  refusal?: () => Promise<DomainError>,
  countsVersion?: number,
): Promise<void> {
  const qb = m
    .createQueryBuilder()
    .update(StockReturn)
    .set({ ...set, updatedAt: new Date() })
    .where('id = :id AND status = :from', { id, from });
  if (countsVersion !== undefined) qb.andWhere('countsVersion = :countsVersion', { countsVersion });
  const res = await qb.execute();
  if (res.affected !== 1) throw refusal ? await refusal() : new DomainError('ALREADY_DECIDED', '调回单已被处理');
}
