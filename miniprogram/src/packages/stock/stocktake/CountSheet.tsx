import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import QtyStepper from '../../../components/QtyStepper';
import Sheet from '../../../components/Sheet';

export interface CountTarget {
  partId: number;
  partCode: string;
  partName: string;
  spec: string;
  unit: string;
  /** null when hidden (盲盘) or not on the sheet */
  bookQty: number | null;
  countedQty: number | null;
  /** false: found on the shelf, saving adds it to the sheet */
  onSheet: boolean;
}

const MAX_COUNT = 100000;

/** Enter the counted quantity of one part and save it. */
export default function CountSheet({
  target,
  saving,
  error,
  onCancel,
  onSave,
}: {
  target: CountTarget | null;
  saving: boolean;
  error: string;
  onCancel: () => void;
  onSave: (qty: number) => void;
}) {
  const [qty, setQty] = useState(0);
  useEffect(() => {
    if (target) setQty(target.countedQty ?? 0);
  }, [target]);

  return (
    <Sheet
      visible={!!target}
      title="录入实盘数量"
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel}>取消</Button>
          <Button className="hy-count__save" type="primary" loading={saving} disabled={saving} onClick={() => onSave(qty)}>
            保存
          </Button>
        </>
      }
    >
      {target ? (
        <View className="hy-count-sheet">
          <Text className="hy-line__name">{target.partName}</Text>
          <View className="hy-line__meta">
            <Text className="hy-code">{target.partCode}</Text>
            <Text>{target.spec}</Text>
          </View>
          {target.bookQty !== null ? (
            <View className="hy-line__meta">
              账面 {target.bookQty} {target.unit}
            </View>
          ) : null}
          {!target.onSheet ? <View className="hy-notice">这个配件不在盘点表中（货架上发现），保存后会加入盘点表。</View> : null}
          {target.countedQty !== null ? <View className="hy-line__meta">上次录入 {target.countedQty}，保存会覆盖</View> : null}
          <View className="hy-line__edit">
            <Text>实盘数量（{target.unit}）</Text>
            <QtyStepper name="countedQty" value={qty} min={0} max={MAX_COUNT} onChange={setQty} />
          </View>
          {error ? <Text className="hy-error">{error}</Text> : null}
        </View>
      ) : null}
    </Sheet>
  );
}
