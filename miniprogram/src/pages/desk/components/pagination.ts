import type { TablePaginationConfig } from 'antd';
import { PAGE_SIZES } from '@hongyuan/shared';
import type { ListState } from '../lib/hooks';

/** Desk paging: "共 N 条", "30条/页", "前往 N 页". */
export function tablePagination<T>(list: ListState<T>): TablePaginationConfig {
  return {
    current: list.query.page,
    pageSize: list.query.pageSize,
    total: list.data.total,
    showTotal: (total) => `共 ${total} 条`,
    showQuickJumper: true,
    showSizeChanger: {
      options: PAGE_SIZES.map((v) => ({ value: v, label: `${v}条/页` })),
    },
    pageSizeOptions: PAGE_SIZES,
    onChange: (page, pageSize) => {
      if (pageSize !== list.query.pageSize) list.setQuery({ page: 1, pageSize });
      else list.setQuery({ page });
    },
  };
}
