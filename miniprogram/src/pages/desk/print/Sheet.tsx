import type { ReactNode } from 'react';
import { formatDateTime } from '@hongyuan/shared';

export const COMPANY = '庆元县宏沅汽车服务有限公司';

export interface SheetColumn<T> {
  title: string;
  /** cell text of a row */
  value: (row: T, index: number) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** width in mm */
  width?: number;
}

export interface SheetProps<T> {
  title: string;
  no: string;
  /** label / value pairs under the title, three a row */
  fields: [string, ReactNode][];
  columns: SheetColumn<T>[];
  rows: T[];
  /** the 合计 row: column title -> value (others blank) */
  totals?: Record<string, ReactNode>;
  /** who signs: 领用人, 库管, 经办人... */
  signatures: string[];
  note?: ReactNode;
}

/** One A4 document: company, title, number, head fields, lines with totals, signature lines. */
export function Sheet<T>({ title, no, fields, columns, rows, totals, signatures, note }: SheetProps<T>) {
  return (
    <div className="print-sheet" data-testid="print-sheet">
      <div className="print-company">{COMPANY}</div>
      <h1 className="print-title" data-testid="print-title">
        {title}
      </h1>
      <div className="print-no">
        编号：<span data-testid="print-no">{no}</span>
      </div>
      <table className="print-fields">
        <tbody>
          {chunk(fields, 3).map((row, i) => (
            <tr key={i}>
              {row.map(([label, value]) => (
                <td key={label}>
                  <span className="print-label">{label}：</span>
                  {value === '' || value === null || value === undefined ? '—' : value}
                </td>
              ))}
              {row.length < 3 && <td colSpan={3 - row.length} />}
            </tr>
          ))}
        </tbody>
      </table>
      <table className="print-lines" data-testid="print-lines">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.title} style={{ width: c.width ? `${c.width}mm` : undefined }}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} data-testid="print-line">
              {columns.map((c) => (
                <td key={c.title} style={{ textAlign: c.align ?? 'left' }}>
                  {c.value(r, i)}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} style={{ textAlign: 'center' }}>
                （无明细）
              </td>
            </tr>
          )}
        </tbody>
        {totals && (
          <tfoot>
            <tr data-testid="print-totals">
              {columns.map((c, i) => (
                <td key={c.title} style={{ textAlign: c.align ?? 'left' }}>
                  {i === 0 ? '合计' : (totals[c.title] ?? '')}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
      {note && <div className="print-note">{note}</div>}
      <div className="print-signatures">
        {signatures.map((s) => (
          <div key={s} className="print-signature">
            <span>{s}签字：</span>
            <span className="print-signature-line" />
            <span>日期：</span>
            <span className="print-signature-date" />
          </div>
        ))}
      </div>
      <div className="print-footer">打印时间：{formatDateTime(new Date())}（北京时间）</div>
    </div>
  );
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
