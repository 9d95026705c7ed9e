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
