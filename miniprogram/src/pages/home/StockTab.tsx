import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Tag } from '@nutui/nutui-react-taro';
import { Edit, Search } from '@nutui/icons-react-taro';
import type { StockView } from '@hongyuan/shared';
import { usePagedList, useTabList } from '../../api/usePagedList';
import { useResource } from '../../api/useResource';
import { stockApi } from '../../api/stock';
import EmptyState from '../../components/EmptyState';
import ErrorBar from '../../components/ErrorBar';
import { ListStatus, LoadMore } from '../../components/ListStatus';
import SearchToolbar from '../../components/SearchToolbar';
import { useSearchInput } from '../../components/useSearchInput';
import { specOf } from '../../stock/format';
import { STOCK_PAGES, type AlertKind } from '../../stock/routes';
import '../../stock/stock.scss';
import './StockTab.scss';

const ALERT_TILES: { kind: AlertKind; label: string }[] = [
  { kind: 'lowStock', label: '低库存' },
  { kind: 'longHeld', label: '持有过久' },
  { kind: 'waitingDocs', label: '待审批超时' },
  { kind: 'openDisputes', label: '签收异议' },
];

/** 库存 (keeper): alerts at a glance, stock-take counting, and stock per warehouse and held. */
export default function StockTab({ refreshKey }: { refreshKey: number }) {
  const { input, keyword, type, searchNow } = useSearchInput();

  const alerts = useResource(refreshKey, stockApi.alerts);
  const list = usePagedList<StockView>('/stock', { keyword });
  useTabList(list, refreshKey);

  const counts = alerts.data?.counts;
  return (
    <View className="hy-stock">
      <View className="hy-stock__tiles">
        {ALERT_TILES.map((t) => {
          const n = counts ? counts[t.kind] : null;
          return (
            <View
              key={t.kind}
              className={`hy-stock__tile hy-alert-tile--${t.kind}${n ? ' hy-stock__tile--hot' : ''}`}
              onClick={() => Taro.navigateTo({ url: STOCK_PAGES.alerts(t.kind) })}
            >
              <Text className="hy-stock__tile-num">{n === null ? (alerts.error ? '!' : '…') : n}</Text>
              <Text className="hy-stock__tile-label">{t.label}</Text>
            </View>
          );
        })}
        <View className="hy-stock__tile hy-stock__tile--action" onClick={() => Taro.navigateTo({ url: STOCK_PAGES.stocktakes() })}>
          <View className="hy-stock__tile-icon">
            <Edit size={22} color="#2f6bd8" />
          </View>
          <Text className="hy-stock__tile-label">盘点录入</Text>
        </View>
      </View>
      <ErrorBar message={alerts.error ? `预警加载失败：${alerts.error}` : ''} onRetry={alerts.reload} />

      <SearchToolbar value={input} onChange={type} onSearch={(v) => searchNow(v.trim())} onClear={() => searchNow('')} onScan={searchNow} />

      {list.loaded && list.items.length > 0 ? (
        <View className="hy-section-title">{keyword ? `“${keyword}” 共 ${list.total} 个配件` : `共 ${list.total} 个配件`}</View>
      ) : null}

      <ListStatus
        list={list}
        loadingText="正在查询库存…"
        onRetry={() => (list.items.length ? list.loadMore() : list.reload())}
        empty={
          <EmptyState
            icon={<Search size={36} color="#a9b4c6" />}
            title={keyword ? '没有找到相关配件' : '暂无配件'}
            description={keyword ? '换个叫法、编码或拼音首字母试试' : '配件资料由库管在电脑工作台录入'}
          />
        }
      />

      <View className="hy-list">
        {list.items.map((p) => {
          const low = p.minStock > 0 && p.total !== null && p.total < p.minStock;
          return (
            <View key={p.partId} className="hy-card hy-stock-item" data-testid="stock-item">
              <View className="hy-card__head">
                <Text className="hy-card__title">{p.partName}</Text>
                {low ? (
                  <Tag type="danger" plain>
                    低于最低库存 {p.minStock}
                  </Tag>
                ) : null}
              </View>
              <View className="hy-card__row">
                <Text className="hy-code">{p.partCode}</Text>
                <Text>{specOf(p)}</Text>
              </View>
              <View className="hy-stock-item__qty">
                {p.warehouses.map((w) => (
                  <View key={w.warehouseId} className="hy-stock-item__cell">
                    <Text className="hy-stock-item__num">{w.hidden ? '盲盘中' : w.qty}</Text>
                    <Text className="hy-stock-item__where">{w.warehouseName}</Text>
                  </View>
                ))}
                <View className="hy-stock-item__cell hy-stock-item__cell--held">
                  <Text className="hy-stock-item__num">{p.held}</Text>
                  <Text className="hy-stock-item__where">员工持有</Text>
                </View>
              </View>
              <View className="hy-card__row">
                <Text>
                  仓库合计 {p.total ?? '—'} {p.unit}
                </Text>
                <Text>单位：{p.unit}</Text>
              </View>
            </View>
          );
        })}
      </View>

      {list.hasMore ? (
        <LoadMore list={list} label={list.loadingMore ? '加载中…' : '加载更多'} />
      ) : list.loaded && list.items.length > 0 ? (
        <View className="hy-state">没有更多了</View>
      ) : null}
    </View>
  );
}
