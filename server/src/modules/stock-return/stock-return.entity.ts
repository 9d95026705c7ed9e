import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ApprovalStatus } from '@hongyuan/shared';

/** 配件调回单 / 退还: what an employee brings back; shortfalls are written off with a reason. */
@Entity('stock_return')
export class StockReturn {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 30 }) no: string;
  @Column({ type: 'int' }) employeeId: number;
  @Column({ type: 'int', nullable: true }) departmentId: number | null;
  @Column({ type: 'int' }) warehouseId: number;
  @Column({ type: 'int', nullable: true }) handlerId: number | null;
  /** 入库时间 */
  @Column({ type: 'datetime' }) inboundAt: Date;
  @Column({ type: 'varchar', length: 500, default: '' }) remark: string;
  @Column({ type: 'varchar', length: 12 }) status: ApprovalStatus;
  @Column({ type: 'int' }) createdById: number;
  @Column({ type: 'int', nullable: true }) decidedById: number | null;
  @Column({ type: 'datetime', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 200, default: '' }) rejectReason: string;
  /** The employee's objection to the last count (差异有异议). */
  @Column({ type: 'varchar', length: 200, default: '' }) varianceNote: string;
  /** Who accepted a write-off beyond the declaration (the employee or a second keeper), and when. */
  @Column({ type: 'int', nullable: true }) confirmedById: number | null;
  @Column({ type: 'datetime', nullable: true }) confirmedAt: Date | null;
  /** Each count that waits for confirmation raises it; a confirmation names the one it saw. */
  @Column({ type: 'int', default: 0 }) countsVersion: number;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

@Entity('stock_return_line')
export class StockReturnLine {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) returnId: number;
  @Column({ type: 'int' }) lineNo: number;
  @Column({ type: 'int' }) partId: number;
  /** 剩余数量 when the return was written. */
  @Column({ type: 'int' }) heldQty: number;
  /** What goes back and what is written off: the declaration until a keeper counts, then his count. */
  @Column({ type: 'int' }) qty: number;
  @Column({ type: 'int', default: 0 }) problemQty: number;
  @Column({ type: 'varchar', length: 200, default: '' }) problemReason: string;
  /** What the employee declared, kept beside the keeper's count. */
  @Column({ type: 'int', default: 0 }) declaredQty: number;
  @Column({ type: 'int', default: 0 }) declaredProblemQty: number;
  @Column({ type: 'varchar', length: 200, default: '' }) declaredProblemReason: string;
}
