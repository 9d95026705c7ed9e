import { useEffect, useState } from 'react';
import { Alert, Button, Empty, Select, Spin } from 'antd';
import { RightOutlined, WechatFilled } from '@ant-design/icons';
import { formatDateTime, type EmployeeView, type StandinInboxItem } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { errorText } from '../../lib/form';
import { useOptions } from '../../lib/hooks';
import { FilterBar, ViewHeader } from '../../components/ViewHeader';

/** One delivered message as WeChat's 服务通知 shows it on the phone. */
function ServiceCard({ item }: { item: StandinInboxItem }) {
  return (
    <div className="desk-wx-card" data-testid="wechat-inbox-card" data-employee={item.employeeId ?? ''}>
      <div className="desk-wx-card-app">
        <WechatFilled className="desk-wx-card-logo" />
        <span>宏沅售后</span>
        <span className="desk-wx-card-time" data-testid="wechat-inbox-card-time">
          {formatDateTime(item.at)}
        </span>
      </div>
      <div className="desk-wx-card-title" data-testid="wechat-inbox-card-title">
        {item.title}
      </div>
      <dl className="desk-wx-card-fields">
        {item.fields.map((f) => (
          <div key={f.key} className="desk-wx-card-field" data-testid={`wechat-inbox-field-${f.key}`}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      <div className="desk-wx-card-link" title={item.page ? `/${item.page}` : undefined}>
        <span>进入小程序查看</span>
        {item.page && <span className="desk-wx-card-page">{item.page}</span>}
        <RightOutlined />
      </div>
    </div>
  );
}

/** One phone: the employee's name and what WeChat delivered to him, newest first. */
function Phone({ name, items }: { name: string; items: StandinInboxItem[] }) {
  return (
    <div className="desk-wx-phone" data-testid="wechat-inbox-phone">
      <div className="desk-wx-phone-head">
        <span data-testid="wechat-inbox-phone-name">{name}</span>
        <span className="desk-muted">服务通知 · {items.length} 条</span>
      </div>
      <div className="desk-wx-phone-body">
        {items.map((item, i) => (
          <ServiceCard key={`${item.at}:${i}`} item={item} />
        ))}
      </div>
    </div>
  );
}

/** The messages grouped by employee (the order of the newest message each). */
function byEmployee(items: StandinInboxItem[]): { key: string; name: string; items: StandinInboxItem[] }[] {
  const groups = new Map<string, { key: string; name: string; items: StandinInboxItem[] }>();
  for (const item of items) {
    const key = item.employeeId === null ? 'none' : String(item.employeeId);
    const group = groups.get(key) ?? { key, name: item.employeeName || '未绑定的微信用户', items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * What the stand-in delivered (to one employee, or to everyone). A failure (the stand-in is not
 * running) stays on the page with its reason, instead of a passing toast.
 */
function useInbox(employeeId: number | undefined, version: number) {
  const [items, setItems] = useState<StandinInboxItem[] | null>(null);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(true);
  useEffect(() => setItems(null), [employeeId]);
  useEffect(() => {
    let alive = true;
    setLoading(true);
    api
      .get<{ items: StandinInboxItem[] }>('/wechat/standin-inbox', { employeeId })
      .then((d) => {
        if (!alive) return;
        setItems(d.items);
        setError('');
      })
      .catch((e) => alive && setError(errorText(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [employeeId, version]);
  return { items, error, loading };
}

/**
 * 微信收件箱（演示）: in demo mode no message leaves for WeChat; the WeChat stand-in keeps what it
 * would have delivered. Each employee's "phone" shows those service notifications as WeChat
 * draws them: template title, keyword label and value, 进入小程序查看 with the page it opens.
 */
export default function WechatInbox() {
  const employees = useOptions<EmployeeView>('/employees');
  const [employeeId, setEmployeeId] = useState<number | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const { items, error, loading } = useInbox(employeeId, version);
  const groups = byEmployee(items ?? []);

  return (
    <div data-testid="view-wechatInbox">
      <ViewHeader
        title="微信收件箱（演示）"
        extra={
          <Button onClick={() => setVersion((v) => v + 1)} loading={loading} data-testid="wechat-inbox-reload">
            刷新
          </Button>
        }
      />
      <FilterBar>
        <Select
          allowClear
          showSearch
          placeholder="全部员工"
          style={{ width: 200 }}
          optionFilterProp="label"
          loading={employees.loading}
          options={employees.items.map((e) => ({ value: e.id, label: e.name }))}
          value={employeeId}
          onChange={(id) => setEmployeeId(id ?? undefined)}
          data-testid="wechat-inbox-employee"
        />
        <span className="desk-hint">演示模式：微信替身收到的订阅消息，即员工手机“服务通知”里会看到的内容</span>
      </FilterBar>
      {error && <Alert type="warning" showIcon message={error} style={{ marginBottom: 12 }} data-testid="wechat-inbox-error" />}
      <Spin spinning={loading && !items}>
        {!items ? (
          <div className="desk-center" />
        ) : groups.length ? (
          <div className="desk-wx-phones">
            {groups.map((g) => (
              <Phone key={g.key} name={g.name} items={g.items} />
            ))}
          </div>
        ) : (
          <div data-testid="wechat-inbox-empty">
            <Empty description="还没有收到微信消息" style={{ marginTop: 48 }} />
          </div>
        )}
      </Spin>
    </div>
  );
}
