import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { DOC_TYPE_LABELS, formatDateTime, type MoveView } from '@hongyuan/shared';
import { stockApi } from '../../../api/stock';
import { useResource } from '../../../api/useResource';
import EmptyState from '../../../components/EmptyState';
import ErrorBar from '../../../components/ErrorBar';
import '../../../stock/stock.scss';
import './index.scss';

/** How one part came into his hands and left them: signed for, returned, written off, used. */
export default function HoldingHistoryPage() {
  const params = useRouter().params;
  const partId = Number(params.partId) || 0;
  const moves = useResource<MoveView[]>(partId || null, () => stockApi.holdingHistory(partId));
  const name = params.name ? decodeURIComponent(params.name) : (moves.data?.[0]?.partName ?? '');

  return (
    <View className="hy-page hy-history">
      <View className="hy-card hy-history__head">
        <Text className="hy-card__title">{name || '配件'}</Text>
        {moves.data ? <View className="hy-card__row">最近 {moves.data.length} 条进出记录，新的在前</View> : null}
      </View>
      <ErrorBar message={moves.error} onRetry={moves.reload} />
      {moves.loading && !moves.data ? <View className="hy-state">正在加载记录…</View> : null}
      {moves.data && moves.data.length === 0 ? <EmptyState title="没有这个配件的记录" /> : null}
      <View className="hy-list">
        {(moves.data ?? []).map((m) => (
          <View key={m.id} className="hy-card hy-move" data-testid="move-item">
            <View className="hy-card__head">
              <Text className="hy-card__strong">{DOC_TYPE_LABELS[m.docType] ?? m.docType}</Text>
              <Text className={m.qty > 0 ? 'hy-move__in' : 'hy-move__out'}>{m.qty > 0 ? `+${m.qty}` : m.qty}</Text>
            </View>
            <View className="hy-card__row">
              <Text>
                {m.from} → {m.to}
              </Text>
              <Text>{formatDateTime(m.at)}</Text>
            </View>
            <View className="hy-card__row">
              <Text className="hy-code">{m.docNo}</Text>
              <Text>{m.operatorName ?? ''}</Text>
            </View>
            {m.reason ? <View className="hy-card__remark">原因：{m.reason}</View> : null}
          </View>
        ))}
      </View>
    </View>
  );
}
