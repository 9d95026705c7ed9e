import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Order } from '@nutui/icons-react-taro';
import { formatDateTime, type RequisitionListItem } from '@hongyuan/shared';
import { usePagedList, useTabList } from '../../api/usePagedList';
import type { Query } from '../../api/request';
import DocTags from '../../components/DocTags';
import EmptyState from '../../components/EmptyState';
import { ListStatus, LoadMore } from '../../components/ListStatus';
import { STOCK_PAGES } from '../../stock/routes';

export type RequisitionFilter = 'all' | 'pending' | 'unsigned' | 'draft';

const FILTERS: { key: RequisitionFilter; label: string; query: Query }[] = [
  { key: 'all', label: '全部', query: {} },
  { key: 'unsigned', label: '待签收', query: { status: 'approved', signStatus: 'unsigned' } },
  { key: 'pending', label: '待审批', query: { status: 'pending' } },
  { key: 'draft', label: '草稿', query: { status: 'draft' } },
];

/** 我的领用单, newest first, filtered by what needs him (待签收) or the approver. */
export default function MyRequisitions(props: { refreshKey: number; filter: RequisitionFilter; onFilter: (f: RequisitionFilter) => void }) {
  const current = FILTERS.find((f) => f.key === props.filter) ?? FILTERS[0];
  const list = usePagedList<RequisitionListItem>('/requisitions', current.query, { pageSize: 20 });
  useTabList(list, props.refreshKey);

  return (
    <View className="hy-my-reqs">
      <View className="hy-chips hy-my-reqs__filters">
        {FILTERS.map((f) => (
          <Text
            key={f.key}
            className={`hy-chip hy-filter--${f.key}${f.key === current.key ? ' hy-chip--on' : ''}`}
            onClick={() => props.onFilter(f.key)}
          >
            {f.label}
          </Text>
        ))}
      </View>
      <ListStatus
        list={list}
        loadingText="正在加载领用单…"
        empty={
          <EmptyState
            icon={<Order size={36} color="#a9b4c6" />}
            title={current.key === 'all' ? '还没有领用单' : `没有${current.label}的领用单`}
            description="点上方“新建领用”向库管申领配件"
          />
        }
      />
      <View className="hy-list">
        {list.items.map((r) => (
          <View
            key={r.id}
            className="hy-card hy-my-req"
            data-testid="requisition-item"
            onClick={() => Taro.navigateTo({ url: STOCK_PAGES.requisition(r.id) })}
          >
            <View className="hy-card__head">
              <Text className="hy-card__no">{r.no}</Text>
              <DocTags status={r.status} signStatus={r.signStatus} />
            </View>
            <View className="hy-card__row">
              <Text>
                {r.warehouseName} · {r.lineCount} 种 {r.totalQty} 件
              </Text>
              <Text>{formatDateTime(r.createdAt)}</Text>
            </View>
            {r.remark ? <View className="hy-card__remark">备注：{r.remark}</View> : null}
            {r.status === 'rejected' && r.rejectReason ? (
              <View className="hy-card__row hy-card__danger">否决原因：{r.rejectReason}</View>
            ) : null}
          </View>
        ))}
      </View>
      <LoadMore list={list} />
    </View>
  );
}
