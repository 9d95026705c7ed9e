import type { Totals } from '../tax';
import type { WorkOrderAction, WorkOrderState } from '../work-order';
import type { PaymentMethod, PRIORITIES, SERVICE_TYPES } from './work-order';

/**
 * What the work-order endpoints answer (server/src/modules/work-order/*.read/stats, notifications):
 * the server builds these and the desk and the phone read them, so both compile against one shape.
 */

export type Priority = (typeof PRIORITIES)[number];
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** A row of GET /work-orders. */
export interface WorkOrderListItem {
  id: number;
  no: string;
  state: WorkOrderState;
  customerId: number;
  customerName: string;
  contactName: string;
  contactPhone: string;
  address: string;
  vehicleId: number | null;
  plate: string | null;
  vehicleName: string | null;
  problem: string;
  priority: Priority;
  appointmentAt: string | null;
  technicianId: number | null;
  technicianName: string | null;
  firstTechnicianName: string | null;
  reworkCount: number;
  createdByName: string;
  createdAt: string;
  dispatchedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  settledAt: string | null;
  closedAt: string | null;
}

/** One step of an order's history (工单进度). */
export interface TimelineEvent {
  action: WorkOrderAction;
  fromState: WorkOrderState;
  toState: WorkOrderState;
  by: string;
  technician: string | null;
  note: string;
  at: string;
}

/** A part on an order. */
export interface OrderPartLine {
  id: number;
  /** planned: added by the desk when the order was created; used: taken from the technician's hands */
  kind: 'planned' | 'used';
  partId: number;
  partCode: string;
  partName: string;
  spec: string;
  unit: string;
  qty: number;
  unitPrice: number;
  taxRate: number;
  taxIncluded: boolean;
  removed: boolean;
  /** the settlement that billed it; null while its visit is not settled (only then may it change) */
  settlementId: number | null;
}

/** A labour (工时) line on an order. */
export interface LabourLine {
  id: number;
  name: string;
  qty: number;
  unitPrice: number;
  taxRate: number;
  taxIncluded: boolean;
  /** the settlement that billed it; null while its visit is not settled (only then may it change) */
  settlementId: number | null;
}

/**
 * 结算 of one visit (第1次, 返工第n次): the amounts of the lines it billed, what the customer owes
 * for it (payable) and how it is paid. Each stays as it was when later visits are settled.
 */
export interface SettlementView extends Totals {
  id: number;
  /** 0 for the first visit, n for the n-th rework */
  visit: number;
  /** 第1次 / 返工第n次 */
  label: string;
  /** '' when free */
  paymentMethod: PaymentMethod | '';
  /** 免费: nothing charged for this visit, note says why */
  free: boolean;
  note: string;
  settledBy: string;
  at: string;
  /** the invoice request (开票申请) that covers it; null while none does */
  invoiceRequestId: number | null;
}

/** A part used on a visit (not removed), as the visit lists show it. */
export interface VisitPart {
  partCode: string;
  partName: string;
  qty: number;
  unit: string;
}

/** A labour (工时) line of a visit. */
export interface VisitLabour {
  name: string;
  qty: number;
  unitPrice: number;
}

/**
 * 上门: one visit of an order, from dispatch to the follow-up that closed it or sent it back,
 * with what the technician did and used then. seq 0 is the first visit, n the n-th rework
 * (the same number as SettlementView.visit).
 */
export interface VisitView {
  seq: number;
  /** 第1次 / 返工第n次 */
  label: string;
  technicianName: string | null;
  dispatchedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** 处理结果 written on finishing, '' until then */
  summary: string;
  /** why follow-up sent this visit back (返工原因), '' when it did not */
  reworkReason: string;
  reworkedAt: string | null;
  parts: VisitPart[];
  labour: VisitLabour[];
}

/** An earlier order of the same vehicle (上次服务清单, 一车一档). */
export interface PreviousService {
  id: number;
  no: string;
  state: WorkOrderState;
  date: string;
  problem: string;
  summary: string;
  technicianName: string | null;
  reworkCount: number;
  /** every part used on the order, all visits together */
  parts: VisitPart[];
  /** every visit of the order, oldest first, each with its own result and parts */
  visits: VisitView[];
}

/** A follow-up call (回访) and what it decided. */
export interface FollowupView {
  reached: boolean;
  satisfaction: number | null;
  comments: string;
  result: 'close' | 'rework';
  reworkReason: string;
  by: string;
  at: string;
}

/** GET /work-orders/:id: the order page. */
export interface WorkOrderDetail extends WorkOrderListItem {
  serviceType: ServiceType;
  summary: string;
  startLocation: string;
  /** of the latest settlement ('' for a free one); every settlement is in `settlements` */
  paymentMethod: string | null;
  settlementNote: string;
  /** the transitions THIS person may fire now: the page's buttons */
  actions: WorkOrderAction[];
  timeline: TimelineEvent[];
  parts: OrderPartLine[];
  labour: LabourLine[];
  /**
   * Every visit together: all used parts and labour, the discounts of the settlements, and what
   * the customer owes in all (settled visits plus the lines not yet settled, without discount).
   */
  totals: Totals;
  /** The lines not yet settled (the current visit): what the next settlement bills before discount. */
  unsettled: Totals;
  /** The visits settled so far, oldest first. */
  settlements: SettlementView[];
  /**
   * What a new invoice request would cover: the settlements no request covers yet (free ones never),
   * as paid, per VAT rate (paidTotals). payable 0: nothing to invoice.
   */
  invoiceable: Totals;
  followups: FollowupView[];
  /** 上门记录: every visit of this order so far, oldest first (a rework's earlier visits among them) */
  visits: VisitView[];
  /** 上次服务清单: the vehicle's earlier orders, newest first */
  previousServices: PreviousService[];
}

/** GET /work-orders/:id/part-price?partId=: what a part will be charged at on this order. */
export interface PartPriceView {
  partId: number;
  /** fen: the customer's price level when the part has a price for it, else the sale price */
  unitPrice: number;
  /** the customer's price level that gave the price, null for the sale price */
  priceLevelName: string | null;
  taxRate: number;
}

/** Where an invoice request (开票申请) stands. */
export type InvoiceStatus = 'requested' | 'issued';

/** The Chinese word for each invoice status (the desk's tag, the accountant's export). */
export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = { requested: '待开票', issued: '已开票' };

/** A row of GET /invoices (server/src/modules/work-order/invoice.service.ts). Amounts in fen. */
export interface InvoiceView {
  id: number;
  workOrderId: number;
  workOrderNo: string;
  customerName: string;
  buyerTitle: string;
  taxNumber: string;
  /** what the settlements it covers were paid, per VAT rate (discounts spread over the rates); adds up to total */
  byRate: Totals['byRate'];
  total: number;
  status: InvoiceStatus;
  /** the invoice number once issued, '' before */
  invoiceNo: string;
  remark: string;
  createdAt: string;
  issuedAt: string | null;
}

/** GET /work-orders/workload: one technician's load (派工 shows it beside each name). */
export interface Workload {
  technicianId: number;
  name: string;
  open: number;
  inProgress: number;
  hoursThisWeek: number;
}

/** One finished visit behind a technician's statistics. */
export interface StatsVisit {
  orderId: number;
  no: string;
  finishedAt: string;
  responseMinutes: number;
  handlingMinutes: number;
  reworked: boolean;
  satisfaction: number | null;
}

/** GET /work-order-stats: 工单绩效 of one technician over a period. */
export interface TechnicianStats {
  technicianId: number;
  name: string;
  /** Visits finished in the period (a rework visit counts again). */
  finished: number;
  /** created (or sent back for rework) → started, minutes, mean over the visits. */
  avgResponseMinutes: number | null;
  /** started → finished, minutes, mean over the visits. */
  avgHandlingMinutes: number | null;
  /** Tax-included amounts of the parts he used and the labour of his visits, in fen. */
  partsRevenue: number;
  labourRevenue: number;
  /** His finished visits that follow-up sent back (返工), and their share. */
  reworked: number;
  reworkRate: number | null;
  avgSatisfaction: number | null;
  /** The visits behind every number above, so each one can be traced to orders. */
  visits: StatsVisit[];
}
