import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Order } from '@nutui/icons-react-taro';
import type { WorkOrderState } from '@hongyuan/shared';
import type { Query } from '../../api/request';
import { usePagedList, useTabList } from '../../api/usePagedList';
import { useResource } from '../../api/useResource';
import { workApi } from '../../api/work';
import type { WorkOrderListItem } from '@hongyuan/shared';
import EmptyState from '../../components/EmptyState';
import { ListStatus, LoadMore } from '../../components/ListStatus';
import OrderCard from '../../work/OrderCard';
import { WORK_PAGES } from '../../work/routes';
import type { Notices } from './useNotices';
import '../../stock/stock.scss';
import '../../work/work.scss';

export type OrderFilter = 'dispatched' | 'in_progress' | 'finished' | 'all';

const FILTERS: { key: OrderFilter; label: string; state?: WorkOrderState; empty: [string, string] }[] = [
  { key: 'dispatched', label: '待处理', state: 'dispatched', empty: ['暂无待办工单', '主管派给你的工单会显示在这里'] },
  { key: 'in_progress', label: '处理中', state: 'in_progress', empty: ['没有处理中的工单', '到客户处点“开始处理”后，工单会在这里'] },
  { key: 'finished', label: '已完工', state: 'finished', empty: ['没有待结算的完工工单', '结束处理后、主管结算前的工单在这里'] },
  { key: 'all', label: '全部', empty: ['还没有派给你的工单', '主管派工后会通知你'] },
];

/** 加急 first, then the earliest appointment; otherwise the server's order (newest first). */
function urgentFirst(items: WorkOrderListItem[]): WorkOrderListItem[] {
  const rank = (o: WorkOrderListItem) => (o.priority === 'urgent' ? 0 : 1);
  const at = (o: WorkOrderListItem) => (o.appointmentAt ? new Date(o.appointmentAt).getTime() : Number.MAX_SAFE_INTEGER);
  return items
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || at(a.o) - at(b.o) || a.i - b.i)
    .map((x) => x.o);
}

export interface OrdersTabProps {
  refreshKey: number;
  notices: Notices;
  /**
   * Called first in each tap on the list (a filter, an order): asks for WeChat reminders when
   * the list opened by itself and nothing asked yet; resolves once WeChat answered.
   */
  onTap?: () => Promise<void>;
}

/**
 * 工单 (technician): his orders by state, 待处理 first (加急 on top), with what is new since he
 * last looked; tap one to work on it.
 */
export default function OrdersTab({ refreshKey, notices, onTap = () => Promise.resolve() }: OrdersTabProps) {
  const [chosen, setChosen] = useState<OrderFilter | null>(null);
  const counts = useResource(refreshKey, async () => {
    const [dispatched, inProgress] = await Promise.all([
      workApi.list({ state: 'dispatched', mine: 1, pageSize: 1 }),
      workApi.list({ state: 'in_progress', mine: 1, pageSize: 1 }),
    ]);
    return { dispatched: dispatched.total, in_progress: inProgress.total } as Partial<Record<OrderFilter, number>>;
  });
  // Nothing waiting but something under way: open on 处理中 until he picks a filter himself.
  const auto: OrderFilter = counts.data && !counts.data.dispatched && counts.data.in_progress ? 'in_progress' : 'dispatched';
  const current = FILTERS.find((f) => f.key === (chosen ?? auto)) ?? FILTERS[0];

  const query: Query = { mine: 1, ...(current.state ? { state: current.state } : {}) };
  const list = usePagedList<WorkOrderListItem>('/work-orders', query, { pageSize: 20 });
  useTabList(list, refreshKey);

  const reassigned = notices.work.filter((n) => n.kind === 'reassign');
  const items = current.key === 'dispatched' || current.key === 'in_progress' ? urgentFirst(list.items) : list.items;

  return (
    <View className="hy-orders">
      {reassigned.map((n) => (
        <View key={n.id} className="hy-notice hy-orders__reassigned">
          <Text>
            {n.title}：{n.body}
          </Text>
          <Text className="hy-orders__ack" onClick={() => void notices.markRead([n.id])}>
            知道了
          </Text>
        </View>
      ))}

      <View className="hy-chips hy-orders__filters">
        {FILTERS.map((f) => {
          const n = counts.data?.[f.key];
          return (
            <Text
              key={f.key}
              className={`hy-chip hy-order-filter--${f.key}${f.key === current.key ? ' hy-chip--on' : ''}`}
              onClick={() => {
                void onTap();
                setChosen(f.key);
              }}
            >
              {f.label}
              {n ? ` ${n}` : ''}
            </Text>
          );
        })}
      </View>

      <ListStatus
        list={list}
        loadingText="正在加载工单…"
        empty={<EmptyState icon={<Order size={36} color="#a9b4c6" />} title={current.empty[0]} description={current.empty[1]} />}
      />

      <View className="hy-list">
        {items.map((o) => (
          <OrderCard
            key={o.id}
            order={o}
            isNew={notices.newOrderIds.has(o.id)}
            onClick={() => void onTap().then(() => Taro.navigateTo({ url: WORK_PAGES.order(o.id) }))}
          />
        ))}
      </View>
      <LoadMore list={list} />
    </View>
  );
}
