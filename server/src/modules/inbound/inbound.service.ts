import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { type EntityManager, In } from 'typeorm';
import {
  DOC_PREFIXES,
  INBOUND_STATUS_LABELS,
  type InboundInput,
  type InboundListItem,
  type InboundListQuery,
  type InboundView,
  type Page,
} from '@hongyuan/shared';
import type { Actor, RequestMeta } from '../../common/actor';
import { DomainError, invalid, notFound } from '../../common/errors';
import { likeContains, likeSql, paginate } from '../../common/paging';
import { DocNumbers } from '../../common/sequence';
import { Tx } from '../../common/tx';
import { AuditService } from '../audit/audit.service';
import { Part } from '../part/part.entity';
import { canSeeCost } from '../part/part.service';
import { StockLedger } from '../stock/stock-ledger.service';
import { Inbound, InboundLine } from './inbound.entity';
import { inboundListItems, inboundView } from './inbound.views';
import { assertKeeperOf, dayRange, enabledWarehouse, warehouseOf } from './warehouse-rules';
import { assertNotCounting } from '../stock/doc-support';

export type Who = RequestMeta & { actor: Actor };

/** One line's amount at most 10,000,000.00 元, so totals stay exact integers in JavaScript. */
const MAX_LINE_FEN = 1_000_000_000;

/**
 * 入库单: a draft (editable, no stock effect) that a keeper of the warehouse confirms, which
 * posts supplier → warehouse moves with the unit cost. Confirming is a conditional status
 * UPDATE checked by affected rows, so a second confirm (or one racing a cancel) gets 409.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class InboundService {
  @Inject() tx: Tx;
  @Inject() ledger: StockLedger;
  @Inject() docs: DocNumbers;
  @Inject() audit: AuditService;

  async list(q: InboundListQuery, actor: Actor): Promise<Page<InboundListItem>> {
    const db = this.tx.dataSource.manager;
    const qb = db.createQueryBuilder(Inbound, 'i').orderBy('i.id', 'DESC');
    if (q.status) qb.andWhere('i.status = :status', { status: q.status });
    if (q.warehouseId) qb.andWhere('i.warehouseId = :wh', { wh: q.warehouseId });
    const { since, before } = dayRange(q.from, q.to);
    if (since) qb.andWhere('i.createdAt >= :since', { since });
    if (before) qb.andWhere('i.createdAt < :before', { before });
    if (q.keyword) qb.andWhere(`(${likeSql('i.no', 'kw')} OR ${likeSql('i.supplier', 'kw')})`, { kw: likeContains(q.keyword) });
    return paginate(qb, q, (rows) => inboundListItems(db, rows, canSeeCost(actor)));
  }

  async get(id: number, actor: Actor): Promise<InboundView> {
    const db = this.tx.dataSource.manager;
    return inboundView(db, await this.find(db, id), canSeeCost(actor));
  }

  async create(input: InboundInput, who: Who): Promise<InboundView> {
    await this.docs.prepare(DOC_PREFIXES.inbound);
    return this.tx.run(async (m) => {
      const warehouse = await enabledWarehouse(m, input.warehouseId);
      await assertKeeperOf(m, who.actor, warehouse, '填写该仓库的入库单');
      await checkLines(m, input);
      const now = new Date();
      const no = await this.docs.next(m, DOC_PREFIXES.inbound, now);
      const { identifiers } = await m.insert(Inbound, {
        no,
        warehouseId: warehouse.id,
        supplier: input.supplier,
        remark: input.remark,
        status: 'draft',
        createdById: who.actor.id,
        decidedById: null,
        decidedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      const id: number = identifiers[0].id;
      await insertLines(m, id, input);
      const view = await inboundView(m, await this.find(m, id), true);
      await this.audit.record(m, who, { action: 'inbound.create', entity: 'inbound', entityId: id, after: auditShape(view) });
      return forReader(view, who.actor);
    });
  }

  /** A draft is replaced as a whole (header and lines); anything else is 409. */
  async update(id: number, input: InboundInput, who: Who): Promise<InboundView> {
    return this.tx.run(async (m) => {
      // The conditional UPDATE comes first: it waits for a concurrent confirm and then fails.
      const res = await m
        .createQueryBuilder()
        .update(Inbound)
        .set({ updatedAt: new Date() })
        .where('id = :id AND status = :draft', { id, draft: 'draft' })
        .execute();
      const doc = await this.find(m, id);
      if (res.affected !== 1) throw decided(doc, '修改');
      const before = await inboundView(m, doc, true);
      const oldWarehouse = await warehouseOf(m, doc.warehouseId);
      await assertKeeperOf(m, who.actor, oldWarehouse, '修改该仓库的入库单');
      const warehouse = await enabledWarehouse(m, input.warehouseId);
      if (warehouse.id !== oldWarehouse.id) await assertKeeperOf(m, who.actor, warehouse, '填写该仓库的入库单');
      await checkLines(m, input);
      await m.update(Inbound, { id }, { warehouseId: warehouse.id, supplier: input.supplier, remark: input.remark });
      await m.delete(InboundLine, { inboundId: id });
      await insertLines(m, id, input);
      const after = await inboundView(m, await this.find(m, id), true);
      await this.audit.record(m, who, {
        action: 'inbound.update',
        entity: 'inbound',
        entityId: id,
        before: auditShape(before),
        after: auditShape(after),
      });
      return forReader(after, who.actor);
    });
  }

  /** Posts every line supplier → warehouse at its unit cost; only a keeper of that warehouse or an admin. */
  async confirm(id: number, who: Who): Promise<InboundView> {
    const db = this.tx.dataSource.manager;
    const doc = await this.find(db, id);
    if (doc.status !== 'draft') throw decided(doc, '确认入库');
    const warehouse = await enabledWarehouse(db, doc.warehouseId);
    await assertKeeperOf(db, who.actor, warehouse, '确认入库');
    // Locations are created in transactions of their own, before the document's.
    const [toLoc, fromLoc] = await Promise.all([
      this.ledger.locationOf('warehouse', warehouse.id, warehouse.name),
      this.ledger.virtualLocation('supplier'),
    ]);
    return this.tx.run(async (m) => {
      const now = new Date();
      // The warehouse is part of the condition: a draft moved to another warehouse meanwhile is not posted here.
      const res = await m
        .createQueryBuilder()
        .update(Inbound)
        .set({ status: 'confirmed', decidedById: who.actor.id, decidedAt: now, updatedAt: now })
        .where('id = :id AND status = :draft AND warehouseId = :wh', { id, draft: 'draft', wh: warehouse.id })
        .execute();
      if (res.affected !== 1) {
        const fresh = await this.find(m, id);
        if (fresh.status !== 'draft') throw decided(fresh, '确认入库');
        throw new DomainError('CONFLICT', `入库单 ${doc.no} 刚被修改，请刷新后重试`);
      }
      // After the UPDATE: a read before it would fix MySQL's snapshot before a racing confirm commits.
      await assertNotCounting(m, warehouse.id);
      const lines = await m.find(InboundLine, { where: { inboundId: id }, order: { lineNo: 'ASC' } });
      if (!lines.length) throw new DomainError('CONFLICT', `入库单 ${doc.no} 没有配件明细，不能确认入库`);
      await this.ledger.post(
        m,
        lines.map((l) => ({
          partId: l.partId,
          qty: l.qty,
          fromLocationId: fromLoc,
          toLocationId: toLoc,
          docType: 'inbound',
          docId: id,
          docNo: doc.no,
          docLine: l.lineNo,
          unitCost: l.unitCost,
        })),
        who.actor.id,
      );
      const view = await inboundView(m, await this.find(m, id), true);
      await this.audit.record(m, who, {
        action: 'inbound.confirm',
        entity: 'inbound',
        entityId: id,
        before: { status: 'draft' },
        after: auditShape(view),
      });
      return forReader(view, who.actor);
    });
  }

  /** 作废 a draft; a confirmed receipt is corrected by a stock-take or a return, never undone. */
  async cancel(id: number, who: Who): Promise<InboundView> {
    const db = this.tx.dataSource.manager;
    const doc = await this.find(db, id);
    await assertKeeperOf(db, who.actor, await warehouseOf(db, doc.warehouseId), '作废该仓库的入库单');
    return this.tx.run(async (m) => {
      const now = new Date();
      const res = await m
        .createQueryBuilder()
        .update(Inbound)
        .set({ status: 'cancelled', decidedById: who.actor.id, decidedAt: now, updatedAt: now })
        .where('id = :id AND status = :draft', { id, draft: 'draft' })
        .execute();
      const fresh = await this.find(m, id);
      if (res.affected !== 1) throw decided(fresh, '作废');
      const view = await inboundView(m, fresh, true);
      await this.audit.record(m, who, {
        action: 'inbound.cancel',
        entity: 'inbound',
        entityId: id,
        before: { status: 'draft' },
        after: { status: 'cancelled' },
      });
      return forReader(view, who.actor);
    });
  }

  private async find(m: EntityManager, id: number): Promise<Inbound> {
    const doc = await m.findOneBy(Inbound, { id });
    if (!doc) throw notFound('入库单');
    return doc;
  }
}

function decided(doc: Inbound, doing: string): DomainError {
  return new DomainError('ALREADY_DECIDED', `入库单 ${doc.no} ${INBOUND_STATUS_LABELS[doc.status]}，不能${doing}`);
}

/** Parts must exist and be in use; a line's amount is capped. The same part may appear twice (two prices). */
async function checkLines(m: EntityManager, input: InboundInput): Promise<void> {
  const ids = [...new Set(input.lines.map((l) => l.partId))];
  const parts = new Map((await m.findBy(Part, { id: In(ids) })).map((p) => [p.id, p]));
  input.lines.forEach((l, i) => {
    const p = parts.get(l.partId);
    if (!p) throw invalid(`lines.${i}.partId`, `第 ${i + 1} 行：配件不存在`);
    if (!p.enabled) throw invalid(`lines.${i}.partId`, `第 ${i + 1} 行：配件「${p.name}」已停用，不能入库`);
    if (l.qty * l.unitCost > MAX_LINE_FEN)
      throw invalid(`lines.${i}.unitCost`, `第 ${i + 1} 行：金额（数量×单价）超过 1000 万元，请核对数量和单价`);
  });
}

async function insertLines(m: EntityManager, inboundId: number, input: InboundInput): Promise<void> {
  await m.insert(
    InboundLine,
    input.lines.map((l, i) => ({ inboundId, lineNo: i + 1, partId: l.partId, qty: l.qty, unitCost: l.unitCost })),
  );
}

/** Compact enough for the audit log's TEXT column even with 500 lines. */
function auditShape(v: InboundView) {
  return {
    no: v.no,
    status: v.status,
    warehouse: v.warehouseName,
    supplier: v.supplier,
    remark: v.remark,
    totalQty: v.totalQty,
    total: v.total,
    lines: v.lines.map((l) => [l.partId, l.qty, l.unitCost]),
  };
}

/** Unit costs and amounts only for readers who may see cost prices. */
function forReader(view: InboundView, actor: Actor): InboundView {
  if (canSeeCost(actor)) return view;
  const { total: _t, ...rest } = view;
  return { ...rest, lines: view.lines.map(({ unitCost: _u, amount: _a, ...l }) => l) };
}
