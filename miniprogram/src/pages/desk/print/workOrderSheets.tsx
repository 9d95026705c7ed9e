import {
  PAYMENT_METHOD_LABELS,
  PRIORITY_LABELS,
  SERVICE_TYPE_LABELS,
  WORK_ORDER_STATE_LABELS,
  formatDateTime,
  formatYuan,
  lineAmounts,
} from '@hongyuan/shared';
import type { SettlementView, WorkOrderDetail } from '@hongyuan/shared';
import type { SheetProps } from './Sheet';

interface ChargeRow {
  kind: string;
  name: string;
  spec: string;
  unit: string;
  qty: number;
  unitPrice: number;
  taxRate: number;
  taxIncluded: boolean;
  /** 第1次 / 返工第n次, or 未结算 */
  settlement: string;
}

function charges(d: WorkOrderDetail, kind: 'used' | 'planned'): ChargeRow[] {
  const settlement = (l: { settlementId: number | null }) => d.settlements.find((s) => s.id === l.settlementId)?.label ?? '未结算';
  const parts = d.parts
    .filter((p) => p.kind === kind && !p.removed)
    .map((p) => ({
      kind: '配件',
      name: `${p.partCode} ${p.partName}`,
      spec: p.spec,
      unit: p.unit,
      qty: p.qty,
      unitPrice: p.unitPrice,
      taxRate: p.taxRate,
      taxIncluded: p.taxIncluded,
      settlement: settlement(p),
    }));
  const labour =
    kind === 'used'
      ? d.labour.map((l) => ({
          kind: '工时',
          name: l.name,
          spec: '',
          unit: '项',
          qty: l.qty,
          unitPrice: l.unitPrice,
          taxRate: l.taxRate,
          taxIncluded: l.taxIncluded,
          settlement: settlement(l),
        }))
      : [];
  return [...parts, ...labour];
}

function head(d: WorkOrderDetail): [string, string | null][] {
  return [
    ['客户', d.customerName],
    ['联系人', `${d.contactName} ${d.contactPhone}`],
    ['服务方式', SERVICE_TYPE_LABELS[d.serviceType]],
    ['车辆', d.plate ? `${d.plate} ${d.vehicleName ?? ''}` : ''],
    ['技师', d.technicianName ?? d.firstTechnicianName],
    ['优先级', PRIORITY_LABELS[d.priority]],
    ['服务地址', d.address],
    ['预约时间', formatDateTime(d.appointmentAt)],
    ['状态', WORK_ORDER_STATE_LABELS[d.state]],
  ];
}

/** 处理结果: on a rework each visit's, with who did it (第1次（王建学）：…；返工第1次（刘志强）：…). */
function results(d: WorkOrderDetail): string {
  if (d.visits.length < 2) return d.summary;
  return d.visits.map((v) => `${v.label}${v.technicianName ? `（${v.technicianName}）` : ''}：${v.summary || '处理中'}`).join('；');
}

/** 工单 (A4): what to do, where, for whom; the technician's result (each visit's) and the customer's signature. */
export function workOrderSheet(d: WorkOrderDetail): SheetProps<ChargeRow> {
  const used = charges(d, 'used');
  const rows = used.length ? used : charges(d, 'planned');
  return {
    title: '售后服务工单',
    no: d.no,
    fields: [...head(d), ['问题描述', d.problem], ['处理结果', results(d)], ['建单', `${d.createdByName} ${formatDateTime(d.createdAt)}`]],
    columns: [
      { title: '序号', value: (_r, i) => i + 1, width: 9, align: 'center' },
      { title: '类别', value: (r) => r.kind, width: 12 },
      { title: '项目', value: (r) => r.name },
      { title: '规格', value: (r) => r.spec, width: 24 },
      { title: '单位', value: (r) => r.unit, width: 10, align: 'center' },
      { title: '数量', value: (r) => r.qty, width: 14, align: 'right' },
    ],
    rows,
    note: used.length ? undefined : '以上为计划配件；实际用料以技师登记为准。',
    signatures: ['客服', '技师', '客户确认'],
  };
}

/** One settlement in words: 第1次 2024-… 价税合计 ¥x，优惠 ¥y，应收 ¥z（现金）. */
function settlementText(s: SettlementView): string {
  const how = s.free ? `免费：${s.note}` : PAYMENT_METHOD_LABELS[s.paymentMethod as keyof typeof PAYMENT_METHOD_LABELS];
  const discount = s.discount && !s.free ? `，优惠 ${formatYuan(s.discount)}` : '';
  return `${s.label}（${formatDateTime(s.at)}）价税合计 ${formatYuan(s.gross)}${discount}，应收 ${formatYuan(s.payable)}（${how}）`;
}

/**
 * 结算单 (A4): every charge with its tax and the settlement that billed it (第1次, 返工第n次), the
 * totals from the shared totals(), then each settlement and what is owed in all.
 */
export function settlementSheet(d: WorkOrderDetail): SheetProps<ChargeRow> {
  const rows = charges(d, 'used');
  const t = d.totals;
  const several = d.settlements.length > 1;
  return {
    title: '维修服务结算单',
    no: d.no,
    fields: [
      ...head(d),
      [
        '付款方式',
        d.settlements
          .map((s) =>
            s.free ? `${s.label} 免费` : `${s.label} ${PAYMENT_METHOD_LABELS[s.paymentMethod as keyof typeof PAYMENT_METHOD_LABELS]}`,
          )
          .join('；'),
      ],
      ['结算时间', formatDateTime(d.settledAt)],
      ['结算备注', d.settlementNote],
    ],
    columns: [
      { title: '序号', value: (_r, i) => i + 1, width: 9, align: 'center' },
      { title: '类别', value: (r) => r.kind, width: 12 },
      ...(several ? [{ title: '结算', value: (r: ChargeRow) => r.settlement, width: 18 }] : []),
      { title: '项目', value: (r) => r.name },
      { title: '数量', value: (r) => r.qty, width: 12, align: 'right' },
      { title: '单价', value: (r) => formatYuan(r.unitPrice), width: 18, align: 'right' },
      { title: '税率', value: (r) => `${r.taxRate}%`, width: 11, align: 'right' },
      { title: '不含税', value: (r) => formatYuan(lineAmounts(r).net), width: 18, align: 'right' },
      { title: '税额', value: (r) => formatYuan(lineAmounts(r).tax), width: 16, align: 'right' },
      { title: '价税合计', value: (r) => formatYuan(lineAmounts(r).gross), width: 20, align: 'right' },
    ],
    rows,
    totals: { 项目: '合计', 不含税: formatYuan(t.net), 税额: formatYuan(t.tax), 价税合计: formatYuan(t.gross) },
    note: d.settlements.length
      ? [...d.settlements.map(settlementText), several ? `各次合计应收 ${formatYuan(t.payable)}` : ''].filter(Boolean).join('；')
      : `优惠 ${formatYuan(t.discount)}，应收 ${formatYuan(t.payable)}`,
    signatures: ['结算人', '客户签字'],
  };
}
