import { Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { InjectDataSource } from '@midwayjs/typeorm';
import { type DataSource, In } from 'typeorm';
import type { ReconciliationReport } from '@hongyuan/shared';
import { Warehouse } from '../org/org.entity';
import { Part } from '../part/part.entity';
import { Stocktake, StocktakeLine } from '../stocktake/stocktake.entity';
import { movesDuringCount } from '../stocktake/stocktake.moved';
import { INTERNAL_KINDS, type LocationKind } from './stock.entity';

/**
 * Proves the books: every balance equals the sum of its moves, no warehouse or person holds a
 * negative quantity, and every unit that left went to a named work order or a stated reason.
 * And what balances alone cannot show: a posted stock-take whose ledger moved between the book
 * it was computed from and its posting (moves and balances agree, the shelf does not).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class Reconciliation {
  @InjectDataSource() dataSource: DataSource;

  async run(): Promise<ReconciliationReport> {
    const q = (sql: string) => this.dataSource.query(sql) as Promise<Record<string, string | number | null>[]>;
    const [inflow, outflow, balances, counts, unexplained] = await Promise.all([
      q('SELECT partId, toLocationId AS loc, SUM(qty) AS total FROM stock_move GROUP BY partId, toLocationId'),
      q('SELECT partId, fromLocationId AS loc, SUM(qty) AS total FROM stock_move GROUP BY partId, fromLocationId'),
      q('SELECT b.partId, b.locationId AS loc, b.qty, l.kind FROM stock_balance b JOIN location l ON l.id = b.locationId'),
      q('SELECT COUNT(*) AS n FROM stock_move'),
      q(
        'SELECT m.id, l.kind, m.docType, m.docId, m.reason FROM stock_move m JOIN location l ON l.id = m.toLocationId ' +
          "WHERE (l.kind = 'consumed' AND (m.docType <> 'workorder' OR m.docId <= 0)) OR (l.kind IN ('loss', 'adjustment') AND m.reason = '')",
      ),
    ]);
    const expected = new Map<string, number>();
    const key = (p: unknown, l: unknown) => `${p}:${l}`;
    for (const r of inflow) expected.set(key(r.partId, r.loc), (expected.get(key(r.partId, r.loc)) ?? 0) + Number(r.total));
    for (const r of outflow) expected.set(key(r.partId, r.loc), (expected.get(key(r.partId, r.loc)) ?? 0) - Number(r.total));
    const mismatches: ReconciliationReport['mismatches'] = [];
    const negatives: ReconciliationReport['negatives'] = [];
    for (const b of balances) {
      const k = key(b.partId, b.loc);
      const fromMoves = expected.get(k) ?? 0;
      expected.delete(k);
      if (Number(b.qty) !== fromMoves)
        mismatches.push({ partId: Number(b.partId), locationId: Number(b.loc), balance: Number(b.qty), fromMoves });
      if (INTERNAL_KINDS.includes(b.kind as LocationKind) && Number(b.qty) < 0)
        negatives.push({ partId: Number(b.partId), locationId: Number(b.loc), qty: Number(b.qty) });
    }
    for (const [k, fromMoves] of expected) {
      if (fromMoves === 0) continue;
      const [partId, locationId] = k.split(':').map(Number);
      mismatches.push({ partId, locationId, balance: 0, fromMoves });
    }
    await this.name([...mismatches, ...negatives]);
    const movedDuringCount = await this.movedDuringCount();
    const problems = unexplained.map((u) => ({
      moveId: Number(u.id),
      problem: u.kind === 'consumed' ? '消耗未关联工单' : '报损或盘点调整未填写原因',
    }));
    return {
      ok: mismatches.length === 0 && negatives.length === 0 && problems.length === 0 && movedDuringCount.length === 0,
      checkedAt: new Date().toISOString(),
      moves: Number(counts[0].n),
      balances: balances.length,
      mismatches,
      negatives,
      unexplained: problems,
      movedDuringCount,
    };
  }

  private async movedDuringCount(): Promise<ReconciliationReport['movedDuringCount']> {
    const m = this.dataSource.manager;
    const moved = await movesDuringCount(m, { posted: true });
    if (!moved.length) return [];
    const [lines, counts, parts] = await Promise.all([
      m.findBy(StocktakeLine, { id: In(moved.map((x) => x.lineId)) }),
      m.findBy(Stocktake, { id: In([...new Set(moved.map((x) => x.stocktakeId))]) }),
      m.findBy(Part, { id: In([...new Set(moved.map((x) => x.partId))]) }),
    ]);
    const warehouses = await m.findBy(Warehouse, { id: In([...new Set(counts.map((s) => s.warehouseId))]) });
    return moved.map((x) => {
      const line = lines.find((l) => l.id === x.lineId)!;
      const st = counts.find((s) => s.id === x.stocktakeId)!;
      const part = parts.find((p) => p.id === x.partId);
      return {
        stocktakeId: st.id,
        no: st.no,
        warehouseName: warehouses.find((w) => w.id === st.warehouseId)?.name ?? '',
        partId: x.partId,
        part: part ? `${part.code} ${part.name}` : '',
        bookQty: line.bookQty,
        countedQty: line.countedQty ?? 0,
        difference: (line.countedQty ?? 0) - line.bookQty,
        movedIn: x.movedIn,
        movedOut: x.movedOut,
        docs: x.docs.slice(0, 10),
      };
    });
  }

  /** Adds the part's code and name and the location's name, so the admin can act on a finding. */
  private async name(rows: { partId: number; locationId: number; part?: string; location?: string }[]): Promise<void> {
    if (!rows.length) return;
    const parts: { id: number; code: string; name: string }[] = await this.dataSource.query(
      `SELECT id, code, name FROM part WHERE id IN (${rows.map(() => '?').join(',')})`,
      rows.map((r) => r.partId),
    );
    const places: { id: number; name: string; kind: string; wname: string | null; ename: string | null }[] = await this.dataSource.query(
      `SELECT l.id, l.name, l.kind, w.name AS wname, e.name AS ename FROM location l LEFT JOIN warehouse w ON l.kind = 'warehouse' AND w.id = l.refId LEFT JOIN employee e ON l.kind = 'employee' AND e.id = l.refId WHERE l.id IN (${rows.map(() => '?').join(',')})`,
      rows.map((r) => r.locationId),
    );
    for (const r of rows) {
      const p = parts.find((x) => Number(x.id) === r.partId);
      const l = places.find((x) => Number(x.id) === r.locationId);
      r.part = p ? `${p.code} ${p.name}` : undefined;
      r.location = l ? (l.wname ?? l.ename ?? l.name) : undefined;
    }
  }
}
