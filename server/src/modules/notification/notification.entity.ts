import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An in-app message and to-do (站内消息). Written in the same transaction as the change that
 * causes it, so it doubles as the outbox the WeChat subscription-message sender will read.
 */
@Entity('notification')
export class Notification {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  /** dispatch, reassign, rework ... */
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 50 }) title: string;
  @Column({ type: 'varchar', length: 200, default: '' }) body: string;
  @Column({ type: 'int', nullable: true }) workOrderId: number | null;
  @Column({ type: 'datetime', nullable: true }) readAt: Date | null;
  @Column({ type: 'datetime' }) createdAt: Date;
}
