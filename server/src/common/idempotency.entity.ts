import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One row per (employee, Idempotency-Key): the first request does the work, repeats get its answer. */
@Entity('idempotency_key')
export class IdempotencyKey {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @Column({ type: 'varchar', length: 100 }) key: string;
  @Column({ type: 'varchar', length: 100 }) route: string;
  @Column({ type: 'varchar', length: 64 }) requestHash: string;
  /** processing | done */
  @Column({ type: 'varchar', length: 12 }) status: string;
  @Column({ type: 'int', nullable: true }) httpStatus: number | null;
  @Column({ type: 'text', nullable: true }) response: string | null;
  @Column({ type: 'datetime' }) createdAt: Date;
}
