import { z } from '../zod-zh';
import { fen, optionalId, optionalText, pageQuery, text } from './fields';

/**
 * Money owed and money paid (收款). A settlement (work_order_settlement, one per visit) is the
 * receivable: `payable` is what the customer owes for that visit. Payments are recorded against
 * it (cash, transfer, WeChat Pay); refunds against a payment. Everything is integer fen.
 */

/** How money actually came in (a payment row). 月结 is not a way of paying: it is an account. */
export const PAY_CHANNELS = ['cash', 'transfer', 'wechat'] as const;
export type PayChannel = (typeof PAY_CHANNELS)[number];
export const PAY_CHANNEL_LABELS: Record<PayChannel, string> = { cash: '现金', transfer: '转账', wechat: '微信支付' };

/**
 * A receivable's state, derived from payable, paid and refunded:
 * free (免费, nothing owed), unpaid, partial (部分收款), paid, refunded (全部退款), partRefunded.
 */
export const RECEIVABLE_STATUSES = ['unpaid', 'partial', 'paid', 'partRefunded', 'refunded', 'free'] as const;
export type ReceivableStatus = (typeof RECEIVABLE_STATUSES)[number];
export const RECEIVABLE_STATUS_LABELS: Record<ReceivableStatus, string> = {
  unpaid: '未收款',
  partial: '部分收款',
  paid: '已收款',
  partRefunded: '部分退款',
  refunded: '已退款',
  free: '免费',
};

/** 收款 list filters: GET /api/receivables (and /api/receivables/export with the same query). */
export const receivableQuery = z
  .object({
    ...pageQuery,
    /** a status, or outstanding: everything not yet fully paid (未结清) */
    status: z.enum([...RECEIVABLE_STATUSES, 'outstanding'] as const, { errorMap: () => ({ message: '收款状态不对' }) }).optional(),
    channel: z.enum(PAY_CHANNELS, { errorMap: () => ({ message: '收款方式不对' }) }).optional(),
    customerId: optionalId('客户'),
    /** settledAt within [from, to], Shanghai dates YYYY-MM-DD */
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '开始日期格式应为 YYYY-MM-DD')
      .optional(),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '结束日期格式应为 YYYY-MM-DD')
      .optional(),
    keyword: optionalText('关键字', 50),
  })
  .strict();
export type ReceivableQuery = z.infer<typeof receivableQuery>;

/** One settlement as a receivable: what it owes, what came in, what went back. */
export interface Receivable {
  settlementId: number;
  /** 0 = the first visit, 1 = the first rework … */
  visit: number;
  settledAt: string;
  payable: number;
  paid: number;
  refunded: number;
  /** payable - paid, never below 0: a refund gives money back, it does not reopen the debt */
  outstanding: number;
  status: ReceivableStatus;
}

/** A row of the 收款 list. */
export interface ReceivableRow extends Receivable {
  workOrderId: number;
  workOrderNo: string;
  customerId: number;
  customerName: string;
  plate: string | null;
  channels: PayChannel[];
}

export interface PaymentView {
  id: number;
  settlementId: number;
  channel: PayChannel;
  amount: number;
  /** what can still be refunded from this payment */
  refundable: number;
  /** transfer reference, WeChat transaction id … */
  reference: string;
  note: string;
  /** who recorded it; null for a WeChat notification */
  recordedBy: string | null;
  createdAt: string;
}

export const REFUND_STATUSES = ['processing', 'success', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = { processing: '退款中', success: '已退款', failed: '退款失败' };

export interface RefundView {
  id: number;
  paymentId: number;
  channel: PayChannel;
  amount: number;
  reason: string;
  status: RefundStatus;
  outRefundNo: string;
  requestedBy: string;
  createdAt: string;
  finishedAt: string | null;
}

/** GET /api/work-orders/:id/payments: the order's receivables with everything paid and refunded. */
export interface OrderPayments {
  settlements: Array<
    Receivable & {
      free: boolean;
      /** the way of paying agreed at settlement (结算时约定) */
      agreedMethod: string;
      payments: PaymentView[];
      refunds: RefundView[];
    }
  >;
  totals: { payable: number; paid: number; refunded: number; outstanding: number };
}

/** POST /api/settlements/:id/payments: cash or a transfer received at the desk. */
export const paymentInput = z
  .object({
    channel: z.enum(['cash', 'transfer'] as const, { errorMap: () => ({ message: '请选择收款方式（现金或转账）' }) }),
    amount: fen('收款金额').refine((v) => v > 0, '收款金额应大于 0'),
    reference: optionalText('转账流水号', 64),
    note: optionalText('备注', 200),
  })
  .strict();
export type PaymentInput = z.infer<typeof paymentInput>;

/** POST /api/payments/:id/refunds (permission payment.refund). */
export const refundInput = z
  .object({
    amount: fen('退款金额').refine((v) => v > 0, '退款金额应大于 0'),
    reason: text('退款原因', 80),
  })
  .strict();
export type RefundInput = z.infer<typeof refundInput>;

/**
 * A receivable's state from what it owes and what came in and went back. A refund does not make
 * the customer owe again: outstanding is payable - paid.
 */
export function receivableStatus(r: { payable: number; paid: number; refunded: number; free: boolean }): ReceivableStatus {
  if (r.free || r.payable === 0) return 'free';
  if (r.refunded > 0) return r.refunded >= r.paid ? 'refunded' : 'partRefunded';
  if (r.paid === 0) return 'unpaid';
  return r.paid < r.payable ? 'partial' : 'paid';
}

export function outstandingOf(r: { payable: number; paid: number; free: boolean }): number {
  return r.free ? 0 : Math.max(0, r.payable - r.paid);
}
