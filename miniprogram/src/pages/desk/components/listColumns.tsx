import type { ColumnType } from 'antd/es/table';
import type { ListState } from '../lib/hooks';
import { rowNumber } from '../lib/stock';

/** 序号 of a paged list: counts on from the rows of the pages before. */
export function seqColumn<T>(list: ListState<T>, width = 64): ColumnType<T> {
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
    width: 170,
    render: (no: string, r) => (
      <a onClick={() => open(r.id)} data-testid={`${testPrefix}-open-${r.id}`}>
        {no}
      </a>
    ),
  };
}
