import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { InboundStatus } from '@hongyuan/shared';

/** 入库单: parts received from a supplier into a warehouse. Stock changes only on confirm. */
@Entity('inbound')
export class Inbound {
  @PrimaryGeneratedColumn() id: number;
  /** RK-20261128-0001, taken when the draft is created. */
  @Column({ type: 'varchar', length: 30 }) no: string;
  @Column({ type: 'int' }) warehouseId: number;
  @Column({ type: 'varchar', length: 100, default: '' }) supplier: string;
  @Column({ type: 'varchar', length: 500, default: '' }) remark: string;
  @Column({ type: 'varchar', length: 20 }) status: InboundStatus;
  @Column({ type: 'int' }) createdById: number;
  /** Who confirmed or cancelled it, and when. */
  @Column({ type: 'int', nullable: true }) decidedById: number | null;
  @Column({ type: 'datetime', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

@Entity('inbound_line')
export class InboundLine {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) inboundId: number;
  @Column({ type: 'int' }) lineNo: number;
  @Column({ type: 'int' }) partId: number;
  @Column({ type: 'int' }) qty: number;
  /** Fen per unit, as on the supplier's delivery note. */
  @Column({ type: 'int' }) unitCost: number;
}
