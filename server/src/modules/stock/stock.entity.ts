import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every place a part can be. Internal locations (a warehouse, an employee's hands, parts issued
 * but not yet signed for, parts disputed at sign-for until a keeper settles them) can never go below zero; virtual ones (supplier, consumed on a work
 * order, loss, stock-take adjustment) are the outside world and balance the books.
 */
export const LOCATION_KINDS = ['warehouse', 'employee', 'transit', 'dispute', 'supplier', 'consumed', 'loss', 'adjustment'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];
export const INTERNAL_KINDS: readonly LocationKind[] = ['warehouse', 'employee', 'transit', 'dispute'];

@Entity('location')
export class Location {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 20 }) kind: LocationKind;
  /** warehouse.id or employee.id; 0 for the virtual locations. */
  @Column({ type: 'int' }) refId: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
}

/** Append-only. The only thing that changes stock; a correction is a reverse move. */
@Entity('stock_move')
export class StockMove {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) partId: number;
  /** Always positive: the direction is from -> to. */
  @Column({ type: 'int' }) qty: number;
  @Column({ type: 'int' }) fromLocationId: number;
  @Column({ type: 'int' }) toLocationId: number;
  /** The document that caused it: type (requisition, return, inbound, stocktake, workorder), id, number, line. */
  @Column({ type: 'varchar', length: 20 }) docType: string;
  @Column({ type: 'int' }) docId: number;
  @Column({ type: 'varchar', length: 30 }) docNo: string;
  @Column({ type: 'int', default: 0 }) docLine: number;
  /** Why, for write-offs and adjustments (损坏, 丢失, 盘亏...). */
  @Column({ type: 'varchar', length: 200, default: '' }) reason: string;
  /** Unit cost in fen where known (inbound). */
  @Column({ type: 'int', nullable: true }) unitCost: number | null;
  @Column({ type: 'int', nullable: true }) operatorId: number | null;
  @Column({ type: 'datetime' }) createdAt: Date;
}

/** Quantity on hand per (part, location): a cache of the moves, rebuilt and checked by reconciliation. */
@Entity('stock_balance')
export class StockBalance {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) partId: number;
  @Column({ type: 'int' }) locationId: number;
  @Column({ type: 'int' }) qty: number;
  /** When the quantity last rose from zero: "held since" for an employee's holdings. */
  @Column({ type: 'datetime', nullable: true }) heldSince: Date | null;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

/** Per (prefix, Shanghai day) counter for document numbers: LY-20231011-0035. */
@Entity('doc_sequence')
export class DocSequence {
  @PrimaryColumn({ type: 'varchar', length: 10 }) prefix: string;
  @PrimaryColumn({ type: 'varchar', length: 8 }) day: string;
  @Column({ type: 'int' }) value: number;
}
