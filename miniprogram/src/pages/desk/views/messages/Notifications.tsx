import { Select, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  NOTIFICATION_KIND_LABELS,
  WECHAT_DELIVERY_LABELS,
  formatDateTime,
  type EmployeeView,
  type NotificationLogItem,
} from '@hongyuan/shared';
import { useList, useOptions } from '../../lib/hooks';
import { ListTable } from '../../components/ListTable';
import { ReloadButton, StatusFilter } from '../../components/Filters';
import { FilterBar, ViewHeader } from '../../components/ViewHeader';

type Delivery = Pick<NotificationLogItem, 'id' | 'wechat' | 'wechatError' | 'attempts' | 'sentAt'>;

const DELIVERY_COLORS: Partial<Record<NotificationLogItem['wechat'], string>> = { sent: 'green', pending: 'blue', failed: 'red' };

/** A message's WeChat copy: 已发送 (green), 等待发送 (blue), 失败（why） (red), or in-app only (grey). */
export function WechatDeliveryTag({ n }: { n: Delivery }) {
  const label = WECHAT_DELIVERY_LABELS[n.wechat];
  const text = n.wechat === 'failed' && n.wechatError ? `${label}（${n.wechatError}）` : label;
  const hint =
    n.wechat === 'sent' && n.sentAt
      ? `发送于 ${formatDateTime(n.sentAt)}`
      : (n.wechat === 'pending' || n.wechat === 'failed') && n.attempts > 0
        ? `已尝试 ${n.attempts} 次`
        : undefined;
  return (
    <Tooltip title={hint}>
      <Tag color={DELIVERY_COLORS[n.wechat]} data-testid={`notification-wechat-${n.id}`} data-wechat={n.wechat}>
        {text}
      </Tag>
    </Tooltip>
  );
}

/** 待办: not a to-do (—), 待处理, or how it was closed (已由 X 处理（已批准）). */
function TodoState({ n }: { n: NotificationLogItem }) {
  if (!n.todo) return <span className="desk-muted">—</span>;
  if (!n.doneAt) return <Tag color="orange">待处理</Tag>;
  return (
    <Tooltip title={`处理于 ${formatDateTime(n.doneAt)}`}>
      <span>{n.doneNote || '已处理'}</span>
    </Tooltip>
  );
}

/**
 * 消息记录 (admin): every employee's in-app messages, newest first, with read / to-do state and
 * what happened to the WeChat copy; filtered by employee, kind and WeChat delivery.
 */
export default function Notifications() {
  const list = useList<NotificationLogItem>('/notifications/log');
  const employees = useOptions<EmployeeView>('/employees');
  const q = list.query;

  const columns: ColumnsType<NotificationLogItem> = [
    { title: '时间', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    { title: '接收人', dataIndex: 'employeeName', width: 100 },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 110,
      render: (k: NotificationLogItem['kind']) => NOTIFICATION_KIND_LABELS[k] ?? k,
    },
    { title: '标题', dataIndex: 'title', width: 200, ellipsis: { showTitle: true } },
    { title: '内容', dataIndex: 'body', ellipsis: { showTitle: true } },
    {
      title: '已读',
      dataIndex: 'readAt',
      width: 70,
      render: (v: string | null) =>
        v ? (
          <Tooltip title={`阅读于 ${formatDateTime(v)}`}>
            <span className="desk-muted">已读</span>
          </Tooltip>
        ) : (
          <Tag color="gold">未读</Tag>
        ),
    },
    { title: '待办', key: 'todo', width: 200, ellipsis: true, render: (_v, n) => <TodoState n={n} /> },
    { title: '微信消息', dataIndex: 'wechat', width: 210, render: (_v, n) => <WechatDeliveryTag n={n} /> },
  ];

  return (
    <div data-testid="view-notifications">
      <ViewHeader title="消息记录" />
      <FilterBar>
        <Select
          allowClear
          showSearch
          placeholder="全部员工"
          style={{ width: 170 }}
          optionFilterProp="label"
          loading={employees.loading}
          options={employees.items.map((e) => ({ value: e.id, label: e.enabled ? e.name : `${e.name}（停用）` }))}
          value={(q.employeeId as number | undefined) ?? undefined}
          onChange={(employeeId) => list.setQuery({ employeeId })}
          data-testid="notification-filter-employee"
        />
        <StatusFilter
          list={list}
          field="kind"
          labels={NOTIFICATION_KIND_LABELS}
          placeholder="全部类型"
          width={140}
          testId="notification-filter-kind"
        />
        <StatusFilter
          list={list}
          field="wechat"
          labels={WECHAT_DELIVERY_LABELS}
          placeholder="全部微信状态"
          width={190}
          testId="notification-filter-wechat"
        />
        <ReloadButton list={list} testId="notification-reload" />
        <span className="desk-hint">每条消息都在接收人的“消息”里；有订阅额度且已绑定微信时另发一条微信服务通知</span>
      </FilterBar>
      <ListTable<NotificationLogItem>
        list={list}
        columns={columns}
        locale={{ emptyText: '没有符合条件的消息' }}
        data-testid="notification-table"
      />
    </div>
  );
}
