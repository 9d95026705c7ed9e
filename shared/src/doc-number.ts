import { shanghaiDate } from './time';

/**
 * Document numbers: PREFIX-YYYYMMDD-NNNN, counting per prefix per Shanghai day,
 * e.g. LY-20231011-0035 (领用单). The server takes N from a sequence table.
 */
export const DOC_PREFIXES = {
  requisition: 'LY',
  return: 'TH',
  inbound: 'RK',
  stocktake: 'PD',
  workOrder: 'FW',
} as const;
export type DocKind = keyof typeof DOC_PREFIXES;

export function docDay(d: Date | string | number = Date.now()): string {
  return shanghaiDate(d).replace(/-/g, '');
}

export function formatDocNumber(prefix: string, day: string, n: number): string {
  return `${prefix}-${day}-${String(n).padStart(4, '0')}`;
}
