import { Tooltip } from 'antd';
import type { ColumnType, ColumnsType } from 'antd/es/table';
import type { Breakpoint } from 'antd/es/_util/responsiveObserver';
import type { ListState } from '../lib/hooks';
import { rowNumber } from '../lib/stock';

/** 序号 of a paged list: counts on from the rows of the pages before. */
export function seqColumn<T>(list: ListState<T>, width = 56): ColumnType<T> {
  return { title: '序号', key: 'n', width, render: (_v, _r, i) => rowNumber(list.query.page, list.query.pageSize, i) };
}

/** A document's number (出库单编号, 调回单编号...) as a link that opens it; test id `${testPrefix}-open-${id}`. */
export function docNoColumn<T extends { id: number; no: string }>(
  title: string,
  testPrefix: string,
  open: (id: number) => void,
): ColumnType<T> {
  return {
    title,
    dataIndex: 'no',
    width: 160,
    render: (no: string, r) => (
      <a onClick={() => open(r.id)} data-testid={`${testPrefix}-open-${r.id}`}>
        {no}
      </a>
    ),
  };
}

/** A long text cut to its column's width, whole in a tooltip. */
export function ellipsisText(v: string | null | undefined, empty = '—') {
  if (!v) return empty;
  return (
    <Tooltip title={v} placement="topLeft">
      <span>{v}</span>
    </Tooltip>
  );
}

/** What a column without a fixed width keeps at least (问题描述, 地址...), in CSS pixels. */
export const FLEX_MIN_WIDTH = 180;

/** The 操作 column (by key or by title): kept fixed on the right when the table scrolls. */
export function isActionColumn<T>(c: ColumnType<T>): boolean {
  return c.title === '操作' || c.key === 'actions' || c.key === 'ops' || c.key === 'op';
}

/**
 * The columns of a desk list fitted to its width:
 * - `responsive` columns the screen does not show do not count;
 * - a column without a width counts with its `minWidth` (or FLEX_MIN_WIDTH) — without this, a
 *   table of fixed-width columns squeezes 问题描述 or 地址 to nothing;
 * - a plain `ellipsis` column (no render of its own) shows its whole text in a tooltip;
 * - when the shown columns need more than `available`, scrollX is what they need and the 操作
 *   column stays fixed on the right; otherwise there is no sideways scrolling at all.
 */
export function fitColumns<T>(
  columns: ColumnsType<T>,
  screens: Partial<Record<Breakpoint, boolean>>,
  available: number,
): { columns: ColumnsType<T>; scrollX?: number } {
  const shown = (c: ColumnType<T>) => !c.responsive || c.responsive.some((bp) => screens[bp]);
  let need = 0;
  for (const c of columns as ColumnType<T>[]) {
    if (!shown(c)) continue;
    need += typeof c.width === 'number' ? c.width : typeof c.minWidth === 'number' ? c.minWidth : FLEX_MIN_WIDTH;
  }
  const overflow = available > 0 && need > available;
  const fitted = (columns as ColumnType<T>[]).map((c) => {
    let out: ColumnType<T> = c;
    if (c.ellipsis === true && !c.render) {
      out = { ...out, ellipsis: { showTitle: false }, render: (v: unknown) => ellipsisText(v == null ? '' : String(v)) };
    }
    if (overflow && isActionColumn(c) && !c.fixed) out = { ...out, fixed: 'right' };
    return out;
  });
  return { columns: fitted, scrollX: overflow ? need : undefined };
}
