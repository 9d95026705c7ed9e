/**
 * A Y4M video of an EAN-13 barcode, for Chromium's fake camera
 * (--use-file-for-fake-video-capture): the H5 scan test points the camera at a demo part's code.
 */
import { writeFileSync } from 'fs';

const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];
const invert = (bits: string) => [...bits].map((b) => (b === '1' ? '0' : '1')).join('');

/** The 95 modules of an EAN-13 (1 = bar). */
export function ean13Modules(code: string): string {
  if (!/^\d{13}$/.test(code)) throw new Error(`not an EAN-13: ${code}`);
  const d = [...code].map(Number);
  const parity = PARITY[d[0]];
  const left = d
    .slice(1, 7)
    .map((n, i) => (parity[i] === 'L' ? L[n] : [...invert(L[n])].reverse().join('')))
    .join('');
  const right = d
    .slice(7)
    .map((n) => invert(L[n]))
    .join('');
  return `101${left}01010${right}101`;
}

/** Writes `frames` frames of 640×480 (YUV 4:2:0) showing the barcode, black on white, 4 px a module. */
export function writeBarcodeY4m(path: string, code: string, frames = 10): void {
  const W = 640;
  const H = 480;
  const modules = ean13Modules(code);
  const scale = 4;
  const x0 = Math.floor((W - modules.length * scale) / 2);
  const y = Buffer.alloc(W * H, 255);
  for (let row = 120; row < 360; row++) {
    for (let m = 0; m < modules.length; m++) {
      if (modules[m] !== '1') continue;
      for (let k = 0; k < scale; k++) y[row * W + x0 + m * scale + k] = 0;
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let f = 0; f < frames; f++) parts.push(Buffer.from('FRAME\n'), y, chroma, chroma);
  writeFileSync(path, Buffer.concat(parts));
}
