import { useState } from 'react';
import { Button, Select, Space, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PART_CATEGORIES, formatYuan, type PartView, type PriceLevelView, type VehicleModelView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useCan, useList, useOptions } from '../../lib/hooks';
import { download } from '../../lib/query';
import { ListTable } from '../../components/ListTable';
import { SearchFilter } from '../../components/Filters';
import { StatusTag } from '../../components/StatusTag';
import { ToggleEnabled } from '../../components/ToggleEnabled';
import { EnabledFilter } from '../../components/EnabledFilter';
import { FilterBar } from '../../components/ViewHeader';
import { ImportExportHeader } from '../../components/ImportExportHeader';
import { PartForm } from './PartForm';
import { partToInput } from './partInput';

export default function Parts() {
  const allowed = useCan();
  const writable = allowed('part.write');
  const canCost = allowed('part.cost');
  const list = useList<PartView>('/api/parts');
  const vehicleModels = useOptions<VehicleModelView>('/api/vehicle-models', { enabled: true });
  const priceLevels = useOptions<PriceLevelView>(writable ? '/api/price-levels' : null);
  const [editing, setEditing] = useState<number | 'new' | null>(null);

  const toggle = async (p: PartView, enabled: boolean) => {
    const fresh = await api.get<PartView>(`/api/parts/${p.id}`);
    await api.put(`/api/parts/${p.id}`, { ...partToInput(fresh), enabled });
    list.reload();
  };

  const filters = {
    keyword: list.query.keyword,
    category: list.query.category,
    vehicleModelId: list.query.vehicleModelId,
    enabled: list.query.enabled,
  };

  const columns: ColumnsType<PartView> = [
    { title: '配件编号', dataIndex: 'code', width: 140, fixed: 'left' },
    {
      title: '配件名称',
      dataIndex: 'name',
      width: 170,
      fixed: 'left',
      ellipsis: true,
      render: (v: string, p: PartView) =>
        p.aliases ? (
          <Tooltip title={`别名：${p.aliases}`}>
            <span>{v}</span>
            <div className="desk-muted" data-testid="part-aliases-cell">
              {p.aliases}
            </div>
          </Tooltip>
        ) : (
          v
        ),
    },
    { title: '型号', dataIndex: 'model', width: 110, ellipsis: true, render: (v: string) => v || '—' },
    { title: '规格', dataIndex: 'spec', width: 110, ellipsis: true, render: (v: string) => v || '—' },
    { title: '单位', dataIndex: 'unit', width: 56 },
    { title: '分类', dataIndex: 'category', width: 86 },
    { title: '销售价', dataIndex: 'salePrice', width: 100, align: 'right', render: (v: number) => formatYuan(v) },
    ...(canCost
      ? [
          {
            title: '成本价',
            dataIndex: 'costPrice',
            width: 100,
            align: 'right' as const,
            render: (v?: number) => (v === undefined ? '—' : formatYuan(v)),
          },
        ]
      : []),
    {
      title: '等级价',
      dataIndex: 'prices',
      width: 170,
      ellipsis: true,
      render: (ps: PartView['prices']) =>
        ps.length ? (
          <Tooltip title={ps.map((x) => `${x.priceLevelName} ${formatYuan(x.price)}`).join('；')}>
            {ps.map((x) => `${x.priceLevelName} ${formatYuan(x.price)}`).join('；')}
          </Tooltip>
        ) : (
          <span className="desk-muted">按销售价</span>
        ),
    },
    { title: '税率', dataIndex: 'taxRate', width: 60, align: 'right', render: (v: number) => `${v}%` },
    { title: '最低库存', dataIndex: 'minStock', width: 80, align: 'right' },
    {
      title: '适用车型',
      dataIndex: 'vehicleModels',
      width: 200,
      ellipsis: true,
      render: (ms: PartView['vehicleModels']) =>
        ms.length ? (
          <Tooltip title={ms.map((m) => m.name).join('、')}>{ms.map((m) => m.name).join('、')}</Tooltip>
        ) : (
          <span className="desk-muted">通用</span>
        ),
    },
    { title: '状态', dataIndex: 'enabled', width: 70, render: (v: boolean) => <StatusTag enabled={v} /> },
  ];
  if (writable) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_: unknown, p: PartView) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(p.id)} data-testid={`part-edit-${p.id}`}>
            编辑
          </Button>
          <ToggleEnabled enabled={p.enabled} what={`配件“${p.name}”`} onChange={(enabled) => toggle(p, enabled)} />
        </Space>
      ),
    });
  }

  return (
    <div data-testid="view-parts">
      <ImportExportHeader
        entity={{ title: '配件管理', noun: '配件', path: '/api/parts', testPrefix: 'part' }}
        writable={writable}
        onNew={() => setEditing('new')}
        onImported={list.reload}
        extra={
          <Button onClick={() => download('/api/parts/import-template')} data-testid="part-template">
            下载导入模板
          </Button>
        }
        exportQuery={filters}
      />
      <FilterBar>
        <SearchFilter list={list} placeholder="名称 / 别名 / 编码 / 条码 / 拼音首字母" width={300} testId="part-search" />
        <Select
          allowClear
          placeholder="全部分类"
          style={{ width: 130 }}
          options={PART_CATEGORIES.map((c) => ({ value: c, label: c }))}
          value={(list.query.category as string | undefined) ?? undefined}
          onChange={(category) => list.setQuery({ category })}
          data-testid="part-filter-category"
        />
        <Select
          allowClear
          showSearch
          placeholder="全部车型"
          style={{ width: 260 }}
          optionFilterProp="label"
          loading={vehicleModels.loading}
          options={vehicleModels.items.map((m) => ({ value: m.id, label: m.name }))}
          value={(list.query.vehicleModelId as number | undefined) ?? undefined}
          onChange={(vehicleModelId) => list.setQuery({ vehicleModelId })}
          data-testid="part-filter-model"
        />
        <EnabledFilter value={list.query.enabled as boolean | undefined} onChange={(enabled) => list.setQuery({ enabled })} />
      </FilterBar>
      <ListTable<PartView>
        list={list}
        scroll={{ x: columns.reduce((sum, c) => sum + (Number(c.width) || 120), 0) }}
        columns={columns}
        data-testid="part-table"
      />
      <PartForm
        partId={editing}
        onClose={() => setEditing(null)}
        onSaved={list.reload}
        vehicleModels={vehicleModels.items}
        priceLevels={priceLevels.items}
        canCost={canCost}
      />
    </div>
  );
}
