import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Input } from '@nutui/nutui-react-taro';
import { CLIENT } from '../api/request';
import { CAMERA_PROBLEM_TEXT, cameraProblemUpFront, type CameraProblem } from './camera';
import Sheet from './Sheet';
import './ScanButton.scss';

export interface ScanButtonProps {
  /** the code read (EAN-13 barcodes on most parts), trimmed */
  onCode: (code: string) => void;
  label?: string;
}

/** The camera in the H5 sheet: being opened, showing, or why it cannot be used. */
type Camera = { state: 'starting' } | { state: 'live' } | { state: 'off'; problem: CameraProblem };

let hostSeq = 0;

/** The camera scanner, H5 only: the build for WeChat leaves this branch (and ZXing) out. */
function loadScanner(): Promise<typeof import('./h5-scanner')> {
  if (process.env.TARO_ENV === 'h5') return import('./h5-scanner');
  return Promise.reject(new Error('只在浏览器中使用'));
}

/**
 * 扫码: the camera in the mini-program (Taro.scanCode). In a browser (H5) the same button opens
 * the camera where the browser allows it (https or localhost, with permission) and reads the
 * barcode with the browser's detector or ZXing, both loaded only when 扫码 is pressed; the box to
 * type or paste the code is always there (a USB/Bluetooth scanner types too), and is all there
 * is when there is no camera.
 */
export default function ScanButton({ onCode, label = '扫码' }: ScanButtonProps) {
  const [open, setOpen] = useState(false);
  const [camera, setCamera] = useState<Camera>({ state: 'off', problem: 'unsupported' });
  const [code, setCode] = useState('');
  const hostId = useRef(`hy-scan-camera-${++hostSeq}`);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  const scan = async () => {
    if (CLIENT === 'h5') {
      setCode('');
      const problem = cameraProblemUpFront();
      setCamera(problem ? { state: 'off', problem } : { state: 'starting' });
      setOpen(true);
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

  // H5: the camera runs while the sheet is open and stops when it closes or a code is read.
  const cameraWanted = open && camera.state !== 'off';
  useEffect(() => {
    if (CLIENT !== 'h5' || !cameraWanted) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    const host = document.getElementById(hostId.current);
    const video = document.createElement('video');
    video.className = 'hy-scan__video';
    video.setAttribute('data-testid', 'scan-video');
    host?.appendChild(video);
    loadScanner()
      .then((scanner) =>
        scanner.startCameraScan(video, (read) => {
          if (cancelled) return;
          setOpen(false);
          onCodeRef.current(read);
        }),
      )
      .then((s) => {
        if (cancelled) s();
        else {
          stop = s;
          setCamera({ state: 'live' });
        }
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        const problem = (e as { problem?: CameraProblem })?.problem ?? 'failed';
        setCamera({ state: 'off', problem });
      });
    return () => {
      cancelled = true;
      stop?.();
      video.remove();
    };
  }, [cameraWanted]);

  const submit = () => {
    const read = code.trim();
    if (!read) return;
    setOpen(false);
    onCode(read);
  };

  const off = camera.state === 'off' ? camera : null;
  return (
    <View className="hy-scan">
      <Button className="hy-scan__btn" size="small" type="primary" fill="outline" onClick={scan}>
        {label}
      </Button>
      <Sheet
        visible={open}
        title={off ? '输入条码' : '扫描条码'}
        onClose={() => setOpen(false)}
        footer={
          <Button type="primary" disabled={!code.trim()} onClick={submit}>
            确定
          </Button>
        }
      >
        {off ? (
          <Text className="hy-muted" data-testid="scan-manual-hint">
            {CAMERA_PROBLEM_TEXT[off.problem]}，请输入或粘贴配件条码、编号（扫码枪可直接扫入）。
          </Text>
        ) : (
          <>
            <View id={hostId.current} className="hy-scan__camera" data-testid="scan-camera" />
            <Text className="hy-muted" data-testid="scan-camera-hint">
              {camera.state === 'live' ? '把条码放进框内，识别后自动填入；也可以在下面直接输入。' : '正在打开摄像头…'}
            </Text>
          </>
        )}
        <View className="hy-scan__field">
          <Input name="scanCode" placeholder="例如 6950100852570" value={code} onChange={setCode} onConfirm={submit} />
        </View>
      </Sheet>
    </View>
  );
}
