import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A login. Only the SHA-256 of the token is stored, so a leaked table opens no session. */
@Entity('session')
export class Session {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ type: 'int' }) employeeId: number;
  /** h5 (cookie + CSRF token) or weapp (bearer token). */
  @Column({ type: 'varchar', length: 10 }) client: string;
  @Column({ type: 'varchar', length: 64 }) csrfToken: string;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) expiresAt: Date;
  @Column({ type: 'datetime', nullable: true }) revokedAt: Date | null;
}

/** Every login attempt, kept for the rate limit and for the audit of failed logins. */
@Entity('login_attempt')
export class LoginAttempt {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 20 }) phone: string;
  @Column({ type: 'varchar', length: 64 }) ip: string;
  @Column({ type: 'boolean' }) success: boolean;
  @Column({ type: 'varchar', length: 50, default: '' }) reason: string;
  @Column({ type: 'datetime' }) createdAt: Date;
}
