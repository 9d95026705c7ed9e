import { useState } from 'react';
import { App, Button, Grid, Input, Select, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  PRIORITY_LABELS,
  WORK_ORDER_STATE_LABELS,
  formatDateTime,
  formatFen,
  formatYuan,
  parseYuan,
  type EmployeeView,
  type WorkOrderSettings,
  type WorkOrderState,
} from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { errorText } from '../../lib/form';
import { useCan, useList, useOptions } from '../../lib/hooks';
import { useDoc } from '../../lib/stock';
import { useOpenParam } from '../../lib/nav';
import type { WorkOrderListItem } from '@hongyuan/shared';
import { ListTable } from '../../components/ListTable';
import { DateRangeFilter, ReloadButton, SearchFilter, StatusFilter } from '../../components/Filters';
import { FilterBar, ViewHeader } from '../../components/ViewHeader';
import { ellipsisText, seqColumn } from '../../components/listColumns';
import { WorkOrderDetail, WorkOrderStateTag } from './WorkOrderDetail';
import { WorkloadPanel, useWorkload } from './WorkOrderActions';
import { WorkOrderForm } from './WorkOrderForm';

interface Props {
  /** the menu entry: its key, title and the state it lists (none: every order) */
  viewKey: string;
  title: string;
  state?: WorkOrderState;
  /** 待派工 shows every technician's load above the list */
  showWorkload?: boolean;
  /** 工单结算 shows the labour price maximum (工单设置) */
  showSettings?: boolean;
}

/** 工时单价上限 (GET/PUT /work-order-settings): what a labour line may cost per unit; only an admin changes it. */
function LabourMaxSetting({ editable }: { editable: boolean }) {
  const { message } = App.useApp();
  const { doc, setDoc } = useDoc<WorkOrderSettings>('/work-order-settings');
  const [text, setText] = useState<string | null>(null);
  const save = async () => {
    const fen = parseYuan(text ?? '');
    if (fen === null || fen <= 0) {
      message.error('请填写金额，最多两位小数');
      return;
    }
    try {
      setDoc(await api.put<WorkOrderSettings>('/work-order-settings', { labourMaxUnitPrice: fen }));
      setText(null);
      message.success('已修改工时单价上限');
    } catch (e) {
      message.error(errorText(e));
    }
  };
  if (!doc) return null;
  return (
    <div style={{ marginBottom: 12, display: 'flex', gap: 8, alignItems: 'center' }} data-testid="labour-max-setting">
      <span className="desk-muted">工时单价上限（技师和主管都不能超过）：</span>
      {text === null ? (
        <>
          <b data-testid="labour-max-value">{formatYuan(doc.labourMaxUnitPrice)}</b>
          {editable && (
            <a onClick={() => setText(formatFen(doc.labourMaxUnitPrice, { grouping: false }))} data-testid="labour-max-edit">
              修改
            </a>
          )}
        </>
      ) : (
        <>
          <Input
            size="small"
            style={{ width: 120 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
            suffix="元"
            data-testid="labour-max-input"
          />
          <a onClick={save} data-testid="labour-max-save">
            保存
          </a>
          <a onClick={() => setText(null)}>取消</a>
        </>
      )}
    </div>
  );
}

/** What an empty list of orders says: why it is empty and what to do next. */
function emptyHint(q: Record<string, unknown>, state: WorkOrderState | undefined, canCreate: boolean): string {
  const filtered = Object.entries(q).some(
    ([k, v]) => !['page', 'pageSize', 'state'].includes(k) && v !== undefined && v !== '' && v !== null,
  );
  if (filtered) return '没有符合条件的工单，请换个关键字或清除筛选条件';
  if (state === 'pending_dispatch') return '暂无待派工的工单，客服建单后会出现在这里';
  if (state === 'finished') return '暂无待结算的工单，技师结束处理后会出现在这里';
  if (state === 'pending_followup') return '暂无待回访的工单，结算后的工单会出现在这里';
  return canCreate ? '暂无工单，点击右上角「新建工单」创建' : '暂无工单';
}

/** A list of work orders with the filters of 工单列表; the detail opens in a drawer. */
function WorkOrderList({ viewKey, title, state, showWorkload, showSettings }: Props) {
  const allowed = useCan();
  const list = useList<WorkOrderListItem>('/work-orders', { state });
  const [detail, setDetail] = useOpenParam(viewKey);
  const [creating, setCreating] = useState(false);
  const employees = useOptions<EmployeeView>(allowed('employee.read') ? '/employees' : null, { enabled: true });
  const technicians = employees.items.filter((e) => e.roles.includes('technician'));
  const workload = useWorkload(!!showWorkload && allowed('workorder.dispatch'));
  const q = list.query;

  // At 1366×768 the table has about 1,080 px: the columns every order needs, 问题描述 taking the
  // rest; 联系人, 优先级 and 预约时间 join from 1600 px on (an urgent order is tagged 急 under 状态 below that).
  const wide = !!Grid.useBreakpoint().xxl;
  const columns: ColumnsType<WorkOrderListItem> = [
    seqColumn(list, 52),
    {
      title: '工单编号',
      dataIndex: 'no',
      width: 150,
      render: (no: string, r) => (
        <a onClick={() => setDetail(r.id)} data-testid={`wo-open-${r.no}`}>
          {no}
        </a>
      ),
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 104,
      render: (s: WorkOrderState, r) => (
        <>
          <WorkOrderStateTag state={s} />
          {r.reworkCount > 0 && <Tag color="red">返{r.reworkCount}</Tag>}
          {!wide && r.priority === 'urgent' && <Tag color="red">{PRIORITY_LABELS[r.priority]}</Tag>}
        </>
      ),
    },
    { title: '客户', dataIndex: 'customerName', width: 120, ellipsis: true },
    {
      title: '联系人',
      key: 'contact',
      width: 150,
      responsive: ['xxl'],
      render: (_v, r) => `${r.contactName} ${r.contactPhone}`,
    },
    {
      title: '车辆',
      key: 'vehicle',
      width: 120,
      ellipsis: { showTitle: false },
      render: (_v, r) => ellipsisText(r.plate ? `${r.plate} ${r.vehicleName ?? ''}` : ''),
    },
    { title: '问题描述', dataIndex: 'problem', ellipsis: true, minWidth: 200 },
    {
      title: '优先级',
      dataIndex: 'priority',
      width: 70,
      responsive: ['xxl'],
      render: (p: WorkOrderListItem['priority']) => (p === 'urgent' ? <Tag color="red">{PRIORITY_LABELS[p]}</Tag> : PRIORITY_LABELS[p]),
    },
    { title: '技师', dataIndex: 'technicianName', width: 76, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '预约时间',
      dataIndex: 'appointmentAt',
      width: 130,
      responsive: ['xxl'],
      render: (v: string | null) => (formatDateTime(v) || '—').slice(0, 16),
    },
    {
      title: '建单',
      key: 'created',
      width: 152,
      ellipsis: { showTitle: false },
      render: (_v, r) => ellipsisText(`${r.createdByName} ${formatDateTime(r.createdAt).slice(5, 16)}`),
    },
    {
      title: '操作',
      key: 'actions',
      width: 64,
      render: (_v, r) => (
        <a onClick={() => setDetail(r.id)} data-testid={`wo-view-${r.no}`}>
          查看
        </a>
      ),
    },
  ];

  return (
    <div data-testid={`view-${viewKey}`}>
      <ViewHeader
        title={title}
        extra={
          !state &&
          allowed('workorder.create') && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="wo-new">
              新建工单
            </Button>
          )
        }
      />
      {showWorkload && workload.items.length > 0 && (
        <div style={{ marginBottom: 12, maxWidth: 640 }}>
          <div className="desk-section-title">
            <span>技师工作量</span>
          </div>
          <WorkloadPanel items={workload.items} />
        </div>
      )}
      {showSettings && <LabourMaxSetting editable={allowed('workorder.configure')} />}
      <FilterBar>
        <SearchFilter list={list} placeholder="工单号 / 联系人 / 电话 / 问题" width={240} testId={`${viewKey}-search`} />
        <SearchFilter list={list} field="plate" placeholder="车牌" width={140} testId={`${viewKey}-plate`} />
        {!state && <StatusFilter list={list} field="state" labels={WORK_ORDER_STATE_LABELS} testId={`${viewKey}-filter-state`} />}
        {technicians.length > 0 && (
          <Select
            allowClear
            showSearch
            placeholder="全部技师"
            style={{ width: 140 }}
            optionFilterProp="label"
            options={technicians.map((t) => ({ value: t.id, label: t.name }))}
            value={(q.technicianId as number | undefined) ?? undefined}
            onChange={(technicianId) => list.setQuery({ technicianId })}
            data-testid={`${viewKey}-filter-tech`}
          />
        )}
        <DateRangeFilter list={list} testId={`${viewKey}-filter-dates`} />
        <ReloadButton list={list} testId={`${viewKey}-reload`} />
      </FilterBar>
      <ListTable<WorkOrderListItem>
        list={list}
        columns={columns}
        empty={emptyHint(list.query, state, allowed('workorder.create'))}
        data-testid={`${viewKey}-table`}
      />
      {!state && (
        <WorkOrderForm
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={(d) => {
            setCreating(false);
            list.reload();
            setDetail(d.id);
          }}
        />
      )}
      <WorkOrderDetail
        id={detail}
        onClose={() => setDetail(null)}
        onChanged={() => {
          list.reload();
          workload.reload();
        }}
      />
    </div>
  );
}

export default function WorkOrders() {
  return <WorkOrderList viewKey="workOrders" title="工单列表" />;
}
export function PendingDispatch() {
  return <WorkOrderList viewKey="pendingDispatch" title="待派工" state="pending_dispatch" showWorkload />;
}
export function PendingSettle() {
  return <WorkOrderList viewKey="pendingSettle" title="工单结算" state="finished" showSettings />;
}
export function PendingFollowup() {
  return <WorkOrderList viewKey="pendingFollowup" title="待回访" state="pending_followup" />;
}
