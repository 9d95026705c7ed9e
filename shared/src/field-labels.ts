import type { ZodTypeAny } from 'zod';

/**
 * The Chinese name of every field key the request schemas take (shared/src/schemas/* and the
 * few the server declares itself). A message the user reads never shows a key: a validation
 * issue is named by the field's own label (the field builders put it into `.describe()`), else
 * by this list. shared/src/field-labels.test.ts fails when a schema has a key missing here.
 */
export const FIELD_LABELS: Record<string, string> = {
  // lists
  page: '页码',
  pageSize: '每页条数',
  keyword: '搜索词',
  enabled: '启用',
  status: '状态',
  state: '状态',
  from: '开始日期',
  to: '结束日期',
  mine: '只看我的',
  unread: '只看未读',
  // people and login
  phone: '手机号',
  password: '密码',
  client: '登录端',
  oldPassword: '原密码',
  newPassword: '新密码',
  name: '名称',
  token: '初始化口令',
  ip: 'IP 地址',
  code: '编号',
  ticket: '微信登录凭据',
  bindingCode: '绑定码',
  results: '订阅结果',
  alwaysRejected: '总是拒绝的消息',
  kinds: '消息类型',
  kind: '类型',
  wechat: '微信送达状态',
  departmentId: '部门',
  roles: '角色',
  role: '角色',
  keeperIds: '库管',
  employeeId: '员工',
  entity: '对象类型',
  entityId: '对象编号',
  allowSelfApproval: '允许库管审批自己的单据',
  contentBase64: '导入文件',
  // customers and vehicles
  address: '地址',
  plate: '车牌号',
  vin: '车架号',
  brand: '品牌',
  vehicleModelId: '车型',
  year: '年份',
  mileage: '里程',
  remark: '备注',
  id: '编号',
  isPrimary: '主联系人',
  isDefault: '默认地址',
  priceLevelId: '价格等级',
  taxNumber: '税号',
  contacts: '联系人',
  addresses: '地址',
  vehicles: '车辆',
  customerId: '客户',
  series: '车系',
  modelYear: '年款',
  engine: '发动机/排量',
  // parts
  price: '价格',
  aliases: '别名',
  words: '同义词',
  model: '型号',
  spec: '规格',
  unit: '单位',
  category: '分类',
  costPrice: '成本价',
  salePrice: '销售价',
  taxRate: '税率',
  minStock: '最低库存',
  vehicleModelIds: '适用车型',
  prices: '等级价格',
  sort: '排序',
  // stock documents
  partId: '配件',
  qty: '数量',
  warehouseId: '仓库',
  handlerId: '经办人',
  approverIds: '审批人',
  lines: '明细',
  submit: '提交',
  reason: '原因',
  disputes: '异议',
  lineId: '明细',
  outcome: '核实结果',
  note: '说明',
  signStatus: '签收状态',
  problemQty: '问题数量',
  problemReason: '问题原因',
  inboundAt: '入库时间',
  supplier: '供应商',
  unitCost: '单价',
  blind: '盲盘',
  counts: '盘点数量',
  countedQty: '实盘数量',
  countsVersion: '核对版本',
  heldDays: '持有天数',
  pendingHours: '待审批小时数',
  // work orders
  vehicleId: '车辆',
  contactName: '联系人',
  contactPhone: '联系电话',
  problem: '问题描述',
  serviceType: '服务方式',
  priority: '优先级',
  appointmentAt: '预约时间',
  plannedParts: '计划配件',
  technicianId: '技师',
  helperIds: '协助技师',
  location: '位置',
  unitPrice: '单价',
  taxIncluded: '含税',
  discount: '优惠金额',
  paymentMethod: '付款方式',
  free: '免费',
  expectedGross: '本次合计',
  labourMaxUnitPrice: '工时单价上限',
  reached: '是否接通',
  satisfaction: '满意度',
  comments: '回访记录',
  result: '回访结果',
  reworkReason: '返工原因',
  buyerTitle: '发票抬头',
  invoiceNo: '发票号码',
  channel: '收款方式',
};

const KNOWN_LABELS = new Set(Object.values(FIELD_LABELS));

/** A field builder's label (fields.ts): registered so a message that names it is known to be named. */
export function fieldLabel(label: string): string {
  KNOWN_LABELS.add(label);
  return label;
}

/** Whether a message already names a field: its own label, or any field's label (a sentence naming another field). */
function namesAField(message: string, field: string): boolean {
  if (!field || message.includes(field)) return true;
  for (const l of KNOWN_LABELS) if (l.length >= 2 && message.includes(l)) return true;
  return false;
}

/** Arrays whose items are the rows of a document: an issue in one is "第 3 行 …". */
const ROW_ARRAYS = new Set(['lines', 'counts', 'disputes', 'plannedParts', 'prices']);

type Def = {
  typeName?: string;
  description?: string;
  innerType?: ZodTypeAny;
  schema?: ZodTypeAny;
  in?: ZodTypeAny;
  out?: ZodTypeAny;
  type?: ZodTypeAny;
  valueType?: ZodTypeAny;
  options?: ZodTypeAny[];
  shape?: () => Record<string, ZodTypeAny>;
};
const defOf = (s: ZodTypeAny | undefined): Def => ((s as unknown as { _def?: Def } | undefined)?._def ?? {}) as Def;

const WRAPPERS = ['ZodOptional', 'ZodNullable', 'ZodDefault', 'ZodCatch', 'ZodReadonly', 'ZodBranded'];

/** The schema one wrapper (optional, default, refine, preprocess…) down, or undefined when `s` wraps nothing. */
function innerOf(s: ZodTypeAny): ZodTypeAny | undefined {
  const d = defOf(s);
  if (d.typeName === 'ZodEffects') return d.schema;
  if (d.typeName === 'ZodPipeline') return d.in;
  if (WRAPPERS.includes(d.typeName ?? '')) return d.innerType ?? d.type;
  return undefined;
}

/** The schema under optional, default, refine, preprocess… : the one that has the shape. */
export function unwrapSchema(s: ZodTypeAny | undefined): ZodTypeAny | undefined {
  for (let i = 0; s && i < 20; i++) {
    const next = innerOf(s);
    if (!next) return s;
    s = next;
  }
  return s;
}

/** The label a field gives itself with `.describe()`, looked for through its wrappers. */
export function describedLabel(s: ZodTypeAny | undefined): string | undefined {
  for (let i = 0; s && i < 20; i++) {
    const d = defOf(s);
    if (d.description) return d.description;
    s = innerOf(s);
  }
  return undefined;
}

/** The object shape of a schema (through its wrappers and unions), or null. */
export function shapeOf(s: ZodTypeAny | undefined): Record<string, ZodTypeAny> | null {
  const u = unwrapSchema(s);
  const d = defOf(u);
  if (d.typeName === 'ZodObject' && d.shape) return d.shape();
  return null;
}

function child(s: ZodTypeAny | undefined, seg: string | number): ZodTypeAny | undefined {
  const u = unwrapSchema(s);
  const d = defOf(u);
  switch (d.typeName) {
    case 'ZodObject':
      return typeof seg === 'string' ? d.shape?.()[seg] : undefined;
    case 'ZodArray':
      return d.type;
    case 'ZodRecord':
      return d.valueType;
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      for (const o of d.options ?? []) {
        const c = child(o, seg);
        if (c) return c;
      }
      return undefined;
    default:
      return undefined;
  }
}

const isIndex = (seg: string | number) => typeof seg === 'number' || /^\d+$/.test(seg);

export interface IssueLabel {
  /** The whole label, e.g. "第 3 行 领用数量", "联系人 1 联系电话", "满意度"; '' when none is known. */
  label: string;
  /** Where in a list, e.g. "第 3 行" or "联系人 1"; '' at the top level. */
  context: string;
  /** The field's own label, e.g. "领用数量". */
  field: string;
}

/**
 * Names a path ("lines.2.qty" or ['lines', 2, 'qty']) in Chinese: the field's `.describe()` label
 * when the schema is known, else FIELD_LABELS; list positions become "第 3 行" or "联系人 1".
 * Segments with no label (a record's key, an unknown field) are left out, never shown.
 */
export function labelOfPath(path: string | readonly (string | number)[], schema?: ZodTypeAny): IssueLabel {
  const segs = typeof path === 'string' ? path.split('.').filter(Boolean) : [...path];
  const context: string[] = [];
  let field = '';
  let node: ZodTypeAny | undefined = schema;
  let prevKey = '';
  let prevLabel = '';
  for (const seg of segs) {
    if (isIndex(seg)) {
      const n = Number(seg) + 1;
      if (prevLabel) {
        context.push(ROW_ARRAYS.has(prevKey) ? `第 ${n} 行` : `${prevLabel} ${n}`);
        field = '';
      }
      node = child(node, Number(seg));
      // a list of plain values (keeperIds.1): the item is named by the list
      if (!shapeOf(node)) field = prevLabel;
      continue;
    }
    node = child(node, seg);
    const key = String(seg);
    const label = (node ? describedLabel(node) : undefined) ?? FIELD_LABELS[key] ?? '';
    if (label) {
      field = label;
      prevLabel = label;
    } else {
      // a record's key or a field nobody named: keep the last name we had
      prevLabel = '';
    }
    prevKey = key;
  }
  if (field && context.length && context[context.length - 1].startsWith(field)) field = '';
  const ctx = context.join(' ');
  return { label: [ctx, field].filter(Boolean).join(' '), context: ctx, field };
}

/**
 * The message of an issue with its label in front, unless the message already names it
 * ("请填写客户名称" stays as it is; "不能小于 1" on lines.2.qty becomes "第 3 行 数量：不能小于 1").
 * Labelling a labelled message changes nothing, so a client may summarize the server's issues again.
 */
export function labelMessage(message: string, label: IssueLabel | string): string {
  const l: IssueLabel = typeof label === 'string' ? { label, context: '', field: label } : label;
  if (!l.label) return message;
  const hasContext = !l.context || message.includes(l.context);
  const hasField = namesAField(message, l.field);
  if (hasField && hasContext) return message;
  if (hasField) return `${l.context}：${message}`;
  if (hasContext) return `${l.field}：${message}`;
  return `${l.label}：${message}`;
}
