import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import type { HoldingView, MoveView, Page, StockView } from '@hongyuan/shared';
import type { Actor } from '../../common/actor';
import { Tx } from '../../common/tx';
import { partKeywordWhere } from '../part/part-search';
import { Part } from '../part/part.entity';
import { Warehouse } from '../org/org.entity';
import { assertBookReadable, blindWarehouses } from '../stocktake/stocktake.views';
import { Location, StockBalance, StockMove } from './stock.entity';

/** Read side of the ledger: what is where, what a person holds, how a part came and went. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class StockQuery {
  @Inject() tx: Tx;

  /** Quantity on hand per part at a warehouse or employee location. Missing parts are 0. */
  async quantities(kind: 'warehouse' | 'employee', refId: number, partIds: number[], m?: EntityManager): Promise<Map<number, number>> {
    const result = new Map<number, number>(partIds.map((p) => [p, 0]));
    if (!partIds.length) return result;
    const rows = await (m ?? this.tx.dataSource.manager)
      .createQueryBuilder(StockBalance, 'b')
      .innerJoin(Location, 'l', 'l.id = b.locationId')
      .where('l.kind = :kind AND l.refId = :refId AND b.partId IN (:...partIds)', { kind, refId, partIds })
      .select(['b.partId AS partId', 'b.qty AS qty'])
      .getRawMany<{ partId: number; qty: number }>();
    for (const r of rows) result.set(Number(r.partId), Number(r.qty));
    return result;
  }

  /** 员工持有记录: what an employee holds now, with since when. */
  async holdings(employeeId: number, q: { page: number; pageSize: number; keyword?: string }): Promise<Page<HoldingView>> {
    const qb = this.tx.dataSource.manager
      .createQueryBuilder(StockBalance, 'b')
      .innerJoin(Location, 'l', "l.id = b.locationId AND l.kind = 'employee'")
      .innerJoin(Part, 'p', 'p.id = b.partId')
      .where('l.refId = :employeeId AND b.qty > 0', { employeeId });
    if (q.keyword) qb.andWhere(...(await partKeywordWhere(this.tx.dataSource.manager, 'p', q.keyword)));
    const total = await qb.getCount();
    const rows = await qb
      .select([
        'p.id AS partId',
        'p.code AS code',
        'p.name AS name',
        'p.model AS model',
        'p.spec AS spec',
        'p.unit AS unit',
        'b.qty AS qty',
        'b.heldSince AS heldSince',
      ])
      .orderBy('p.code', 'ASC')
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getRawMany();
    return {
      items: rows.map((r) => ({
        partId: Number(r.partId),
        partCode: r.code,
        partName: r.name,
        partModel: r.model,
        partSpec: r.spec,
        unit: r.unit,
        qty: Number(r.qty),
        heldSince: r.heldSince ? toIso(r.heldSince) : null,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Every part an employee holds (for a return's lines). */
  async allHoldings(employeeId: number): Promise<HoldingView[]> {
    const page = await this.holdings(employeeId, { page: 1, pageSize: 100000 });
    return page.items;
  }

  /**
   * Stock per warehouse and in employees' hands, by part. A warehouse under a blind count (盲盘)
   * shows no quantity to a reader who counts without being a keeper, and cannot be filtered on
   * (the filter itself tells which parts it has).
   */
  async stock(
    q: { page: number; pageSize: number; keyword?: string; warehouseId?: number | null },
    actor: Actor | null,
  ): Promise<Page<StockView>> {
    if (q.warehouseId && actor) await assertBookReadable(this.tx.dataSource.manager, actor, q.warehouseId);
    const hidden = await blindWarehouses(this.tx.dataSource.manager, actor);
    const parts = this.tx.dataSource.manager.createQueryBuilder(Part, 'p').where('p.enabled = :on', { on: true });
    if (q.keyword) parts.andWhere(...(await partKeywordWhere(this.tx.dataSource.manager, 'p', q.keyword)));
    if (q.warehouseId) {
      parts.andWhere(
        "EXISTS (SELECT 1 FROM stock_balance sb JOIN location sl ON sl.id = sb.locationId WHERE sb.partId = p.id AND sl.kind = 'warehouse' AND sl.refId = :wh AND sb.qty > 0)",
        { wh: q.warehouseId },
      );
    }
    const [list, total] = await parts
      .orderBy('p.code', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const ids = list.map((p) => p.id);
    const balances = ids.length
      ? await this.tx.dataSource.manager
          .createQueryBuilder(StockBalance, 'b')
          .innerJoin(Location, 'l', 'l.id = b.locationId')
          .where("b.partId IN (:...ids) AND l.kind IN ('warehouse', 'employee', 'transit', 'dispute') AND b.qty <> 0", { ids })
          .select(['b.partId AS partId', 'b.qty AS qty', 'l.kind AS kind', 'l.refId AS refId'])
          .getRawMany()
      : [];
    const warehouses = await this.tx.dataSource.getRepository(Warehouse).find({ order: { id: 'ASC' } });
    const items = list.map((p) => {
      const mine = balances.filter((b) => Number(b.partId) === p.id);
      const per = warehouses.map((w) =>
        hidden.has(w.id)
          ? { warehouseId: w.id, warehouseName: w.name, qty: null, hidden: true }
          : {
              warehouseId: w.id,
              warehouseName: w.name,
              qty: mine.filter((b) => b.kind === 'warehouse' && Number(b.refId) === w.id).reduce((s, b) => s + Number(b.qty), 0),
            },
      );
      return {
        partId: p.id,
        partCode: p.code,
        partName: p.name,
        partModel: p.model,
        partSpec: p.spec,
        unit: p.unit,
        minStock: p.minStock,
        warehouses: per,
        total: hidden.size ? null : per.reduce((s, w) => s + (w.qty ?? 0), 0),
        held: mine.filter((b) => b.kind !== 'warehouse').reduce((s, b) => s + Number(b.qty), 0),
      };
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** How a part came to and left an employee (or a warehouse): the moves, newest first. */
  async history(kind: 'warehouse' | 'employee', refId: number, partId: number, limit = 200): Promise<MoveView[]> {
    const loc = await this.tx.dataSource.getRepository(Location).findOne({ where: { kind, refId } });
    if (!loc) return [];
    const rows = await this.tx.dataSource.manager
      .createQueryBuilder(StockMove, 'm')
      .innerJoin(Location, 'f', 'f.id = m.fromLocationId')
      .innerJoin(Location, 't', 't.id = m.toLocationId')
      // Names of warehouses and people as they are today; virtual locations keep their own.
      .leftJoin(Warehouse, 'fw', "f.kind = 'warehouse' AND fw.id = f.refId")
      .leftJoin(Warehouse, 'tw', "t.kind = 'warehouse' AND tw.id = t.refId")
      .leftJoin('employee', 'fe', "f.kind = 'employee' AND fe.id = f.refId")
      .leftJoin('employee', 'te', "t.kind = 'employee' AND te.id = t.refId")
      .innerJoin(Part, 'p', 'p.id = m.partId')
      .leftJoin('employee', 'e', 'e.id = m.operatorId')
      .where('m.partId = :partId AND (m.fromLocationId = :loc OR m.toLocationId = :loc)', { partId, loc: loc.id })
      .select([
        'm.id AS id',
        'm.createdAt AS at',
        'm.partId AS partId',
        'p.name AS partName',
        'm.qty AS qty',
        'COALESCE(fw.name, fe.name, f.name) AS fromName',
        'COALESCE(tw.name, te.name, t.name) AS toName',
        'm.docType AS docType',
        'm.docNo AS docNo',
        'm.reason AS reason',
        'e.name AS operatorName',
        'm.fromLocationId AS fromId',
      ])
      .orderBy('m.id', 'DESC')
      .limit(limit)
      .getRawMany();
    return rows.map((r) => ({
      id: Number(r.id),
      at: toIso(r.at),
      partId: Number(r.partId),
      partName: r.partName,
      // Signed from the point of view of the location asked about: + came in, - went out.
      qty: Number(r.fromId) === loc.id ? -Number(r.qty) : Number(r.qty),
      from: r.fromName,
      to: r.toName,
      docType: r.docType,
      docNo: r.docNo,
      reason: r.reason,
      operatorName: r.operatorName ?? null,
    }));
  }
}

/** Raw queries return SQLite datetimes as "YYYY-MM-DD HH:MM:SS.SSS" in UTC, MySQL's as Date. */
export function toIso(v: Date | string): string {
  if (v instanceof Date) return v.toISOString();
  return new Date(`${v.replace(' ', 'T')}Z`).toISOString();
}
