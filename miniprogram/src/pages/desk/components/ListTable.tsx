import { Table, type TableProps } from 'antd';
import type { ListState } from '../lib/hooks';
import { tablePagination } from './pagination';

type Props<T> = { list: ListState<T> } & Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'>;

/** The table of a paged desk list: the rows of `list`, its loading state and the desk paging. */
export function ListTable<T extends object>({ list, ...rest }: Props<T>) {
  return (
    <Table<T> rowKey="id" size="small" loading={list.loading} dataSource={list.data.items} pagination={tablePagination(list)} {...rest} />
  );
}
