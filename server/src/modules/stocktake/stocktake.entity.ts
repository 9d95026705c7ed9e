import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StocktakeStatus } from '@hongyuan/shared';

/** 盘点单: a count of one warehouse against the book quantities frozen at its start. */
@Entity('stocktake')
export class Stocktake {
  @PrimaryGeneratedColumn() id: number;
  /** PD-20261128-0001 */
  @Column({ type: 'varchar', length: 30 }) no: string;
  @Column({ type: 'int' }) warehouseId: number;
  /** 盲盘: counters without the keeper permission do not see the book until approval. */
  @Column({ type: 'boolean', default: false }) blind: boolean;
  @Column({ type: 'varchar', length: 500, default: '' }) remark: string;
  @Column({ type: 'varchar', length: 20 }) status: StocktakeStatus;
  /**
   * The warehouse id while counting, NULL afterwards. A unique index on it allows one open
   * count per warehouse even when two keepers start one at the same moment on MySQL.
   */
  @Column({ type: 'int', nullable: true }) openWarehouseId: number | null;
  @Column({ type: 'int' }) createdById: number;
  @Column({ type: 'int', nullable: true }) decidedById: number | null;
  @Column({ type: 'datetime', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

@Entity('stocktake_line')
export class StocktakeLine {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) stocktakeId: number;
  @Column({ type: 'int' }) partId: number;
  /**
   * The warehouse quantity when the count started, frozen again at each count of the line: what
   * the ledger said when the shelf was counted. The variance is countedQty − bookQty.
   */
  @Column({ type: 'int' }) bookQty: number;
  /** When bookQty was frozen; NULL means the count's start. A ledger move since then needs a recount. */
  @Column({ type: 'datetime', nullable: true }) bookAt: Date | null;
  @Column({ type: 'int', nullable: true }) countedQty: number | null;
  /** Found on the shelf during the count, not in the book list at the start. */
  @Column({ type: 'boolean', default: false }) added: boolean;
  @Column({ type: 'int', nullable: true }) countedById: number | null;
  @Column({ type: 'datetime', nullable: true }) countedAt: Date | null;
  /** Cost price in fen frozen at approval, so the approved variance value never drifts. */
  @Column({ type: 'int', nullable: true }) unitCost: number | null;
}

/** 盘点录入记录: every count entered for a line, never overwritten (the line keeps the latest). */
@Entity('stocktake_count')
export class StocktakeCount {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) stocktakeId: number;
  @Column({ type: 'int' }) lineId: number;
  @Column({ type: 'int' }) partId: number;
  @Column({ type: 'int' }) countedQty: number;
  /** The book frozen with this count. */
  @Column({ type: 'int' }) bookQty: number;
  @Column({ type: 'int' }) countedById: number;
  @Column({ type: 'datetime' }) countedAt: Date;
  /** Entered in a blind count by someone who could see the book (the admin's exception for a one-keeper company). */
  @Column({ type: 'boolean', default: false }) bookSeen: boolean;
}
