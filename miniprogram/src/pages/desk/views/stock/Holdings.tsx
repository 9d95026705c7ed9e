import { useState } from 'react';
import { Empty, Input, Select } from 'antd';
import { useMe } from '../../lib/hooks';
import { readIdParam, writeViewParam } from '../../lib/location';
import { useStockRefs } from '../../lib/stock';
import { FilterBar, ViewHeader } from '../../components/ViewHeader';
import { HoldingsTable } from '../../components/HoldingsTable';

/** 员工持有: what an employee has in his hands; a row shows that part's comings and goings. */
export default function Holdings() {
  const me = useMe();
  const refs = useStockRefs();
  const [employeeId, setEmployeeId] = useState<number | null>(() => readIdParam('employee') ?? (refs.actsForOthers ? null : me.id));
  const [keyword, setKeyword] = useState('');
  const [search, setSearch] = useState('');
  const employee = refs.employee(employeeId);

  const pick = (id: number | null) => {
    setEmployeeId(id);
    writeViewParam('holdings', { employee: id });
  };

  return (
    <div data-testid="view-holdings">
      <ViewHeader title="员工持有" />
      <FilterBar>
        <Select
          showSearch
          allowClear
          placeholder="选择员工"
          optionFilterProp="label"
          style={{ width: 220 }}
          options={refs.employeeOptions}
          value={employeeId ?? undefined}
          onChange={(id) => pick(id ?? null)}
          loading={refs.loading}
          disabled={refs.employees.length <= 1}
          data-testid="holdings-employee"
        />
        <Input.Search
          allowClear
          placeholder="配件名称 / 别名 / 编码 / 条码 / 拼音首字母"
          style={{ width: 280 }}
          value={keyword}
          onChange={(e) => setKeyword(e.target.value)}
          onSearch={setSearch}
          disabled={!employeeId}
          data-testid="holdings-search"
        />
        <span className="desk-hint">点击一行查看该配件的领用、签收、退还、报损和工单用料记录</span>
      </FilterBar>
      {employeeId ? (
        <HoldingsTable employeeId={employeeId} employeeName={employee?.name} keyword={search} testId="holdings" />
      ) : (
        <Empty description="请选择员工，查看其持有的配件" style={{ marginTop: 48 }} />
      )}
    </div>
  );
}
