import { Inject } from '@midwayjs/core';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  APPROVAL_STATUS_LABELS,
  type ApprovalDocHead,
  type ApprovalStatus,
  type DocLineView,
  type DocumentListQuery,
  type Page,
} from '@hongyuan/shared';
import type { Actor, RequestMeta } from '../../common/actor';
import { DomainError, notFound } from '../../common/errors';
import { Tx } from '../../common/tx';
import { AuditService } from '../audit/audit.service';
import { selfApprovalAllowed } from '../alerts/alert-settings.service';
import { Notifier } from '../notification/notifier.service';
import { Employee } from '../org/org.entity';
import { DocumentApprover } from '../requisition/requisition.entity';
import { DocNumbers } from '../../common/sequence';
import { applyDocFilters, assertApprover, assertNotCounting, assertNotOwnDocument, assertVisible } from './doc-support';
import { StockLedger } from './stock-ledger.service';
import { StockQuery } from './stock-query.service';

type Meta = RequestMeta & { actor: Actor };

/** The columns every document a keeper approves has (领用单, 调回单). */
export interface ApprovalDoc extends ObjectLiteral {
  id: number;
  employeeId: number;
  warehouseId: number;
  createdById: number;
  status: ApprovalStatus;
  decidedById: number | null;
  decidedAt: Date | null;
  rejectReason: string;
  updatedAt: Date;
}

/** What makes one kind of approval document: its entity, names and views. */
export interface ApprovalDocKind<D extends ApprovalDoc, Item, View> {
  entity: new () => D;
  /** docType of its approvers and ledger moves, audit entity and action prefix ('requisition'). */
  docType: string;
  /** Its Chinese name in messages (领用单). */
  label: string;
  /** List rows for a page of documents, in a fixed number of queries. */
  listItems(m: EntityManager, docs: D[]): Promise<Item[]>;
  /** The document page: head and lines (with today's stock where the kind shows it). */
  view(m: EntityManager, doc: D, stock: StockQuery): Promise<View>;
  /** Filters of the list that only this kind has. */
  filterList?(qb: SelectQueryBuilder<D>, q: DocumentListQuery): void;
  /** What the audit log keeps of a rejection; { reason } unless said. */
  rejectAudit?(reason: string): object;
}

/**
 * The lifecycle requisitions and returns share: draft → pending → approved | rejected, or
 * cancelled before a decision. Any one listed keeper decides (或签) by a conditional UPDATE on
 * `pending`, so two keepers at once get one decision and the loser is told who won. A service
 * extends it with its kind and what is its own: creating, and what approval moves.
 */
export abstract class ApprovalDocService<D extends ApprovalDoc, Item, View extends ApprovalDocHead & { lines: DocLineView[] }> {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;
  @Inject() ledger: StockLedger;
  @Inject() stock: StockQuery;
  @Inject() docs: DocNumbers;
  @Inject() notifier: Notifier;

  protected abstract readonly kind: ApprovalDocKind<D, Item, View>;

  private get docType(): string {
    return this.kind.docType;
  }

  private get label(): string {
    return this.kind.label;
  }

  protected view(m: EntityManager, doc: D): Promise<View> {
    return this.kind.view(m, doc, this.stock);
  }

  async list(q: DocumentListQuery, actor: Actor): Promise<Page<Item>> {
    const m = this.tx.dataSource.manager;
    const qb = applyDocFilters(m.createQueryBuilder(this.kind.entity, 'r'), 'r', this.docType, q, actor);
    // 待我审批 leaves out his own documents, which he may not decide (unless the admin allows it)
    if (q.mine === 'approve' && !(await selfApprovalAllowed(m)))
      qb.andWhere('r.employeeId <> :self AND r.createdById <> :self', { self: actor.id });
    this.kind.filterList?.(qb, q);
    const [rows, total] = await qb
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: await this.kind.listItems(m, rows), total, page: q.page, pageSize: q.pageSize };
  }

  async get(id: number, actor: Actor): Promise<View> {
    const doc = await this.load(this.tx.dataSource.manager, id);
    assertVisible(actor, doc, this.label);
    return this.view(this.tx.dataSource.manager, doc);
  }

  /** 否决 with a reason; nothing moves. */
  async reject(id: number, reason: string, meta: Meta): Promise<View> {
    return this.tx.run(async (m) => {
      await this.assertMayDecide(m, id, meta, 'rejected');
      await this.decide(m, id, { status: 'rejected', decidedById: meta.actor.id, decidedAt: new Date(), rejectReason: reason });
      await this.notifyDecision(m, await this.view(m, await this.load(m, id)));
      await this.audit.record(m, meta, {
        action: `${this.docType}.reject`,
        entity: this.docType,
        entityId: id,
        after: this.kind.rejectAudit?.(reason) ?? { reason },
      });
      return this.view(m, await this.load(m, id));
    });
  }

  /** 作废 a draft or a document still waiting for approval. */
  async cancel(id: number, meta: Meta): Promise<View> {
    return this.tx.run(async (m) => {
      const doc = await this.load(m, id);
      assertVisible(meta.actor, doc, this.label);
      await this.transition(m, id, "status IN ('draft', 'pending')", { status: 'cancelled' });
      await this.notifier.done(m, { docType: this.docType, docId: id, kinds: ['approval'] }, `${this.label}已作废`);
      await this.audit.record(m, meta, {
        action: `${this.docType}.cancel`,
        entity: this.docType,
        entityId: id,
        before: { status: doc.status },
      });
      return this.view(m, await this.load(m, id));
    });
  }

  /**
   * 批准's shared first step, inside the caller's transaction: a listed keeper who is not the
   * requester, the warehouse not being counted, pending → approved. What approval moves is the caller's.
   */
  protected async markApproved(m: EntityManager, doc: D, meta: Meta): Promise<void> {
    await this.assertMayDecide(m, doc.id, meta, 'approved');
    await assertNotCounting(m, doc.warehouseId);
    await this.decide(m, doc.id, { status: 'approved', decidedById: meta.actor.id, decidedAt: new Date() });
  }

  /** The mini-program page of a document. */
  protected page(id: number): string {
    return `packages/stock/${this.docType === 'return' ? 'return' : 'requisition'}/index?id=${id}`;
  }

  /** "3 种配件：机油滤芯×2、…" for a message body. */
  protected partsSummary(view: View): { first: string; text: string; qty: number } {
    const names = view.lines.map((l) => `${l.partName}×${l.qty}`);
    const first = view.lines[0]
      ? view.lines.length > 1
        ? `${view.lines[0].partName}等${view.lines.length}种`
        : view.lines[0].partName
      : '配件';
    return {
      first,
      text: `${view.lines.length} 种配件：${names.slice(0, 4).join('、')}${names.length > 4 ? ' 等' : ''}`,
      qty: view.lines.reduce((n, l) => n + l.qty, 0),
    };
  }

  /** Submitted: a to-do for every listed keeper (any one decides), with the 审批提醒 message. */
  protected async notifySubmitted(m: EntityManager, view: View): Promise<void> {
    const parts = this.partsSummary(view);
    // his own document is decided by the other listed keepers (unless the admin allows otherwise)
    const own = (id: number) => id === view.employeeId || id === view.createdById;
    const selfOk = await selfApprovalAllowed(m);
    await this.notifier.notify(m, {
      to: view.approvers.map((a) => a.id).filter((id) => selfOk || !own(id)),
      kind: 'approval',
      title: `${view.employeeName}的${this.label}待审批`,
      body: `${view.no} ${parts.text}`,
      page: this.page(view.id),
      docType: this.docType,
      docId: view.id,
      todo: true,
      wechat: {
        template: 'approval',
        values: {
          thing1: `${this.label} ${parts.first}`,
          name2: view.employeeName,
          character_string3: view.no,
          time4: new Date(),
          thing5: view.remark,
        },
      },
    });
  }

  /**
   * Decided: the other keepers' to-dos close (已由 X 处理), and the employee (and whoever wrote
   * it for him) hears the result with the reason.
   */
  protected async notifyDecision(m: EntityManager, view: View): Promise<void> {
    const state = APPROVAL_STATUS_LABELS[view.status];
    const by = view.decidedByName ?? '';
    await this.notifier.done(m, { docType: this.docType, docId: view.id, kinds: ['approval'] }, `已由${by}处理（${state}）`);
    const approved = view.status === 'approved';
    await this.notifier.notify(m, {
      to: [view.employeeId, view.createdById],
      kind: 'result',
      title: `${this.label}${approved ? '已批准' : '被驳回'}`,
      body: approved ? `${view.no} 由${by}批准` : `${view.no} 由${by}驳回：${view.rejectReason}`,
      page: this.page(view.id),
      docType: this.docType,
      docId: view.id,
      wechat: {
        template: 'result',
        values: {
          thing1: `${this.label} ${view.no}`,
          phrase2: approved ? '已批准' : '已驳回',
          name3: by,
          time4: new Date(),
          thing5: approved ? (this.docType === 'return' ? '配件已退回仓库' : '请及时签收配件') : view.rejectReason,
        },
      },
    });
  }

  protected async load(m: EntityManager, id: number): Promise<D> {
    const doc = await m.findOneBy(this.kind.entity, { id } as Partial<D>);
    if (!doc) throw notFound(this.label);
    return doc;
  }

  /**
   * The document exists, the actor is one of its listed approvers and not its requester (不能审批
   * 自己的单据). Where an admin allowed self-approval, such a decision is marked in the audit log
   * (rolled back with it if the decision does not happen).
   */
  private async assertMayDecide(m: EntityManager, id: number, meta: Meta, decision: 'approved' | 'rejected'): Promise<void> {
    const doc = await this.load(m, id);
    const approvers = await m.find(DocumentApprover, { where: { docType: this.docType, docId: id } });
    assertApprover(
      meta.actor,
      approvers.map((a) => ({ id: a.employeeId })),
    );
    if (await assertNotOwnDocument(m, meta.actor, doc)) {
      await this.audit.record(m, meta, {
        action: `${this.docType}.selfApproval`,
        entity: this.docType,
        entityId: id,
        after: { selfApproved: true, decision, employeeId: doc.employeeId, createdById: doc.createdById },
      });
    }
  }

  /** pending -> decided, by a conditional UPDATE: two keepers at once get one decision. */
  private async decide(m: EntityManager, id: number, set: Partial<ApprovalDoc>): Promise<void> {
    await this.transition(m, id, "status = 'pending'", set);
  }

  /** Changes the document only while its status is still `from`; else says who got there first. */
  private async transition(m: EntityManager, id: number, from: string, set: Partial<ApprovalDoc>): Promise<void> {
    const values: Partial<ApprovalDoc> = { ...set, updatedAt: new Date() };
    const res = await m
      .createQueryBuilder()
      .update(this.kind.entity)
      .set(values as QueryDeepPartialEntity<D>)
      .where(`id = :id AND ${from}`, { id })
      .execute();
    if (res.affected !== 1) throw await this.alreadyDecided(id);
  }

  /**
   * Reads the decision that beat us outside our transaction: inside it, MySQL's repeatable-read
   * snapshot would still show the document as pending.
   */
  private async alreadyDecided(id: number): Promise<DomainError> {
    const m = this.tx.dataSource.manager;
    const doc = await this.load(m, id);
    const by = doc.decidedById ? (await m.findOneBy(Employee, { id: doc.decidedById }))?.name : '';
    const state = APPROVAL_STATUS_LABELS[doc.status];
    return new DomainError('ALREADY_DECIDED', by ? `该${this.label}已由${by}处理（${state}）` : `该${this.label}${state}，不能再操作`);
  }
}
