import { Select, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { BLIND_COUNT_MESSAGE, type StockView } from '@hongyuan/shared';
import { useList } from '../../lib/hooks';
import { useStockRefs } from '../../lib/stock';
import { ListTable } from '../../components/ListTable';
import { SearchFilter } from '../../components/Filters';
import { FilterBar, ViewHeader } from '../../components/ViewHeader';

/** Below its minimum: in the chosen warehouse, or over all warehouses (unknown while a blind count hides one). */
function isLow(s: StockView, warehouseId: number | undefined): boolean {
  if (s.minStock <= 0) return false;
  const qty = warehouseId ? (s.warehouses.find((w) => w.warehouseId === warehouseId)?.qty ?? 0) : s.total;
  return qty !== null && qty < s.minStock;
}

/** 盲盘: the warehouse is being counted blind and its quantity is not shown to this reader. */
function Hidden({ testId }: { testId?: string }) {
  return (
    <Tooltip title={BLIND_COUNT_MESSAGE}>
      <Tag data-testid={testId}>盲盘中</Tag>
    </Tooltip>
  );
}

/** 库存: each part's quantity per warehouse and in employees' hands, with low stock marked. */
export default function Stock() {
  const refs = useStockRefs();
  const list = useList<StockView>('/stock');
  const warehouseId = list.query.warehouseId as number | undefined;
  const warehouses = list.data.items[0]?.warehouses ?? refs.warehouses.map((w) => ({ warehouseId: w.id, warehouseName: w.name, qty: 0 }));

  const columns: ColumnsType<StockView> = [
    { title: '配件编号', dataIndex: 'partCode', width: 150, fixed: 'left' },
    { title: '配件名称', dataIndex: 'partName', width: 200, ellipsis: true, fixed: 'left' },
    { title: '型号', dataIndex: 'partModel', width: 120, ellipsis: true, render: (v: string) => v || '—' },
    { title: '规格', dataIndex: 'partSpec', width: 120, ellipsis: true, render: (v: string) => v || '—' },
    { title: '单位', dataIndex: 'unit', width: 56 },
    ...warehouses.map((w) => ({
      title: w.warehouseName,
      key: `w${w.warehouseId}`,
      width: 110,
      align: 'right' as const,
      render: (_: unknown, s: StockView) => {
        const cell = s.warehouses.find((x) => x.warehouseId === w.warehouseId);
        if (cell?.hidden) return <Hidden testId={`stock-hidden-${s.partId}-${w.warehouseId}`} />;
        const qty = cell?.qty ?? 0;
        // Stocked there but under the minimum (the same rule as 预警).
        return <span className={qty === 0 ? 'desk-muted' : qty < s.minStock ? 'desk-danger' : ''}>{qty}</span>;
      },
    })),
    {
      title: '仓库合计',
      dataIndex: 'total',
      width: 90,
      align: 'right',
      render: (v: number | null) => (v === null ? <span className="desk-muted">—</span> : <b>{v}</b>),
    },
    {
      title: '员工持有',
      dataIndex: 'held',
      width: 100,
      align: 'right',
      render: (v: number) => (v ? v : <span className="desk-muted">0</span>),
    },
    { title: '最低库存', dataIndex: 'minStock', width: 90, align: 'right' },
    {
      title: '状态',
      key: 'state',
      width: 110,
      fixed: 'right',
      render: (_v, s) => (isLow(s, warehouseId) ? <Tag color="error">低于最低库存</Tag> : <Tag color="success">正常</Tag>),
    },
  ];

  return (
    <div data-testid="view-stock">
      <ViewHeader title="库存" />
      <FilterBar>
        <SearchFilter
          list={list}
          placeholder="配件名称 / 别名 / 编码 / 条码 / 拼音首字母"
          width={300}
          enterButton="查询"
          testId="stock-search"
        />
        <Select
          allowClear
          placeholder="全部仓库"
          style={{ width: 160 }}
          options={refs.warehouseOptions}
          value={warehouseId}
          onChange={(id) => list.setQuery({ warehouseId: id })}
          data-testid="stock-filter-warehouse"
        />
        <span className="desk-hint">员工持有含已出库待签收的数量；选择仓库时只列该仓库有货的配件</span>
      </FilterBar>
      <ListTable<StockView>
        list={list}
        rowKey="partId"
        columns={columns}
        scroll={{ x: columns.reduce((sum, c) => sum + (Number(c.width) || 120), 0) }}
        rowClassName={(s) => (isLow(s, warehouseId) ? 'desk-row-low' : '')}
        locale={{ emptyText: list.query.keyword ? `没有与“${list.query.keyword}”匹配的配件` : '暂无库存' }}
        data-testid="stock-table"
      />
    </div>
  );
}
