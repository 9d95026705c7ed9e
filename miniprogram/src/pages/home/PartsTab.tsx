import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { errorMessage } from '../../api/request';
import { newIdempotencyKey, stockApi } from '../../api/stock';
import { useResource } from '../../api/useResource';
import PartsSearch from '../../components/PartsSearch';
import { STOCK_PAGES } from '../../stock/routes';
import HoldingsList from './HoldingsList';
import MyRequisitions, { type RequisitionFilter } from './MyRequisitions';
import '../../stock/stock.scss';
import './PartsTab.scss';

type Segment = 'holdings' | 'requisitions' | 'catalogue';

const SEGMENTS: { key: Segment; label: string }[] = [
  { key: 'holdings', label: '我的持有' },
  { key: 'requisitions', label: '我的领用单' },
  { key: 'catalogue', label: '配件查询' },
];

/**
 * 配件 (technician): take parts (新建领用), give back what he did not use (退还, or everything in
 * two taps), and look at what he holds, his requisitions and the catalogue.
 */
export default function PartsTab({ refreshKey, unsigned }: { refreshKey: number; unsigned: number }) {
  const [segment, setSegment] = useState<Segment>('holdings');
  const [filter, setFilter] = useState<RequisitionFilter>('all');
  const [returning, setReturning] = useState(false);
  const leftoversKey = useRef(newIdempotencyKey());
  const pendingReturns = useResource(refreshKey, () => stockApi.returns({ status: 'pending', pageSize: 5 }));
  const waiting = pendingReturns.data?.items ?? [];

  const returnLeftovers = async () => {
    if (returning) return;
    setReturning(true);
    try {
      const prefill = await stockApi.returnPrefill();
      if (!prefill.lines.length) {
        void Taro.showToast({ title: '你手上没有配件，无需退还', icon: 'none' });
        return;
      }
      const pieces = prefill.lines.reduce((s, l) => s + l.heldQty, 0);
      const warn = waiting.length ? `\n注意：你已有退还单 ${waiting[0].no} 在等待审批。` : '';
      const answer = await Taro.showModal({
        title: '退还今日剩余配件',
        content: `把手上全部 ${prefill.lines.length} 种、共 ${pieces} 件配件退回仓库，并提交库管审批。${warn}`,
        confirmText: '确认退还',
        cancelText: '取消',
      });
      if (!answer.confirm) return;
      const doc = await stockApi.returnLeftovers(leftoversKey.current);
      leftoversKey.current = newIdempotencyKey();
      void Taro.showToast({ title: '已提交退还单', icon: 'success' });
      void pendingReturns.reload();
      void Taro.navigateTo({ url: STOCK_PAGES.stockReturn(doc.id) });
    } catch (e) {
      void Taro.showModal({ title: '退还失败', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setReturning(false);
    }
  };

  return (
    <View className="hy-parts-hub">
      <View className="hy-parts-hub__actions">
        <Button className="hy-parts-hub__new" type="primary" onClick={() => Taro.navigateTo({ url: STOCK_PAGES.requisitionForm() })}>
          新建领用
        </Button>
        <Button
          className="hy-parts-hub__return"
          type="primary"
          fill="outline"
          onClick={() => Taro.navigateTo({ url: STOCK_PAGES.returnForm() })}
        >
          退还配件
        </Button>
      </View>
      <View className="hy-parts-hub__leftovers">
        <Button block size="large" type="warning" loading={returning} disabled={returning} onClick={returnLeftovers}>
          退还今日剩余配件
        </Button>
      </View>

      {unsigned > 0 ? (
        <View
          className="hy-notice hy-parts-hub__unsigned"
          onClick={() => {
            setSegment('requisitions');
            setFilter('unsigned');
          }}
        >
          有 {unsigned} 张领用单已批准，等你签收 ›
        </View>
      ) : null}
      {waiting.map((r) => (
        <View
          key={r.id}
          className="hy-notice hy-parts-hub__waiting"
          onClick={() => Taro.navigateTo({ url: STOCK_PAGES.stockReturn(r.id) })}
        >
          退还单 {r.no}（{r.lineCount} 种 {r.totalQty} 件）等待库管审批 ›
        </View>
      ))}

      <View className="hy-segments">
        {SEGMENTS.map((s) => (
          <Text
            key={s.key}
            className={`hy-segment hy-segment--${s.key}${s.key === segment ? ' hy-segment--on' : ''}`}
            onClick={() => setSegment(s.key)}
          >
            {s.label}
          </Text>
        ))}
      </View>

      {segment === 'holdings' ? <HoldingsList refreshKey={refreshKey} /> : null}
      {segment === 'requisitions' ? <MyRequisitions refreshKey={refreshKey} filter={filter} onFilter={setFilter} /> : null}
      {segment === 'catalogue' ? <PartsSearch showCost={false} /> : null}
    </View>
  );
}
