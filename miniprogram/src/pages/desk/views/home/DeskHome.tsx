import { useEffect, useState } from 'react';
import { App, Card, Statistic, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatDateTime, type Page, type RequisitionListItem, type ReturnListItem } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { errorText } from '../../lib/form';
import { useCan, useMe } from '../../lib/hooks';
import { useDeskNav } from '../../lib/nav';
import { ViewHeader } from '../../components/ViewHeader';

/** GET /api/desk/summary: each figure only for those whose permission covers it. */
interface DeskSummary {
  pendingDispatch?: number;
  pendingSettle?: number;
  pendingFollowup?: number;
  pendingApproval?: number;
  lowStock?: number;
  overdueHoldings?: number;
}

/** The figures in the order a day's work takes them, each with the list it opens. */
const FIGURES: { key: keyof DeskSummary; label: string; view: string; hint: string }[] = [
  { key: 'pendingDispatch', label: '待派工', view: 'pendingDispatch', hint: '新建的工单等您派给技师' },
  { key: 'pendingSettle', label: '待结算', view: 'pendingSettle', hint: '技师已完工，等待核对结算' },
  { key: 'pendingFollowup', label: '待回访', view: 'pendingFollowup', hint: '已结算，等待电话回访' },
  { key: 'pendingApproval', label: '待我审批', view: 'requisitions', hint: '领用单和调回单，见下方列表' },
  { key: 'lowStock', label: '低于最低库存', view: 'alerts', hint: '需要补货的配件' },
  { key: 'overdueHoldings', label: '持有超期', view: 'alerts', hint: '员工手中放得过久的配件' },
];

interface Waiting {
  key: string;
  view: 'requisitions' | 'returns';
  kind: string;
  id: number;
  no: string;
  employeeName: string;
  warehouseName: string;
  createdAt: string;
}

/** Requisitions and returns that list me as 审批人 and wait for a decision (the keeper's 审批). */
function useWaiting(enabled: boolean) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<Waiting[] | null>(enabled ? null : []);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    Promise.all([
      api.get<Page<RequisitionListItem>>('/requisitions', { mine: 'approve' }),
      api.get<Page<ReturnListItem>>('/returns', { mine: 'approve' }),
    ])
      .then(([reqs, rets]) => {
        if (!alive) return;
        const list: Waiting[] = [
          ...reqs.items.map((r) => ({ key: `r${r.id}`, view: 'requisitions' as const, kind: '领用单', ...pick(r) })),
          ...rets.items.map((r) => ({ key: `t${r.id}`, view: 'returns' as const, kind: '调回单', ...pick(r) })),
        ];
        setRows(list.sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
      })
      .catch((e) => {
        if (!alive) return;
        setRows([]);
        message.error(errorText(e));
      });
    return () => {
      alive = false;
    };
  }, [enabled, message]);
  return rows;
}

function pick(r: { id: number; no: string; employeeName: string; warehouseName: string; createdAt: string }) {
  return { id: r.id, no: r.no, employeeName: r.employeeName, warehouseName: r.warehouseName, createdAt: r.createdAt };
}

/** 工作台: today's figures of the person's job, each opening its list; a keeper's documents to decide. */
export default function DeskHome() {
  const me = useMe();
  const allowed = useCan();
  const navigate = useDeskNav();
  const { message } = App.useApp();
  const [summary, setSummary] = useState<DeskSummary | null>(null);
  const waiting = useWaiting(allowed('stock.approve'));

  useEffect(() => {
    let alive = true;
    api
      .get<DeskSummary>('/desk/summary')
      .then((s) => alive && setSummary(s))
      .catch((e) => {
        if (!alive) return;
        setSummary({});
        message.error(errorText(e));
      });
    return () => {
      alive = false;
    };
  }, [message]);

  const figures = FIGURES.filter((f) => summary?.[f.key] !== undefined);
  const columns: ColumnsType<Waiting> = [
    { title: '单据', dataIndex: 'kind', width: 80 },
    {
      title: '单号',
      dataIndex: 'no',
      width: 170,
      render: (no: string, r) => (
        <a onClick={() => navigate(r.view, { open: r.id })} data-testid={`desk-home-open-${r.view}-${r.id}`}>
          {no}
        </a>
      ),
    },
    { title: '员工', dataIndex: 'employeeName', width: 110 },
    { title: '仓库', dataIndex: 'warehouseName', ellipsis: true },
    { title: '提交时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_v, r) => <a onClick={() => navigate(r.view, { open: r.id })}>去审批</a>,
    },
  ];

  return (
    <div data-testid="view-home">
      <ViewHeader title={`工作台 · ${me.name}`} />
      <div className="desk-home-figures" data-testid="desk-home-figures">
        {summary === null ? (
          <Card loading className="desk-home-figure" />
        ) : figures.length === 0 ? (
          <span className="desk-hint">今天没有需要您处理的事项，可从左侧菜单打开各项功能。</span>
        ) : (
          figures.map((f) => (
            <Card
              key={f.key}
              hoverable
              className="desk-home-figure"
              onClick={() => navigate(f.view)}
              data-testid={`desk-home-figure-${f.key}`}
            >
              <Statistic title={f.label} value={summary[f.key]} valueStyle={{ color: (summary[f.key] ?? 0) > 0 ? '#1f6fd1' : undefined }} />
              <div className="desk-hint">{f.hint}</div>
            </Card>
          ))
        )}
      </div>
      {allowed('stock.approve') && (
        <>
          <div className="desk-section-title">
            <span>待我审批</span>
          </div>
          <Table<Waiting>
            rowKey="key"
            size="small"
            loading={waiting === null}
            dataSource={waiting ?? []}
            columns={columns}
            pagination={false}
            locale={{ emptyText: '没有等您审批的领用单或调回单' }}
            data-testid="desk-home-approvals"
          />
        </>
      )}
    </div>
  );
}
