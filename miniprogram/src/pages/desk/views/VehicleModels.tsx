import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Space, Switch, Table, type FormInstance } from 'antd';
import { vehicleModelInput, type VehicleModelInput, type VehicleModelView } from '@hongyuan/shared';
import { api } from '../../../api/request';
import { useCan, useList } from '../lib/hooks';
import { parseForm, reportSaveError, zodRule } from '../lib/form';
import { tablePagination } from '../components/pagination';
import { StatusTag } from '../components/StatusTag';
import { ToggleEnabled } from '../components/ToggleEnabled';
import { EnabledFilter } from '../components/EnabledFilter';
import { FilterBar, ViewHeader } from '../components/ViewHeader';
import { FormModal } from '../components/FormModal';

const shape = vehicleModelInput.shape;

function toInput(m: VehicleModelView): VehicleModelInput {
  return { brand: m.brand, series: m.series, modelYear: m.modelYear, engine: m.engine, enabled: m.enabled };
}

export default function VehicleModels() {
  const { message } = App.useApp();
  const allowed = useCan();
  const list = useList<VehicleModelView>('/api/vehicle-models');
  const [editing, setEditing] = useState<VehicleModelView | 'new' | null>(null);
  const writable = allowed('vehicleModel.write');

  const save = async (values: VehicleModelInput, form: FormInstance<VehicleModelInput>) => {
    const data = parseForm(vehicleModelInput, { ...values, modelYear: values.modelYear ?? null }, form, message);
    if (!data) return false;
    try {
      if (editing === 'new') await api.post('/api/vehicle-models', data);
      else if (editing) await api.put(`/api/vehicle-models/${editing.id}`, data);
      message.success('已保存');
      list.reload();
      return true;
    } catch (e) {
      reportSaveError(e, form, message);
      return false;
    }
  };

  return (
    <div data-testid="view-vehicleModels">
      <ViewHeader
        title="车型管理"
        extra={
          writable && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="vehicle-model-new">
              新增车型
            </Button>
          )
        }
      />
      <FilterBar>
        <Input.Search
          allowClear
          placeholder="品牌 / 车系 / 发动机"
          style={{ width: 280 }}
          onSearch={(keyword) => list.setQuery({ keyword })}
          data-testid="vehicle-model-search"
        />
        <EnabledFilter value={list.query.enabled as boolean | undefined} onChange={(enabled) => list.setQuery({ enabled })} />
      </FilterBar>
      <Table<VehicleModelView>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data.items}
        pagination={tablePagination(list)}
        columns={[
          { title: '品牌', dataIndex: 'brand', width: 160 },
          { title: '车系', dataIndex: 'series', width: 200 },
          { title: '年款', dataIndex: 'modelYear', width: 100, render: (v: number | null) => (v ? `${v}款` : '—') },
          { title: '发动机/排量', dataIndex: 'engine', width: 160, render: (v: string) => v || '—' },
          { title: '车型全称', dataIndex: 'name' },
          { title: '状态', dataIndex: 'enabled', width: 90, render: (v: boolean) => <StatusTag enabled={v} /> },
          ...(writable
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 140,
                  render: (_: unknown, m: VehicleModelView) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(m)}>
                        编辑
                      </Button>
                      <ToggleEnabled
                        enabled={m.enabled}
                        what={`车型“${m.name}”`}
                        onChange={(enabled) => api.put(`/api/vehicle-models/${m.id}`, { ...toInput(m), enabled }).then(list.reload)}
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<VehicleModelInput>
        open={editing !== null}
        title={editing === 'new' ? '新增车型' : '编辑车型'}
        onSave={save}
        onClose={() => setEditing(null)}
        testId="vehicle-model-form"
        initialValues={editing && editing !== 'new' ? toInput(editing) : { enabled: true }}
      >
        <Form.Item name="brand" label="品牌" required rules={[zodRule(shape.brand)]}>
          <Input maxLength={30} placeholder="例如 大众" data-testid="vehicle-model-brand" />
        </Form.Item>
        <Form.Item name="series" label="车系" required rules={[zodRule(shape.series)]}>
          <Input maxLength={50} placeholder="例如 朗逸" data-testid="vehicle-model-series" />
        </Form.Item>
        <Form.Item name="modelYear" label="年款" rules={[zodRule(shape.modelYear)]}>
          <InputNumber
            min={1980}
            max={new Date().getFullYear() + 1}
            precision={0}
            style={{ width: 160 }}
            placeholder="例如 2021"
            data-testid="vehicle-model-year"
          />
        </Form.Item>
        <Form.Item name="engine" label="发动机/排量" rules={[zodRule(shape.engine)]}>
          <Input maxLength={50} placeholder="例如 1.5L" data-testid="vehicle-model-engine" />
        </Form.Item>
        <Form.Item name="enabled" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
      </FormModal>
    </div>
  );
}
