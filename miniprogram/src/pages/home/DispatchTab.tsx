import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Repairman } from '@nutui/icons-react-taro';
import { usePagedList, useTabList } from '../../api/usePagedList';
import { useResource } from '../../api/useResource';
import { workApi } from '../../api/work';
import type { WorkOrderListItem } from '@hongyuan/shared';
import EmptyState from '../../components/EmptyState';
import { ListStatus, LoadMore } from '../../components/ListStatus';
import { elapsed, waitingText } from '../../stock/format';
import DispatchSheet from '../../work/DispatchSheet';
import OrderCard from '../../work/OrderCard';
import { WORK_PAGES } from '../../work/routes';
import '../../stock/stock.scss';
import '../../work/work.scss';

type Segment = 'pending' | 'dispatched';

/** The pending list is read whole (it is short by nature), so 加急 can go first across all of it. */
export const PENDING_LIMIT = 100;

/** 加急 first, then the one waiting longest. */
function dispatchOrder(items: WorkOrderListItem[]): WorkOrderListItem[] {
  return [...items].sort(
    (a, b) =>
      (a.priority === 'urgent' ? 0 : 1) - (b.priority === 'urgent' ? 0 : 1) || a.createdAt.localeCompare(b.createdAt) || a.id - b.id,
  );
}

/**
 * 派工 (supervisor): orders waiting for a technician (加急 first, longest waiting next) with a
 * sheet showing everyone's load to pick from; and dispatched, not yet started orders to 改派.
 */
export default function DispatchTab({ refreshKey }: { refreshKey: number }) {
  const [segment, setSegment] = useState<Segment>('pending');
  const [sheet, setSheet] = useState<{ order: WorkOrderListItem; mode: 'dispatch' | 'reassign' } | null>(null);
  const [bump, setBump] = useState(0);
  const counts = useResource(`${refreshKey}-${bump}`, async () => {
    const [pending, dispatched] = await Promise.all([
      workApi.list({ state: 'pending_dispatch', pageSize: 1 }),
      workApi.list({ state: 'dispatched', pageSize: 1 }),
    ]);
    return { pending: pending.total, dispatched: dispatched.total } as Record<Segment, number>;
  });

  const pending = segment === 'pending';
  const list = usePagedList<WorkOrderListItem>(
    '/work-orders',
    { state: pending ? 'pending_dispatch' : 'dispatched' },
    { pageSize: pending ? PENDING_LIMIT : 20 },
  );
  useTabList(list, refreshKey);

  const items = pending ? dispatchOrder(list.items) : list.items;
  const now = Date.now();
  const open = (o: WorkOrderListItem) => Taro.navigateTo({ url: WORK_PAGES.order(o.id) });

  const done = () => {
    setSheet(null);
    setBump((b) => b + 1);
    list.reload();
  };

  return (
    <View className="hy-dispatch-tab">
      <View className="hy-segments">
        {(['pending', 'dispatched'] as Segment[]).map((s) => {
          const n = counts.data?.[s];
          return (
            <Text key={s} className={`hy-segment hy-segment--${s}${s === segment ? ' hy-segment--on' : ''}`} onClick={() => setSegment(s)}>
              {s === 'pending' ? '待派工' : '已派工未开始'}
              {n ? ` ${n}` : ''}
            </Text>
          );
        })}
      </View>

      <ListStatus
        list={list}
        loadingText="正在加载工单…"
        count={items.length}
        empty={
          pending ? (
            <EmptyState
              icon={<Repairman size={36} color="#a9b4c6" />}
              title="暂无待派工的工单"
              description="客服登记的新工单会显示在这里"
            />
          ) : (
            <EmptyState
              icon={<Repairman size={36} color="#a9b4c6" />}
              title="没有待开始的工单"
              description="已派工、技师还没开始处理的工单会显示在这里，可改派"
            />
          )
        }
      />
      {list.loaded && items.length > 0 ? (
        <View className="hy-section-title">{pending ? '加急在前，其余按等待时间排列' : '技师开始处理前都可以改派'}</View>
      ) : null}

      <View className="hy-list">
        {items.map((o) => (
          <OrderCard
            key={o.id}
            order={o}
            showTechnician={!pending}
            onClick={() => open(o)}
            note={
              pending ? (
                <Text className="hy-card__warn">{waitingText(o.createdAt, now)}</Text>
              ) : (
                <Text>
                  {o.dispatchedAt
                    ? `派工 ${elapsed(o.dispatchedAt, now) === '刚刚' ? '刚刚' : `${elapsed(o.dispatchedAt, now)}前`}，尚未开始`
                    : '尚未开始'}
                </Text>
              )
            }
            footer={
              pending ? (
                <Button className="hy-order__dispatch" size="small" type="primary" onClick={() => setSheet({ order: o, mode: 'dispatch' })}>
                  派工
                </Button>
              ) : (
                <Button
                  className="hy-order__reassign"
                  size="small"
                  type="primary"
                  fill="outline"
                  onClick={() => setSheet({ order: o, mode: 'reassign' })}
                >
                  改派
                </Button>
              )
            }
          />
        ))}
      </View>
      <LoadMore list={list} />

      <DispatchSheet
        visible={!!sheet}
        order={sheet?.order ?? null}
        mode={sheet?.mode ?? 'dispatch'}
        onClose={() => setSheet(null)}
        onDone={done}
      />
    </View>
  );
}
