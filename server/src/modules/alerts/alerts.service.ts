import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { DataSource } from 'typeorm';
import type { AlertsView } from '@hongyuan/shared';
import type { Actor } from '../../common/actor';
import { Tx } from '../../common/tx';
import { Employee, Warehouse } from '../org/org.entity';
import { Part } from '../part/part.entity';
import { Location, StockBalance } from '../stock/stock.entity';
import { blindWarehouses } from '../stocktake/stocktake.views';
import { AlertSettingsService } from './alert-settings.service';

/** Each list is capped (most urgent first); the badge counts are the full numbers. */
const MAX_ITEMS = 200;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Documents that wait for a keeper's decision. Queried by table name: they belong to another module. */
/** When a waiting document started waiting: a return's count for the employee since the count (decidedAt). */
const SINCE = "CASE WHEN d.status = 'variance' AND d.decidedAt IS NOT NULL THEN d.decidedAt ELSE d.createdAt END";
const WAITING_TABLES = [
  { table: 'requisition', docType: 'requisition' as const },
  { table: 'stock_return', docType: 'return' as const },
];

/** 预警: low stock, parts held too long by employees, and documents waiting too long. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class AlertsService {
  @Inject() tx: Tx;
  @Inject() settings: AlertSettingsService;
  private readonly tables = new Set<string>();

  /**
   * `reader`: who looks (none for the daily reminders). Low stock of a warehouse under a blind
   * count is left out for a reader who may not see its book (盲盘): "below the minimum" and the
   * quantity would tell him what the count hides.
   */
  async alerts(now = new Date(), reader: Actor | null = null): Promise<AlertsView> {
    const settings = await this.settings.get();
    const hidden = await blindWarehouses(this.db.manager, reader);
    const [allLow, longHeld, waitingDocs, openDisputes] = await Promise.all([
      this.lowStock(),
      this.longHeld(new Date(now.getTime() - settings.heldDays * DAY), now),
      this.waitingDocs(new Date(now.getTime() - settings.pendingHours * HOUR), now),
      this.openDisputes(),
    ]);
    const lowStock = allLow.filter((l) => l.warehouseId === null || !hidden.has(l.warehouseId));
    const counts = {
      lowStock: lowStock.length,
      longHeld: longHeld.length,
      waitingDocs: waitingDocs.length,
      openDisputes: openDisputes.length,
      total: 0,
    };
    counts.total = counts.lowStock + counts.longHeld + counts.waitingDocs + counts.openDisputes;
    return {
      settings,
      lowStock: lowStock.slice(0, MAX_ITEMS),
      longHeld: longHeld.slice(0, MAX_ITEMS),
      waitingDocs: waitingDocs.slice(0, MAX_ITEMS),
      openDisputes: openDisputes.slice(0, MAX_ITEMS),
      counts,
      hiddenWarehouses: [...hidden].map(([warehouseId, warehouseName]) => ({ warehouseId, warehouseName })),
    };
  }

  /**
   * A part is "carried" by a warehouse that has a balance row for it; there it is low when under
   * its minStock. A part with a minimum that no warehouse ever received is listed once, without
   * a warehouse, so it is not forgotten.
   */
  private async lowStock(): Promise<AlertsView['lowStock']> {
    const db = this.db;
    const rows = await db
      .createQueryBuilder()
      .from(StockBalance, 'b')
      .innerJoin(Location, 'l', "l.id = b.locationId AND l.kind = 'warehouse'")
      .innerJoin(Warehouse, 'w', 'w.id = l.refId AND w.enabled = :on', { on: true })
      .innerJoin(Part, 'p', 'p.id = b.partId AND p.enabled = :on AND p.minStock > 0')
      .where('b.qty < p.minStock')
      .select([
        'p.id AS partId',
        'p.code AS partCode',
        'p.name AS partName',
        'p.unit AS unit',
        'w.id AS warehouseId',
        'w.name AS warehouseName',
        'b.qty AS qty',
        'p.minStock AS minStock',
      ])
      .getRawMany();
    const never = await db
      .createQueryBuilder()
      .from(Part, 'p')
      .where('p.enabled = :on AND p.minStock > 0', { on: true })
      .andWhere(
        "NOT EXISTS (SELECT 1 FROM stock_balance b JOIN location l ON l.id = b.locationId WHERE b.partId = p.id AND l.kind = 'warehouse')",
      )
      .select(['p.id AS partId', 'p.code AS partCode', 'p.name AS partName', 'p.unit AS unit', 'p.minStock AS minStock'])
      .getRawMany();
    const list: AlertsView['lowStock'] = [
      ...rows.map((r) => ({
        ...r,
        partId: Number(r.partId),
        warehouseId: Number(r.warehouseId),
        qty: Number(r.qty),
        minStock: Number(r.minStock),
      })),
      ...never.map((r) => ({
        ...r,
        partId: Number(r.partId),
        warehouseId: null,
        warehouseName: '尚未入库',
        qty: 0,
        minStock: Number(r.minStock),
      })),
    ];
    // Emptiest first (relative to the minimum), then by part.
    return list.sort((a, b) => a.qty / a.minStock - b.qty / b.minStock || a.partId - b.partId);
  }

  /** stock_balance.heldSince is when an employee's quantity of a part last rose from zero. */
  private async longHeld(cutoff: Date, now: Date): Promise<AlertsView['longHeld']> {
    const rows = await this.db
      .createQueryBuilder()
      .from(StockBalance, 'b')
      .innerJoin(Location, 'l', "l.id = b.locationId AND l.kind = 'employee'")
      .innerJoin(Employee, 'e', 'e.id = l.refId')
      .innerJoin(Part, 'p', 'p.id = b.partId')
      .where('b.qty > 0 AND b.heldSince IS NOT NULL AND b.heldSince < :cutoff', { cutoff })
      .select([
        'e.id AS employeeId',
        'e.name AS employeeName',
        'p.id AS partId',
        'p.code AS partCode',
        'p.name AS partName',
        'p.unit AS unit',
        'b.qty AS qty',
        'b.heldSince AS heldSince',
      ])
      .orderBy('b.heldSince', 'ASC')
      .getRawMany();
    return rows.map((r) => {
      const heldSince = utc(r.heldSince);
      return {
        ...r,
        employeeId: Number(r.employeeId),
        partId: Number(r.partId),
        qty: Number(r.qty),
        heldSince: heldSince.toISOString(),
        days: Math.floor((now.getTime() - heldSince.getTime()) / DAY),
      };
    });
  }

  private async waitingDocs(cutoff: Date, now: Date): Promise<AlertsView['waitingDocs']> {
    const found: AlertsView['waitingDocs'] = [];
    for (const { table, docType } of WAITING_TABLES) {
      if (!(await this.hasTable(table))) continue;
      const [sql, params] = this.db.driver.escapeQueryWithParameters(
        // A return whose count waits for the employee (variance) waits since the count, not since it was written.
        `SELECT d.id AS id, d.no AS no, d.status AS status, d.employeeId AS employeeId, e.name AS employeeName, ${SINCE} AS createdAt ` +
          `FROM ${table} d LEFT JOIN employee e ON e.id = d.employeeId ` +
          `WHERE d.status IN (:...waiting) AND ${SINCE} < :cutoff ORDER BY ${SINCE} ASC`,
        { waiting: ['pending', 'variance'], cutoff },
        {},
      );
      const rows: Record<string, unknown>[] = await this.db.query(sql, params);
      for (const r of rows) {
        const createdAt = utc(r.createdAt);
        found.push({
          docType,
          status: r.status === 'variance' ? 'variance' : 'pending',
          id: Number(r.id),
          no: String(r.no),
          employeeId: Number(r.employeeId),
          employeeName: String(r.employeeName ?? ''),
          createdAt: createdAt.toISOString(),
          hours: Math.floor((now.getTime() - createdAt.getTime()) / HOUR),
        });
      }
    }
    return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** 签收异议 no keeper has settled yet: the parts are neither on the shelf nor in anyone's hands. */
  private async openDisputes(): Promise<AlertsView['openDisputes']> {
    if (!(await this.hasTable('requisition_line'))) return [];
    const rows: Record<string, unknown>[] = await this.db.query(
      'SELECT r.id AS requisitionId, r.no AS no, l.id AS lineId, r.employeeId AS employeeId, e.name AS employeeName, ' +
        'p.id AS partId, p.code AS partCode, p.name AS partName, p.unit AS unit, l.disputedQty AS qty, l.disputeReason AS reason, ' +
        "r.signedAt AS signedAt FROM requisition_line l JOIN requisition r ON r.id = l.requisitionId JOIN part p ON p.id = l.partId LEFT JOIN employee e ON e.id = r.employeeId WHERE l.disputeStatus = 'open' ORDER BY r.signedAt ASC, l.id ASC",
    );
    return rows.map((r) => ({
      requisitionId: Number(r.requisitionId),
      no: String(r.no),
      lineId: Number(r.lineId),
      employeeId: Number(r.employeeId),
      employeeName: String(r.employeeName ?? ''),
      partId: Number(r.partId),
      partCode: String(r.partCode),
      partName: String(r.partName),
      unit: String(r.unit),
      qty: Number(r.qty),
      reason: String(r.reason),
      signedAt: r.signedAt ? utc(r.signedAt).toISOString() : '',
    }));
  }

  /** Tables never disappear, so a table once found is remembered. */
  private async hasTable(name: string): Promise<boolean> {
    if (this.tables.has(name)) return true;
    const qr = this.db.createQueryRunner();
    try {
      if (await qr.hasTable(name)) this.tables.add(name);
    } finally {
      await qr.release();
    }
    return this.tables.has(name);
  }

  private get db(): DataSource {
    return this.tx.dataSource;
  }
}

/** A raw datetime: a Date from mysql2 (timezone Z), or SQLite's "YYYY-MM-DD HH:MM:SS.SSS" in UTC. */
function utc(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}
