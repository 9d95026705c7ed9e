import type { DisputeStatus } from '@hongyuan/shared';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ApprovalStatus, SignStatus } from '@hongyuan/shared';

/** 领用单: parts leave a warehouse for an employee's hands. */
@Entity('requisition')
export class Requisition {
  @PrimaryGeneratedColumn() id: number;
  /** LY-YYYYMMDD-NNNN */
  @Column({ type: 'varchar', length: 30 }) no: string;
  @Column({ type: 'int' }) employeeId: number;
  @Column({ type: 'int', nullable: true }) departmentId: number | null;
  @Column({ type: 'int' }) warehouseId: number;
  /** 经办人 */
  @Column({ type: 'int', nullable: true }) handlerId: number | null;
  @Column({ type: 'varchar', length: 500, default: '' }) remark: string;
  @Column({ type: 'varchar', length: 12 }) status: ApprovalStatus;
  @Column({ type: 'varchar', length: 12 }) signStatus: SignStatus;
  @Column({ type: 'int' }) createdById: number;
  @Column({ type: 'int', nullable: true }) decidedById: number | null;
  @Column({ type: 'datetime', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 200, default: '' }) rejectReason: string;
  @Column({ type: 'datetime', nullable: true }) signedAt: Date | null;
  @Column({ type: 'int', nullable: true }) copiedFromId: number | null;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

@Entity('requisition_line')
export class RequisitionLine {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) requisitionId: number;
  @Column({ type: 'int' }) lineNo: number;
  @Column({ type: 'int' }) partId: number;
  @Column({ type: 'int' }) qty: number;
  /** On a copy: the quantity asked for before it was lowered to what was available. */
  @Column({ type: 'int', nullable: true }) cappedFrom: number | null;
  @Column({ type: 'int', default: 0 }) disputedQty: number;
  @Column({ type: 'varchar', length: 200, default: '' }) disputeReason: string;
  /** open (in dispute, waiting for a keeper), returned (back on the shelf), lost (booked against him); null: no dispute */
  @Column({ type: 'varchar', length: 10, nullable: true }) disputeStatus: DisputeStatus | null;
  @Column({ type: 'varchar', length: 200, default: '' }) disputeNote: string;
  @Column({ type: 'int', nullable: true }) disputeResolvedById: number | null;
  @Column({ type: 'datetime', nullable: true }) disputeResolvedAt: Date | null;
}

/** 审批人 of a requisition or return: any one of them decides (或签). */
@Entity('document_approver')
export class DocumentApprover {
  @PrimaryColumn({ type: 'varchar', length: 20 }) docType: string;
  @PrimaryColumn({ type: 'int' }) docId: number;
  @PrimaryColumn({ type: 'int' }) employeeId: number;
}
