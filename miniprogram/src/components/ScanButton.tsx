import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Input } from '@nutui/nutui-react-taro';
import { CLIENT } from '../api/request';
import Sheet from './Sheet';

export interface ScanButtonProps {
  /** the code read (EAN-13 barcodes on most parts), trimmed */
  onCode: (code: string) => void;
  label?: string;
}

/**
 * 扫码: the camera in the mini-program (Taro.scanCode); a browser has no scanner API, so on H5
 * the same button opens a box to type or paste the code (a USB/Bluetooth scanner types too).
 */
export default function ScanButton({ onCode, label = '扫码' }: ScanButtonProps) {
  const [manual, setManual] = useState(false);
  const [code, setCode] = useState('');

  const scan = async () => {
    if (CLIENT === 'h5') {
      setCode('');
      setManual(true);
      return;
    }
    try {
      const res = await Taro.scanCode({ scanType: ['barCode', 'qrCode'] });
      const read = String(res.result ?? '').trim();
      if (read) onCode(read);
    } catch (e) {
      const msg = String((e as { errMsg?: string })?.errMsg ?? '');
      if (!/cancel/i.test(msg)) Taro.showToast({ title: '没有识别到条码，请重试', icon: 'none' });
    }
  };

  const submit = () => {
    const read = code.trim();
    if (!read) return;
    setManual(false);
    onCode(read);
  };

  return (
    <View className="hy-scan">
      <Button className="hy-scan__btn" size="small" type="primary" fill="outline" onClick={scan}>
        {label}
      </Button>
      <Sheet
        visible={manual}
        title="输入条码"
        onClose={() => setManual(false)}
        footer={
          <Button type="primary" disabled={!code.trim()} onClick={submit}>
            确定
          </Button>
        }
      >
        <Text className="hy-muted">浏览器中不能调用摄像头扫码，请输入或粘贴配件条码、编号（扫码枪可直接扫入）。</Text>
        <View className="hy-scan__field">
          <Input name="scanCode" placeholder="例如 6950100852570" value={code} onChange={setCode} onConfirm={submit} />
        </View>
      </Sheet>
    </View>
  );
}
