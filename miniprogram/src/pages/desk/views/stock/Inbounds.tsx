import { useState } from 'react';
import { Button, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { INBOUND_STATUS_LABELS, formatDateTime, formatYuan, type InboundListItem, type InboundView } from '@hongyuan/shared';
import { useCan, useList } from '../../lib/hooks';
import { useOpenParam } from '../../lib/nav';
import { openPrint, useStockRefs } from '../../lib/stock';
import { tablePagination } from '../../components/pagination';
import { ViewHeader } from '../../components/ViewHeader';
import { docNoColumn, seqColumn } from '../../components/listColumns';
import { DocFilters } from '../../components/DocFilters';
import { InboundTag } from '../../components/DocTags';
import { InboundForm } from './InboundForm';
import { InboundDetail } from './InboundDetail';

/** 入库单: purchases and other receipts into a warehouse, at unit cost. */
export default function Inbounds() {
  const allowed = useCan();
  const refs = useStockRefs();
  const list = useList<InboundListItem>('/inbounds');
  const [detail, setDetail] = useOpenParam('inbounds');
  const [editing, setEditing] = useState<'new' | InboundView | null>(null);
  const [version, setVersion] = useState(0);

  const columns: ColumnsType<InboundListItem> = [
    seqColumn(list),
    docNoColumn('入库单编号', 'inbound', setDetail),
    { title: '状态', dataIndex: 'status', width: 90, render: (s: InboundListItem['status']) => <InboundTag status={s} /> },
    { title: '仓库', dataIndex: 'warehouseName', width: 130 },
    { title: '供应商', dataIndex: 'supplier', width: 200, ellipsis: true },
    { title: '配件', key: 'qty', width: 120, render: (_v, r) => `${r.lineCount} 种 ${r.totalQty} 件` },
    ...(list.data.items.some((r) => r.total !== undefined)
      ? [
          {
            title: '金额',
            dataIndex: 'total',
            width: 120,
            align: 'right' as const,
            render: (v?: number) => (v === undefined ? '—' : formatYuan(v)),
          },
        ]
      : []),
    { title: '创建人', dataIndex: 'createdByName', width: 90 },
    { title: '创建时间', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    { title: '备注', dataIndex: 'remark', ellipsis: true },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_v, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(r.id)}>
            查看
          </Button>
          <Button type="link" size="small" onClick={() => openPrint('inbound', r.id)} data-testid={`inbound-print-${r.id}`}>
            打印
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="view-inbounds">
      <ViewHeader
        title="入库单"
        extra={
          allowed('stock.manage') && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="inbound-new">
              新建入库单
            </Button>
          )
        }
      />
      <DocFilters
        list={list}
        refs={refs}
        statuses={INBOUND_STATUS_LABELS}
        testId="inbound"
        byEmployee={false}
        keywordHint="单号 / 供应商"
      />
      <Table<InboundListItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data.items}
        pagination={tablePagination(list)}
        columns={columns}
        locale={{ emptyText: '没有符合条件的入库单' }}
        data-testid="inbound-table"
      />
      <InboundDetail id={detail} version={version} onClose={() => setDetail(null)} onChanged={list.reload} onEdit={setEditing} />
      <InboundForm
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={(d) => {
          list.reload();
          setVersion((v) => v + 1);
          setDetail(d.id);
        }}
      />
    </div>
  );
}
