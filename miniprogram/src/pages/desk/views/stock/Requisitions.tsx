import { useState } from 'react';
import { Button, Checkbox, Space, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { REQUISITION_STATUS_LABELS, type RequisitionListItem, type RequisitionView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useCan, useList } from '../../lib/hooks';
import { openPrint, useStockRefs } from '../../lib/stock';
import { useOpenParam } from '../../lib/nav';
import { tablePagination } from '../../components/pagination';
import { ViewHeader } from '../../components/ViewHeader';
import { seqColumn } from '../../components/listColumns';
import { DocFilters } from '../../components/DocFilters';
import { ApprovalTag } from '../../components/DocTags';
import { useAction } from '../../components/DocActions';
import { RequisitionForm, type CopyTarget } from './RequisitionForm';
import { RequisitionDetail } from './RequisitionDetail';
import { SignCell } from './RequisitionLines';

/** 出库单 / 领用单 list, as the customer's own list shows it. */
export default function Requisitions() {
  const allowed = useCan();
  const refs = useStockRefs();
  const list = useList<RequisitionListItem>('/requisitions');
  const [detail, setDetail] = useOpenParam('requisitions');
  const [editing, setEditing] = useState<'new' | RequisitionView | CopyTarget | null>(null);
  const [version, setVersion] = useState(0);
  const { busy, run } = useAction();

  // 复制 opens the form filled from the requisition; nothing is created until it is saved.
  const copy = async (r: RequisitionListItem) => {
    const preview = await run(
      `copy-${r.id}`,
      () => api.get<RequisitionView>(`/requisitions/${r.id}/copy`),
      `已按 ${r.no} 填好，核对后保存`,
    );
    if (preview) setEditing({ copyOf: r.id, preview });
  };

  const columns: ColumnsType<RequisitionListItem> = [
    seqColumn(list),
    {
      title: '出库单编号',
      dataIndex: 'no',
      width: 170,
      render: (no: string, r) => (
        <Tooltip title={`${r.employeeName} · ${r.warehouseName} · ${r.lineCount} 种 ${r.totalQty} 件`}>
          <a onClick={() => setDetail(r.id)} data-testid={`requisition-open-${r.id}`}>
            {no}
          </a>
        </Tooltip>
      ),
    },
    { title: '审批状态', dataIndex: 'status', width: 100, render: (s: RequisitionListItem['status']) => <ApprovalTag status={s} /> },
    {
      title: '签收状态',
      dataIndex: 'signStatus',
      width: 100,
      render: (s: RequisitionListItem['signStatus'], r) => <SignCell status={r.status} sign={s} />,
    },
    { title: '出库方式', dataIndex: 'kind', width: 90 },
    { title: '创建人', dataIndex: 'createdByName', width: 110 },
    { title: '备注', dataIndex: 'remark', ellipsis: true, render: (v: string) => v || '' },
    { title: '经办人', dataIndex: 'handlerName', width: 110, render: (v: string | null) => v ?? '' },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_v, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(r.id)} data-testid={`requisition-view-${r.id}`}>
            查看
          </Button>
          <Button
            type="link"
            size="small"
            loading={busy === `copy-${r.id}`}
            onClick={() => copy(r)}
            data-testid={`requisition-copy-${r.id}`}
          >
            复制
          </Button>
          <Button type="link" size="small" onClick={() => openPrint('requisition', r.id)} data-testid={`requisition-print-${r.id}`}>
            打印
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="view-requisitions">
      <ViewHeader
        title="领用单"
        extra={
          <Button type="primary" onClick={() => setEditing('new')} data-testid="requisition-new">
            新建领用单
          </Button>
        }
      />
      <DocFilters
        list={list}
        refs={refs}
        statuses={REQUISITION_STATUS_LABELS}
        testId="requisition"
        extra={
          allowed('stock.approve') && (
            <Checkbox
              checked={list.query.mine === 'approve'}
              onChange={(e) => list.setQuery({ mine: e.target.checked ? 'approve' : undefined })}
              data-testid="requisition-filter-mine"
            >
              只看待我审批
            </Checkbox>
          )
        }
      />
      <Table<RequisitionListItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data.items}
        pagination={tablePagination(list)}
        columns={columns}
        locale={{ emptyText: '没有符合条件的领用单' }}
        data-testid="requisition-table"
      />
      <RequisitionDetail
        id={detail}
        version={version}
        onClose={() => setDetail(null)}
        onChanged={list.reload}
        onEdit={(d) => setEditing(d)}
        onCopy={(c) => setEditing(c)}
      />
      <RequisitionForm
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
