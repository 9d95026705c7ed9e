import { api } from '../../../api/request';

/** Helpers for building list queries and download links. */

export type QueryValue = string | number | boolean | null | undefined;

/** Drops empty values so the server applies its defaults. */
export function cleanQuery(q: Record<string, QueryValue>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null) continue;
    const value = typeof v === 'string' ? v.trim() : v;
    if (value === '') continue;
    out[k] = value;
  }
  return out;
}

/**
 * Starts a file download of a GET route. Same origin, so the session cookie goes along;
 * an <a download> keeps the desk page where it is.
 */
export function download(path: string, query: Record<string, QueryValue> = {}): void {
  const a = document.createElement('a');
  a.href = api.url(path, cleanQuery(query));
  a.rel = 'noopener';
  a.download = '';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Reads a picked file as base64 (without the data: prefix). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('读取文件失败'));
    reader.readAsDataURL(file);
  });
}
