import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Category } from '@nutui/icons-react-taro';
import type { HoldingView } from '@hongyuan/shared';
import { usePagedList, useTabList } from '../../api/usePagedList';
import EmptyState from '../../components/EmptyState';
import { ListStatus, LoadMore } from '../../components/ListStatus';
import { heldSinceText, specOf } from '../../stock/format';
import { STOCK_PAGES } from '../../stock/routes';

/** 我的持有: the parts in his hands, since when; tap for how a part came and went. */
export default function HoldingsList({ refreshKey }: { refreshKey: number }) {
  const list = usePagedList<HoldingView>('/holdings');
  useTabList(list, refreshKey);

  const now = Date.now();
  return (
    <View className="hy-holdings">
      <ListStatus
        list={list}
        loadingText="正在加载持有记录…"
        empty={
          <EmptyState icon={<Category size={36} color="#a9b4c6" />} title="手上没有配件" description="领用单签收后，配件会记在你的名下" />
        }
      />
      {list.loaded && list.items.length > 0 ? (
        <View className="hy-section-title">手上共 {list.total} 种配件，点开可查看来去记录</View>
      ) : null}
      <View className="hy-list">
        {list.items.map((h) => (
          <View
            key={h.partId}
            className="hy-card hy-holding"
            data-testid="holding-item"
            onClick={() => Taro.navigateTo({ url: STOCK_PAGES.holding(h.partId, h.partName) })}
          >
            <View className="hy-card__head">
              <Text className="hy-card__title">{h.partName}</Text>
              <Text className="hy-line__qty">
                {h.qty} {h.unit}
              </Text>
            </View>
            <View className="hy-card__row">
              <Text className="hy-code">{h.partCode}</Text>
              <Text>{specOf(h)}</Text>
            </View>
            {h.heldSince ? <View className="hy-card__row">{heldSinceText(h.heldSince, now)}</View> : null}
          </View>
        ))}
      </View>
      <LoadMore list={list} />
    </View>
  );
}
