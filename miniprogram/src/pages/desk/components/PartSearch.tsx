import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Select, Spin } from 'antd';
import { errorText } from '../lib/form';

interface Props<T> {
  value?: number | null;
  onChange?: (id: number | undefined) => void;
  /** Loads the matches of a keyword (name, alias, code, barcode or pinyin initials, and their synonyms). */
  search: (keyword: string) => Promise<T[]>;
  idOf: (item: T) => number;
  /** One line in the drop-down. */
  render: (item: T) => ReactNode;
  /** Shown in the box once picked. */
  labelOf: (item: T) => string;
  /** The picked item, so the caller can keep its details (spec, unit, stock). */
  onPick?: (item: T) => void;
  /** The label of the current value when it is not among the results (an opened draft). */
  currentLabel?: string;
  /** Already on other rows: shown but not selectable. */
  takenIds?: number[];
  placeholder?: string;
  disabled?: boolean;
  testId?: string;
  /** Changing this reloads the results (e.g. another warehouse). */
  scope?: string | number | null;
}

/** A remote part search for document lines: type a code, name or 拼音首字母, pick one. */
export function PartSearch<T>({
  value,
  onChange,
  search,
  idOf,
  render,
  labelOf,
  onPick,
  currentLabel,
  takenIds = [],
  placeholder = '输入名称 / 别名 / 编码 / 条码 / 拼音首字母搜索',
  disabled,
  testId,
  scope,
}: Props<T>) {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const load = (keyword: string) => {
    const n = ++seq.current;
    setLoading(true);
    setFailure(null);
    search(keyword)
      .then((r) => n === seq.current && setItems(r))
      .catch((e) => n === seq.current && setFailure(errorText(e)))
      .finally(() => n === seq.current && setLoading(false));
  };
  const onSearch = (keyword: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => load(keyword), 250);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  // Results of another scope are stale.
  useEffect(() => setItems([]), [scope]);

  const options = items.map((item) => ({
    value: idOf(item),
    label: labelOf(item),
    item,
    disabled: takenIds.includes(idOf(item)) && idOf(item) !== value,
  }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: currentLabel ?? `#${value}`, item: undefined as unknown as T, disabled: false });

  return (
    <Select
      showSearch
      allowClear
      value={value ?? undefined}
      placeholder={placeholder}
      disabled={disabled}
      filterOption={false}
      onSearch={onSearch}
      onOpenChange={(open) => open && !items.length && load('')}
      onChange={(id: number | undefined) => {
        onChange?.(id);
        const picked = items.find((i) => idOf(i) === id);
        if (picked) onPick?.(picked);
      }}
      notFoundContent={loading ? <Spin size="small" /> : (failure ?? '没有找到配件')}
      options={options}
      optionRender={(o) => (o.data.item ? render(o.data.item as T) : o.label)}
      popupMatchSelectWidth={520}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

/** One part in a search drop-down: name, code · spec, and optionally what can be taken. */
export function PartOption({ name, code, spec, extra }: { name: string; code: string; spec?: string; extra?: ReactNode }) {
  return (
    <div className="desk-part-option">
      <span>{name}</span>
      <span className="desk-muted">{[code, spec].filter(Boolean).join(' · ')}</span>
      {extra !== undefined && <span className="desk-part-option-qty">{extra}</span>}
    </div>
  );
}
