import { useEffect, useState } from 'react';
import { Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import QuickTextArea from '../../../components/QuickTextArea';
import Sheet from '../../../components/Sheet';
import '../components/components.scss';

const QUICK_NOTES = ['交回时当面点过，数量没有少', '交回时是完好的，没有损坏', '请当面重新清点'];

export interface ObjectSheetProps {
  visible: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (note: string) => void;
}

/** 提出异议 to the keeper's count: why he does not accept it (required); the keepers read it. */
export default function ObjectSheet({ visible, busy, onCancel, onConfirm }: ObjectSheetProps) {
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (visible) {
      setNote('');
      setError('');
    }
  }, [visible]);

  const confirm = () => {
    const text = note.trim();
    if (!text) {
      setError('请填写异议说明');
      return;
    }
    onConfirm(text);
  };

  return (
    <Sheet
      visible={visible}
      title="对核对结果提出异议"
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel}>取消</Button>
          <Button className="hy-object__confirm" type="danger" loading={busy} disabled={busy} onClick={confirm}>
            提交异议
          </Button>
        </>
      }
    >
      <QuickTextArea
        quick={QUICK_NOTES}
        value={note}
        onChange={(v) => {
          setNote(v);
          setError('');
        }}
        block="hy-reject"
        name="variance-note"
        inputClassName="hy-object__input"
        placeholder="异议说明（必填），审批库管会看到"
        maxLength={200}
      />
      {error ? <Text className="hy-error">{error}</Text> : null}
    </Sheet>
  );
}
