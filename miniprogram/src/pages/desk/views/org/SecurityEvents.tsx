import { Input, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SECURITY_EVENT_KIND_LABELS, formatDateTime, type SecurityEventKind, type SecurityEventView } from '@hongyuan/shared';
import { useList } from '../../lib/hooks';
import { ListTable } from '../../components/ListTable';
import { DateRangeFilter, ReloadButton, SearchFilter, StatusFilter } from '../../components/Filters';
import { FilterBar, ViewHeader } from '../../components/ViewHeader';

const KIND_COLORS: Record<SecurityEventKind, string> = { login_failed: 'orange', login_limited: 'red', forbidden: 'magenta' };

/** Who: the employee (with the phone he tried), or just the phone when it belongs to nobody. */
function Who({ e }: { e: SecurityEventView }) {
  if (e.employeeName) return <span>{e.phone ? `${e.employeeName}（${e.phone}）` : e.employeeName}</span>;
  return e.phone ? <span>{e.phone}</span> : <span className="desk-muted">—</span>;
}

/**
 * 安全事件 (admin): failed and limited logins and requests refused for lack of permission, newest
 * first. Repeats of one event within a minute are one row with their count.
 */
export default function SecurityEvents() {
  const list = useList<SecurityEventView>('/security-events');

  const columns: ColumnsType<SecurityEventView> = [
    {
      title: '时间',
      dataIndex: 'lastAt',
      width: 150,
      render: (_v, e) =>
        e.count > 1 ? (
          <Tooltip title={`首次 ${formatDateTime(e.firstAt)}`}>
            <span>{formatDateTime(e.lastAt)}</span>
          </Tooltip>
        ) : (
          formatDateTime(e.lastAt)
        ),
    },
    {
      title: '事件',
      dataIndex: 'kind',
      width: 130,
      render: (k: SecurityEventKind) => <Tag color={KIND_COLORS[k]}>{SECURITY_EVENT_KIND_LABELS[k] ?? k}</Tag>,
    },
    { title: '人员 / 手机号', key: 'who', width: 190, render: (_v, e) => <Who e={e} /> },
    { title: 'IP 地址', dataIndex: 'ip', width: 140 },
    {
      title: '请求',
      dataIndex: 'route',
      ellipsis: { showTitle: true },
      render: (v: string) => v || <span className="desk-muted">登录</span>,
    },
    { title: '原因', dataIndex: 'reason', width: 220, ellipsis: { showTitle: true } },
    { title: '次数', dataIndex: 'count', width: 70, align: 'right' },
  ];

  return (
    <div data-testid="view-securityEvents">
      <ViewHeader title="安全事件" />
      <FilterBar>
        <SearchFilter list={list} placeholder="姓名 / 手机号" width={200} testId="security-filter-keyword" />
        <StatusFilter
          list={list}
          field="kind"
          labels={SECURITY_EVENT_KIND_LABELS}
          placeholder="全部事件"
          width={160}
          testId="security-filter-kind"
        />
        <Input.Search
          allowClear
          placeholder="IP 地址"
          style={{ width: 170 }}
          onSearch={(ip) => list.setQuery({ ip })}
          data-testid="security-filter-ip"
        />
        <DateRangeFilter list={list} testId="security-filter-dates" />
        <ReloadButton list={list} testId="security-reload" />
        <span className="desk-hint">同一人、同一地址、同一请求在一分钟内的重复合并为一行并计数</span>
      </FilterBar>
      <ListTable<SecurityEventView>
        list={list}
        columns={columns}
        locale={{ emptyText: '没有符合条件的安全事件' }}
        data-testid="security-table"
      />
    </div>
  );
}
