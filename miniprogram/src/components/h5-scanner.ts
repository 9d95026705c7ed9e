/**
 * Barcode scanning with the camera in a browser (H5 only; the mini-program has Taro.scanCode).
 * Loaded by ScanButton with a dynamic import, so neither this file nor the barcode library
 * weighs on the first page. The browser's own BarcodeDetector is used where it exists (Android
 * Chrome, macOS); elsewhere ZXing (@zxing/browser) reads the video.
 */

import { CAMERA_PROBLEM_TEXT, cameraProblemUpFront, type CameraProblem } from './camera';

export class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(CAMERA_PROBLEM_TEXT[problem]);
  }
}

/** The formats on car parts and their boxes: EAN/UPC, Code 128/39, and QR codes. */
const NATIVE_FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'code_39', 'qr_code'];

interface NativeDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type NativeDetectorClass = {
  new (opts: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
};

async function nativeDetector(): Promise<NativeDetector | null> {
  const D = (window as unknown as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!D) return null;
  try {
    const supported = await D.getSupportedFormats();
    const formats = NATIVE_FORMATS.filter((f) => supported.includes(f));
    return formats.includes('ean_13') ? new D({ formats }) : null;
  } catch {
    return null;
  }
}

/**
 * Opens the back camera into `video` and reads barcodes until one is found (`onCode`, once) or
 * the returned stop is called. Rejects with a CameraError when the camera cannot be opened.
 */
export async function startCameraScan(video: HTMLVideoElement, onCode: (code: string) => void): Promise<() => void> {
  const upFront = cameraProblemUpFront();
  if (upFront) throw new CameraError(upFront);
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  } catch (e) {
    const name = (e as { name?: string })?.name ?? '';
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new CameraError('denied');
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw new CameraError('none');
    throw new CameraError('failed');
  }
  let stopped = false;
  let found = false;
  const release = () => stream.getTracks().forEach((t) => t.stop());
  const hit = (text: string) => {
    const code = text.trim();
    if (!code || found || stopped) return;
    found = true;
    onCode(code);
  };

  video.setAttribute('playsinline', 'true');
  video.muted = true;
  const detector = await nativeDetector();
  if (detector) {
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (stopped || found) return;
      try {
        const codes = video.readyState >= 2 ? await detector.detect(video) : [];
        if (codes[0]) hit(codes[0].rawValue);
      } catch {
        // a frame the detector could not read: try the next
      }
      if (!stopped && !found) timer = setTimeout(tick, 150);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      release();
      video.srcObject = null;
    };
  }

  try {
    // One chunk: @zxing/browser re-exports BarcodeFormat, and possibleFormats sets the hint.
    const { BarcodeFormat, BrowserMultiFormatReader } = await import('@zxing/browser');
    const reader = new BrowserMultiFormatReader(undefined, { delayBetweenScanAttempts: 150 });
    reader.possibleFormats = [
      BarcodeFormat.EAN_13,
      BarcodeFormat.EAN_8,
      BarcodeFormat.UPC_A,
      BarcodeFormat.UPC_E,
      BarcodeFormat.CODE_128,
      BarcodeFormat.CODE_39,
      BarcodeFormat.QR_CODE,
    ];
    const controls = await reader.decodeFromStream(stream, video, (result) => {
      if (result) hit(result.getText());
    });
    if (stopped) controls.stop();
    return () => {
      stopped = true;
      controls.stop();
      release();
    };
  } catch (e) {
    release();
    if (e instanceof CameraError) throw e;
    throw new CameraError('failed');
  }
}
