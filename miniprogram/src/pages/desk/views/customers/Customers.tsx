import { useState } from 'react';
import { Button, Grid, Space, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  CUSTOMER_KIND_LABELS,
  type CustomerListItem,
  type CustomerView,
  type PriceLevelView,
  type VehicleModelView,
} from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useCan, useList, useOptions } from '../../lib/hooks';
import { ListTable } from '../../components/ListTable';
import { SearchFilter } from '../../components/Filters';
import { StatusTag } from '../../components/StatusTag';
import { ToggleEnabled } from '../../components/ToggleEnabled';
import { EnabledFilter } from '../../components/EnabledFilter';
import { FilterBar } from '../../components/ViewHeader';
import { ellipsisText } from '../../components/listColumns';
import { ImportExportHeader } from '../../components/ImportExportHeader';
import { CustomerForm } from './CustomerForm';
import { CustomerDetail } from './CustomerDetail';
import { customerToInput } from './customerInput';

export default function Customers() {
  const allowed = useCan();
  const writable = allowed('customer.write');
  const list = useList<CustomerListItem>('/api/customers');
  const priceLevels = useOptions<PriceLevelView>('/api/price-levels');
  const vehicleModels = useOptions<VehicleModelView>('/api/vehicle-models', { enabled: true });
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [detail, setDetail] = useState<number | null>(null);
  const [detailVersion, setDetailVersion] = useState(0);

  const toggle = async (c: CustomerListItem, enabled: boolean) => {
    const fresh = await api.get<CustomerView>(`/api/customers/${c.id}`);
    await api.put(`/api/customers/${c.id}`, { ...customerToInput(fresh), enabled });
    list.reload();
  };

  const wide = !!Grid.useBreakpoint().xxl;
  const platesShown = wide ? 3 : 2;
  const columns: ColumnsType<CustomerListItem> = [
    {
      title: '客户名称',
      dataIndex: 'name',
      width: 180,
      ellipsis: true,
      render: (name: string, c) => (
        <a onClick={() => setDetail(c.id)} data-testid={`customer-open-${c.id}`}>
          {name}
        </a>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 64, render: (k: CustomerListItem['kind']) => CUSTOMER_KIND_LABELS[k] ?? k },
    { title: '联系人', dataIndex: 'contactName', width: 90, ellipsis: { showTitle: false }, render: (v: string) => ellipsisText(v) },
    { title: '电话', dataIndex: 'contactPhone', width: 124, render: (v: string) => v || '—' },
    { title: '地址', dataIndex: 'address', ellipsis: { showTitle: false }, minWidth: 200, render: (v: string) => ellipsisText(v) },
    {
      title: '车牌',
      dataIndex: 'plates',
      // two plates (and 等 N 辆) at 1366 px, three from 1600 px on
      width: wide ? 270 : 190,
      render: (plates: string[]) =>
        plates.length ? (
          <span className="desk-plates">
            {plates.slice(0, platesShown).map((p) => (
              <Tag key={p}>{p}</Tag>
            ))}
            {plates.length > platesShown && <Tooltip title={plates.slice(platesShown).join('、')}>等 {plates.length} 辆</Tooltip>}
          </span>
        ) : (
          <span className="desk-muted">无</span>
        ),
    },
    {
      title: '价格等级',
      dataIndex: 'priceLevelName',
      width: 90,
      responsive: ['xxl'],
      render: (v: string | null) => v || <span className="desk-muted">默认</span>,
    },
    { title: '状态', dataIndex: 'enabled', width: 64, render: (v: boolean) => <StatusTag enabled={v} /> },
    {
      title: '操作',
      key: 'actions',
      width: writable ? 156 : 64,
      render: (_: unknown, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(c.id)}>
            详情
          </Button>
          {writable && (
            <>
              <Button type="link" size="small" onClick={() => setEditing(c.id)} data-testid={`customer-edit-${c.id}`}>
                编辑
              </Button>
              <ToggleEnabled enabled={c.enabled} what={`客户“${c.name}”`} onChange={(enabled) => toggle(c, enabled)} />
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="view-customers">
      <ImportExportHeader
        entity={{ title: '客户管理', noun: '客户', path: '/api/customers', testPrefix: 'customer' }}
        writable={writable}
        onNew={() => setEditing('new')}
        onImported={list.reload}
        exportQuery={{ keyword: list.query.keyword, enabled: list.query.enabled }}
        exportable={allowed('customer.export')}
      />
      <FilterBar>
        <SearchFilter
          list={list}
          placeholder="客户名称 / 电话 / 车牌 / 拼音首字母"
          width={340}
          enterButton="查询"
          testId="customer-search"
        />
        <EnabledFilter value={list.query.enabled as boolean | undefined} onChange={(enabled) => list.setQuery({ enabled })} />
      </FilterBar>
      <ListTable<CustomerListItem>
        list={list}
        columns={columns}
        empty={
          list.query.keyword
            ? `没有找到与“${list.query.keyword}”匹配的客户，可换个关键字（名称、电话、车牌或拼音首字母）`
            : writable
              ? '暂无客户，点击右上角「新增客户」添加，或用「导入」从 Excel 批量导入'
              : '暂无客户'
        }
        data-testid="customer-table"
      />
      <CustomerForm
        customerId={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          list.reload();
          setDetailVersion((v) => v + 1);
        }}
        priceLevels={priceLevels.items}
        vehicleModels={vehicleModels.items}
      />
      <CustomerDetail
        customerId={detail}
        onClose={() => setDetail(null)}
        onEdit={(id) => setEditing(id)}
        onChanged={list.reload}
        writable={writable}
        priceLevels={priceLevels.items}
        vehicleModels={vehicleModels.items}
        version={detailVersion}
      />
    </div>
  );
}
