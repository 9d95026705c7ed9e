import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatYuan, totals } from '@hongyuan/shared';
import type { LabourLine, OrderPartLine } from '@hongyuan/shared';
import QuickTextArea from '../../../components/QuickTextArea';
import Sheet from '../../../components/Sheet';
import { askSubscribe } from '../../../session/subscribe';

const QUICK = ['已处理完毕，试车正常', '已更换配件，客户验收确认', '已检查，暂不需要更换配件', '已交代客户注意事项'];

export interface FinishSheetProps {
  visible: boolean;
  parts: OrderPartLine[];
  labour: LabourLine[];
  busy: boolean;
  error: string;
  onCancel: () => void;
  onConfirm: (summary: string) => void;
}

/** 结束处理: the 处理结果 (required: it is what the next technician reads in 上次服务清单). */
export default function FinishSheet({ visible, parts, labour, busy, error, onCancel, onConfirm }: FinishSheetProps) {
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (visible) setMissing(false);
  }, [visible]);

  const confirm = () => {
    const summary = text.trim();
    if (!summary) {
      setMissing(true);
      return;
    }
    // In the tap: WeChat reminders of his next orders and of his documents (the mini-program only).
    void askSubscribe('orders');
    onConfirm(summary);
  };

  const t = totals([...parts, ...labour]);
  return (
    <Sheet
      visible={visible}
      title="结束处理"
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel}>取消</Button>
          <Button className="hy-finish__confirm" type="primary" loading={busy} disabled={busy} onClick={confirm}>
            确认结束处理
          </Button>
        </>
      }
    >
      <View className={`hy-notice hy-finish__summary${parts.length || labour.length ? '' : ' hy-finish__summary--empty'}`}>
        {parts.length || labour.length
          ? `已登记用料 ${parts.length} 项、工时 ${labour.length} 项，价税合计 ${formatYuan(t.gross)}。结束后不能再改用料。`
          : '还没有登记用料和工时。确实没有用料的，可以直接结束；结束后不能再改。'}
      </View>
      <Text className="hy-form__label">处理结果（必填）</Text>
      <QuickTextArea
        quick={QUICK}
        value={text}
        onChange={(v) => {
          setText(v);
          setMissing(false);
        }}
        block="hy-finish"
        name="finishNote"
        placeholder="做了什么、换了什么、客户需要注意什么（下次上门的技师会看到）"
        maxLength={500}
      />
      {missing ? <Text className="hy-error">请填写处理结果</Text> : null}
      {error ? <Text className="hy-error">{error}</Text> : null}
    </Sheet>
  );
}
