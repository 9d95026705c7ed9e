import { z } from '../zod-zh';
import { WORK_ORDER_STATES } from '../work-order';
import { TAX_RATES } from './part';
import { bool, fen, id, optionalId, optionalText, pageQuery, phone, quantity, text } from './fields';

export const SERVICE_TYPES = ['onsite', 'inshop'] as const;
export const SERVICE_TYPE_LABELS: Record<(typeof SERVICE_TYPES)[number], string> = { onsite: '上门', inshop: '到店' };
export const PRIORITIES = ['normal', 'urgent'] as const;
export const PRIORITY_LABELS: Record<(typeof PRIORITIES)[number], string> = { normal: '普通', urgent: '加急' };
export const PAYMENT_METHODS = ['cash', 'transfer', 'wechat'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Record<(typeof PAYMENT_METHODS)[number], string> = {
  cash: '现金',
  transfer: '转账',
  wechat: '微信支付',
};

const taxRate = z
  .number({ invalid_type_error: '税率应为数字' })
  .refine((v) => (TAX_RATES as readonly number[]).includes(v), `税率应为 ${TAX_RATES.join('%、')}% 之一`);

export const workOrderCreateInput = z
  .object({
    customerId: id('客户'),
    vehicleId: optionalId('车辆'),
    /** Filled from the customer; editable for this order without changing the customer. */
    contactName: text('联系人', 30),
    contactPhone: phone('联系电话'),
    address: text('服务地址', 200),
    problem: text('问题描述', 1000),
    serviceType: z.enum(SERVICE_TYPES, { errorMap: () => ({ message: '服务方式应为上门或到店' }) }).default('onsite'),
    priority: z.enum(PRIORITIES).default('normal'),
    appointmentAt: z
      .string()
      .datetime({ offset: true, message: '预约时间格式不对' })
      .nullish()
      .transform((v) => v ?? null),
    /** 计划配件: when the desk adds them, the technician only does the replacement. */
    plannedParts: z
      .array(z.object({ partId: id('配件'), qty: quantity('数量').refine((v) => v > 0, '数量应大于 0') }).strict())
      .max(50)
      .default([]),
    /** false keeps it 已建单 (e.g. an appointment next week); true sends it to 待派工. */
    submit: z.boolean().default(true),
  })
  .strict();
export type WorkOrderCreateInput = z.infer<typeof workOrderCreateInput>;

export const dispatchInput = z
  .object({
    technicianId: id('技师'),
    helperIds: z.array(id('协助技师')).max(5).default([]),
    note: optionalText('说明', 200),
  })
  .strict();
export type DispatchInput = z.infer<typeof dispatchInput>;

export const noteInput = (label: string, required: boolean) =>
  z.object({ note: required ? text(label, 500) : optionalText(label, 500) }).strict();

export const startInput = z
  .object({
    /** "lat,lng" when the technician allows location, else omitted. */
    location: optionalText('位置', 60),
  })
  .strict();

export const partUseInput = z
  .object({
    partId: id('配件'),
    qty: quantity('数量', 1000).refine((v) => v > 0, '数量应大于 0'),
    /** Omitted: the price of the customer's price level (or the sale price). */
    unitPrice: fen('单价').optional(),
    /**
     * A part's sale or level price is a fixed price that includes tax: the server keeps it so and
     * reads this only with an explicit unitPrice (a supervisor with workorder.settle).
     */
    taxIncluded: bool('含税').optional(),
  })
  .strict();
export type PartUseInput = z.infer<typeof partUseInput>;

/** GET /work-orders/:id/part-price: which part to quote before it is used. */
export const partPriceQuery = z.object({ partId: id('配件') }).strict();
export type PartPriceQuery = z.infer<typeof partPriceQuery>;

export const labourInput = z
  .object({
    name: text('工时项目', 50),
    qty: quantity('数量', 1000)
      .refine((v) => v > 0, '数量应大于 0')
      .default(1),
    unitPrice: fen('单价'),
    taxRate: taxRate.default(6),
    taxIncluded: bool('含税').default(true),
  })
  .strict();
export type LabourInput = z.infer<typeof labourInput>;

/** PUT /work-orders/:id/labour/:lineId: the supervisor corrects a labour line before settling. */
export const labourEditInput = z
  .object({
    qty: quantity('数量', 1000)
      .refine((v) => v > 0, '数量应大于 0')
      .optional(),
    unitPrice: fen('单价').optional(),
  })
  .strict()
  .refine((v) => v.qty !== undefined || v.unitPrice !== undefined, { message: '请填写要修改的数量或单价', path: ['unitPrice'] });
export type LabourEditInput = z.infer<typeof labourEditInput>;

/**
 * 工单结算 of one visit: it bills the parts and labour of this visit only. The payment method is
 * always chosen, never assumed; a visit charged nothing (免费, e.g. a rework the customer does not
 * pay for) says so with free and a reason, and takes neither a payment method nor a discount.
 */
export const settleInput = z
  .object({
    discount: fen('优惠金额').default(0),
    paymentMethod: z.enum(PAYMENT_METHODS, { errorMap: () => ({ message: '请选择付款方式' }) }).optional(),
    free: bool('免费').default(false),
    note: optionalText('结算备注', 200),
    /**
     * The visit's total (unsettled gross, fen) the supervisor saw when settling: if the lines have
     * changed since, the settlement is refused (409) instead of billing something he did not see.
     */
    expectedGross: fen('本次合计').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.free) {
      if (!v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '免费结算请填写原因，如：返工不另收费' });
      if (v.paymentMethod) ctx.addIssue({ code: 'custom', path: ['paymentMethod'], message: '免费结算不收款，不用选择付款方式' });
      if (v.discount) ctx.addIssue({ code: 'custom', path: ['discount'], message: '免费结算不用填写优惠' });
    } else if (!v.paymentMethod) {
      ctx.addIssue({ code: 'custom', path: ['paymentMethod'], message: '请选择付款方式' });
    }
  });
export type SettleInput = z.infer<typeof settleInput>;

/** 工单设置 (admin): the highest unit price a labour line may have, in fen. */
export const workOrderSettingsInput = z
  .object({
    labourMaxUnitPrice: z
      .number({ required_error: '请填写工时单价上限', invalid_type_error: '工时单价上限应为数字' })
      .int('工时单价上限应以分为单位的整数')
      .min(100, '工时单价上限不能低于 1 元')
      .max(100_000_000, '工时单价上限不能超过 1,000,000 元'),
  })
  .strict();
export type WorkOrderSettings = z.infer<typeof workOrderSettingsInput>;
export const WORK_ORDER_SETTING_DEFAULTS: WorkOrderSettings = { labourMaxUnitPrice: 500_000 };

export const followupInput = z
  .object({
    reached: bool('是否接通'),
    satisfaction: z
      .number()
      .int()
      .min(1, '满意度为 1-5 分')
      .max(5, '满意度为 1-5 分')
      .nullish()
      .transform((v) => v ?? null),
    comments: optionalText('回访记录', 500),
    result: z.enum(['close', 'rework'], { errorMap: () => ({ message: '请选择结束或返工' }) }),
    reworkReason: optionalText('返工原因', 200),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.result === 'rework' && !v.reworkReason) ctx.addIssue({ code: 'custom', path: ['reworkReason'], message: '返工时请填写原因' });
    if (v.reached && v.satisfaction === null && v.result === 'close')
      ctx.addIssue({ code: 'custom', path: ['satisfaction'], message: '接通时请打满意度' });
  });
export type FollowupInput = z.infer<typeof followupInput>;

export const workOrderListQuery = z
  .object({
    ...pageQuery,
    state: z.enum(WORK_ORDER_STATES).optional(),
    technicianId: optionalId('技师').optional(),
    customerId: optionalId('客户').optional(),
    vehicleId: optionalId('车辆').optional(),
    plate: optionalText('车牌', 12).optional(),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
      .optional(),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
      .optional(),
    mine: z.enum(['1']).optional(),
  })
  .strict();
export type WorkOrderListQuery = z.infer<typeof workOrderListQuery>;

export const statsQuery = z
  .object({
    from: z.string({ required_error: '请选择开始日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
    to: z.string({ required_error: '请选择结束日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });

/** 服务开票: the buyer as the invoice names it; amounts per VAT rate come from the settlement. */
export const invoiceRequestInput = z
  .object({
    buyerTitle: text('发票抬头', 100),
    taxNumber: z
      .string({ invalid_type_error: '税号应为文字' })
      .trim()
      .toUpperCase()
      .refine((v) => v === '' || /^[0-9A-Z]{15,20}$/.test(v), '税号应为 15-20 位数字或大写字母（个人可不填）')
      .default(''),
    remark: optionalText('备注', 200),
  })
  .strict();
export type InvoiceRequestInput = z.infer<typeof invoiceRequestInput>;

export const invoiceIssueInput = z.object({ invoiceNo: text('发票号码', 30) }).strict();

export const invoiceListQuery = z
  .object({
    ...pageQuery,
    status: z.enum(['requested', 'issued']).optional(),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
      .optional(),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
      .optional(),
  })
  .strict();
export type InvoiceListQuery = z.infer<typeof invoiceListQuery>;
