import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { BLIND_COUNT_MESSAGE, formatDateTime, type AlertsView } from '@hongyuan/shared';
import { stockApi } from '../../../api/stock';
import { useResource } from '../../../api/useResource';
import EmptyState from '../../../components/EmptyState';
import { STOCK_PAGES, type AlertKind } from '../../../stock/routes';
import ErrorBar from '../../../components/ErrorBar';
import '../../../stock/stock.scss';

const KINDS: { key: AlertKind; label: string }[] = [
  { key: 'lowStock', label: '低库存' },
  { key: 'longHeld', label: '持有过久' },
  { key: 'waitingDocs', label: '待审批超时' },
  { key: 'openDisputes', label: '签收异议' },
];

/**
 * 预警: parts under their minimum, parts held too long by technicians, documents waiting too long,
 * quantities disputed at sign-for that no keeper has settled.
 */
export default function AlertsPage() {
  const initial = useRouter().params.kind as AlertKind | undefined;
  const [kind, setKind] = useState<AlertKind>(KINDS.some((k) => k.key === initial) ? initial! : 'lowStock');
  const alerts = useResource<AlertsView>('alerts', stockApi.alerts);
  const a = alerts.data;

  return (
    <View className="hy-page hy-alerts">
      <View className="hy-segments">
        {KINDS.map((k) => (
          <Text
            key={k.key}
            className={`hy-segment hy-alerts__tab--${k.key}${k.key === kind ? ' hy-segment--on' : ''}`}
            onClick={() => setKind(k.key)}
          >
            {k.label}
            {a ? ` ${a.counts[k.key]}` : ''}
          </Text>
        ))}
      </View>
      <ErrorBar message={alerts.error} onRetry={alerts.reload} />
      {alerts.loading && !a ? <View className="hy-state">正在加载预警…</View> : null}
      {a ? (
        <View className="hy-section-title">
          {kind === 'lowStock'
            ? '低于最低库存的配件，空得多的在前'
            : kind === 'longHeld'
              ? `员工持有超过 ${a.settings.heldDays} 天的配件`
              : kind === 'waitingDocs'
                ? `提交超过 ${a.settings.pendingHours} 小时仍未审批的单据`
                : '签收时提出异议、尚待库管核实的配件（不在仓库，也不在员工手上）'}
        </View>
      ) : null}

      {a && kind === 'lowStock' && a.hiddenWarehouses.length ? (
        <View className="hy-notice" data-testid="alerts-hidden">
          {a.hiddenWarehouses.map((w) => `「${w.warehouseName}」`).join('')}
          {BLIND_COUNT_MESSAGE}
        </View>
      ) : null}
      <View className="hy-list">
        {a && kind === 'lowStock'
          ? a.lowStock.map((x) => (
              <View key={`${x.partId}-${x.warehouseId ?? 0}`} className="hy-card hy-alert-item" data-testid="alert-item">
                <View className="hy-card__head">
                  <Text className="hy-card__title">{x.partName}</Text>
                  <Text className="hy-card__danger">
                    {x.qty} / {x.minStock} {x.unit}
                  </Text>
                </View>
                <View className="hy-card__row">
                  <Text className="hy-code">{x.partCode}</Text>
                  <Text>{x.warehouseName}</Text>
                </View>
              </View>
            ))
          : null}
        {a && kind === 'longHeld'
          ? a.longHeld.map((x) => (
              <View key={`${x.employeeId}-${x.partId}`} className="hy-card hy-alert-item" data-testid="alert-item">
                <View className="hy-card__head">
                  <Text className="hy-card__title">{x.partName}</Text>
                  <Text className="hy-card__warn">已 {x.days} 天</Text>
                </View>
                <View className="hy-card__row">
                  <Text>
                    <Text className="hy-card__strong">{x.employeeName}</Text> 持有 {x.qty} {x.unit}
                  </Text>
                  <Text>{formatDateTime(x.heldSince)} 起</Text>
                </View>
              </View>
            ))
          : null}
        {a && kind === 'waitingDocs'
          ? a.waitingDocs.map((x) => (
              <View
                key={`${x.docType}-${x.id}`}
                className="hy-card hy-alert-item"
                data-testid="alert-item"
                onClick={() =>
                  Taro.navigateTo({ url: x.docType === 'requisition' ? STOCK_PAGES.requisition(x.id) : STOCK_PAGES.stockReturn(x.id) })
                }
              >
                <View className="hy-card__head">
                  <Text className="hy-card__no">{x.no}</Text>
                  <Text className="hy-card__warn">已等 {x.hours} 小时</Text>
                </View>
                <View className="hy-card__row">
                  <Text>
                    {x.docType === 'requisition' ? '领用单' : '退还单'} · {x.employeeName}
                    {x.status === 'variance' ? ' · 差异待员工确认' : ''}
                  </Text>
                  <Text>{formatDateTime(x.createdAt)} ›</Text>
                </View>
              </View>
            ))
          : null}
        {a && kind === 'openDisputes'
          ? a.openDisputes.map((x) => (
              <View
                key={x.lineId}
                className="hy-card hy-alert-item"
                data-testid="alert-item"
                onClick={() => Taro.navigateTo({ url: STOCK_PAGES.requisition(x.requisitionId) })}
              >
                <View className="hy-card__head">
                  <Text className="hy-card__title">{x.partName}</Text>
                  <Text className="hy-card__danger">
                    {x.qty} {x.unit}
                  </Text>
                </View>
                <View className="hy-card__row">
                  <Text>
                    {x.no} · <Text className="hy-card__strong">{x.employeeName}</Text>：{x.reason}
                  </Text>
                  <Text>{formatDateTime(x.signedAt)} ›</Text>
                </View>
              </View>
            ))
          : null}
      </View>
      {a && a[kind].length === 0 ? <EmptyState title="没有这类预警" description="一切正常" /> : null}
      {a && a.counts[kind] > a[kind].length ? (
        <View className="hy-state">
          共 {a.counts[kind]} 条，仅列出最紧急的 {a[kind].length} 条
        </View>
      ) : null}
    </View>
  );
}
