import { useEffect, useRef } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Category } from '@nutui/icons-react-taro';
import type { HoldingView } from '@hongyuan/shared';
import { usePagedList } from '../../api/usePagedList';
import EmptyState from '../../components/EmptyState';
import { heldSinceText, specOf } from '../../stock/format';
import { STOCK_PAGES } from '../../stock/routes';

/** 我的持有: the parts in his hands, since when; tap for how a part came and went. */
export default function HoldingsList({ refreshKey }: { refreshKey: number }) {
  const list = usePagedList<HoldingView>('/holdings');
  useReachBottom(() => list.loadMore());
  const first = useRef(refreshKey);
  useEffect(() => {
    if (refreshKey !== first.current) list.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshKey]);

  const now = Date.now();
  return (
    <View className="hy-holdings">
      {list.error && !list.loading ? (
        <View className="hy-error-bar">
          <Text className="hy-error">{list.error}</Text>
          <Button size="small" type="primary" fill="outline" onClick={() => list.reload()}>
            重试
          </Button>
        </View>
      ) : null}
      {list.loading ? <View className="hy-state">正在加载持有记录…</View> : null}
      {list.loaded && list.items.length === 0 && !list.loading ? (
        <EmptyState icon={<Category size={36} color="#a9b4c6" />} title="手上没有配件" description="领用单签收后，配件会记在你的名下" />
      ) : null}
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
      {list.hasMore ? (
        <View className="hy-more">
          <Button fill="none" type="primary" loading={list.loadingMore} onClick={() => list.loadMore()}>
            加载更多
          </Button>
        </View>
      ) : null}
    </View>
  );
}
