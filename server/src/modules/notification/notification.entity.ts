import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind, WechatDelivery } from '@hongyuan/shared';

/**
 * An in-app message and to-do (站内消息). Written by the Notifier in the same transaction as the
 * change that causes it; its WeChat copy, if any, leaves through the outbox (WechatOutbox).
 */
@Entity('notification')
export class Notification {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @Column({ type: 'varchar', length: 20 }) kind: NotificationKind;
  @Column({ type: 'varchar', length: 50 }) title: string;
  @Column({ type: 'varchar', length: 200, default: '' }) body: string;
  /** the mini-program page it opens, with its query, no leading slash */
  @Column({ type: 'varchar', length: 200, default: '' }) page: string;
  @Column({ type: 'int', nullable: true }) workOrderId: number | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) docType: string | null;
  @Column({ type: 'int', nullable: true }) docId: number | null;
  /** asks for an action; doneAt closes it (decided, signed, order finished, reassigned) */
  @Column({ type: 'boolean', default: false }) todo: boolean;
  @Column({ type: 'datetime', nullable: true }) doneAt: Date | null;
  @Column({ type: 'varchar', length: 100, default: '' }) doneNote: string;
  @Column({ type: 'varchar', length: 10, default: 'none' }) wechat: WechatDelivery;
  @Column({ type: 'varchar', length: 200, default: '' }) wechatError: string;
  @Column({ type: 'datetime', nullable: true }) readAt: Date | null;
  @Column({ type: 'datetime' }) createdAt: Date;
}

/** A once-a-day job that ran (unique per job and Shanghai day: two processes run it once). */
@Entity('job_run')
export class JobRun {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 30 }) job: string;
  @Column({ type: 'varchar', length: 10 }) day: string;
  @Column({ type: 'datetime' }) ranAt: Date;
}
