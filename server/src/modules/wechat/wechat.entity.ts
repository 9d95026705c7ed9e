import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An employee's WeChat (mini-program openid): one each way. The session_key never leaves the server. */
@Entity('wechat_binding')
export class WechatBinding {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 64 }) openid: string;
  @Column({ type: 'int' }) employeeId: number;
  /** The session_key of the latest code2Session, kept for decrypting data the phone sends later. */
  @Column({ type: 'varchar', length: 64 }) sessionKey: string;
  /** code (a binding code from the desk) or password (the employee's own, once). */
  @Column({ type: 'varchar', length: 10 }) method: string;
  @Column({ type: 'datetime' }) boundAt: Date;
  /** The admin who issued the code, or the employee himself for a password binding. */
  @Column({ type: 'int', nullable: true }) boundById: number | null;
}

/** A single-use binding code issued on the desk. Only the SHA-256 of the code is stored. */
@Entity('wechat_binding_code')
export class WechatBindingCode {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @Column({ type: 'varchar', length: 64 }) codeHash: string;
  @Column({ type: 'int' }) issuedById: number;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) expiresAt: Date;
  @Column({ type: 'datetime', nullable: true }) usedAt: Date | null;
  /** Set when a newer code replaced it, or the employee was disabled or unbound. */
  @Column({ type: 'datetime', nullable: true }) voidedAt: Date | null;
}

/**
 * An unbound WeChat login, waiting for its binding: the phone holds the ticket (only its SHA-256
 * is stored), the server the openid and session_key, so wx.login need not run again.
 */
@Entity('wechat_ticket')
export class WechatTicket {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 64 }) ticketHash: string;
  @Column({ type: 'varchar', length: 64 }) openid: string;
  @Column({ type: 'varchar', length: 64 }) sessionKey: string;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) expiresAt: Date;
  @Column({ type: 'datetime', nullable: true }) usedAt: Date | null;
}

/** Tries per (scope, subject) in one fixed time bucket; taken by a conditional UPDATE (see AttemptLimiter). */
@Entity('attempt_counter')
export class AttemptCounter {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 20 }) scope: string;
  @Column({ type: 'varchar', length: 100 }) subject: string;
  /** floor(epoch ms / window length) */
  @Column({ type: 'int' }) bucket: number;
  @Column({ type: 'int', default: 0 }) tries: number;
}

/**
 * A subscription message waiting to leave, written with its notification in the business
 * transaction. The worker claims a row by a conditional UPDATE (pending -> sending), so each row
 * is sent at most once however many workers run.
 */
@Entity('wechat_outbox')
export class WechatOutbox {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) notificationId: number;
  @Column({ type: 'int' }) employeeId: number;
  @Column({ type: 'varchar', length: 64 }) openid: string;
  @Column({ type: 'varchar', length: 10 }) templateKind: string;
  @Column({ type: 'varchar', length: 64 }) templateId: string;
  @Column({ type: 'varchar', length: 200, default: '' }) page: string;
  /** JSON { key: { value } }, already cut to each type's limit */
  @Column({ type: 'text' }) data: string;
  /** pending, sending (claimed), sent, failed */
  @Column({ type: 'varchar', length: 10 }) status: 'pending' | 'sending' | 'sent' | 'failed';
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'datetime' }) nextAttemptAt: Date;
  @Column({ type: 'varchar', length: 64, nullable: true }) claimedBy: string | null;
  @Column({ type: 'datetime', nullable: true }) claimedUntil: Date | null;
  @Column({ type: 'int', nullable: true }) lastErrcode: number | null;
  @Column({ type: 'varchar', length: 200, default: '' }) lastError: string;
  @Column({ type: 'datetime', nullable: true }) sentAt: Date | null;
  @Column({ type: 'datetime' }) createdAt: Date;
}

/** How many messages of a template WeChat lets us send an employee (+1 per 允许, -1 per message). */
@Entity('wechat_subscription')
export class WechatSubscription {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @Column({ type: 'varchar', length: 64 }) templateId: string;
  @Column({ type: 'int', default: 0 }) quota: number;
  /** 总是保持以上选择 + 拒绝: the phone stops asking until he turns it back on */
  @Column({ type: 'boolean', default: false }) alwaysReject: boolean;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

/** The access token of an appid, shared by every server process; refreshed under a lease. */
@Entity('wechat_token')
export class WechatToken {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 64 }) appid: string;
  @Column({ type: 'varchar', length: 600, default: '' }) token: string;
  @Column({ type: 'datetime', nullable: true }) expiresAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) leaseOwner: string | null;
  @Column({ type: 'datetime', nullable: true }) leaseUntil: Date | null;
}
