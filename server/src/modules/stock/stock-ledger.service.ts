import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import { DomainError } from '../../common/errors';
import { Tx } from '../../common/tx';
import { INTERNAL_KINDS, Location, StockBalance, StockMove, type LocationKind } from './stock.entity';

/** The INT column of stock_balance.qty (MySQL): a balance never goes past it. */
const BALANCE_MAX = 2_147_483_647;
const balanceTooLarge = () => new DomainError('VALIDATION', `数量过大：入账后库存结存将超过 ${BALANCE_MAX}，请核对数量`);

export interface MoveInput {
  partId: number;
  qty: number;
  fromLocationId: number;
  toLocationId: number;
  docType: string;
  docId: number;
  docNo: string;
  docLine?: number;
  reason?: string;
  unitCost?: number | null;
}

/**
 * The stock ledger: the ONLY code that writes stock moves and balances (Odoo's stock.move /
 * stock.quant, ERPNext's Stock Ledger Entry / Bin). Always called inside the caller's Tx.run,
 * so the document, its moves and the balances commit or roll back together.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class StockLedger {
  @Inject() tx: Tx;

  /** Locations are never deleted, so their ids can be remembered by every process. */
  private readonly ids = new Map<string, number>();

  /**
   * The location of a warehouse or an employee, created on first use in a transaction of its
   * own. Call it BEFORE the document's transaction: inside one, MySQL's repeatable-read
   * snapshot would hide a location that a concurrent request has just created.
   */
  async locationOf(kind: LocationKind, refId: number, name: string): Promise<number> {
    const key = `${kind}:${refId}`;
    const known = this.ids.get(key);
    if (known) return known;
    const repo = this.tx.dataSource.getRepository(Location);
    let found = await repo.findOne({ where: { kind, refId } });
    if (!found) {
      // INSERT OR IGNORE (SQLite) / INSERT IGNORE (MySQL): a concurrent first use is no error.
      await this.tx.run((m) =>
        m
          .createQueryBuilder()
          .insert()
          .into(Location)
          .values({ kind, refId, name: name.slice(0, 50) })
          .orIgnore()
          .execute(),
      );
      found = await repo.findOneOrFail({ where: { kind, refId } });
    }
    this.ids.set(key, found.id);
    return found.id;
  }

  /** A virtual location (supplier, consumed, loss, adjustment), made by the migration. */
  virtualLocation(kind: Exclude<LocationKind, 'warehouse' | 'employee'>): Promise<number> {
    return this.locationOf(kind, 0, kind);
  }

  /**
   * Posts moves. An internal location is decremented with a conditional UPDATE that cannot go
   * below zero (checked by affected rows), never read-modify-write; "not enough" is a 409.
   */
  async post(m: EntityManager, moves: MoveInput[], operatorId: number | null): Promise<void> {
    const kinds = await this.kindsOf(m, moves);
    const now = new Date();
    // A fixed order of row updates keeps concurrent documents from deadlocking each other on MySQL.
    const ordered = [...moves].sort((a, b) => a.partId - b.partId || a.fromLocationId - b.fromLocationId);
    for (const mv of ordered) {
      if (!Number.isInteger(mv.qty) || mv.qty <= 0) throw new DomainError('VALIDATION', '数量应为正整数');
      if (mv.fromLocationId === mv.toLocationId) throw new DomainError('VALIDATION', '来源与去向相同');
      if (INTERNAL_KINDS.includes(kinds.get(mv.fromLocationId)!)) {
        const res = await m
          .createQueryBuilder()
          .update(StockBalance)
          .set({ qty: () => 'qty - :qty', updatedAt: now })
          .where('partId = :partId AND locationId = :loc AND qty >= :qty', { partId: mv.partId, loc: mv.fromLocationId, qty: mv.qty })
          .execute();
        if (res.affected !== 1) {
          throw new DomainError('INSUFFICIENT_STOCK', undefined, {
            details: { partId: mv.partId, locationId: mv.fromLocationId, requested: mv.qty },
          });
        }
      } else {
        await this.add(m, mv.partId, mv.fromLocationId, -mv.qty, now);
      }
      await this.add(m, mv.partId, mv.toLocationId, mv.qty, now);
      await m.insert(StockMove, {
        partId: mv.partId,
        qty: mv.qty,
        fromLocationId: mv.fromLocationId,
        toLocationId: mv.toLocationId,
        docType: mv.docType,
        docId: mv.docId,
        docNo: mv.docNo,
        docLine: mv.docLine ?? 0,
        reason: (mv.reason ?? '').slice(0, 200),
        unitCost: mv.unitCost ?? null,
        operatorId,
        createdAt: now,
      });
    }
  }

  /**
   * Atomic upsert-add: one balance row per (part, location) however many requests race. A
   * balance past the INT column (MySQL refuses it, SQLite would keep it) is a 400 on both.
   */
  private async add(m: EntityManager, partId: number, locationId: number, delta: number, now: Date): Promise<void> {
    if (m.connection.options.type === 'mysql') {
      // MySQL evaluates the assignments left to right: heldSince reads qty before it changes.
      await m
        .query(
          'INSERT INTO stock_balance (partId, locationId, qty, heldSince, updatedAt) VALUES (?, ?, ?, ?, ?) ' +
            'ON DUPLICATE KEY UPDATE heldSince = IF(qty <= 0 AND qty + VALUES(qty) > 0, VALUES(updatedAt), IF(qty + VALUES(qty) <= 0, NULL, heldSince)), ' +
            'qty = qty + VALUES(qty), updatedAt = VALUES(updatedAt)',
          [partId, locationId, delta, delta > 0 ? now : null, now],
        )
        .catch((e: { errno?: number; driverError?: { errno?: number } }) => {
          throw (e.errno ?? e.driverError?.errno) === 1264 /* ER_WARN_DATA_OUT_OF_RANGE */ ? balanceTooLarge() : e;
        });
    } else {
      const t = DateUtils.mixedDateToUtcDatetimeString(now);
      const [row] = (await m.query(
        'INSERT INTO stock_balance (partId, locationId, qty, heldSince, updatedAt) VALUES (?, ?, ?, ?, ?) ' +
          'ON CONFLICT (partId, locationId) DO UPDATE SET ' +
          'heldSince = CASE WHEN qty <= 0 AND qty + excluded.qty > 0 THEN excluded.updatedAt WHEN qty + excluded.qty <= 0 THEN NULL ELSE heldSince END, ' +
          'qty = qty + excluded.qty, updatedAt = excluded.updatedAt RETURNING qty',
        [partId, locationId, delta, delta > 0 ? t : null, t],
      )) as { qty: number }[];
      if (Math.abs(row.qty) > BALANCE_MAX) throw balanceTooLarge();
    }
  }

  private async kindsOf(m: EntityManager, moves: MoveInput[]): Promise<Map<number, LocationKind>> {
    const ids = [...new Set(moves.flatMap((mv) => [mv.fromLocationId, mv.toLocationId]))];
    const rows = ids.length ? await m.createQueryBuilder(Location, 'l').where('l.id IN (:...ids)', { ids }).getMany() : [];
    const kinds = new Map(rows.map((l) => [l.id, l.kind]));
    for (const id of ids) if (!kinds.has(id)) throw new DomainError('NOT_FOUND', '库位不存在');
    return kinds;
  }
}
