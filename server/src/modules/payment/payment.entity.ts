import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PayChannel, RefundStatus } from '@hongyuan/shared';
import { FEN } from '../work-order/work-order.entity';

/** 收款: money received against a settlement (应收). Never changed except for what was refunded of it. */
@Entity('payment')
export class Payment {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) settlementId: number;
  @Column({ type: 'int' }) workOrderId: number;
  @Column({ type: 'varchar', length: 10 }) channel: PayChannel;
  @Column({ type: 'bigint', transformer: FEN }) amount: number;
  /** What of it went back (fen), kept with the refund rows. */
  @Column({ type: 'bigint', transformer: FEN, default: 0 }) refunded: number;
  /** A transfer's bank reference (流水号). */
  @Column({ type: 'varchar', length: 64, default: '' }) reference: string;
  @Column({ type: 'varchar', length: 200, default: '' }) note: string;
  @Column({ type: 'int', nullable: true }) recordedById: number | null;
  @Column({ type: 'datetime' }) createdAt: Date;
}

/** 退款 of (part of) a payment, with its reason and who asked for it. */
@Entity('payment_refund')
export class PaymentRefund {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) paymentId: number;
  @Column({ type: 'int' }) settlementId: number;
  @Column({ type: 'bigint', transformer: FEN }) amount: number;
  @Column({ type: 'varchar', length: 80 }) reason: string;
  @Column({ type: 'varchar', length: 12 }) status: RefundStatus;
  /** Our number for the refund, fixed when it is made, so a retry is the same refund. */
  @Column({ type: 'varchar', length: 32 }) outRefundNo: string;
  @Column({ type: 'int' }) requestedById: number;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime', nullable: true }) finishedAt: Date | null;
}
