import { useState, type ReactNode } from 'react';
import { Button, DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import type { ListState } from '../lib/hooks';

/** The filter widgets of the desk lists; each reads and writes one parameter of a `useList` query. */

interface SearchProps<T> {
  list: ListState<T>;
  /** the query parameter the text goes to */
  field?: string;
  placeholder: string;
  width: number;
  testId?: string;
  /** a 查询 button instead of the magnifier */
  enterButton?: ReactNode;
}

/** A search box that sends its text on Enter (or its button); it keeps what is typed meanwhile. */
export function SearchFilter<T>({ list, field = 'keyword', placeholder, width, testId, enterButton }: SearchProps<T>) {
  const [text, setText] = useState('');
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => list.setQuery({ [field]: v })}
      enterButton={enterButton}
      data-testid={testId}
    />
  );
}

/** 全部状态: a status select over `labels` (value -> label); another `field` (类型...) names its own placeholder. */
export function StatusFilter<T>({
  list,
  field = 'status',
  labels,
  testId,
  placeholder = '全部状态',
  width = 120,
}: {
  list: ListState<T>;
  field?: string;
  labels: Record<string, string>;
  testId: string;
  placeholder?: string;
  width?: number;
}) {
  return (
    <Select
      allowClear
      placeholder={placeholder}
      style={{ width }}
      options={Object.entries(labels).map(([value, label]) => ({ value, label }))}
      value={(list.query[field] as string | undefined) ?? undefined}
      onChange={(v) => list.setQuery({ [field]: v })}
      data-testid={testId}
    />
  );
}

/** 开始日期 – 结束日期, sent as `from` / `to` (YYYY-MM-DD). */
export function DateRangeFilter<T>({ list, testId }: { list: ListState<T>; testId: string }) {
  const q = list.query;
  const range = q.from && q.to ? ([dayjs(String(q.from)), dayjs(String(q.to))] as [dayjs.Dayjs, dayjs.Dayjs]) : null;
  return (
    <DatePicker.RangePicker
      allowClear
      style={{ width: 250 }}
      placeholder={['开始日期', '结束日期']}
      value={range}
      onChange={(v) => list.setQuery({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
      data-testid={testId}
    />
  );
}

/** 刷新: loads the list again with the same filters. */
export function ReloadButton<T>({ list, testId }: { list: ListState<T>; testId: string }) {
  return (
    <Button onClick={list.reload} data-testid={testId}>
      刷新
    </Button>
  );
}
