import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per (employee, Idempotency-Key): the first request does the work, repeats get the
 * document it made, read again. `status` is `p:<claim>` while a request works on it and
 * `d:<claim>` once its document is committed (`done` on rows written before claims expired).
 */
@Entity('idempotency_key')
export class IdempotencyKey {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @Column({ type: 'varchar', length: 100 }) key: string;
  @Column({ type: 'varchar', length: 100 }) route: string;
  @Column({ type: 'varchar', length: 64 }) requestHash: string;
  @Column({ type: 'varchar', length: 12 }) status: string;
  @Column({ type: 'int', nullable: true }) httpStatus: number | null;
  /** The answer of a request that made no document of its kind (a replay answers it as it was). */
  @Column({ type: 'text', nullable: true }) response: string | null;
  /** The document the key made: a replay answers its current state. */
  @Column({ type: 'int', nullable: true }) docId: number | null;
  @Column({ type: 'datetime' }) createdAt: Date;
  /** When the current claim was taken: a claim older than a minute may be taken over. */
  @Column({ type: 'datetime', nullable: true }) claimedAt: Date | null;
}
