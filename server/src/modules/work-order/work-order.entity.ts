import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type {
  FollowupView,
  OrderPartLine,
  PaymentMethod,
  Priority,
  ReceivableStatus,
  ServiceType,
  WorkOrderAction,
  WorkOrderState,
} from '@hongyuan/shared';

/** A BIGINT column read as a number (MySQL answers a string). */
export const FEN = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/** 工单 */
@Entity('work_order')
export class WorkOrder {
  @PrimaryGeneratedColumn() id: number;
  /** FW-YYYYMMDD-NNNN */
  @Column({ type: 'varchar', length: 30 }) no: string;
  @Column({ type: 'varchar', length: 20 }) state: WorkOrderState;
  @Column({ type: 'int' }) customerId: number;
  @Column({ type: 'int', nullable: true }) vehicleId: number | null;
  @Column({ type: 'varchar', length: 30 }) contactName: string;
  @Column({ type: 'varchar', length: 20 }) contactPhone: string;
  @Column({ type: 'varchar', length: 200 }) address: string;
  @Column({ type: 'varchar', length: 1000 }) problem: string;
  @Column({ type: 'varchar', length: 10 }) serviceType: ServiceType;
  @Column({ type: 'varchar', length: 10 }) priority: Priority;
  @Column({ type: 'datetime', nullable: true }) appointmentAt: Date | null;
  @Column({ type: 'int', nullable: true }) technicianId: number | null;
  /** Comma-separated employee ids of the helpers (协助技师). */
  @Column({ type: 'varchar', length: 100, default: '' }) helperIds: string;
  /** The technician of the first visit, kept through rework for the statistics. */
  @Column({ type: 'int', nullable: true }) firstTechnicianId: number | null;
  @Column({ type: 'int', default: 0 }) reworkCount: number;
  @Column({ type: 'varchar', length: 1000, default: '' }) summary: string;
  @Column({ type: 'varchar', length: 60, default: '' }) startLocation: string;
  /** Discount, payment method and note of the latest settlement (the list's columns); each visit's are in work_order_settlement. */
  @Column({ type: 'int', default: 0 }) discount: number;
  @Column({ type: 'varchar', length: 10, default: '' }) paymentMethod: string;
  @Column({ type: 'varchar', length: 200, default: '' }) settlementNote: string;
  @Column({ type: 'int' }) createdById: number;
  @Column({ type: 'datetime', nullable: true }) dispatchedAt: Date | null;
  @Column({ type: 'datetime', nullable: true }) startedAt: Date | null;
  @Column({ type: 'datetime', nullable: true }) finishedAt: Date | null;
  @Column({ type: 'datetime', nullable: true }) settledAt: Date | null;
  @Column({ type: 'datetime', nullable: true }) closedAt: Date | null;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

/** The order's timeline: every transition, who, when, and the note. */
@Entity('work_order_event')
export class WorkOrderEvent {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) workOrderId: number;
  @Column({ type: 'varchar', length: 20 }) action: WorkOrderAction;
  @Column({ type: 'varchar', length: 20 }) fromState: WorkOrderState;
  @Column({ type: 'varchar', length: 20 }) toState: WorkOrderState;
  @Column({ type: 'int' }) employeeId: number;
  @Column({ type: 'int', nullable: true }) technicianId: number | null;
  @Column({ type: 'varchar', length: 500, default: '' }) note: string;
  @Column({ type: 'datetime' }) createdAt: Date;
}

/**
 * 上门: one visit of an order, from its dispatch to the follow-up that closed it or sent it back.
 * seq 0 is the first visit, n the n-th rework: the same number as work_order_settlement.visit and
 * the visit of its part and labour lines. Written by the state machine (work-order.visits.ts).
 */
@Entity('work_order_visit')
export class WorkOrderVisit {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) workOrderId: number;
  @Column({ type: 'int' }) seq: number;
  /** The technician it is dispatched to (改派 changes it). */
  @Column({ type: 'int', nullable: true }) technicianId: number | null;
  @Column({ type: 'varchar', length: 100, default: '' }) helperIds: string;
  @Column({ type: 'datetime', nullable: true }) dispatchedAt: Date | null;
  @Column({ type: 'datetime', nullable: true }) startedAt: Date | null;
  @Column({ type: 'datetime', nullable: true }) finishedAt: Date | null;
  /** 处理结果 the technician wrote on finishing. */
  @Column({ type: 'varchar', length: 1000, default: '' }) summary: string;
  /** The follow-up (回访) that sent this visit back for rework, and its reason; null / '' otherwise. */
  @Column({ type: 'int', nullable: true }) reworkFollowupId: number | null;
  @Column({ type: 'varchar', length: 200, default: '' }) reworkReason: string;
  @Column({ type: 'datetime', nullable: true }) reworkedAt: Date | null;
}

/** A part on the order: planned by the desk, or used by the technician (posted to the ledger). */
@Entity('work_order_part')
export class WorkOrderPart {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) workOrderId: number;
  @Column({ type: 'int' }) partId: number;
  @Column({ type: 'int' }) qty: number;
  /** planned (计划配件, no stock effect) or used (moved from the technician to consumed). */
  @Column({ type: 'varchar', length: 10 }) kind: OrderPartLine['kind'];
  @Column({ type: 'int' }) unitPrice: number;
  @Column({ type: 'int' }) taxRate: number;
  @Column({ type: 'boolean' }) taxIncluded: boolean;
  @Column({ type: 'int', nullable: true }) technicianId: number | null;
  /** The visit (work_order_visit.seq) it was added on: 0 the first visit, n the n-th rework. */
  @Column({ type: 'int', default: 0 }) visit: number;
  /** Set when a used line is removed: the reverse move is posted, the line stays for the record. */
  @Column({ type: 'datetime', nullable: true }) removedAt: Date | null;
  /** The settlement that billed it; null until its visit is settled. A billed line never changes. */
  @Column({ type: 'int', nullable: true }) settlementId: number | null;
  @Column({ type: 'datetime' }) createdAt: Date;
}

@Entity('work_order_labour')
export class WorkOrderLabour {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) workOrderId: number;
  /** The technician of the visit the labour belongs to (for the statistics). */
  @Column({ type: 'int', nullable: true }) technicianId: number | null;
  /** The visit (work_order_visit.seq) it was entered on: 0 the first visit, n the n-th rework. */
  @Column({ type: 'int', default: 0 }) visit: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'int' }) qty: number;
  @Column({ type: 'int' }) unitPrice: number;
  @Column({ type: 'int' }) taxRate: number;
  @Column({ type: 'boolean' }) taxIncluded: boolean;
  /** The settlement that billed it; null until its visit is settled. A billed line never changes. */
  @Column({ type: 'int', nullable: true }) settlementId: number | null;
  @Column({ type: 'datetime' }) createdAt: Date;
}

/**
 * 结算 of one visit: the lines not yet billed when it was made (stamped with its id), their
 * amounts, and what the customer owes for the visit (payable): the money-owed record (应收) that
 * payments are matched against. Its amounts never change once written; paid and refunded follow
 * the payments.
 */
@Entity('work_order_settlement')
export class WorkOrderSettlement {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) workOrderId: number;
  /** The order's reworkCount when settled: 0 the first visit, n the n-th rework. */
  @Column({ type: 'int' }) visit: number;
  /** Fen. BIGINT: a new settlement stays within AMOUNT_MAX, one carried over from before may not. */
  @Column({ type: 'bigint', transformer: FEN }) net: number;
  @Column({ type: 'bigint', transformer: FEN }) tax: number;
  @Column({ type: 'bigint', transformer: FEN }) gross: number;
  @Column({ type: 'bigint', transformer: FEN }) discount: number;
  @Column({ type: 'bigint', transformer: FEN }) payable: number;
  /** JSON: [{ taxRate, net, tax, gross }] in fen. */
  @Column({ type: 'text' }) byRate: string;
  /** '' when free. */
  @Column({ type: 'varchar', length: 10, default: '' }) paymentMethod: PaymentMethod | '';
  @Column({ type: 'boolean' }) free: boolean;
  @Column({ type: 'varchar', length: 200, default: '' }) note: string;
  @Column({ type: 'int' }) settledById: number;
  @Column({ type: 'datetime' }) createdAt: Date;
  /** The invoice request (开票申请) that covers it; null until one does. A free one never gets one. */
  @Column({ type: 'int', nullable: true }) invoiceRequestId: number | null;
  /**
   * 收款: money received against it and given back (fen), kept with the payment and refund rows
   * by conditional updates in their transactions; payStatus is receivableStatus() of them.
   */
  @Column({ type: 'bigint', transformer: FEN, default: 0 }) paid: number;
  @Column({ type: 'bigint', transformer: FEN, default: 0 }) refunded: number;
  @Column({ type: 'varchar', length: 12, default: 'unpaid' }) payStatus: ReceivableStatus;
}

/** 回访 */
@Entity('work_order_followup')
export class WorkOrderFollowup {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) workOrderId: number;
  @Column({ type: 'boolean' }) reached: boolean;
  @Column({ type: 'int', nullable: true }) satisfaction: number | null;
  @Column({ type: 'varchar', length: 500, default: '' }) comments: string;
  @Column({ type: 'varchar', length: 10 }) result: FollowupView['result'];
  @Column({ type: 'varchar', length: 200, default: '' }) reworkReason: string;
  @Column({ type: 'int' }) employeeId: number;
  @Column({ type: 'datetime' }) createdAt: Date;
}

/** 服务开票申请: covers the settlements of an order no earlier request covers (a rework's later settlement gets its own). */
@Entity('invoice_request')
export class InvoiceRequest {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) workOrderId: number;
  @Column({ type: 'varchar', length: 100 }) buyerTitle: string;
  @Column({ type: 'varchar', length: 20, default: '' }) taxNumber: string;
  /** JSON: [{ taxRate, net, tax, gross }] in fen. */
  @Column({ type: 'text' }) byRate: string;
  @Column({ type: 'int' }) total: number;
  /** requested | issued */
  @Column({ type: 'varchar', length: 10 }) status: string;
  @Column({ type: 'varchar', length: 30, default: '' }) invoiceNo: string;
  @Column({ type: 'varchar', length: 200, default: '' }) remark: string;
  @Column({ type: 'int' }) createdById: number;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime', nullable: true }) issuedAt: Date | null;
}
