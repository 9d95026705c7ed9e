import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Tag } from '@nutui/nutui-react-taro';
import { formatDateTime, formatYuan } from '@hongyuan/shared';
import { useResource } from '../../api/useResource';
import { workApi } from '../../api/work';
import type { TechnicianStats } from '@hongyuan/shared';
import { durationText, percentText, PERIOD_LABELS, periodRange, type Period } from '../../work/format';
import { WORK_PAGES } from '../../work/routes';
import ErrorBar from '../../components/ErrorBar';
import '../../stock/stock.scss';
import '../../work/work.scss';

const PERIODS: Period[] = ['week', 'month', 'lastMonth'];

const score = (s: number | null) => (s === null ? '—' : `${s} 分`);

/** Everyone together: visits, revenue, rework rate and satisfaction over all visits. */
function overall(rows: TechnicianStats[]) {
  const visits = rows.flatMap((r) => r.visits);
  const rated = visits.map((v) => v.satisfaction).filter((s): s is number => s !== null);
  const finished = rows.reduce((s, r) => s + r.finished, 0);
  const reworked = rows.reduce((s, r) => s + r.reworked, 0);
  return {
    finished,
    revenue: rows.reduce((s, r) => s + r.partsRevenue + r.labourRevenue, 0),
    reworkRate: finished ? reworked / finished : null,
    satisfaction: rated.length ? Math.round((rated.reduce((s, x) => s + x, 0) / rated.length) * 10) / 10 : null,
  };
}

/**
 * 统计 (supervisor): 工单绩效 per technician for this week / this month / last month: visits
 * finished, average response and handling time, revenue, rework rate and satisfaction. Each
 * row opens the visits behind its numbers, each visit its order.
 */
export default function StatsTab({ refreshKey }: { refreshKey: number }) {
  const [period, setPeriod] = useState<Period>('week');
  const [open, setOpen] = useState<number | null>(null);
  const range = periodRange(period);
  const stats = useResource(`${period}-${range.from}-${range.to}-${refreshKey}`, () => workApi.stats(range.from, range.to));
  const rows = stats.data ?? [];
  const sum = overall(rows);

  return (
    <View className="hy-stats">
      <View className="hy-segments">
        {PERIODS.map((p) => (
          <Text
            key={p}
            className={`hy-segment hy-period--${p}${p === period ? ' hy-segment--on' : ''}`}
            onClick={() => {
              setPeriod(p);
              setOpen(null);
            }}
          >
            {PERIOD_LABELS[p]}
          </Text>
        ))}
      </View>
      <View className="hy-section-title">
        <Text className="hy-stats__range">
          {range.from} 至 {range.to}
        </Text>
        <Text className="hy-stats__refresh" onClick={() => void stats.reload()}>
          {stats.loading ? '加载中…' : '刷新'}
        </Text>
      </View>

      <ErrorBar message={stats.error} onRetry={stats.reload} />
      {stats.loading && !stats.data ? <View className="hy-state">正在统计…</View> : null}

      {stats.data ? (
        <>
          <View className="hy-stats__tiles">
            <View className="hy-stats__tile">
              <Text className="hy-stats__num hy-stats__finished">{sum.finished}</Text>
              <Text className="hy-stats__label">完工单数</Text>
            </View>
            <View className="hy-stats__tile">
              <Text className="hy-stats__num hy-stats__revenue">{formatYuan(sum.revenue)}</Text>
              <Text className="hy-stats__label">产值（含税）</Text>
            </View>
            <View className="hy-stats__tile">
              <Text className="hy-stats__num">{percentText(sum.reworkRate)}</Text>
              <Text className="hy-stats__label">返工率</Text>
            </View>
            <View className="hy-stats__tile">
              <Text className="hy-stats__num">{score(sum.satisfaction)}</Text>
              <Text className="hy-stats__label">满意度</Text>
            </View>
          </View>

          <View className="hy-card hy-stats__table">
            <View className="hy-stats__tr hy-stats__th">
              <Text className="hy-stats__c hy-stats__c--name">技师</Text>
              <Text className="hy-stats__c">完工</Text>
              <Text className="hy-stats__c hy-stats__c--wide">平均响应</Text>
              <Text className="hy-stats__c hy-stats__c--wide">平均处理</Text>
              <Text className="hy-stats__c">返工率</Text>
              <Text className="hy-stats__c">满意度</Text>
            </View>
            {rows.map((r) => (
              <View key={r.technicianId} className="hy-stats__row" data-testid="stats-row">
                <View className="hy-stats__tr" onClick={() => setOpen(open === r.technicianId ? null : r.technicianId)}>
                  <Text className="hy-stats__c hy-stats__c--name">{r.name}</Text>
                  <Text className="hy-stats__c hy-stats__strong">{r.finished}</Text>
                  <Text className="hy-stats__c hy-stats__c--wide">{durationText(r.avgResponseMinutes)}</Text>
                  <Text className="hy-stats__c hy-stats__c--wide">{durationText(r.avgHandlingMinutes)}</Text>
                  <Text className={`hy-stats__c${r.reworked ? ' hy-card__danger' : ''}`}>{percentText(r.reworkRate)}</Text>
                  <Text className="hy-stats__c">{score(r.avgSatisfaction)}</Text>
                </View>
                <View className="hy-stats__money" onClick={() => setOpen(open === r.technicianId ? null : r.technicianId)}>
                  <Text>
                    产值 {formatYuan(r.partsRevenue + r.labourRevenue)}（配件 {formatYuan(r.partsRevenue)} · 工时{' '}
                    {formatYuan(r.labourRevenue)}）
                  </Text>
                  {r.visits.length ? <Text className="hy-stats__more">{open === r.technicianId ? '收起' : '明细 ›'}</Text> : null}
                </View>
                {open === r.technicianId
                  ? r.visits.map((v) => (
                      <View
                        key={`${v.orderId}-${v.finishedAt}`}
                        className="hy-stats__visit"
                        data-testid="stats-visit"
                        onClick={() => Taro.navigateTo({ url: WORK_PAGES.order(v.orderId) })}
                      >
                        <View className="hy-line__head">
                          <Text className="hy-code">{v.no}</Text>
                          <View className="hy-doc-tags">
                            {v.reworked ? <Tag type="danger">返工</Tag> : null}
                            {v.satisfaction !== null ? <Text className="hy-muted">{v.satisfaction} 分</Text> : null}
                          </View>
                        </View>
                        <View className="hy-line__meta">
                          <Text>完工 {formatDateTime(v.finishedAt)}</Text>
                          <Text>
                            响应 {durationText(v.responseMinutes)} · 处理 {durationText(v.handlingMinutes)}
                          </Text>
                        </View>
                      </View>
                    ))
                  : null}
              </View>
            ))}
            {!rows.length ? <View className="hy-state">没有技师</View> : null}
          </View>
          {sum.finished === 0 ? <View className="hy-state">{PERIOD_LABELS[period]}还没有完工的工单</View> : null}
          <View className="hy-stats__hint">
            响应：建单（或返工）到开始处理；处理：开始到结束处理；产值含税，按技师用料与工时计算。返工的工单再次完工时另计一次。
          </View>
        </>
      ) : null}
    </View>
  );
}
