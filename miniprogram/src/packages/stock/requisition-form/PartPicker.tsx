import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { BLIND_COUNT_MESSAGE, type StockView } from '@hongyuan/shared';
import { usePagedList } from '../../../api/usePagedList';
import SearchToolbar from '../../../components/SearchToolbar';
import { useSearchInput } from '../../../components/useSearchInput';
import Sheet from '../../../components/Sheet';
import { specOf } from '../../../stock/format';

export interface PickedPart {
  partId: number;
  partCode: string;
  partName: string;
  partModel: string;
  partSpec: string;
  unit: string;
  /** null on a copied line while its warehouse is counted blind (盲盘): unknown, checked at approval */
  available: number | null;
}

export interface PartPickerProps {
  visible: boolean;
  warehouseId: number;
  warehouseName: string;
  selected: number[];
  onAdd: (p: PickedPart) => void;
  onClose: () => void;
}

/** null while the warehouse is counted blind (盲盘): its quantity is hidden, the keeper checks it at approval. */
const availableIn = (p: StockView, warehouseId: number, blind: boolean): number | null => {
  const w = p.warehouses.find((x) => x.warehouseId === warehouseId);
  if (blind || (w && w.qty === null)) return null;
  return w?.qty ?? 0;
};

const picked = (p: StockView, warehouseId: number, blind: boolean): PickedPart => ({
  partId: p.partId,
  partCode: p.partCode,
  partName: p.partName,
  partModel: p.partModel,
  partSpec: p.partSpec,
  unit: p.unit,
  available: availableIn(p, warehouseId, blind),
});

/**
 * 添加配件: the parts this warehouse has today (search by code, name or pinyin initials, or
 * scan a barcode: an exact match is added at once), each with what can be taken.
 */
export default function PartPicker({ visible, warehouseId, warehouseName, selected, onAdd, onClose }: PartPickerProps) {
  const { input, keyword, type, searchNow } = useSearchInput();
  const scanned = useRef<string | null>(null);

  // 盲盘: the warehouse's own stock list is refused (403) to a counter; search all parts instead, without its quantities.
  const [blindFor, setBlindFor] = useState<number | null>(null);
  const blind = blindFor === warehouseId;
  const list = usePagedList<StockView>('/stock', blind ? { keyword } : { keyword, warehouseId }, { enabled: visible, pageSize: 20 });
  useEffect(() => {
    if (!blind && list.error.includes(BLIND_COUNT_MESSAGE)) setBlindFor(warehouseId);
  }, [blind, list.error, warehouseId]);

  const add = (p: StockView) => {
    onAdd(picked(p, warehouseId, blind));
    void Taro.showToast({ title: `已添加 ${p.partName}`, icon: 'none' });
  };

  // A scanned code: add the part it names as soon as the search for it comes back.
  useEffect(() => {
    const code = scanned.current;
    if (!code || list.loading || !list.loaded || keyword !== code) return;
    scanned.current = null;
    const hit = list.items.find((p) => p.partCode.toUpperCase() === code.toUpperCase());
    if (!hit) void Taro.showToast({ title: blind ? `没有找到“${code}”` : `“${code}”在${warehouseName}没有库存`, icon: 'none' });
    else if (selected.includes(hit.partId)) void Taro.showToast({ title: `${hit.partName} 已在单中，请直接改数量`, icon: 'none' });
    else add(hit);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list.loading, list.loaded, list.items, keyword]);

  const onScan = (code: string) => {
    scanned.current = code;
    searchNow(code);
  };

  return (
    <Sheet
      visible={visible}
      title={`添加配件 · ${warehouseName}`}
      onClose={onClose}
      footer={
        <Button className="hy-picker__done" type="primary" onClick={onClose}>
          完成（已选 {selected.length} 种）
        </Button>
      }
    >
      <SearchToolbar
        className="hy-picker__search"
        value={input}
        onChange={type}
        onSearch={searchNow}
        onClear={() => type('')}
        onScan={onScan}
      />
      {blind ? (
        <View className="hy-notice" data-testid="picker-blind">
          {warehouseName}盲盘进行中，暂不显示库存；可照常添加，审批时由库管核对。
        </View>
      ) : null}
      {list.error && !list.error.includes(BLIND_COUNT_MESSAGE) ? <Text className="hy-error">{list.error}</Text> : null}
      {list.loading ? <View className="hy-state">正在查询库存…</View> : null}
      {list.loaded && !list.loading && list.items.length === 0 ? (
        <View className="hy-state">
          {blind ? `没有找到“${keyword}”` : keyword ? `${warehouseName}没有找到“${keyword}”的库存` : `${warehouseName}暂无库存`}
        </View>
      ) : null}
      {list.items.map((p) => {
        const can = availableIn(p, warehouseId, blind);
        const open = can === null || can > 0;
        const already = selected.includes(p.partId);
        return (
          <View key={p.partId} className="hy-line hy-picker__item" data-testid="picker-item">
            <View className="hy-line__head">
              <Text className="hy-line__name">{p.partName}</Text>
              <Text className={open ? 'hy-line__qty' : 'hy-line__qty hy-card__danger'}>{can === null ? '盲盘中' : `可领 ${can}`}</Text>
            </View>
            <View className="hy-line__meta">
              <Text>
                <Text className="hy-code">{p.partCode}</Text> · {specOf(p)}
              </Text>
              <Button
                className="hy-picker__add"
                size="small"
                type="primary"
                fill={already ? 'outline' : 'solid'}
                disabled={already || !open}
                onClick={() => add(p)}
              >
                {already ? '已添加' : open ? '添加' : '无库存'}
              </Button>
            </View>
          </View>
        );
      })}
      {list.hasMore ? (
        <View className="hy-more">
          <Button fill="none" type="primary" loading={list.loadingMore} onClick={() => list.loadMore()}>
            加载更多
          </Button>
        </View>
      ) : null}
    </Sheet>
  );
}
