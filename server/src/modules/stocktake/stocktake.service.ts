import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { type EntityManager, In } from 'typeorm';
import {
  DOC_PREFIXES,
  STOCKTAKE_STATUS_LABELS,
  permissionsOf,
  type Page,
  type StocktakeApproveResult,
  type StocktakeCountEntry,
  type StocktakeCountResult,
  type StocktakeListItem,
  type StocktakeListQuery,
  type StocktakeView,
  type VarianceReport,
  type z,
  type stocktakeCountInput,
  type stocktakeStartInput,
  type stocktakeUndoInput,
} from '@hongyuan/shared';
import type { Actor } from '../../common/actor';
import { DomainError, invalid, notFound } from '../../common/errors';
import { likeContains, likeSql, paginate } from '../../common/paging';
import { DocNumbers } from '../../common/sequence';
import { Tx, unlessDuplicate } from '../../common/tx';
import { selfApprovalAllowed } from '../alerts/alert-settings.service';
import { AuditService } from '../audit/audit.service';
import type { Who } from '../inbound/inbound.service';
import { assertKeeperOf, dayRange, enabledWarehouse, warehouseOf } from '../inbound/warehouse-rules';
import { Warehouse, WarehouseKeeper } from '../org/org.entity';
import { Part } from '../part/part.entity';
import { StockBalance } from '../stock/stock.entity';
import { StockLedger } from '../stock/stock-ledger.service';
import { Stocktake, StocktakeCount, StocktakeLine } from './stocktake.entity';
import { postDifferences } from './stocktake.posting';
import { varianceReport } from './stocktake.variance';
import { bookVisible, countEntries, lineViews, stocktakeListItems, stocktakeView } from './stocktake.views';

type StartInput = z.output<typeof stocktakeStartInput>;
type CountInput = z.output<typeof stocktakeCountInput>;
type UndoInput = z.output<typeof stocktakeUndoInput>;

/** A warehouse someone may start a count of. */
export interface StartableWarehouse {
  id: number;
  name: string;
  /** the number of a count already open there ('' when none) */
  openNo: string;
}

export const BLIND_COUNTER_MESSAGE = '盲盘须由看不到账面数量的人员录入（如技师、主管）';
export const OWN_COUNT_APPROVAL_MESSAGE = '不能审批自己录入的盘点差异，请由另一位库管或管理员审批';

/**
 * 盘点: freezes the book quantity of every part the warehouse has a balance row for, takes
 * counts (re-entered as often as needed while counting), and on approval posts each
 * difference against the virtual 'adjustment' location. Only a move changes stock.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class StocktakeService {
  @Inject() tx: Tx;
  @Inject() ledger: StockLedger;
  @Inject() docs: DocNumbers;
  @Inject() audit: AuditService;

  async list(q: StocktakeListQuery, actor: Actor): Promise<Page<StocktakeListItem>> {
    const db = this.tx.dataSource.manager;
    const qb = db.createQueryBuilder(Stocktake, 's').orderBy('s.id', 'DESC');
    if (q.status) qb.andWhere('s.status = :status', { status: q.status });
    if (q.warehouseId) qb.andWhere('s.warehouseId = :wh', { wh: q.warehouseId });
    const { since, before } = dayRange(q.from, q.to);
    if (since) qb.andWhere('s.createdAt >= :since', { since });
    if (before) qb.andWhere('s.createdAt < :before', { before });
    if (q.keyword) qb.andWhere(`(${likeSql('s.no', 'kw')} OR ${likeSql('s.remark', 'kw')})`, { kw: likeContains(q.keyword) });
    return paginate(qb, q, (rows) => stocktakeListItems(db, rows, actor));
  }

  async get(id: number, actor: Actor): Promise<StocktakeView> {
    const db = this.tx.dataSource.manager;
    return stocktakeView(db, await find(db, id), actor);
  }

  /** 盘点录入记录 of one line, newest first (the book of each entry hidden while the count is blind for this reader). */
  async countHistory(id: number, lineId: number, actor: Actor): Promise<StocktakeCountEntry[]> {
    const db = this.tx.dataSource.manager;
    const st = await find(db, id);
    if (!(await db.existsBy(StocktakeLine, { id: lineId, stocktakeId: id }))) throw notFound('盘点明细');
    return countEntries(db, st, lineId, actor);
  }

  async variance(id: number, actor: Actor): Promise<VarianceReport> {
    const db = this.tx.dataSource.manager;
    return varianceReport(db, await find(db, id), actor);
  }

  /**
   * 发起盘点 picker: the enabled warehouses this keeper keeps (every enabled warehouse for an
   * admin), with the count already open in each. start() refuses the others all the same.
   */
  async startable(actor: Actor): Promise<StartableWarehouse[]> {
    const db = this.tx.dataSource.manager;
    const qb = db.createQueryBuilder(Warehouse, 'w').where('w.enabled = :on', { on: true }).orderBy('w.id', 'ASC');
    if (!actor.roles.includes('admin')) {
      if (!permissionsOf(actor.roles).has('stock.manage')) return [];
      qb.innerJoin(WarehouseKeeper, 'k', 'k.warehouseId = w.id AND k.employeeId = :me', { me: actor.id });
    }
    const rows = await qb.getMany();
    const open = rows.length ? await db.findBy(Stocktake, { openWarehouseId: In(rows.map((w) => w.id)) }) : [];
    return rows.map((w) => ({ id: w.id, name: w.name, openNo: open.find((s) => s.warehouseId === w.id)?.no ?? '' }));
  }

  /**
   * 撤销 one's own last count of a part: the line gets the count entered before it back (through
   * count(), so the 录入记录 shows the restored count as an entry of its own), or goes back to
   * 未盘 when that was its first count (the audit log keeps the count taken back).
   */
  async undo(id: number, input: UndoInput, who: Who): Promise<StocktakeCountResult> {
    const db = this.tx.dataSource.manager;
    const st = await find(db, id);
    if (st.status !== 'counting') throw decided(st, '撤销录入');
    const line = await db.findOneBy(StocktakeLine, { stocktakeId: id, partId: input.partId });
    const entries = line ? await db.find(StocktakeCount, { where: { lineId: line.id }, order: { id: 'DESC' }, take: 2 }) : [];
    const [last, previous] = entries;
    if (!line || !last || line.countedQty !== input.countedQty || last.countedQty !== input.countedQty) {
      throw new DomainError('CONFLICT', '这一行已被重新录入，不能撤销，请刷新后核对');
    }
    if (last.countedById !== who.actor.id) throw new DomainError('FORBIDDEN', '只能撤销自己录入的数量');
    if (previous) return this.count(id, { counts: [{ partId: input.partId, countedQty: previous.countedQty }] }, who);
    return this.tx.run(async (m) => {
      await lockCounting(m, id, '撤销录入');
      const cleared = await m
        .createQueryBuilder()
        .update(StocktakeLine)
        .set({ countedQty: null, countedById: null, countedAt: null })
        .where('id = :line AND countedQty = :qty', { line: line.id, qty: input.countedQty })
        .execute();
      if (cleared.affected !== 1) throw new DomainError('CONFLICT', '这一行已被重新录入，不能撤销，请刷新后核对');
      await this.audit.record(m, who, {
        action: 'stocktake.undoCount',
        entity: 'stocktake',
        entityId: id,
        before: { partId: input.partId, countedQty: input.countedQty, entry: last.id },
        after: { partId: input.partId, countedQty: null },
      });
      const [lineCount, countedCount] = await Promise.all([
        m.countBy(StocktakeLine, { stocktakeId: id }),
        m.createQueryBuilder(StocktakeLine, 'l').where('l.stocktakeId = :id AND l.countedQty IS NOT NULL', { id }).getCount(),
      ]);
      const fresh = await m.findBy(StocktakeLine, { id: line.id });
      return { stocktakeId: id, lineCount, countedCount, lines: await lineViews(m, await find(m, id), fresh, who.actor) };
    });
  }

  /** One open count per warehouse: the unique openWarehouseId settles two keepers starting at once. */
  async start(input: StartInput, who: Who): Promise<StocktakeView> {
    const db = this.tx.dataSource.manager;
    const warehouse = await enabledWarehouse(db, input.warehouseId);
    await assertKeeperOf(db, who.actor, warehouse, '发起该仓库的盘点');
    const loc = await this.ledger.locationOf('warehouse', warehouse.id, warehouse.name);
    await this.docs.prepare(DOC_PREFIXES.stocktake);
    const busy = async () => {
      const open = await db.findOneBy(Stocktake, { openWarehouseId: warehouse.id });
      return new DomainError('CONFLICT', `「${warehouse.name}」已有进行中的盘点单 ${open?.no ?? ''}，请先审核或作废后再发起`);
    };
    const saving = this.tx.run(async (m) => {
      if (await m.findOneBy(Stocktake, { openWarehouseId: warehouse.id })) throw await busy();
      const now = new Date();
      const no = await this.docs.next(m, DOC_PREFIXES.stocktake, now);
      const { identifiers } = await m.insert(Stocktake, {
        no,
        warehouseId: warehouse.id,
        blind: input.blind,
        remark: input.remark,
        status: 'counting',
        openWarehouseId: warehouse.id,
        createdById: who.actor.id,
        decidedById: null,
        decidedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      const id: number = identifiers[0].id;
      // The book is what the ledger says at this instant, zero rows included (a part that ran out may still be on the shelf).
      const book = await m.find(StockBalance, { where: { locationId: loc }, order: { partId: 'ASC' } });
      const rows = book.map((b) => ({
        stocktakeId: id,
        partId: b.partId,
        bookQty: b.qty,
        countedQty: null,
        added: false,
        countedById: null,
        countedAt: null,
        bookAt: null,
        unitCost: null,
      }));
      for (let i = 0; i < rows.length; i += 300) await m.insert(StocktakeLine, rows.slice(i, i + 300));
      await this.audit.record(m, who, {
        action: 'stocktake.start',
        entity: 'stocktake',
        entityId: id,
        after: { no, warehouse: warehouse.name, blind: input.blind, lines: rows.length },
      });
      return stocktakeView(m, await find(m, id), who.actor);
    });
    return unlessDuplicate(saving, busy);
  }

  /**
   * Sets (not adds) the counted quantity of each part; a part not on the sheet was found on
   * the shelf and gets a line whose book quantity is the warehouse's quantity right now.
   */
  async count(id: number, input: CountInput, who: Who): Promise<StocktakeCountResult> {
    const seen = new Set<number>();
    input.counts.forEach((c, i) => {
      if (seen.has(c.partId)) throw invalid(`counts.${i}.partId`, '同一配件在本次提交中重复出现，请合并后再提交');
      seen.add(c.partId);
    });
    const db = this.tx.dataSource.manager;
    const st = await find(db, id);
    const loc = await this.ledger.locationOf('warehouse', st.warehouseId, (await warehouseOf(db, st.warehouseId)).name);
    return this.tx.run(async (m) => {
      // First statement: waits for a concurrent approval, then refuses, so no count lands after it.
      const now = await lockCounting(m, id, '录入实盘数量');
      // 盲盘: who sees the book does not count (he could write the book down as the count); an admin may allow it for a one-keeper company.
      const exception = st.blind && bookVisible(st, who.actor);
      if (exception && !(await selfApprovalAllowed(m))) throw new DomainError('FORBIDDEN', BLIND_COUNTER_MESSAGE);
      const partIds = [...seen];
      const existing = new Map((await m.findBy(StocktakeLine, { stocktakeId: id, partId: In(partIds) })).map((l) => [l.partId, l]));
      const fresh = partIds.filter((p) => !existing.has(p));
      if (fresh.length) await addFound(m, id, loc, fresh, input, who.actor.id, now);
      // The book is frozen again with each count: what the ledger says while the shelf is counted.
      const book = await bookNow(m, loc, [...existing.keys()]);
      for (const c of input.counts) {
        const line = existing.get(c.partId);
        if (!line) continue;
        await m.update(
          StocktakeLine,
          { id: line.id },
          { countedQty: c.countedQty, countedById: who.actor.id, countedAt: now, bookQty: book.get(c.partId) ?? 0, bookAt: now },
        );
      }
      const entered = await m.find(StocktakeLine, { where: { stocktakeId: id, partId: In(partIds) }, order: { id: 'ASC' } });
      await recordCounts(m, entered, who.actor.id, now, exception);
      if (exception) {
        await this.audit.record(m, who, {
          action: 'stocktake.blindCountException',
          entity: 'stocktake',
          entityId: id,
          after: { bookVisible: true, exception: '盲盘由可见账面数量的人员录入（管理员已允许）', parts: partIds.slice(0, 200) },
        });
      }
      await this.audit.record(m, who, {
        action: 'stocktake.count',
        entity: 'stocktake',
        entityId: id,
        // Capped so a sheet of thousands still fits the audit log; stocktake_count holds every entry.
        before: { counts: [...existing.values()].slice(0, 200).map((l) => [l.partId, l.countedQty]) },
        after: { counts: input.counts.slice(0, 200).map((c) => [c.partId, c.countedQty]), total: input.counts.length },
      });
      const [lineCount, countedCount] = await Promise.all([
        m.countBy(StocktakeLine, { stocktakeId: id }),
        m.createQueryBuilder(StocktakeLine, 'l').where('l.stocktakeId = :id AND l.countedQty IS NOT NULL', { id }).getCount(),
      ]);
      return { stocktakeId: id, lineCount, countedCount, lines: await lineViews(m, await find(m, id), entered, who.actor) };
    });
  }

  /** Keeper of the warehouse or admin. Uncounted lines are left as they are and listed. */
  async approve(id: number, who: Who): Promise<StocktakeApproveResult> {
    const db = this.tx.dataSource.manager;
    const st = await find(db, id);
    if (st.status !== 'counting') throw decided(st, '审核');
    const warehouse = await warehouseOf(db, st.warehouseId);
    await assertKeeperOf(db, who.actor, warehouse, '审核该仓库的盘点');
    const [whLoc, adjLoc] = await Promise.all([
      this.ledger.locationOf('warehouse', warehouse.id, warehouse.name),
      this.ledger.virtualLocation('adjustment'),
    ]);
    return this.tx.run(async (m) => {
      const now = new Date();
      const res = await m
        .createQueryBuilder()
        .update(Stocktake)
        .set({ status: 'approved', openWarehouseId: null, decidedById: who.actor.id, decidedAt: now, updatedAt: now })
        .where('id = :id AND status = :s', { id, s: 'counting' })
        .execute();
      if (res.affected !== 1) throw decided(await find(m, id), '审核');
      const selfApproved = await assertNotOwnLoss(m, id, who.actor.id);
      if (selfApproved) {
        await this.audit.record(m, who, {
          action: 'stocktake.selfApproval',
          entity: 'stocktake',
          entityId: id,
          after: { selfApproved: true, lossLines: selfApproved },
        });
      }
      const outcome = await postDifferences(m, this.ledger, st, { whLoc, adjLoc }, who.actor.id);
      await this.audit.record(m, who, {
        action: 'stocktake.approve',
        entity: 'stocktake',
        entityId: id,
        before: { status: 'counting' },
        // Capped so a count of thousands of parts still fits the audit log; the moves hold every line.
        after: {
          status: 'approved',
          adjustedCount: outcome.adjusted.length,
          uncounted: outcome.uncounted.length,
          adjusted: outcome.adjusted.slice(0, 200).map((x) => [x.partId, x.difference]),
        },
      });
      return { stocktake: await stocktakeView(m, await find(m, id), who.actor), ...outcome };
    });
  }

  async cancel(id: number, who: Who): Promise<StocktakeView> {
    const db = this.tx.dataSource.manager;
    const st = await find(db, id);
    await assertKeeperOf(db, who.actor, await warehouseOf(db, st.warehouseId), '作废该仓库的盘点');
    return this.tx.run(async (m) => {
      const now = new Date();
      const res = await m
        .createQueryBuilder()
        .update(Stocktake)
        .set({ status: 'cancelled', openWarehouseId: null, decidedById: who.actor.id, decidedAt: now, updatedAt: now })
        .where('id = :id AND status = :s', { id, s: 'counting' })
        .execute();
      const fresh = await find(m, id);
      if (res.affected !== 1) throw decided(fresh, '作废');
      await this.audit.record(m, who, {
        action: 'stocktake.cancel',
        entity: 'stocktake',
        entityId: id,
        before: { status: 'counting' },
        after: { status: 'cancelled' },
      });
      return stocktakeView(m, fresh, who.actor);
    });
  }
}

/**
 * 不能审批自己录入的盘点差异: a loss (counted below the book) last counted by the approver is
 * decided by another keeper or an admin, unless the admin allowed self-approval; then the number
 * of such lines (for the audit log), else 0.
 */
async function assertNotOwnLoss(m: EntityManager, id: number, approverId: number): Promise<number> {
  const own = await m
    .createQueryBuilder(StocktakeLine, 'l')
    .where('l.stocktakeId = :id AND l.countedById = :me AND l.countedQty IS NOT NULL AND l.countedQty < l.bookQty', { id, me: approverId })
    .getCount();
  if (!own) return 0;
  if (await selfApprovalAllowed(m)) return own;
  throw new DomainError('FORBIDDEN', OWN_COUNT_APPROVAL_MESSAGE);
}

/** What the ledger says for these parts in the warehouse right now. */
async function bookNow(m: EntityManager, loc: number, partIds: number[]): Promise<Map<number, number>> {
  if (!partIds.length) return new Map();
  return new Map((await m.findBy(StockBalance, { locationId: loc, partId: In(partIds) })).map((b) => [b.partId, b.qty]));
}

/** 盘点录入记录: every entry appended, never overwritten. */
async function recordCounts(m: EntityManager, lines: StocktakeLine[], counterId: number, now: Date, bookSeen: boolean): Promise<void> {
  const rows = lines.map((l) => ({
    stocktakeId: l.stocktakeId,
    lineId: l.id,
    partId: l.partId,
    countedQty: l.countedQty!,
    bookQty: l.bookQty,
    countedById: counterId,
    countedAt: now,
    bookSeen,
  }));
  for (let i = 0; i < rows.length; i += 300) await m.insert(StocktakeCount, rows.slice(i, i + 300));
}

/** Parts found on the shelf: their book quantity is frozen now (what the ledger says at this moment). */
async function addFound(
  m: EntityManager,
  id: number,
  loc: number,
  partIds: number[],
  input: CountInput,
  counterId: number,
  now: Date,
): Promise<void> {
  const known = new Set((await m.findBy(Part, { id: In(partIds) })).map((p) => p.id));
  input.counts.forEach((c, i) => {
    if (!known.has(c.partId) && partIds.includes(c.partId)) throw invalid(`counts.${i}.partId`, '配件不存在，请确认条码或编号');
  });
  const balances = await bookNow(m, loc, partIds);
  const counted = new Map(input.counts.map((c) => [c.partId, c.countedQty]));
  await m.insert(
    StocktakeLine,
    partIds.map((partId) => ({
      stocktakeId: id,
      partId,
      bookQty: balances.get(partId) ?? 0,
      countedQty: counted.get(partId)!,
      added: true,
      countedById: counterId,
      countedAt: now,
      bookAt: now,
      unitCost: null,
    })),
  );
}

async function find(m: EntityManager, id: number): Promise<Stocktake> {
  const st = await m.findOneBy(Stocktake, { id });
  if (!st) throw notFound('盘点单');
  return st;
}

function decided(st: Stocktake, doing: string): DomainError {
  return new DomainError('ALREADY_DECIDED', `盘点单 ${st.no} ${STOCKTAKE_STATUS_LABELS[st.status]}，不能${doing}`);
}

/**
 * Touches a stock-take that is still being counted, as a write's first statement: it waits for
 * a concurrent approval and then refuses, so no count lands after the approval. Returns the time.
 */
async function lockCounting(m: EntityManager, id: number, action: string): Promise<Date> {
  const now = new Date();
  const res = await m
    .createQueryBuilder()
    .update(Stocktake)
    .set({ updatedAt: now })
    .where('id = :id AND status = :s', { id, s: 'counting' })
    .execute();
  if (res.affected !== 1) throw decided(await find(m, id), action);
  return now;
}
