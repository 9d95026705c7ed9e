import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  INVOICE_STATUS_LABELS,
  formatDateTime,
  formatYuan,
  type InvoiceStatus,
  type InvoiceView as InvoiceItem,
  type Totals,
} from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { errorText } from '../../lib/form';
import { useList } from '../../lib/hooks';
import { download } from '../../lib/query';
import { ListTable } from '../../components/ListTable';
import { DateRangeFilter, ReloadButton, SearchFilter, StatusFilter } from '../../components/Filters';
import { FormModal } from '../../components/FormModal';
import { FilterBar, ViewHeader } from '../../components/ViewHeader';
import { ellipsisText, seqColumn } from '../../components/listColumns';

/** The amounts of each VAT rate, one line per rate. */
export function ByRateTable({ rows, testId }: { rows: Totals['byRate']; testId: string }) {
  return (
    <Table
      rowKey="taxRate"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      locale={{ emptyText: '没有金额' }}
      columns={[
        { title: '税率', dataIndex: 'taxRate', width: 80, render: (v: number) => `${v}%` },
        { title: '不含税金额', dataIndex: 'net', align: 'right', render: (v: number) => formatYuan(v) },
        { title: '税额', dataIndex: 'tax', align: 'right', render: (v: number) => formatYuan(v) },
        { title: '价税合计', dataIndex: 'gross', align: 'right', render: (v: number) => formatYuan(v) },
      ]}
    />
  );
}

interface RequestValues {
  buyerTitle: string;
  taxNumber: string;
  remark: string;
}

/**
 * 申请开票 from a settled order, for the settlements no earlier request covers (invoiceable: what
 * was paid per rate): 抬头 and 税号 default to the customer's.
 */
export function InvoiceRequestModal({
  open,
  order,
  onClose,
  onDone,
}: {
  open: boolean;
  order: { id: number; customerId: number; customerName: string; invoiceable: Totals };
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [taxNumber, setTaxNumber] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setTaxNumber(null);
    api
      .get<{ taxNumber?: string }>(`/customers/${order.customerId}`)
      .then((c) => setTaxNumber(c.taxNumber ?? ''))
      .catch(() => setTaxNumber(''));
  }, [open, order.customerId]);
  return (
    <FormModal<RequestValues>
      open={open && taxNumber !== null}
      title="申请开票"
      width={640}
      testId="invoice-request"
      initialValues={{ buyerTitle: order.customerName, taxNumber: taxNumber ?? '', remark: '' }}
      onClose={onClose}
      onSave={async (v) => {
        try {
          await api.post(`/work-orders/${order.id}/invoice`, {
            buyerTitle: v.buyerTitle.trim(),
            taxNumber: (v.taxNumber ?? '').trim().toUpperCase(),
            remark: v.remark ?? '',
          });
          message.success('已提交开票申请');
          onDone();
          return true;
        } catch (e) {
          message.error(errorText(e));
          return false;
        }
      }}
    >
      <Form.Item
        name="buyerTitle"
        label="发票抬头"
        rules={[
          { required: true, whitespace: true, message: '请填写发票抬头' },
          { max: 100, message: '发票抬头最多 100 个字' },
        ]}
      >
        <Input maxLength={100} data-testid="invoice-buyer" />
      </Form.Item>
      <Form.Item
        name="taxNumber"
        label="税号"
        extra="个人可不填"
        rules={[
          {
            validator: async (_r, v?: string) =>
              !v || /^[0-9A-Za-z]{15,20}$/.test(v.trim()) ? undefined : Promise.reject(new Error('税号应为 15-20 位数字或大写字母')),
          },
        ]}
      >
        <Input maxLength={20} data-testid="invoice-tax-number" />
      </Form.Item>
      <Form.Item name="remark" label="备注">
        <Input.TextArea rows={2} maxLength={200} data-testid="invoice-remark" />
      </Form.Item>
      <div className="desk-section-title">
        <span>开票金额（按税率）</span>
      </div>
      <ByRateTable rows={order.invoiceable.byRate} testId="invoice-request-rates" />
    </FormModal>
  );
}

/** 开票: the invoice requests, 登记发票号码 and the Excel export. */
export default function Invoices() {
  const { message } = App.useApp();
  const list = useList<InvoiceItem>('/invoices');
  const [issuing, setIssuing] = useState<InvoiceItem | null>(null);
  const q = list.query;

  // At 1366×768 (about 1,080 px for the table): the amounts per rate wrap in their own column;
  // 税号 and 申请时间 join from 1600 px on.
  const columns: ColumnsType<InvoiceItem> = [
    seqColumn(list, 52),
    { title: '工单编号', dataIndex: 'workOrderNo', width: 150 },
    { title: '客户', dataIndex: 'customerName', width: 120, ellipsis: true },
    { title: '发票抬头', dataIndex: 'buyerTitle', width: 140, ellipsis: true },
    { title: '税号', dataIndex: 'taxNumber', width: 180, responsive: ['xxl'], render: (v: string) => v || '—' },
    {
      title: '分税率金额',
      key: 'byRate',
      minWidth: 220,
      render: (_v, r) => (
        <div data-testid={`invoice-rates-${r.workOrderNo}`}>
          {r.byRate.map((b) => (
            <div key={b.taxRate}>
              {b.taxRate}%：不含税 {formatYuan(b.net)}，税额 {formatYuan(b.tax)}，合计 {formatYuan(b.gross)}
            </div>
          ))}
        </div>
      ),
    },
    { title: '价税合计', dataIndex: 'total', width: 110, align: 'right', render: (v: number) => formatYuan(v) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 76,
      render: (s: InvoiceStatus) => <Tag color={s === 'issued' ? 'green' : 'orange'}>{INVOICE_STATUS_LABELS[s]}</Tag>,
    },
    { title: '发票号码', dataIndex: 'invoiceNo', width: 110, ellipsis: true, render: (v: string | null) => ellipsisText(v) },
    { title: '申请时间', dataIndex: 'createdAt', width: 150, responsive: ['xxl'], render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'ops',
      width: 116,
      render: (_v, r) =>
        r.status === 'requested' ? (
          <Button type="link" size="small" onClick={() => setIssuing(r)} data-testid={`invoice-issue-${r.workOrderNo}`}>
            登记发票号码
          </Button>
        ) : null,
    },
  ];

  return (
    <div data-testid="view-invoices">
      <ViewHeader
        title="开票"
        extra={
          <Button
            onClick={() => download('/invoices/export', { status: q.status, from: q.from, to: q.to, keyword: q.keyword })}
            data-testid="invoices-export"
          >
            导出 Excel
          </Button>
        }
      />
      <FilterBar>
        <SearchFilter list={list} placeholder="发票抬头 / 税号" width={240} testId="invoices-search" />
        <StatusFilter list={list} labels={INVOICE_STATUS_LABELS} testId="invoices-filter-status" />
        <DateRangeFilter list={list} testId="invoices-filter-dates" />
        <ReloadButton list={list} testId="invoices-reload" />
      </FilterBar>
      <ListTable<InvoiceItem>
        list={list}
        columns={columns}
        empty={
          q.keyword || q.status || q.from || q.to
            ? '没有符合条件的开票申请，请清除筛选条件再看'
            : '暂无开票申请：在已结算工单的详情里点「申请开票」，申请会出现在这里'
        }
        data-testid="invoices-table"
      />
      <FormModal<{ invoiceNo: string }>
        open={issuing !== null}
        title={issuing ? `登记发票号码 · ${issuing.workOrderNo}` : '登记发票号码'}
        testId="invoice-issue"
        onClose={() => setIssuing(null)}
        onSave={async (v) => {
          if (!issuing) return true;
          try {
            await api.post(`/invoices/${issuing.id}/issue`, { invoiceNo: v.invoiceNo.trim() });
            message.success('已登记发票号码');
            list.reload();
            return true;
          } catch (e) {
            message.error(errorText(e));
            return false;
          }
        }}
      >
        <Form.Item
          name="invoiceNo"
          label="发票号码"
          rules={[
            { required: true, whitespace: true, message: '请填写发票号码' },
            { max: 30, message: '发票号码最多 30 个字' },
          ]}
        >
          <Input maxLength={30} data-testid="invoice-no" />
        </Form.Item>
      </FormModal>
    </div>
  );
}
