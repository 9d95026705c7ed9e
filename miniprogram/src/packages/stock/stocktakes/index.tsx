import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { Tag } from '@nutui/nutui-react-taro';
import { Store } from '@nutui/icons-react-taro';
import { formatDateTime, type StocktakeListItem } from '@hongyuan/shared';
import { usePagedList } from '../../../api/usePagedList';
import EmptyState from '../../../components/EmptyState';
import { STOCK_PAGES } from '../../../stock/routes';
import { ListStatus } from '../../../components/ListStatus';
import '../../../stock/stock.scss';
import '../components/components.scss';

/** The stock-takes being counted now (盘点中); open one to scan and enter counts. */
export default function StocktakesPage() {
  const list = usePagedList<StocktakeListItem>('/stocktakes', { status: 'counting' }, { pageSize: 50 });
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) list.reload();
    shown.current = true;
  });

  return (
    <View className="hy-page hy-stocktakes">
      <ListStatus
        list={list}
        loadingText="正在加载盘点单…"
        empty={
          <EmptyState
            icon={<Store size={36} color="#a9b4c6" />}
            title="没有进行中的盘点"
            description="库管在电脑工作台发起盘点后，可以在这里扫码录入实盘数量"
          />
        }
      />
      {list.items.length ? <View className="hy-section-title">进行中的盘点 {list.total} 张</View> : null}
      <View className="hy-list">
        {list.items.map((st) => (
          <View
            key={st.id}
            className="hy-card hy-stocktake-item"
            data-testid="stocktake-item"
            onClick={() => Taro.navigateTo({ url: STOCK_PAGES.stocktake(st.id) })}
          >
            <View className="hy-card__head">
              <Text className="hy-card__no">{st.no}</Text>
              <View className="hy-doc-tags">
                {st.blind ? <Tag type="warning">盲盘</Tag> : null}
                <Tag type="primary">盘点中</Tag>
              </View>
            </View>
            <View className="hy-card__row">
              <Text className="hy-card__strong">{st.warehouseName}</Text>
              <Text>
                已盘 {st.countedCount} / {st.lineCount}
              </Text>
            </View>
            <View className="hy-card__row">
              <Text>
                {st.createdByName} 发起于 {formatDateTime(st.createdAt)}
              </Text>
              <Text>去录入 ›</Text>
            </View>
            {st.remark ? <View className="hy-card__remark">备注：{st.remark}</View> : null}
          </View>
        ))}
      </View>
    </View>
  );
}
