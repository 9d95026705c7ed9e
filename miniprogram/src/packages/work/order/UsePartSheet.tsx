import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { formatYuan, lineAmounts, type HoldingView, type PartFitmentView, type PartPriceView } from '@hongyuan/shared';
import { api, errorMessage, isApiError } from '../../../api/request';
import { usePagedList } from '../../../api/usePagedList';
import { useResource } from '../../../api/useResource';
import { workApi } from '../../../api/work';
import type { WorkOrderDetail } from '@hongyuan/shared';
import SearchToolbar from '../../../components/SearchToolbar';
import { useSearchInput } from '../../../components/useSearchInput';
import Sheet from '../../../components/Sheet';
import { specOf } from '../../../stock/format';
import { PartLineHead, QtyRow } from '../../../stock/PartLine';
import { STOCK_PAGES } from '../../../stock/routes';
import './UsePartSheet.scss';

export interface UsePartSheetProps {
  visible: boolean;
  orderId: number;
  /** a search to start with (a planned part's code) */
  initialKeyword: string;
  onClose: () => void;
  onDone: (detail: WorkOrderDetail) => void;
}

/** Asks whether to take the missing parts from the warehouse, and opens the requisition form. */
export async function offerRequisition(message: string): Promise<void> {
  const answer = await Taro.showModal({
    title: '手上的配件不够',
    content: `${message}。现在去填领用单吗？`,
    confirmText: '去领用',
    cancelText: '暂不',
  });
  if (answer.confirm) void Taro.navigateTo({ url: STOCK_PAGES.requisitionForm() });
}

/**
 * 登记用料: pick a part from 我的持有 (search, or scan its barcode) and the quantity (at most what he
 * holds); the price is the one the server will charge on this order (the customer's level, else
 * the sale price), a fixed price that includes tax, the amount from the shared tax function. The
 * part leaves his hands for the order.
 */
export default function UsePartSheet({ visible, orderId, initialKeyword, onClose, onDone }: UsePartSheetProps) {
  const { input, keyword, type, searchNow } = useSearchInput();
  const [selected, setSelected] = useState<HoldingView | null>(null);
  const [qty, setQty] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  /** a scanned (or planned) code: chosen at once when his holdings have exactly it */
  const wanted = useRef<string | null>(null);

  useEffect(() => {
    if (!visible) return;
    setSelected(null);
    setQty(1);
    setError('');
    searchNow(initialKeyword);
    wanted.current = initialKeyword || null;
  }, [visible, initialKeyword, searchNow]);

  const list = usePagedList<HoldingView>('/holdings', { keyword }, { enabled: visible && !selected, pageSize: 20 });
  const price = useResource<PartPriceView>(selected ? `${orderId}-${selected.partId}` : null, () =>
    workApi.partPrice(orderId, selected!.partId),
  );
  // 适用车型: the order's vehicle, then whether the chosen part is listed for its model (a warning, not a block).
  const order = useResource(visible ? `order-${orderId}` : null, () => workApi.detail(orderId));
  const vehicleId = order.data?.id === orderId ? order.data.vehicleId : null;
  const fitment = useResource<PartFitmentView>(selected && vehicleId ? `fit-${selected.partId}-${vehicleId}` : null, () =>
    api.get<PartFitmentView>(`/parts/${selected!.partId}/fitment`, { vehicleId: vehicleId! }),
  );
  const misfit = fitment.data && fitment.data.partId === selected?.partId && !fitment.data.fits ? fitment.data : null;

  const choose = (h: HoldingView) => {
    setSelected(h);
    setQty(1);
    setError('');
  };

  useEffect(() => {
    const code = wanted.current;
    if (!code || list.loading || !list.loaded || keyword !== code) return;
    wanted.current = null;
    const hit = list.items.find((h) => h.partCode.toUpperCase() === code.toUpperCase());
    if (hit) choose(hit);
    else if (!list.items.length) void Taro.showToast({ title: `你手上没有“${code}”`, icon: 'none' });
  }, [list.loading, list.loaded, list.items, keyword]);

  const onScan = (code: string) => {
    wanted.current = code;
    setSelected(null);
    searchNow(code);
  };

  // The price of the part on screen only (a reload keeps the previous part's answer until it comes).
  const p = price.data && price.data.partId === selected?.partId ? price.data : null;
  const amounts = p ? lineAmounts({ unitPrice: p.unitPrice, qty, taxRate: p.taxRate, taxIncluded: true }) : null;

  const confirm = async () => {
    if (!selected || busy) return;
    setBusy(true);
    setError('');
    try {
      const detail = await workApi.useParts(orderId, { partId: selected.partId, qty });
      void Taro.showToast({ title: `已登记 ${selected.partName} ×${qty}`, icon: 'none' });
      onDone(detail);
    } catch (e) {
      const msg = errorMessage(e, '登记失败，请稍后重试');
      setError(msg);
      const details = isApiError(e) ? (e.details as { offerRequisition?: boolean } | undefined) : undefined;
      if (isApiError(e) && e.code === 'INSUFFICIENT_STOCK' && details?.offerRequisition)
        void offerRequisition(msg.replace(/[，,]?请先领用$/, ''));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet
      visible={visible}
      title={selected ? '登记用料' : '从我的持有中选择配件'}
      onClose={onClose}
      footer={
        selected ? (
          <>
            <Button className="hy-use__back" onClick={() => setSelected(null)}>
              重选配件
            </Button>
            <Button className="hy-use__confirm" type="primary" loading={busy} disabled={busy || !amounts} onClick={confirm}>
              {amounts ? `确认用料 ${formatYuan(amounts.gross)}` : '确认用料'}
            </Button>
          </>
        ) : undefined
      }
    >
      {!selected ? (
        <>
          <SearchToolbar
            className="hy-use__search"
            value={input}
            onChange={type}
            onSearch={(v) => onScan(v.trim())}
            onClear={() => onScan('')}
            onScan={onScan}
          />
          {list.error ? <Text className="hy-error">{list.error}</Text> : null}
          {list.loading ? <View className="hy-state">正在查询你手上的配件…</View> : null}
          {list.loaded && !list.loading && !list.items.length ? (
            <View className="hy-use__none">
              <Text className="hy-muted">{keyword ? `你手上没有“${keyword}”` : '你手上没有配件'}，用料需先向库管领用。</Text>
              <Button
                className="hy-use__requisition"
                size="small"
                type="primary"
                fill="outline"
                onClick={() => Taro.navigateTo({ url: STOCK_PAGES.requisitionForm() })}
              >
                去领用
              </Button>
            </View>
          ) : null}
          {list.items.map((h) => (
            <View key={h.partId} className="hy-line hy-use__item" data-testid="holding-pick" onClick={() => choose(h)}>
              <View className="hy-line__head">
                <Text className="hy-line__name">{h.partName}</Text>
                <Text className="hy-line__qty">
                  手上 {h.qty} {h.unit}
                </Text>
              </View>
              <View className="hy-line__meta">
                <Text>
                  <Text className="hy-code">{h.partCode}</Text> · {specOf(h)}
                </Text>
                <Text className="hy-use__pick">选择 ›</Text>
              </View>
            </View>
          ))}
          {list.hasMore ? (
            <View className="hy-more">
              <Button fill="none" type="primary" loading={list.loadingMore} onClick={() => list.loadMore()}>
                加载更多
              </Button>
            </View>
          ) : null}
        </>
      ) : (
        <View className="hy-use__form">
          <PartLineHead
            part={selected}
            nameClassName="hy-use__name"
            aside={
              <Text className="hy-muted">
                手上 {selected.qty} {selected.unit}
              </Text>
            }
          />
          {misfit ? (
            <View className="hy-use__misfit" data-testid="use-misfit">
              <Text>此配件未登记适用于 {misfit.vehicleModelName}，请确认</Text>
            </View>
          ) : null}
          <QtyRow label={<Text>数量</Text>} name="useQty" value={qty} min={1} max={selected.qty} onChange={setQty} />

          {price.error ? <Text className="hy-error">读取客户价格失败：{price.error}</Text> : null}
          {p ? (
            <>
              <View className="hy-line__edit">
                <Text>单价</Text>
                <Text className="hy-use__price">
                  {formatYuan(p.unitPrice)} / {selected.unit}
                  <Text className="hy-muted">（{p.priceLevelName ?? '销售价'}）</Text>
                </Text>
              </View>
              <View className="hy-line__edit">
                <Text className="hy-use__tax">含税价（税率 {p.taxRate}%）</Text>
                <Text className="hy-muted">配件按此价收费</Text>
              </View>
              {amounts ? (
                <View className="hy-use__amount" data-testid="use-amount">
                  <Text>
                    金额 <Text className="hy-use__gross">{formatYuan(amounts.gross)}</Text>（含税额 {formatYuan(amounts.tax)}）
                  </Text>
                </View>
              ) : null}
            </>
          ) : !price.error ? (
            <View className="hy-state">正在读取价格…</View>
          ) : null}
          {error ? <Text className="hy-error hy-use__error">{error}</Text> : null}
        </View>
      )}
    </Sheet>
  );
}
