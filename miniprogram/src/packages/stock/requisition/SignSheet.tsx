import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import type { RequisitionLineView } from '@hongyuan/shared';
import Sheet from '../../../components/Sheet';
import QtyStepper from '../../../components/QtyStepper';

export interface Dispute {
  lineId: number;
  qty: number;
  reason: string;
}

export interface SignSheetProps {
  visible: boolean;
  lines: RequisitionLineView[];
  busy: boolean;
  error: string;
  onCancel: () => void;
  onConfirm: (disputes: Dispute[]) => void;
}

/**
 * 签收: everything is taken as received unless he marks a line 有异议 with the quantity he did
 * not get (or refuses) and why; that quantity goes back to the warehouse.
 */
export default function SignSheet({ visible, lines, busy, error, onCancel, onConfirm }: SignSheetProps) {
  const [disputes, setDisputes] = useState<Record<number, { qty: number; reason: string }>>({});
  const [missing, setMissing] = useState<number[]>([]);
  useEffect(() => {
    if (visible) {
      setDisputes({});
      setMissing([]);
    }
  }, [visible]);

  const toggle = (l: RequisitionLineView) =>
    setDisputes((prev) => {
      const next = { ...prev };
      if (next[l.id]) delete next[l.id];
      else next[l.id] = { qty: l.qty, reason: '' };
      return next;
    });
  const set = (lineId: number, patch: Partial<{ qty: number; reason: string }>) => {
    setDisputes((prev) => ({ ...prev, [lineId]: { ...prev[lineId], ...patch } }));
    setMissing((m) => m.filter((x) => x !== lineId));
  };

  const confirm = () => {
    const list = Object.entries(disputes).map(([lineId, d]) => ({ lineId: Number(lineId), qty: d.qty, reason: d.reason.trim() }));
    const noReason = list.filter((d) => !d.reason).map((d) => d.lineId);
    setMissing(noReason);
    if (noReason.length) return;
    onConfirm(list);
  };

  const count = Object.keys(disputes).length;
  return (
    <Sheet
      visible={visible}
      title="签收配件"
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel}>取消</Button>
          <Button className="hy-sign__confirm" type="primary" loading={busy} disabled={busy} onClick={confirm}>
            {count ? `确认签收（${count} 项异议）` : '确认签收'}
          </Button>
        </>
      }
    >
      <Text className="hy-muted">
        请核对实际拿到的配件。数量不对或有损坏的，点“有异议”填写数量和原因，这部分不记入您的持有，由库管核实后处理。
      </Text>
      {lines.map((l) => {
        const d = disputes[l.id];
        return (
          <View key={l.id} className="hy-line hy-sign-line">
            <View className="hy-line__head">
              <Text className="hy-line__name">{l.partName}</Text>
              <Text className="hy-line__qty">
                {l.qty} {l.unit}
              </Text>
            </View>
            <View className="hy-line__meta">
              <Text className="hy-code">{l.partCode}</Text>
              <Text className={`hy-chip hy-sign-line__toggle${d ? ' hy-chip--on' : ''}`} onClick={() => toggle(l)}>
                {d ? '取消异议' : '有异议'}
              </Text>
            </View>
            {d ? (
              <View className="hy-dispute">
                <View className="hy-dispute__row">
                  <Text>异议数量</Text>
                  <QtyStepper value={d.qty} min={1} max={l.qty} onChange={(qty) => set(l.id, { qty })} name={`dispute-${l.id}`} />
                </View>
                <View className="hy-dispute__reason">
                  <Input
                    name={`reason-${l.id}`}
                    placeholder="原因（必填），如：少发 1 个、外包装破损"
                    maxLength={200}
                    value={d.reason}
                    onChange={(reason) => set(l.id, { reason })}
                  />
                </View>
                {missing.includes(l.id) ? <Text className="hy-error">请填写异议原因</Text> : null}
              </View>
            ) : null}
          </View>
        );
      })}
      {error ? <Text className="hy-error">{error}</Text> : null}
    </Sheet>
  );
}
