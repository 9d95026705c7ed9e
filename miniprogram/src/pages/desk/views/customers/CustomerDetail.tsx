import { useCallback, useEffect, useState } from 'react';
import { App, Button, Descriptions, Drawer, Empty, List, Space, Spin, Table, Tag } from 'antd';
import { CUSTOMER_KIND_LABELS, type CustomerView, type PriceLevelView, type VehicleModelView, type VehicleView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { errorText } from '../../lib/form';
import { useDeskNav } from '../../lib/nav';
import { StatusTag } from '../../components/StatusTag';
import { ToggleEnabled } from '../../components/ToggleEnabled';
import { VehicleForm } from './VehicleForm';
import { vehicleToInput } from './customerInput';

interface Props {
  /** null: closed */
  customerId: number | null;
  onClose: () => void;
  onEdit: (id: number) => void;
  /** something changed (vehicles): the list refreshes its plates */
  onChanged: () => void;
  writable: boolean;
  priceLevels: PriceLevelView[];
  vehicleModels: VehicleModelView[];
  /** bump to reload after an edit elsewhere */
  version: number;
}

/** 客户详情: base data, contacts, addresses and the customer's vehicles (add / edit). */
export function CustomerDetail({ customerId, onClose, onEdit, onChanged, writable, priceLevels, vehicleModels, version }: Props) {
  const { message } = App.useApp();
  const [customer, setCustomer] = useState<CustomerView | null>(null);
  const [vehicle, setVehicle] = useState<VehicleView | 'new' | null>(null);
  const nav = useDeskNav();

  const load = useCallback(
    async (id: number) => {
      try {
        setCustomer(await api.get<CustomerView>(`/api/customers/${id}`));
      } catch (e) {
        message.error(errorText(e));
      }
    },
    [message],
  );

  useEffect(() => {
    setCustomer(null);
    if (customerId !== null) load(customerId);
  }, [customerId, version, load]);

  const levelName = (id: number | null) => (id ? (priceLevels.find((l) => l.id === id)?.name ?? `#${id}`) : '默认（销售价）');

  return (
    <Drawer
      open={customerId !== null}
      title={customer ? `客户详情：${customer.name}` : '客户详情'}
      width={1000}
      onClose={onClose}
      extra={
        writable && customer ? (
          <Button type="primary" onClick={() => onEdit(customer.id)} data-testid="customer-detail-edit">
            编辑客户
          </Button>
        ) : null
      }
    >
      {!customer ? (
        <div className="desk-center">
          <Spin />
        </div>
      ) : (
        <div data-testid="customer-detail">
          <Descriptions size="small" bordered column={3}>
            <Descriptions.Item label="客户名称">{customer.name}</Descriptions.Item>
            <Descriptions.Item label="类型">{CUSTOMER_KIND_LABELS[customer.kind]}</Descriptions.Item>
            <Descriptions.Item label="拼音首字母">{customer.pinyin || '—'}</Descriptions.Item>
            <Descriptions.Item label="价格等级">{levelName(customer.priceLevelId)}</Descriptions.Item>
            <Descriptions.Item label="税号">{customer.taxNumber || '—'}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <StatusTag enabled={customer.enabled} />
            </Descriptions.Item>
            <Descriptions.Item label="备注" span={2}>
              {customer.remark || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="创建时间">
              {customer.createdAt ? new Date(customer.createdAt).toLocaleString('zh-CN', { hour12: false }) : '—'}
            </Descriptions.Item>
          </Descriptions>

          <div className="desk-section-title">联系人</div>
          <List
            size="small"
            bordered
            dataSource={customer.contacts}
            locale={{ emptyText: '暂无联系人' }}
            renderItem={(c) => (
              <List.Item>
                <Space>
                  <span>{c.name}</span>
                  <span>{c.phone}</span>
                  {c.isPrimary && <Tag color="blue">主联系人</Tag>}
                </Space>
              </List.Item>
            )}
          />

          <div className="desk-section-title">地址</div>
          <List
            size="small"
            bordered
            dataSource={customer.addresses}
            locale={{ emptyText: '暂无地址' }}
            renderItem={(a) => (
              <List.Item>
                <Space>
                  <span>{a.address}</span>
                  {a.isDefault && <Tag color="blue">默认</Tag>}
                </Space>
              </List.Item>
            )}
          />

          <div className="desk-section-title">
            <span>车辆（{customer.vehicles.length}）</span>
            {writable && (
              <Button size="small" type="primary" ghost onClick={() => setVehicle('new')} data-testid="vehicle-add">
                添加车辆
              </Button>
            )}
          </div>
          <Table<VehicleView>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={customer.vehicles}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有车辆" /> }}
            data-testid="customer-vehicles"
            columns={[
              {
                title: '车牌号',
                dataIndex: 'plate',
                width: 120,
                render: (p: string, v: VehicleView) => (
                  <a
                    onClick={() => nav('vehicleHistory', { vehicle: v.id, plate: p })}
                    title="查看一车一档"
                    data-testid={`customer-vehicle-history-${p}`}
                  >
                    {p}
                  </a>
                ),
              },
              { title: '车架号', dataIndex: 'vin', width: 190, render: (v: string) => v || '—' },
              { title: '品牌', dataIndex: 'brand', width: 100, render: (v: string) => v || '—' },
              { title: '车型', dataIndex: 'vehicleModelName', render: (v: string | null) => v || '—' },
              { title: '年份', dataIndex: 'year', width: 70, render: (v: number | null) => v ?? '—' },
              {
                title: '里程(公里)',
                dataIndex: 'mileage',
                width: 100,
                align: 'right',
                render: (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN')),
              },
              { title: '状态', dataIndex: 'enabled', width: 70, render: (v: boolean) => <StatusTag enabled={v} /> },
              ...(writable
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      width: 120,
                      render: (_: unknown, v: VehicleView) => (
                        <Space size={0}>
                          <Button type="link" size="small" onClick={() => setVehicle(v)}>
                            编辑
                          </Button>
                          <ToggleEnabled
                            enabled={v.enabled}
                            what={`车辆“${v.plate}”`}
                            onChange={async (enabled) => {
                              await api.put(`/api/vehicles/${v.id}`, { ...vehicleToInput(v), enabled });
                              await load(customer.id);
                              onChanged();
                            }}
                          />
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <VehicleForm
            customerId={customer.id}
            vehicle={vehicle}
            vehicleModels={vehicleModels}
            onClose={() => setVehicle(null)}
            onSaved={() => {
              load(customer.id);
              onChanged();
            }}
          />
        </div>
      )}
    </Drawer>
  );
}
