import { useState } from 'react';
import { DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import type { ListState } from '../lib/hooks';
import type { StockRefs } from '../lib/stock';
import { FilterBar } from './ViewHeader';

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
  const [keyword, setKeyword] = useState('');
  const q = list.query;
  const range = q.from && q.to ? ([dayjs(String(q.from)), dayjs(String(q.to))] as [dayjs.Dayjs, dayjs.Dayjs]) : null;
  return (
    <FilterBar>
      <Input.Search
        allowClear
        placeholder={keywordHint}
        style={{ width: 220 }}
        value={keyword}
        onChange={(e) => setKeyword(e.target.value)}
        onSearch={(v) => list.setQuery({ keyword: v })}
        data-testid={`${testId}-search`}
      />
      <Select
        allowClear
        placeholder="全部状态"
        style={{ width: 120 }}
        options={Object.entries(statuses).map(([value, label]) => ({ value, label }))}
        value={(q.status as string | undefined) ?? undefined}
        onChange={(status) => list.setQuery({ status })}
        data-testid={`${testId}-filter-status`}
      />
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
      <DatePicker.RangePicker
        allowClear
        style={{ width: 250 }}
        placeholder={['开始日期', '结束日期']}
        value={range}
        onChange={(v) => list.setQuery({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
        data-testid={`${testId}-filter-dates`}
      />
      {extra}
    </FilterBar>
  );
}
