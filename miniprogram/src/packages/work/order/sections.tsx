import { Text, View } from '@tarojs/components';
import { formatDateTime, formatYuan, lineAmounts, PAYMENT_METHOD_LABELS, totals } from '@hongyuan/shared';
import type { FollowupView, LabourLine, OrderPartLine, PreviousService, SettlementView, TimelineEvent, VisitView } from '@hongyuan/shared';
import { eventNote, eventTitle, stateLabel } from '../../../work/format';

/** "含税 13%" / "不含税 6%" */
export const taxText = (l: { taxRate: number; taxIncluded: boolean }) => `${l.taxIncluded ? '含税' : '不含税'} ${l.taxRate}%`;

/** A used part or a labour line with its amount from the shared tax function. */
export function ChargeLine(props: {
  kind: 'part' | 'labour';
  name: string;
  sub?: string;
  qty: number;
  unit: string;
  unitPrice: number;
  taxRate: number;
  taxIncluded: boolean;
  /** the settlement that billed it (第1次...): it can no longer change */
  settled?: string;
  onRemove?: () => void;
}) {
  const a = lineAmounts(props);
  return (
    <View className={`hy-line hy-wo-charge hy-wo-charge--${props.kind}`} data-testid={props.kind === 'part' ? 'used-part' : 'labour-line'}>
      <View className="hy-line__head">
        <Text className="hy-line__name">{props.name}</Text>
        <Text className="hy-wo-charge__amount">{formatYuan(a.gross)}</Text>
      </View>
      <View className="hy-line__meta">
        <Text>
          {props.sub ? <Text className="hy-code">{props.sub} · </Text> : null}
          {formatYuan(props.unitPrice)} × {props.qty} {props.unit}
        </Text>
        <Text>
          {taxText(props)} · 税额 {formatYuan(a.tax)}
        </Text>
      </View>
      {props.settled ? (
        <View className="hy-line__meta">
          <Text />
          <Text className="hy-muted hy-wo-charge__settled">已在{props.settled}结算</Text>
        </View>
      ) : null}
      {props.onRemove ? (
        <View className="hy-line__meta">
          <Text />
          <Text className="hy-wo-charge__remove hy-card__danger" onClick={props.onRemove}>
            删除
          </Text>
        </View>
      ) : null}
    </View>
  );
}

/** 结算: each visit's settlement, what it billed and how it was paid; earlier ones never change. */
export function Settlements({ items }: { items: SettlementView[] }) {
  return (
    <View className="hy-card hy-wo-settlements">
      {items.map((s) => (
        <View key={s.id} className="hy-line hy-wo-settlement" data-testid="settlement">
          <View className="hy-line__head">
            <Text className="hy-line__name">{s.label}</Text>
            <Text className="hy-wo-settlement__payable">{s.free ? '免费' : formatYuan(s.payable)}</Text>
          </View>
          <View className="hy-line__meta">
            <Text>
              价税合计 {formatYuan(s.gross)}
              {s.discount && !s.free ? ` · 优惠 ${formatYuan(s.discount)}` : ''}
            </Text>
            <Text>{s.free ? s.note : PAYMENT_METHOD_LABELS[s.paymentMethod as keyof typeof PAYMENT_METHOD_LABELS]}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

/** 合计 of used parts and labour (this visit's), computed with the shared totals(): by VAT rate for the invoice. */
export function TotalsCard({ parts, labour, discount }: { parts: OrderPartLine[]; labour: LabourLine[]; discount: number }) {
  const t = totals([...parts, ...labour], discount);
  return (
    <View className="hy-card hy-wo-totals" data-testid="order-totals">
      <View className="hy-wo-totals__row">
        <Text>不含税金额</Text>
        <Text className="hy-wo-totals__net">{formatYuan(t.net)}</Text>
      </View>
      <View className="hy-wo-totals__row">
        <Text>税额</Text>
        <Text className="hy-wo-totals__tax">{formatYuan(t.tax)}</Text>
      </View>
      {t.byRate.length > 1
        ? t.byRate.map((r) => (
            <View key={r.taxRate} className="hy-wo-totals__row hy-wo-totals__rate">
              <Text>
                其中 {r.taxRate}%：不含税 {formatYuan(r.net)}
              </Text>
              <Text>税 {formatYuan(r.tax)}</Text>
            </View>
          ))
        : null}
      {t.discount ? (
        <View className="hy-wo-totals__row">
          <Text>优惠</Text>
          <Text>-{formatYuan(t.discount)}</Text>
        </View>
      ) : null}
      <View className="hy-wo-totals__row hy-wo-totals__sum">
        <Text>{t.discount ? '应收' : '价税合计'}</Text>
        <Text className="hy-wo-totals__gross">{formatYuan(t.payable)}</Text>
      </View>
    </View>
  );
}

/** "用料：机油滤清器 ×1个、…" of a visit or an order, or 未用配件. */
const partsText = (parts: PreviousService['parts']) =>
  parts.length ? `用料：${parts.map((p) => `${p.partName} ×${p.qty}${p.unit}`).join('、')}` : '未用配件';

/**
 * 本单前几次上门: on a rework, what each earlier visit of this order found and did, who did it and
 * with which parts, and why follow-up sent it back: where the technician starts.
 */
export function EarlierVisits({ items }: { items: VisitView[] }) {
  return (
    <View className="hy-card hy-wo-visits">
      {items.map((v) => (
        <View key={v.seq} className="hy-line hy-wo-visit" data-testid="earlier-visit">
          <View className="hy-line__head">
            <Text className="hy-line__name">
              {v.label} · {formatDateTime(v.finishedAt ?? v.startedAt ?? v.dispatchedAt ?? '').slice(0, 10)}
            </Text>
            <Text className="hy-muted">{v.technicianName ?? '未派工'}</Text>
          </View>
          <View className="hy-wo-history__text">处理：{v.summary || '没有填写处理结果'}</View>
          <View className="hy-wo-history__parts">{partsText(v.parts)}</View>
          {v.labour.length ? (
            <View className="hy-wo-history__parts">
              工时：{v.labour.map((l) => (l.qty > 1 ? `${l.name} ×${l.qty}` : l.name)).join('、')}
            </View>
          ) : null}
          {v.reworkReason ? <View className="hy-wo-history__text hy-card__danger">返工原因：{v.reworkReason}</View> : null}
        </View>
      ))}
    </View>
  );
}

/**
 * 上次服务清单: the vehicle's other orders, what was done and what parts went in. `earlierVisits`:
 * this order has been there before (a rework), so "first time here" would be wrong.
 */
export function PreviousServices({
  items,
  hasVehicle,
  earlierVisits,
}: {
  items: PreviousService[];
  hasVehicle: boolean;
  earlierVisits: boolean;
}) {
  if (!hasVehicle) return <View className="hy-card hy-muted">这张工单没有登记车辆，查不到其他工单的服务记录</View>;
  if (!items.length)
    return (
      <View className="hy-card hy-muted hy-wo-history--none">
        {earlierVisits ? '这辆车此前没有其他工单，本单前几次上门的记录见上方' : '这辆车是第一次来，没有以前的服务记录'}
      </View>
    );
  return (
    <View className="hy-card hy-wo-history">
      {items.map((s) => (
        <View key={s.id} className="hy-line hy-wo-history__item" data-testid="previous-service">
          <View className="hy-line__head">
            <Text className="hy-line__name">{formatDateTime(s.date).slice(0, 10)}</Text>
            <Text className="hy-muted">
              {s.technicianName ?? ''} · {stateLabel(s.state)}
            </Text>
          </View>
          <View className="hy-line__meta">
            <Text className="hy-code">{s.no}</Text>
            {s.reworkCount ? <Text className="hy-card__warn">返工 {s.reworkCount} 次</Text> : null}
          </View>
          <View className="hy-wo-history__text">问题：{s.problem}</View>
          {s.visits.length > 1 ? (
            s.visits.map((v) => (
              <View key={v.seq} className="hy-wo-history__visit" data-testid="previous-visit">
                <View className="hy-wo-history__text">
                  {v.label}
                  {v.technicianName ? `（${v.technicianName}）` : ''}：{v.summary || '没有填写处理结果'}
                </View>
                <View className="hy-wo-history__parts">{partsText(v.parts)}</View>
              </View>
            ))
          ) : (
            <>
              {s.summary ? <View className="hy-wo-history__text">处理：{s.summary}</View> : null}
              <View className="hy-wo-history__parts">{partsText(s.parts)}</View>
            </>
          )}
        </View>
      ))}
    </View>
  );
}

export function Followups({ items }: { items: FollowupView[] }) {
  if (!items.length) return null;
  return (
    <View className="hy-card">
      {items.map((f, i) => (
        <View key={i} className="hy-line">
          <View className="hy-line__head">
            <Text className="hy-line__name">{f.result === 'rework' ? '回访：返工' : '回访：结束'}</Text>
            {f.satisfaction !== null ? (
              <Text className="hy-muted">满意度 {f.satisfaction} 分</Text>
            ) : (
              <Text className="hy-muted">{f.reached ? '' : '未接通'}</Text>
            )}
          </View>
          {f.comments ? <View className="hy-wo-history__text">{f.comments}</View> : null}
          {f.reworkReason ? <View className="hy-wo-history__text hy-card__danger">返工原因：{f.reworkReason}</View> : null}
          <View className="hy-line__meta">
            <Text>{f.by}</Text>
            <Text>{formatDateTime(f.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

/** 时间线, oldest first: who did what when, with the note of the step. */
export function Timeline({ events, startLocation }: { events: TimelineEvent[]; startLocation: string }) {
  return (
    <View className="hy-card hy-wo-timeline">
      {events.map((e, i) => (
        <View key={i} className={`hy-wo-timeline__item hy-wo-event--${e.action}`} data-testid="timeline-item">
          <View className="hy-wo-timeline__dot" />
          <View className="hy-wo-timeline__body">
            <View className="hy-line__head">
              <Text className="hy-wo-timeline__title">{eventTitle(e)}</Text>
              <Text className="hy-muted hy-wo-timeline__at">{formatDateTime(e.at)}</Text>
            </View>
            <Text className="hy-muted">{e.by}</Text>
            {eventNote(e) ? <Text className="hy-wo-timeline__note">{eventNote(e)}</Text> : null}
            {e.action === 'start' && startLocation && i === events.map((x) => x.action).lastIndexOf('start') ? (
              <Text className="hy-muted hy-wo-timeline__note">位置：{startLocation}</Text>
            ) : null}
          </View>
        </View>
      ))}
      {!events.length ? <Text className="hy-muted">暂无记录</Text> : null}
    </View>
  );
}

export function PlannedParts({ lines, canUse, onUse }: { lines: OrderPartLine[]; canUse: boolean; onUse: (l: OrderPartLine) => void }) {
  return (
    <View className="hy-card">
      {lines.map((l) => (
        <View key={l.id} className="hy-line hy-wo-planned" data-testid="planned-part">
          <View className="hy-line__head">
            <Text className="hy-line__name">{l.partName}</Text>
            <Text className="hy-line__qty">
              {l.qty} {l.unit}
            </Text>
          </View>
          <View className="hy-line__meta">
            <Text className="hy-code">
              {l.partCode}
              {l.spec ? ` · ${l.spec}` : ''}
            </Text>
            {canUse ? (
              <Text className="hy-wo-planned__use" onClick={() => onUse(l)}>
                登记用料 ›
              </Text>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  );
}
