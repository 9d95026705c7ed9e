import { Select } from 'antd';

/** 全部 / 启用 / 停用 filter for the `enabled` list parameter. */
export function EnabledFilter({ value, onChange }: { value: boolean | undefined; onChange: (v: boolean | undefined) => void }) {
  return (
    <Select
      style={{ width: 110 }}
      value={value === undefined ? 'all' : value ? 'yes' : 'no'}
      onChange={(v) => onChange(v === 'all' ? undefined : v === 'yes')}
      options={[
        { value: 'all', label: '全部状态' },
        { value: 'yes', label: '启用' },
        { value: 'no', label: '停用' },
      ]}
      data-testid="filter-enabled"
    />
  );
}
