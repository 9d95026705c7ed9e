import { z } from '../zod-zh';
import { id, optionalId, optionalText, pageQuery, quantity, text, fen } from './fields';

/**
 * 审批状态. `variance` is a return only: the keeper's count writes off more than the employee
 * declared, so nothing is posted until the employee (or a second keeper) confirms it.
 */
export const APPROVAL_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'cancelled', 'variance'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  draft: '草稿',
  pending: '待审批',
  approved: '已批准',
  rejected: '已否决',
  cancelled: '已作废',
  variance: '差异待确认',
};
/** What a requisition can be in (it never waits for a variance confirmation). */
export const REQUISITION_STATUS_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(APPROVAL_STATUS_LABELS).filter(([k]) => k !== 'variance'),
);

/** 签收状态 */
export const SIGN_STATUSES = ['unsigned', 'signed', 'disputed'] as const;
export type SignStatus = (typeof SIGN_STATUSES)[number];
export const SIGN_STATUS_LABELS: Record<SignStatus, string> = { unsigned: '未签收', signed: '已签收', disputed: '有异议' };

/** Reasons a part goes missing on a return (配件问题). */
export const PROBLEM_REASONS = ['损坏', '丢失', '型号不符', '其他'] as const;

const remark = optionalText('备注', 500);
const approverIds = z.array(id('审批人'), { required_error: '请选择审批人' }).min(1, '至少选择一位审批人').max(10, '审批人最多 10 位');

export const requisitionLineInput = z
  .object({
    partId: id('配件'),
    qty: quantity('领用数量', 100000).refine((v) => v > 0, '领用数量应大于 0'),
  })
  .strict();

export const requisitionInput = z
  .object({
    employeeId: id('领用员工'),
    warehouseId: id('仓库'),
    handlerId: optionalId('经办人'),
    remark,
    approverIds,
    lines: z.array(requisitionLineInput).min(1, '至少添加一个配件').max(200, '一张领用单最多 200 行'),
    /** false keeps it as a draft (e.g. after 复制), true submits it for approval. */
    submit: z.boolean().default(true),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<number>();
    v.lines.forEach((l, i) => {
      if (seen.has(l.partId)) ctx.addIssue({ code: 'custom', path: ['lines', i, 'partId'], message: '同一配件不要重复添加，请合并数量' });
      seen.add(l.partId);
    });
  });
export type RequisitionInput = z.infer<typeof requisitionInput>;

export const rejectInput = z.object({ reason: text('否决原因', 200) }).strict();

export const signInput = z
  .object({
    /**
     * Lines not listed are signed in full. A disputed quantity stays issued, in dispute (neither
     * the warehouse's nor his), until a keeper confirms it is back or records it as lost.
     */
    disputes: z
      .array(
        z
          .object({ lineId: id('明细'), qty: quantity('异议数量').refine((v) => v > 0, '异议数量应大于 0'), reason: text('异议原因', 200) })
          .strict(),
      )
      .max(200)
      .default([]),
  })
  .strict();
export type SignInput = z.infer<typeof signInput>;

/** What became of a quantity disputed at sign-for (签收异议). */
export const DISPUTE_STATUSES = ['open', 'returned', 'lost'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const DISPUTE_STATUS_LABELS: Record<DisputeStatus, string> = { open: '待核实', returned: '已核实退回仓库', lost: '已记为丢失' };

/**
 * A keeper settles a disputed line: the parts are physically back on the shelf (returned), or
 * they are lost, booked against the employee with the reason (lost).
 */
export const disputeResolveInput = z
  .object({
    outcome: z.enum(['returned', 'lost'], { errorMap: () => ({ message: '请选择核实结果' }) }),
    note: z.string({ invalid_type_error: '说明应为文字' }).trim().max(200, '说明不能超过 200 字').default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.outcome === 'lost' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写丢失的原因' });
  });
export type DisputeResolveInput = z.infer<typeof disputeResolveInput>;

export const documentListQuery = z
  .object({
    ...pageQuery,
    status: z.enum(APPROVAL_STATUSES).optional(),
    signStatus: z.enum(SIGN_STATUSES).optional(),
    employeeId: optionalId('员工').optional(),
    warehouseId: optionalId('仓库').optional(),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
      .optional(),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
      .optional(),
    /** Only documents this employee may decide and that wait for a decision. */
    mine: z.enum(['approve']).optional(),
  })
  .strict();
export type DocumentListQuery = z.infer<typeof documentListQuery>;

export const returnLineInput = z
  .object({
    partId: id('配件'),
    /** Counted and returned to the warehouse. */
    qty: quantity('退还数量'),
    /** Missing or damaged: written off to loss with the reason. */
    problemQty: quantity('问题数量').default(0),
    problemReason: optionalText('问题原因', 200),
  })
  .strict()
  .superRefine((l, ctx) => {
    if (l.qty + l.problemQty <= 0) ctx.addIssue({ code: 'custom', path: ['qty'], message: '退还数量与问题数量不能都为 0' });
    if (l.problemQty > 0 && !l.problemReason) ctx.addIssue({ code: 'custom', path: ['problemReason'], message: '有问题数量时请填写原因' });
  });

export const returnInput = z
  .object({
    employeeId: id('领用员工'),
    warehouseId: id('调回仓库'),
    handlerId: optionalId('经办人'),
    inboundAt: z.string().datetime({ offset: true, message: '入库时间格式不对' }).optional(),
    remark,
    approverIds,
    lines: z.array(returnLineInput).min(1, '至少有一个配件').max(500),
    submit: z.boolean().default(true),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<number>();
    v.lines.forEach((l, i) => {
      if (seen.has(l.partId)) ctx.addIssue({ code: 'custom', path: ['lines', i, 'partId'], message: '同一配件不要重复添加' });
      seen.add(l.partId);
    });
  });
export type ReturnInput = z.infer<typeof returnInput>;

export const inboundInput = z
  .object({
    warehouseId: id('仓库'),
    supplier: optionalText('供应商', 100),
    remark,
    lines: z
      .array(
        z
          .object({ partId: id('配件'), qty: quantity('入库数量').refine((v) => v > 0, '入库数量应大于 0'), unitCost: fen('单价') })
          .strict(),
      )
      .min(1, '至少添加一个配件')
      .max(500),
  })
  .strict();
export type InboundInput = z.infer<typeof inboundInput>;

export const stocktakeStartInput = z
  .object({
    warehouseId: id('仓库'),
    /** 盲盘: counters do not see the book quantity. */
    blind: z.boolean().default(false),
    remark,
  })
  .strict();

export const stocktakeCountInput = z
  .object({
    counts: z
      .array(z.object({ partId: id('配件'), countedQty: quantity('实盘数量') }).strict())
      .min(1)
      .max(5000),
  })
  .strict();

export const holdingsQuery = z.object({ ...pageQuery, employeeId: optionalId('员工').optional() }).strict();

export const stockQuery = z.object({ ...pageQuery, warehouseId: optionalId('仓库').optional() }).strict();

/** The keeper's check at approval: the counted quantities replace what the employee wrote. */
export const returnApproveInput = z
  .object({
    counts: z
      .array(
        z
          .object({
            lineId: id('明细'),
            qty: quantity('退还数量'),
            problemQty: quantity('问题数量').default(0),
            problemReason: optionalText('问题原因', 200),
          })
          .strict()
          .superRefine((l, ctx) => {
            if (l.problemQty > 0 && !l.problemReason)
              ctx.addIssue({ code: 'custom', path: ['problemReason'], message: '有问题数量时请填写原因' });
          }),
      )
      .max(500)
      .default([]),
  })
  .strict();
export type ReturnApproveInput = z.infer<typeof returnApproveInput>;

/** The employee does not accept the keeper's count (差异有异议): the return goes back to pending with his note. */
export const returnObjectInput = z.object({ note: text('异议说明', 200) }).strict();

/** Confirming a count (差异确认) names the count the confirmer saw (ReturnView.countsVersion): a recount since then is refused. */
export const returnConfirmInput = z.object({ countsVersion: z.number({ message: '请刷新后再确认' }).int().min(0).max(1_000_000) }).strict();

/** 每日剩余配件入库: everything the employee holds goes back, in two taps. */
export const leftoversInput = z
  .object({
    employeeId: optionalId('员工').optional(),
    warehouseId: optionalId('调回仓库').optional(),
  })
  .strict();

export const returnPrefillQuery = z.object({ employeeId: optionalId('员工').optional() }).strict();

export interface ReturnPrefill {
  employeeId: number;
  employeeName: string;
  departmentId: number | null;
  departmentName: string | null;
  /** The warehouse he last took parts from, and its keepers as default approvers. */
  warehouseId: number | null;
  approverIds: number[];
  /** Units already on his pending returns (left out of the lines below). */
  pendingQty: number;
  /** heldQty is what can still be returned: held less pendingQty, already on a pending return. */
  lines: {
    partId: number;
    partCode: string;
    partName: string;
    partModel: string;
    partSpec: string;
    unit: string;
    heldQty: number;
    pendingQty: number;
  }[];
}

/* ---------- views ---------- */

export interface DocLineView {
  id: number;
  lineNo: number;
  partId: number;
  partCode: string;
  partName: string;
  partModel: string;
  partSpec: string;
  unit: string;
  qty: number;
}

export interface RequisitionLineView extends DocLineView {
  /** Today's quantity in the warehouse (for a draft or pending document); null while a blind count (盲盘) hides it. */
  available: number | null;
  /** Set on a copy: the quantity was lowered to what is available today. */
  cappedFrom: number | null;
  disputedQty: number;
  disputeReason: string;
  /** null when nothing was disputed */
  disputeStatus: DisputeStatus | null;
  disputeNote: string;
  disputeResolvedByName: string | null;
  disputeResolvedAt: string | null;
}

/** The head every document a keeper approves shows (领用单, 调回单): who, where, and the decision. */
export interface ApprovalDocHead {
  id: number;
  no: string;
  employeeId: number;
  employeeName: string;
  departmentId: number | null;
  departmentName: string | null;
  warehouseId: number;
  warehouseName: string;
  handlerId: number | null;
  handlerName: string | null;
  remark: string;
  status: ApprovalStatus;
  approvers: { id: number; name: string }[];
  createdById: number;
  createdByName: string;
  decidedById: number | null;
  decidedByName: string | null;
  decidedAt: string | null;
  rejectReason: string;
  createdAt: string;
}

export interface RequisitionView extends ApprovalDocHead {
  kind: '领取单';
  signStatus: SignStatus;
  signedAt: string | null;
  copiedFromNo: string | null;
  lines: RequisitionLineView[];
}

export type RequisitionListItem = Omit<RequisitionView, 'lines'> & { lineCount: number; totalQty: number };

export interface ReturnLineView extends DocLineView {
  /** 剩余数量: what the employee held when the return was written (and holds now, while pending). */
  heldQty: number;
  /** qty / problemQty / problemReason: the keeper's count once he checked it (the proposal while `variance`), else the declaration. */
  problemQty: number;
  problemReason: string;
  /** What the employee declared when he wrote the return. */
  declaredQty: number;
  declaredProblemQty: number;
  declaredProblemReason: string;
}

export interface ReturnView extends ApprovalDocHead {
  inboundAt: string;
  /** The employee's objection to the last count (差异有异议), '' if none. */
  varianceNote: string;
  /** Who accepted a write-off beyond the declaration: the employee, or a second keeper. */
  confirmedById: number | null;
  confirmedByName: string | null;
  confirmedAt: string | null;
  /** Goes up with each keeper's count that waits for confirmation; the confirmation sends the one it saw. */
  countsVersion: number;
  lines: ReturnLineView[];
}

export type ReturnListItem = Omit<ReturnView, 'lines'> & { lineCount: number; totalQty: number; problemQty: number };

export interface HoldingView {
  partId: number;
  partCode: string;
  partName: string;
  partModel: string;
  partSpec: string;
  unit: string;
  qty: number;
  heldSince: string | null;
}

export interface StockView {
  partId: number;
  partCode: string;
  partName: string;
  partModel: string;
  partSpec: string;
  unit: string;
  minStock: number;
  /** qty is null (and hidden true) for a warehouse under a blind count (盲盘) this reader may not see. */
  warehouses: { warehouseId: number; warehouseName: string; qty: number | null; hidden?: boolean }[];
  /** Over all warehouses; null when one of them is hidden. */
  total: number | null;
  held: number;
}

/** Said wherever a warehouse's quantities are withheld during a blind count. */
export const BLIND_COUNT_MESSAGE = '盲盘进行中，暂不显示该仓库库存';

export interface MoveView {
  id: number;
  at: string;
  partId: number;
  partName: string;
  qty: number;
  from: string;
  to: string;
  docType: string;
  docNo: string;
  reason: string;
  operatorName: string | null;
}

export const DOC_TYPE_LABELS: Record<string, string> = {
  requisition: '领用',
  'requisition-sign': '签收',
  'requisition-dispute': '签收异议退回',
  return: '退还',
  inbound: '入库',
  stocktake: '盘点',
  workorder: '工单用料',
};

/* ---------- 入库单 (inbound), 盘点 (stock-take), 预警 (alerts) ---------- */

const day = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .optional();

export const INBOUND_STATUSES = ['draft', 'confirmed', 'cancelled'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];
export const INBOUND_STATUS_LABELS: Record<InboundStatus, string> = { draft: '草稿', confirmed: '已入库', cancelled: '已作废' };

/** from / to are Shanghai days, both included. */
export const inboundListQuery = z
  .object({
    ...pageQuery,
    status: z.enum(INBOUND_STATUSES).optional(),
    warehouseId: optionalId('仓库').optional(),
    from: day('开始日期'),
    to: day('结束日期'),
  })
  .strict();
export type InboundListQuery = z.infer<typeof inboundListQuery>;

export interface InboundLineView extends DocLineView {
  /** Fen; left out for a reader without the cost permission. */
  unitCost?: number;
  amount?: number;
}

export interface InboundView {
  id: number;
  no: string;
  warehouseId: number;
  warehouseName: string;
  supplier: string;
  remark: string;
  status: InboundStatus;
  createdById: number;
  createdByName: string;
  decidedById: number | null;
  decidedByName: string | null;
  decidedAt: string | null;
  createdAt: string;
  totalQty: number;
  /** Fen: the sum of qty × unitCost. */
  total?: number;
  lines: InboundLineView[];
}

export type InboundListItem = Omit<InboundView, 'lines'> & { lineCount: number };

export const STOCKTAKE_STATUSES = ['counting', 'approved', 'cancelled'] as const;
export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number];
export const STOCKTAKE_STATUS_LABELS: Record<StocktakeStatus, string> = { counting: '盘点中', approved: '已审核', cancelled: '已作废' };

export const stocktakeListQuery = z
  .object({
    ...pageQuery,
    status: z.enum(STOCKTAKE_STATUSES).optional(),
    warehouseId: optionalId('仓库').optional(),
    from: day('开始日期'),
    to: day('结束日期'),
  })
  .strict();
export type StocktakeListQuery = z.infer<typeof stocktakeListQuery>;

/** Approve and cancel take no fields: anything sent (qty, status...) is refused. */
export const noFieldsInput = z.object({}).strict();

export interface StocktakeLineView {
  id: number;
  partId: number;
  partCode: string;
  partName: string;
  partModel: string;
  partSpec: string;
  unit: string;
  /**
   * Book quantity frozen when the count started, and again at each count of the line (what the
   * ledger said when the shelf was counted); null while hidden (盲盘).
   */
  bookQty: number | null;
  countedQty: number | null;
  /** countedQty − bookQty; null when not counted or hidden. */
  difference: number | null;
  /** Found on the shelf during the count, not in the book list at the start. */
  added: boolean;
  countedByName: string | null;
  countedAt: string | null;
  /** How many times the line was counted (the earlier counts are its history). */
  countEntries: number;
}

/** One count of a line (盘点录入记录): every entry is kept, the line shows the latest. */
export interface StocktakeCountEntry {
  id: number;
  countedQty: number;
  /** The book when this count was entered; null while hidden (盲盘). */
  bookQty: number | null;
  countedByName: string | null;
  countedAt: string;
  /** Entered in a blind count by someone who could see the book (the admin's exception). */
  bookSeen: boolean;
}

export interface StocktakeView {
  id: number;
  no: string;
  warehouseId: number;
  warehouseName: string;
  blind: boolean;
  /** False while a blind count hides book quantities and differences from this reader. */
  bookVisible: boolean;
  remark: string;
  status: StocktakeStatus;
  createdById: number;
  createdByName: string;
  decidedById: number | null;
  decidedByName: string | null;
  decidedAt: string | null;
  createdAt: string;
  lineCount: number;
  countedCount: number;
  lines: StocktakeLineView[];
}

export type StocktakeListItem = Omit<StocktakeView, 'lines'>;

export interface VarianceLine {
  partId: number;
  partCode: string;
  partName: string;
  partSpec: string;
  unit: string;
  bookQty: number;
  countedQty: number | null;
  difference: number | null;
  /** The warehouse's quantity now: differs from bookQty when stock moved during the count. */
  currentQty: number;
  /** While counting: the ledger moved for this part since its book was frozen; approval waits for a recount. */
  moved: boolean;
  /** Fen at cost price (frozen at approval); left out without the cost permission. */
  unitCost?: number;
  differenceValue?: number;
}

export interface VarianceReport {
  stocktakeId: number;
  no: string;
  warehouseName: string;
  status: StocktakeStatus;
  lines: VarianceLine[];
  gainQty: number;
  lossQty: number;
  gainValue?: number;
  lossValue?: number;
  netValue?: number;
  uncountedCount: number;
  /** While counting: counted lines whose ledger moved since the book was frozen (recount them before approving). */
  movedCount: number;
}

export interface StocktakeApproveResult {
  stocktake: StocktakeView;
  adjusted: { partId: number; partName: string; difference: number; reason: string }[];
  /** Not counted, so not adjusted. */
  uncounted: { partId: number; partCode: string; partName: string; bookQty: number }[];
}

export const alertSettingsInput = z
  .object({
    heldDays: z
      .number({ required_error: '请填写持有天数', invalid_type_error: '持有天数应为数字' })
      .int('持有天数应为整数')
      .min(1, '持有天数至少 1 天')
      .max(365, '持有天数不能超过 365 天'),
    pendingHours: z
      .number({ required_error: '请填写待审批小时数', invalid_type_error: '待审批小时数应为数字' })
      .int('待审批小时数应为整数')
      .min(1, '待审批小时数至少 1 小时')
      .max(720, '待审批小时数不能超过 720 小时'),
  })
  .strict();
export type AlertSettings = z.infer<typeof alertSettingsInput>;

export interface AlertsView {
  settings: AlertSettings;
  /**
   * Parts under their minimum stock, per warehouse that carries them (has a balance row);
   * a part with a minimum that was never received anywhere is listed once with warehouseId null.
   */
  lowStock: {
    partId: number;
    partCode: string;
    partName: string;
    unit: string;
    warehouseId: number | null;
    warehouseName: string;
    qty: number;
    minStock: number;
  }[];
  /** Parts an employee has held longer than settings.heldDays. */
  longHeld: {
    employeeId: number;
    employeeName: string;
    partId: number;
    partCode: string;
    partName: string;
    unit: string;
    qty: number;
    heldSince: string;
    days: number;
  }[];
  /** Requisitions and returns waiting for a decision longer than settings.pendingHours. */
  waitingDocs: {
    docType: 'requisition' | 'return';
    /** pending: waiting for a keeper; variance: a return's count waiting for the employee's confirmation (since the count). */
    status: 'pending' | 'variance';
    id: number;
    no: string;
    employeeId: number;
    employeeName: string;
    createdAt: string;
    hours: number;
  }[];
  /** Quantities disputed at sign-for that no keeper has settled yet (returned or lost). */
  openDisputes: {
    requisitionId: number;
    no: string;
    lineId: number;
    employeeId: number;
    employeeName: string;
    partId: number;
    partCode: string;
    partName: string;
    unit: string;
    qty: number;
    reason: string;
    signedAt: string;
  }[];
  counts: { lowStock: number; longHeld: number; waitingDocs: number; openDisputes: number; total: number };
  /** Warehouses under a blind count (盲盘) whose low stock is left out for this reader. */
  hiddenWarehouses: { warehouseId: number; warehouseName: string }[];
}

/** The answer to entering counts: just the lines entered (a scanner sends one at a time) and progress. */
export interface StocktakeCountResult {
  stocktakeId: number;
  lineCount: number;
  countedCount: number;
  lines: StocktakeLineView[];
}

/** GET /stock/reconciliation: proof that the books add up (server/src/modules/stock/reconciliation.service.ts). */
export interface ReconciliationReport {
  ok: boolean;
  checkedAt: string;
  moves: number;
  balances: number;
  /** (part, location) where the balance differs from the sum of moves. */
  mismatches: { partId: number; locationId: number; balance: number; fromMoves: number; part?: string; location?: string }[];
  /** Internal locations (warehouse, employee, transit) below zero. */
  negatives: { partId: number; locationId: number; qty: number; part?: string; location?: string }[];
  /** Moves that leave the company without a named reason or work order. */
  unexplained: { moveId: number; problem: string }[];
  /**
   * Posted stock-take lines whose ledger moved between the book snapshot the variance was
   * computed from and the posting: the adjustment may have counted that move twice or missed it.
   */
  movedDuringCount: {
    stocktakeId: number;
    no: string;
    warehouseName: string;
    partId: number;
    part: string;
    bookQty: number;
    countedQty: number;
    /** What the stock-take posted for this line (countedQty − bookQty). */
    difference: number;
    movedIn: number;
    movedOut: number;
    /** The documents that moved it, e.g. LY-20241203-0001. */
    docs: string[];
  }[];
}
