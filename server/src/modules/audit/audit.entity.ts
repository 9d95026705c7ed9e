import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: who did what to which record, with the state before and after (JSON). */
@Entity('audit_log')
export class AuditLog {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int', nullable: true }) employeeId: number | null;
  @Column({ type: 'varchar', length: 30, default: '' }) employeeName: string;
  @Column({ type: 'varchar', length: 50 }) action: string;
  @Column({ type: 'varchar', length: 50 }) entity: string;
  @Column({ type: 'varchar', length: 50, default: '' }) entityId: string;
  @Column({ type: 'text', nullable: true }) before: string | null;
  @Column({ type: 'text', nullable: true }) after: string | null;
  @Column({ type: 'varchar', length: 64, default: '' }) ip: string;
  @Column({ type: 'varchar', length: 64, default: '' }) requestId: string;
  @Column({ type: 'datetime' }) createdAt: Date;
}
