import { Select } from 'antd';
import type { ListState } from '../lib/hooks';
import type { StockRefs } from '../lib/stock';
import { FilterBar } from './ViewHeader';
import { DateRangeFilter, SearchFilter, StatusFilter } from './Filters';

interface Props<T> {
  list: ListState<T>;
  refs: StockRefs;
  /** status value -> label */
  statuses: Record<string, string>;
  /** the view's test id prefix ("requisition") */
  testId: string;
  /** show the employee filter (lists of documents about employees) */
  byEmployee?: boolean;
  keywordHint?: string;
  extra?: React.ReactNode;
}

/** 单号/备注 search, 状态, 员工, 仓库 and a date range, for the document lists. */
export function DocFilters<T>({ list, refs, statuses, testId, byEmployee = true, keywordHint = '单号 / 备注', extra }: Props<T>) {
  const q = list.query;
  return (
    <FilterBar>
      <SearchFilter list={list} placeholder={keywordHint} width={220} testId={`${testId}-search`} />
      <StatusFilter list={list} labels={statuses} testId={`${testId}-filter-status`} />
      {byEmployee && refs.employees.length > 1 && (
        <Select
          allowClear
          showSearch
          placeholder="全部员工"
          style={{ width: 170 }}
          optionFilterProp="label"
          options={refs.employeeOptions}
          value={(q.employeeId as number | undefined) ?? undefined}
          onChange={(employeeId) => list.setQuery({ employeeId })}
          data-testid={`${testId}-filter-employee`}
        />
      )}
      <Select
        allowClear
        placeholder="全部仓库"
        style={{ width: 150 }}
        options={refs.warehouseOptions}
        value={(q.warehouseId as number | undefined) ?? undefined}
        onChange={(warehouseId) => list.setQuery({ warehouseId })}
        data-testid={`${testId}-filter-warehouse`}
      />
      <DateRangeFilter list={list} testId={`${testId}-filter-dates`} />
      {extra}
    </FilterBar>
  );
}
