import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Grid, Table, type TableProps } from 'antd';
import { fitColumns } from './listColumns';
import type { ListState } from '../lib/hooks';
import { tablePagination } from './pagination';

type Props<T> = {
  list: ListState<T>;
  /**
   * What the empty table says: what to do next (暂无工单，点击右上角「新建工单」创建). A view's
   * own `locale.emptyText` wins.
   */
  empty?: ReactNode;
} & Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'>;

/** The width the element has, following window and layout changes (0 until measured). */
function useWidth(ref: React.RefObject<HTMLElement>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    if (typeof ResizeObserver === 'undefined') {
      window.addEventListener('resize', measure);
      return () => window.removeEventListener('resize', measure);
    }
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

/**
 * The table of a paged desk list: the rows of `list`, its loading state and the desk paging.
 * Columns are fitted to the screen (listColumns fitColumns): long text is cut with a tooltip,
 * a column without a width keeps a readable minimum, and only when the columns the screen
 * shows cannot fit does the table scroll sideways, with 操作 kept fixed on the right.
 */
export function ListTable<T extends object>({ list, columns, empty, locale, scroll, ...rest }: Props<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  const screens = Grid.useBreakpoint();
  const fitted = fitColumns(columns ?? [], screens, width);
  return (
    <div ref={ref} className="desk-list-table">
      <Table<T>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data.items}
        pagination={tablePagination(list)}
        columns={fitted.columns}
        scroll={fitted.scrollX ? { ...scroll, x: fitted.scrollX } : scroll}
        locale={{ emptyText: empty ?? '暂无数据', ...locale }}
        {...rest}
      />
    </div>
  );
}
