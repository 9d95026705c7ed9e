import { useState } from 'react';
import { Button } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PAY_CHANNEL_LABELS, RECEIVABLE_STATUS_LABELS, formatDateTime, formatYuan, visitLabel, type ReceivableRow } from '@hongyuan/shared';
import { useList } from '../../lib/hooks';
import { download } from '../../lib/query';
import { ListTable } from '../../components/ListTable';
import { DateRangeFilter, ReloadButton, SearchFilter, StatusFilter } from '../../components/Filters';
import { FilterBar, ViewHeader } from '../../components/ViewHeader';
import { seqColumn } from '../../components/listColumns';
import { WorkOrderDetail } from '../work-orders/WorkOrderDetail';
import { ReceivableTag } from './OrderPayments';

const STATUS_FILTER = { outstanding: '未结清（未收或部分收款）', ...RECEIVABLE_STATUS_LABELS };

/**
 * 收款: every settled visit with what it owes, what came in and went back; the order opens from
 * its number, where money is recorded or refunded. Starts on what is still owed.
 */
export default function Receivables() {
  const list = useList<ReceivableRow>('/receivables', { status: 'outstanding' });
  const [open, setOpen] = useState<number | null>(null);
  const q = list.query;

  const columns: ColumnsType<ReceivableRow> = [
    seqColumn(list, 52),
    {
      title: '工单编号',
      dataIndex: 'workOrderNo',
      width: 160,
      render: (v: string, r) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(r.workOrderId)} data-testid={`recv-open-${v}`}>
          {v}
        </Button>
      ),
    },
    { title: '客户', dataIndex: 'customerName', minWidth: 120, ellipsis: true },
    { title: '车牌', dataIndex: 'plate', width: 100, render: (v: string | null) => v ?? '—' },
    { title: '上门', dataIndex: 'visit', width: 90, render: (v: number) => visitLabel(v) },
    { title: '结算时间', dataIndex: 'settledAt', width: 150, responsive: ['xxl'], render: (v: string) => formatDateTime(v) },
    { title: '应收', dataIndex: 'payable', width: 100, align: 'right', render: (v: number) => formatYuan(v) },
    { title: '已收', dataIndex: 'paid', width: 100, align: 'right', render: (v: number) => formatYuan(v) },
    {
      title: '已退',
      dataIndex: 'refunded',
      width: 90,
      align: 'right',
      responsive: ['xxl'],
      render: (v: number) => (v ? formatYuan(v) : '—'),
    },
    { title: '未收', dataIndex: 'outstanding', width: 100, align: 'right', render: (v: number) => (v ? <b>{formatYuan(v)}</b> : '—') },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: ReceivableRow['status']) => <ReceivableTag status={s} /> },
    {
      title: '收款方式',
      dataIndex: 'channels',
      width: 110,
      render: (v: ReceivableRow['channels']) => (v.length ? v.map((c) => PAY_CHANNEL_LABELS[c]).join('、') : '—'),
    },
  ];

  return (
    <div data-testid="view-receivables">
      <ViewHeader
        title="收款"
        extra={
          <Button
            onClick={() =>
              download('/receivables/export', { status: q.status, channel: q.channel, from: q.from, to: q.to, keyword: q.keyword })
            }
            data-testid="recv-export"
          >
            导出 Excel
          </Button>
        }
      />
      <FilterBar>
        <SearchFilter list={list} placeholder="工单号 / 客户 / 联系人 / 电话" width={260} testId="recv-search" />
        <StatusFilter list={list} labels={STATUS_FILTER} width={210} testId="recv-filter-status" />
        <StatusFilter list={list} field="channel" labels={PAY_CHANNEL_LABELS} placeholder="全部收款方式" testId="recv-filter-channel" />
        <DateRangeFilter list={list} testId="recv-filter-dates" />
        <ReloadButton list={list} testId="recv-reload" />
      </FilterBar>
      <ListTable<ReceivableRow>
        list={list}
        columns={columns}
        rowKey="settlementId"
        empty={
          q.status === 'outstanding' && !q.keyword && !q.channel && !q.from && !q.to
            ? '没有未结清的应收：结算后的工单，钱没收齐时会出现在这里'
            : '没有符合条件的应收，请清除筛选条件再看'
        }
        data-testid="recv-table"
      />
      <WorkOrderDetail id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
    </div>
  );
}
