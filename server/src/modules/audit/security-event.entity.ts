import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 安全事件: a failed login or a refused request. Repeats of the same kind, person, address and
 * route within one minute add to `count` instead of adding rows, so a flood stays a few rows.
 */
@Entity('security_event')
export class SecurityEvent {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 64 }) dedupeKey: string;
  /** floor(epoch ms / 60 000) of the first occurrence */
  @Column({ type: 'int' }) minute: number;
  @Column({ type: 'int', nullable: true }) employeeId: number | null;
  @Column({ type: 'varchar', length: 30, default: '' }) employeeName: string;
  @Column({ type: 'varchar', length: 20, default: '' }) phone: string;
  @Column({ type: 'varchar', length: 64, default: '' }) ip: string;
  @Column({ type: 'varchar', length: 200, default: '' }) route: string;
  @Column({ type: 'varchar', length: 100, default: '' }) reason: string;
  @Column({ type: 'int', default: 1 }) hits: number;
  @Column({ type: 'datetime' }) firstAt: Date;
  @Column({ type: 'datetime' }) lastAt: Date;
}
