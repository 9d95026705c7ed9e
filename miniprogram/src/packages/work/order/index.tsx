import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { formatDateTime, PRIORITY_LABELS, SERVICE_TYPE_LABELS, WORK_ORDER_TRANSITIONS, type WorkOrderAction } from '@hongyuan/shared';
import { errorMessage, getEmployee, isApiError } from '../../../api/request';
import { useResource } from '../../../api/useResource';
import { messagesApi } from '../../../api/messages';
import { workApi } from '../../../api/work';
import type { OrderPartLine, WorkOrderDetail } from '@hongyuan/shared';
import DispatchSheet from '../../../work/DispatchSheet';
import ActionBar from '../../../components/ActionBar';
import LoadingPage from '../../../components/LoadingPage';
import { appointmentText, locationText, STATE_TAG, stateLabel } from '../../../work/format';
import FinishSheet from './FinishSheet';
import LabourSheet from './LabourSheet';
import { copyAddress, navigateTo } from './address';
import { ChargeLine, EarlierVisits, Followups, PlannedParts, PreviousServices, Settlements, Timeline, TotalsCard } from './sections';
import UsePartSheet from './UsePartSheet';
import '../../../stock/stock.scss';
import '../../../work/work.scss';
import './index.scss';

type SheetKind = 'part' | 'labour' | 'finish' | 'dispatch' | 'reassign' | null;
type Busy = 'start' | 'finish' | 'remove' | '';

/** Actions this page offers; the others (结算, 回访, 取消 ...) are done on the PC desk. */
const MOBILE_ACTIONS: WorkOrderAction[] = ['start', 'finish', 'dispatch', 'reassign'];

/** The phone's position for the start record, or undefined when he declines or it takes too long. */
async function currentLocation(): Promise<string | undefined> {
  try {
    const pos = await Promise.race([
      Taro.getLocation({ type: 'wgs84' }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 8000)),
    ]);
    return locationText(pos.latitude, pos.longitude);
  } catch {
    return undefined;
  }
}

/**
 * 工单详情. The technician: customer and contact (tap to call), address (导航, 复制), vehicle,
 * problem, planned parts, on a rework this order's earlier visits, and 上次服务清单; 开始处理 at the customer's, then 用料 from his own hands and 工时 with
 * their amounts and totals, and 结束处理 with what was done. The supervisor: 派工 / 改派.
 * The buttons come from the order's `actions`: what this person may do now.
 */
export default function WorkOrderPage() {
  const id = Number(useRouter().params.id) || 0;
  const doc = useResource<WorkOrderDetail>(id || null, () => workApi.detail(id));
  const [sheet, setSheet] = useState<SheetKind>(null);
  const [partKeyword, setPartKeyword] = useState('');
  const [busy, setBusy] = useState<Busy>('');
  const [actionError, setActionError] = useState('');
  const o = doc.data;
  const actions = o?.actions ?? [];
  // He works on it (用料, 工时) while it is in progress and he is the one it is dispatched to.
  const working = !!o && o.state === 'in_progress' && actions.includes('finish');

  // Back from a requisition or another page: the order may have changed.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && id) void doc.reload();
    shown.current = true;
  });

  const orderNo = o?.no;
  useEffect(() => {
    if (orderNo) void Taro.setNavigationBarTitle({ title: orderNo });
  }, [orderNo]);

  // Opening the order reads its dispatch notification (the 新 mark and the 工单 badge go away).
  const marked = useRef(false);
  useEffect(() => {
    if (!o || marked.current) return;
    marked.current = true;
    messagesApi
      .unread()
      .then((page) => Promise.all(page.items.filter((n) => n.workOrderId === o.id).map((n) => messagesApi.read(n.id))))
      .catch(() => {
        /* a badge only: it stays until the next time */
      });
  }, [o]);

  const run = async (what: Busy, write: () => Promise<WorkOrderDetail>, done: (d: WorkOrderDetail) => void) => {
    if (busy) return;
    setBusy(what);
    setActionError('');
    try {
      const fresh = await write();
      doc.setData(fresh);
      done(fresh);
    } catch (e) {
      setActionError(errorMessage(e));
      if (isApiError(e) && (e.code === 'CONFLICT' || e.code === 'NOT_FOUND')) void doc.reload();
    } finally {
      setBusy('');
    }
  };

  const start = async () => {
    const answer = await Taro.showModal({
      title: '开始处理',
      content: '确认已到客户处，开始处理吗？会顺便记录一次当前位置，便于核对上门；不允许定位也能开始。',
      confirmText: '开始处理',
      cancelText: '还没到',
    });
    if (!answer.confirm) return;
    const location = await currentLocation();
    await run(
      'start',
      () => workApi.start(id, location),
      () => void Taro.showToast({ title: location ? '已开始处理，已记录位置' : '已开始处理', icon: 'none' }),
    );
  };

  const finish = (summary: string) =>
    run(
      'finish',
      () => workApi.finish(id, summary),
      () => {
        setSheet(null);
        void Taro.showToast({ title: '已结束处理', icon: 'success' });
      },
    );

  const removePart = async (l: OrderPartLine) => {
    const answer = await Taro.showModal({
      title: '删除用料',
      content: `删除「${l.partName}」×${l.qty}${l.unit}？配件会回到你的持有中。`,
      confirmText: '删除',
      confirmColor: '#d93026',
      cancelText: '不删',
    });
    if (!answer.confirm) return;
    await run(
      'remove',
      () => workApi.removePart(id, l.id),
      () => void Taro.showToast({ title: '已删除，配件已回到你手上', icon: 'none' }),
    );
  };

  const removeLabour = async (lineId: number, name: string) => {
    const answer = await Taro.showModal({
      title: '删除工时',
      content: `删除工时「${name}」？`,
      confirmText: '删除',
      confirmColor: '#d93026',
      cancelText: '不删',
    });
    if (!answer.confirm) return;
    await run(
      'remove',
      () => workApi.removeLabour(id, lineId),
      () => void Taro.showToast({ title: '已删除工时', icon: 'none' }),
    );
  };

  const call = (phone: string) => {
    Promise.resolve(Taro.makePhoneCall({ phoneNumber: phone })).catch(() => {
      /* he closed the dialog */
    });
  };

  const afterSheet = (fresh: WorkOrderDetail) => {
    doc.setData(fresh);
    setSheet(null);
  };

  if (!id) return <View className="hy-page hy-state">没有找到这张工单</View>;
  if (!o) return <LoadingPage error={doc.error} onRetry={doc.reload} text="正在加载工单…" />;

  const planned = o.parts.filter((p) => p.kind === 'planned' && !p.removed);
  const used = o.parts.filter((p) => p.kind === 'used' && !p.removed);
  // This visit's lines: an earlier visit's are settled and stay as they were.
  const visitParts = used.filter((l) => l.settlementId === null);
  const visitLabour = o.labour.filter((l) => l.settlementId === null);
  const settledIn = (l: { settlementId: number | null }) => o.settlements.find((s) => s.id === l.settlementId)?.label;
  // On a rework: this order's visits before the current one, newest first.
  const earlierVisits = o.visits.filter((v) => v.seq < o.reworkCount).reverse();
  const deskOnly = actions.filter((a) => !MOBILE_ACTIONS.includes(a));
  const me = getEmployee();
  // On the order as a helper: the one it is dispatched to starts and finishes it.
  const helping =
    !!me &&
    !!o.technicianId &&
    o.technicianId !== me.id &&
    me.roles.includes('technician') &&
    (o.state === 'dispatched' || o.state === 'in_progress') &&
    !actions.includes('reassign');

  const buttons: JSX.Element[] = [];
  if (actions.includes('start')) {
    buttons.push(
      <Button key="start" className="hy-act-start" type="primary" size="large" loading={busy === 'start'} disabled={!!busy} onClick={start}>
        开始处理
      </Button>,
    );
  }
  if (actions.includes('finish')) {
    buttons.push(
      <Button key="finish" className="hy-act-finish" type="primary" size="large" disabled={!!busy} onClick={() => setSheet('finish')}>
        结束处理
      </Button>,
    );
  }
  if (actions.includes('dispatch')) {
    buttons.push(
      <Button key="dispatch" className="hy-act-dispatch" type="primary" size="large" disabled={!!busy} onClick={() => setSheet('dispatch')}>
        派工
      </Button>,
    );
  }
  if (actions.includes('reassign')) {
    buttons.push(
      <Button
        key="reassign"
        className="hy-act-reassign"
        type="primary"
        fill="outline"
        size="large"
        disabled={!!busy}
        onClick={() => setSheet('reassign')}
      >
        改派
      </Button>,
    );
  }

  return (
    <View className={`hy-page hy-wo${buttons.length || actionError ? ' hy-with-actions' : ''}`}>
      <View className="hy-list hy-wo__body">
        <View className={`hy-card hy-wo-head${o.priority === 'urgent' ? ' hy-order--urgent' : ''}`}>
          <View className="hy-card__head">
            <Text className="hy-card__no">{o.no}</Text>
            <View className="hy-doc-tags">
              {o.priority === 'urgent' ? (
                <Tag className="hy-order__urgent" type="danger">
                  {PRIORITY_LABELS.urgent}
                </Tag>
              ) : null}
              <Tag className={`hy-wo__state hy-order__state--${o.state}`} type={STATE_TAG[o.state]}>
                {stateLabel(o.state)}
              </Tag>
            </View>
          </View>
          <View className="hy-card__row">
            <Text>
              {SERVICE_TYPE_LABELS[o.serviceType] ?? ''}服务{o.technicianName ? ` · 技师 ${o.technicianName}` : ''}
            </Text>
            {o.appointmentAt ? (
              <Text className={o.priority === 'urgent' ? 'hy-card__danger' : ''}>预约 {appointmentText(o.appointmentAt)}</Text>
            ) : null}
          </View>
          {o.reworkCount ? (
            <View className="hy-card__row hy-card__warn hy-wo-rework">
              第 {o.reworkCount} 次返工{earlierVisits.length ? '，请先看下方本单前几次上门的处理和用料' : ''}
            </View>
          ) : null}
          {o.startedAt ? <View className="hy-card__row">开始处理 {formatDateTime(o.startedAt)}</View> : null}
          {o.finishedAt ? <View className="hy-card__row">结束处理 {formatDateTime(o.finishedAt)}</View> : null}
        </View>

        <View className="hy-card hy-wo-customer">
          <View className="hy-card__head">
            <Text className="hy-card__title">{o.customerName}</Text>
          </View>
          <View className="hy-wo-customer__contact">
            <Text>
              联系人：{o.contactName} <Text className="hy-code">{o.contactPhone}</Text>
            </Text>
            <Button className="hy-wo-call" size="small" type="primary" fill="outline" onClick={() => call(o.contactPhone)}>
              拨打
            </Button>
          </View>
          <View className="hy-wo-customer__address">
            <Text className="hy-wo-customer__address-text">地址：{o.address}</Text>
            {/* Customers' addresses are text without a map point: in WeChat 导航 copies it for the map app. */}
            <Text className="hy-wo-nav" onClick={() => navigateTo(o.address, null)}>
              导航
            </Text>
            <Text className="hy-wo-copy" onClick={() => copyAddress(o.address)}>
              复制
            </Text>
          </View>
          {o.plate || o.vehicleName ? (
            <View className="hy-wo-customer__vehicle">
              车辆：{o.plate ? <Text className="hy-order__plate">{o.plate}</Text> : null} {o.vehicleName ?? ''}
            </View>
          ) : null}
          <View className="hy-wo-problem">
            <Text className="hy-wo-problem__label">问题描述</Text>
            <Text className="hy-wo-problem__text">{o.problem}</Text>
          </View>
          {o.summary ? (
            <View className="hy-wo-problem hy-wo-summary">
              <Text className="hy-wo-problem__label">处理结果</Text>
              <Text className="hy-wo-problem__text">{o.summary}</Text>
            </View>
          ) : null}
        </View>

        {planned.length ? (
          <>
            <View className="hy-section-title">
              <Text>计划配件（客服登记，共 {planned.length} 种）</Text>
            </View>
            <PlannedParts
              lines={planned}
              canUse={working}
              onUse={(l) => {
                setPartKeyword(l.partCode);
                setSheet('part');
              }}
            />
          </>
        ) : null}

        {working || used.length ? (
          <>
            <View className="hy-section-title">
              <Text>用料{used.length ? `（${used.length} 项）` : ''}</Text>
              {working ? <Text>从你手上的配件扣减</Text> : null}
            </View>
            <View className="hy-card hy-wo-used">
              {used.map((l) => (
                <ChargeLine
                  key={l.id}
                  kind="part"
                  name={l.partName}
                  sub={l.partCode}
                  qty={l.qty}
                  unit={l.unit}
                  unitPrice={l.unitPrice}
                  taxRate={l.taxRate}
                  taxIncluded={l.taxIncluded}
                  settled={settledIn(l)}
                  onRemove={working && l.settlementId === null ? () => removePart(l) : undefined}
                />
              ))}
              {!used.length ? <Text className="hy-muted">还没有登记用料</Text> : null}
              {working ? (
                <View className="hy-wo__add">
                  <Button
                    className="hy-wo-add-part"
                    block
                    type="primary"
                    fill="dashed"
                    disabled={!!busy}
                    onClick={() => {
                      setPartKeyword('');
                      setSheet('part');
                    }}
                  >
                    + 登记用料（搜索或扫码）
                  </Button>
                </View>
              ) : null}
            </View>
          </>
        ) : null}

        {working || o.labour.length ? (
          <>
            <View className="hy-section-title">
              <Text>工时{o.labour.length ? `（${o.labour.length} 项）` : ''}</Text>
            </View>
            <View className="hy-card hy-wo-labour">
              {o.labour.map((l) => (
                <ChargeLine
                  key={l.id}
                  kind="labour"
                  name={l.name}
                  qty={l.qty}
                  unit="项"
                  unitPrice={l.unitPrice}
                  taxRate={l.taxRate}
                  taxIncluded={l.taxIncluded}
                  settled={settledIn(l)}
                  onRemove={working && l.settlementId === null ? () => removeLabour(l.id, l.name) : undefined}
                />
              ))}
              {!o.labour.length ? <Text className="hy-muted">还没有登记工时</Text> : null}
              {working ? (
                <View className="hy-wo__add">
                  <Button
                    className="hy-wo-add-labour"
                    block
                    type="primary"
                    fill="dashed"
                    disabled={!!busy}
                    onClick={() => setSheet('labour')}
                  >
                    + 添加工时
                  </Button>
                </View>
              ) : null}
            </View>
          </>
        ) : null}

        {visitParts.length || visitLabour.length ? (
          <>
            <View className="hy-section-title">
              <Text>{o.settlements.length ? '本次合计' : '合计'}</Text>
              {o.settlements.length ? <Text>只含本次上门的用料和工时</Text> : null}
            </View>
            <TotalsCard parts={visitParts} labour={visitLabour} discount={0} />
          </>
        ) : null}

        {o.settlements.length ? (
          <>
            <View className="hy-section-title">
              <Text>结算</Text>
            </View>
            <Settlements items={o.settlements} />
          </>
        ) : null}

        {earlierVisits.length ? (
          <>
            <View className="hy-section-title">
              <Text>本单前几次上门</Text>
              <Text>共 {earlierVisits.length} 次</Text>
            </View>
            <EarlierVisits items={earlierVisits} />
          </>
        ) : null}

        <View className="hy-section-title">
          <Text>{earlierVisits.length ? '这辆车的其他工单' : '上次服务清单'}</Text>
          {o.previousServices.length ? <Text>最近 {o.previousServices.length} 次</Text> : null}
        </View>
        <PreviousServices items={o.previousServices} hasVehicle={!!o.vehicleId} earlierVisits={earlierVisits.length > 0} />

        {o.followups.length ? (
          <>
            <View className="hy-section-title">
              <Text>回访记录</Text>
            </View>
            <Followups items={o.followups} />
          </>
        ) : null}

        <View className="hy-section-title">
          <Text>时间线</Text>
        </View>
        <Timeline events={o.timeline} startLocation={o.startLocation} />

        {helping ? (
          <View className="hy-notice hy-wo__helper">本单由 {o.technicianName} 负责开始、结束处理和登记用料，你是协助技师。</View>
        ) : null}
        {deskOnly.length ? (
          <View className="hy-notice hy-wo__desk">
            {deskOnly.map((a) => WORK_ORDER_TRANSITIONS[a].label).join('、')}请在电脑工作台办理。
          </View>
        ) : null}
      </View>

      {buttons.length || actionError ? <ActionBar error={actionError}>{buttons.length ? buttons : null}</ActionBar> : null}

      {working ? (
        <>
          <UsePartSheet
            visible={sheet === 'part'}
            orderId={o.id}
            initialKeyword={partKeyword}
            onClose={() => setSheet(null)}
            onDone={afterSheet}
          />
          <LabourSheet visible={sheet === 'labour'} orderId={o.id} onClose={() => setSheet(null)} onDone={afterSheet} />
          <FinishSheet
            visible={sheet === 'finish'}
            parts={visitParts}
            labour={visitLabour}
            busy={busy === 'finish'}
            error={sheet === 'finish' ? actionError : ''}
            onCancel={() => setSheet(null)}
            onConfirm={finish}
          />
        </>
      ) : null}
      <DispatchSheet
        visible={sheet === 'dispatch' || sheet === 'reassign'}
        order={o}
        mode={sheet === 'reassign' ? 'reassign' : 'dispatch'}
        onClose={() => setSheet(null)}
        onDone={afterSheet}
      />
    </View>
  );
}
