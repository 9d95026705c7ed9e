import { useEffect, useState } from 'react';
import { Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import QuickTextArea from '../../../components/QuickTextArea';
import Sheet from '../../../components/Sheet';
import './components.scss';

const QUICK_REASONS = ['库存不足，请改天再领', '与已有领用重复', '数量与实际用量不符，请核对', '请先退还旧件'];

export interface RejectSheetProps {
  visible: boolean;
  /** 领用单 / 调回单 */
  what: string;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}

/** 否决 needs a reason the employee will read: typed, or one of the usual ones with a tap. */
export default function RejectSheet({ visible, what, busy, onCancel, onConfirm }: RejectSheetProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (visible) {
      setReason('');
      setError('');
    }
  }, [visible]);

  const confirm = () => {
    const text = reason.trim();
    if (!text) {
      setError('请填写否决原因');
      return;
    }
    onConfirm(text);
  };

  return (
    <Sheet
      visible={visible}
      title={`否决${what}`}
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel}>取消</Button>
          <Button className="hy-reject__confirm" type="danger" loading={busy} disabled={busy} onClick={confirm}>
            确认否决
          </Button>
        </>
      }
    >
      <QuickTextArea
        quick={QUICK_REASONS}
        value={reason}
        onChange={(v) => {
          setReason(v);
          setError('');
        }}
        block="hy-reject"
        inputClassName="hy-reject__input"
        placeholder="否决原因（必填），申请人会看到"
        maxLength={200}
      />
      {error ? <Text className="hy-error">{error}</Text> : null}
    </Sheet>
  );
}
