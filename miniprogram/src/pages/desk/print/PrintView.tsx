import { useEffect } from 'react';
import { Button, Result, Space, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import {
  APPROVAL_STATUS_LABELS,
  INBOUND_STATUS_LABELS,
  SIGN_STATUS_LABELS,
  STOCKTAKE_STATUS_LABELS,
  formatDateTime,
  formatYuan,
  type InboundLineView,
  type InboundView,
  type RequisitionLineView,
  type RequisitionView,
  type ReturnLineView,
  type ReturnView,
  type StocktakeLineView,
  type StocktakeView,
} from '@hongyuan/shared';
import { readIdParam, readParam } from '../lib/location';
import { useDoc, type PrintDoc } from '../lib/stock';
import { Sheet, type SheetColumn, type SheetProps } from './Sheet';
import { settlementSheet, workOrderSheet } from './workOrderSheets';
import type { WorkOrderDetail } from '@hongyuan/shared';

const PATHS: Record<PrintDoc, string> = {
  requisition: '/requisitions',
  return: '/returns',
  inbound: '/inbounds',
  stocktake: '/stocktakes',
  workorder: '/work-orders',
  settlement: '/work-orders',
};
const NAMES: Record<PrintDoc, string> = {
  requisition: '领用单',
  return: '配件调回单',
  inbound: '入库单',
  stocktake: '盘点表',
  workorder: '工单',
  settlement: '结算单',
};

const sum = <T,>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);
const code = <T extends { partCode: string }>(): SheetColumn<T> => ({ title: '配件编号', value: (l) => l.partCode, width: 28 });
const name = <T extends { partName: string }>(): SheetColumn<T> => ({ title: '配件名称', value: (l) => l.partName });
const spec = <T extends { partSpec: string }>(): SheetColumn<T> => ({ title: '规格', value: (l) => l.partSpec, width: 22 });
const unit = <T extends { unit: string }>(): SheetColumn<T> => ({ title: '单位', value: (l) => l.unit, width: 10, align: 'center' });
const seq = <T,>(): SheetColumn<T> => ({ title: '序号', value: (_l, i) => i + 1, width: 9, align: 'center' });

function requisitionSheet(d: RequisitionView): SheetProps<RequisitionLineView> {
  const disputed = d.lines.some((l) => l.disputedQty > 0);
  return {
    title: '配件领用单（出库单）',
    no: d.no,
    fields: [
      ['领用员工', d.employeeName],
      ['部门', d.departmentName],
      ['仓库', d.warehouseName],
      ['出库方式', d.kind],
      ['经办人', d.handlerName],
      ['审批人', d.approvers.map((a) => a.name).join('、')],
      ['审批状态', `${APPROVAL_STATUS_LABELS[d.status]}${d.decidedByName ? `（${d.decidedByName} ${formatDateTime(d.decidedAt)}）` : ''}`],
      ['签收状态', `${SIGN_STATUS_LABELS[d.signStatus]}${d.signedAt ? `（${formatDateTime(d.signedAt)}）` : ''}`],
      ['制单', `${d.createdByName} ${formatDateTime(d.createdAt)}`],
      ['备注', d.remark],
    ],
    columns: [
      seq(),
      code(),
      name(),
      { title: '型号', value: (l) => l.partModel, width: 22 },
      spec(),
      unit(),
      { title: '数量', value: (l) => l.qty, width: 14, align: 'right' },
      ...(disputed
        ? [
            {
              title: '签收异议',
              value: (l: RequisitionLineView) => (l.disputedQty ? `${l.disputedQty}：${l.disputeReason}` : ''),
              width: 30,
            },
          ]
        : []),
    ],
    rows: d.lines,
    totals: { 配件名称: `${d.lines.length} 种`, 数量: sum(d.lines, (l) => l.qty) },
    signatures: ['领用人', '库管', '经办人'],
  };
}

function returnSheet(d: ReturnView): SheetProps<ReturnLineView> {
  return {
    title: '配件调回单',
    no: d.no,
    fields: [
      ['领用员工', d.employeeName],
      ['部门', d.departmentName],
      ['调回仓库', d.warehouseName],
      ['入库时间', formatDateTime(d.inboundAt)],
      ['经办人', d.handlerName],
      ['审批人', d.approvers.map((a) => a.name).join('、')],
      ['审批状态', `${APPROVAL_STATUS_LABELS[d.status]}${d.decidedByName ? `（${d.decidedByName} ${formatDateTime(d.decidedAt)}）` : ''}`],
      ['制单', `${d.createdByName} ${formatDateTime(d.createdAt)}`],
      ['备注', d.remark],
    ],
    columns: [
      seq(),
      code(),
      name(),
      spec(),
      unit(),
      { title: '剩余数量', value: (l) => l.heldQty, width: 14, align: 'right' },
      { title: '配件数量', value: (l) => l.qty, width: 14, align: 'right' },
      { title: '问题数量', value: (l) => l.problemQty || '', width: 14, align: 'right' },
      { title: '问题原因', value: (l) => l.problemReason, width: 16 },
    ],
    rows: d.lines,
    totals: {
      配件名称: `${d.lines.length} 种`,
      剩余数量: sum(d.lines, (l) => l.heldQty),
      配件数量: sum(d.lines, (l) => l.qty),
      问题数量: sum(d.lines, (l) => l.problemQty),
    },
    signatures: ['退还人', '库管', '经办人'],
  };
}

function inboundSheet(d: InboundView): SheetProps<InboundLineView> {
  const withCost = d.total !== undefined;
  return {
    title: '配件入库单',
    no: d.no,
    fields: [
      ['仓库', d.warehouseName],
      ['供应商', d.supplier],
      ['状态', INBOUND_STATUS_LABELS[d.status]],
      ['制单', `${d.createdByName} ${formatDateTime(d.createdAt)}`],
      ['确认入库', d.decidedByName ? `${d.decidedByName} ${formatDateTime(d.decidedAt)}` : ''],
      ['备注', d.remark],
    ],
    columns: [
      seq(),
      code(),
      name(),
      spec(),
      unit(),
      { title: '数量', value: (l) => l.qty, width: 14, align: 'right' },
      ...(withCost
        ? [
            { title: '单价', value: (l: InboundLineView) => formatYuan(l.unitCost ?? 0), width: 22, align: 'right' as const },
            { title: '金额', value: (l: InboundLineView) => formatYuan(l.amount ?? 0), width: 26, align: 'right' as const },
          ]
        : []),
    ],
    rows: d.lines,
    totals: { 配件名称: `${d.lines.length} 种`, 数量: d.totalQty, ...(withCost ? { 金额: formatYuan(d.total!) } : {}) },
    signatures: ['送货人', '库管', '经办人'],
  };
}

function stocktakeSheet(d: StocktakeView): SheetProps<StocktakeLineView> {
  // A blind count sheet never shows the book quantity, whoever prints it.
  const book = d.bookVisible && !(d.blind && d.status === 'counting');
  return {
    title: '库存盘点表',
    no: d.no,
    fields: [
      ['仓库', d.warehouseName],
      ['方式', d.blind ? '盲盘' : '明盘'],
      ['状态', STOCKTAKE_STATUS_LABELS[d.status]],
      ['发起', `${d.createdByName} ${formatDateTime(d.createdAt)}`],
      ['审核', d.decidedByName ? `${d.decidedByName} ${formatDateTime(d.decidedAt)}` : ''],
      ['进度', `已盘 ${d.countedCount} / ${d.lineCount}`],
      ['备注', d.remark],
    ],
    columns: [
      seq(),
      code(),
      name(),
      spec(),
      unit(),
      ...(book ? [{ title: '账面', value: (l: StocktakeLineView) => l.bookQty ?? '', width: 14, align: 'right' as const }] : []),
      { title: '实盘', value: (l) => l.countedQty ?? '', width: 18, align: 'right' },
      ...(book
        ? [
            {
              title: '差异',
              value: (l: StocktakeLineView) => (l.difference ? (l.difference > 0 ? `+${l.difference}` : l.difference) : ''),
              width: 14,
              align: 'right' as const,
            },
          ]
        : []),
      { title: '备注', value: () => '', width: 24 },
    ],
    rows: d.lines,
    note: d.status === 'counting' ? '实盘栏未填的，请按货架实数手写，录入系统后由库管审核。' : undefined,
    signatures: ['盘点人', '复核人', '库管'],
  };
}

/** ?view=print&doc=requisition&id=1: only the A4 sheet, with 打印 (window.print) above it. */
export function PrintView() {
  const doc = readParam('doc') as PrintDoc | null;
  const id = readIdParam('id');
  const valid = !!doc && doc in PATHS && !!id;
  const { doc: data, loading } = useDoc<unknown>(valid ? `${PATHS[doc!]}/${id}` : null);

  useEffect(() => {
    document.title = data && valid ? `${NAMES[doc!]} ${(data as { no: string }).no}` : '打印';
  }, [data, doc, valid]);

  if (!valid) return <Result status="warning" title="打印地址不完整" subTitle="请从单据的“打印”按钮打开。" />;
  if (!data) {
    return (
      <div className="desk-center desk-full">{loading ? <Spin size="large" /> : <Result status="404" title="单据不存在或无权查看" />}</div>
    );
  }
  const sheet =
    doc === 'requisition' ? (
      <Sheet {...requisitionSheet(data as RequisitionView)} />
    ) : doc === 'return' ? (
      <Sheet {...returnSheet(data as ReturnView)} />
    ) : doc === 'inbound' ? (
      <Sheet {...inboundSheet(data as InboundView)} />
    ) : doc === 'workorder' ? (
      <Sheet {...workOrderSheet(data as WorkOrderDetail)} />
    ) : doc === 'settlement' ? (
      <Sheet {...settlementSheet(data as WorkOrderDetail)} />
    ) : (
      <Sheet {...stocktakeSheet(data as StocktakeView)} />
    );
  return (
    <div className="print-page" data-testid="print-page">
      <div className="print-toolbar">
        <Space>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">
            打印
          </Button>
          <Button onClick={() => window.close()}>关闭</Button>
          <span className="desk-hint">A4 纵向；打印预览中可选择“另存为 PDF”。</span>
        </Space>
      </div>
      {sheet}
    </div>
  );
}
