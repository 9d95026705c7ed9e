import { useState } from 'react';
import { Drawer, Table, Tag } from 'antd';
import { DOC_TYPE_LABELS, formatDateTime, type HoldingView, type MoveView } from '@hongyuan/shared';
import { useList } from '../lib/hooks';
import { rowNumber, useDoc } from '../lib/stock';
import { tablePagination } from './pagination';

const DAY = 86_400_000;

/** Whole days since `iso` (0 today). */
export function daysSince(iso: string | null): number | null {
  return iso ? Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / DAY)) : null;
}

interface Props {
  employeeId: number;
  employeeName?: string;
  keyword?: string;
  testId?: string;
  /** bump to reload (after a return was approved) */
  version?: number;
}

/**
 * 员工持有记录: what an employee holds, 30 a page with 共 N 条 and 前往; a row opens the part's
 * history in his hands (领用, 签收, 退还, 报损, 工单用料).
 */
export function HoldingsTable(props: Props) {
  // A new employee or search starts a fresh list at page 1.
  return <HoldingsTableBody key={`${props.employeeId}:${props.keyword ?? ''}:${props.version ?? 0}`} {...props} />;
}

function HoldingsTableBody({ employeeId, employeeName, keyword = '', testId = 'holdings' }: Props) {
  const list = useList<HoldingView>('/holdings', { employeeId, keyword });
  const [part, setPart] = useState<HoldingView | null>(null);
  return (
    <div data-testid={testId}>
      <Table<HoldingView>
        rowKey="partId"
        size="small"
        loading={list.loading}
        dataSource={list.data.items}
        pagination={tablePagination(list)}
        locale={{ emptyText: keyword ? `没有与“${keyword}”匹配的持有配件` : '该员工手上没有配件' }}
        onRow={(h) => ({ onClick: () => setPart(h), className: 'desk-clickable' })}
        data-testid={`${testId}-table`}
        columns={[
          { title: '序号', key: 'n', width: 64, render: (_v, _h, i) => rowNumber(list.query.page, list.query.pageSize, i) },
          { title: '配件编号', dataIndex: 'partCode', width: 150 },
          { title: '配件名称', dataIndex: 'partName', ellipsis: true },
          { title: '配件型号', dataIndex: 'partModel', width: 140, ellipsis: true, render: (v: string) => v || '' },
          { title: '配件规格', dataIndex: 'partSpec', width: 140, ellipsis: true, render: (v: string) => v || '' },
          { title: '单位', dataIndex: 'unit', width: 60 },
          {
            title: '持有数量',
            dataIndex: 'qty',
            width: 90,
            align: 'right',
            render: (v: number) => <span data-testid="holding-qty">{v}</span>,
          },
          {
            title: '持有起始',
            dataIndex: 'heldSince',
            width: 190,
            render: (v: string | null) => {
              const d = daysSince(v);
              return v ? (
                <span>
                  {formatDateTime(v)} {d !== null && d >= 1 && <Tag color={d >= 7 ? 'warning' : 'default'}>{d} 天</Tag>}
                </span>
              ) : (
                '—'
              );
            },
          },
        ]}
      />
      <HoldingHistory employeeId={employeeId} employeeName={employeeName} part={part} onClose={() => setPart(null)} />
    </div>
  );
}

/** The moves of one part into and out of an employee's hands, newest first. */
export function HoldingHistory({
  employeeId,
  employeeName,
  part,
  onClose,
}: {
  employeeId: number;
  employeeName?: string;
  part: Pick<HoldingView, 'partId' | 'partName' | 'partCode'> | null;
  onClose: () => void;
}) {
  const { doc: moves, loading } = useDoc<MoveView[]>(part ? `/holdings/${part.partId}/history?employeeId=${employeeId}` : null);
  return (
    <Drawer
      open={!!part}
      width={960}
      onClose={onClose}
      title={part ? `${employeeName ?? ''} 持有的「${part.partName}」（${part.partCode}）来去记录` : ''}
      destroyOnHidden
      data-testid="holding-history"
    >
      <Table<MoveView>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={moves ?? []}
        pagination={false}
        locale={{ emptyText: '没有记录' }}
        data-testid="holding-history-table"
        columns={[
          { title: '时间', dataIndex: 'at', width: 140, render: (v: string) => formatDateTime(v) },
          { title: '类型', key: 'type', width: 130, render: (_v, m) => moveLabel(m) },
          { title: '单号', dataIndex: 'docNo', width: 170 },
          {
            title: '数量',
            dataIndex: 'qty',
            width: 70,
            align: 'right',
            render: (q: number) => <span className={q > 0 ? 'desk-gain' : 'desk-danger'}>{q > 0 ? `+${q}` : q}</span>,
          },
          { title: '从', dataIndex: 'from', width: 120 },
          { title: '到', dataIndex: 'to', width: 120 },
          { title: '说明', dataIndex: 'reason', ellipsis: true, render: (v: string) => v || '' },
          { title: '操作人', dataIndex: 'operatorName', width: 90, render: (v: string | null) => v ?? '' },
        ]}
      />
    </Drawer>
  );
}

/** 领用 / 签收 / 退还 / 报损 / 工单用料 in the words of the history. */
function moveLabel(m: MoveView): string {
  if (m.docType === 'return' && m.qty < 0 && m.reason) return `调回报损`;
  if (m.docType === 'requisition' && m.qty > 0) return '领用签收';
  if (m.docType === 'workorder') return '工单用料';
  return DOC_TYPE_LABELS[m.docType] ?? m.docType;
}
