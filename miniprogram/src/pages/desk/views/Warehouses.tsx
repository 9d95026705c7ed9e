import { useState } from 'react';
import { App, Button, Form, Input, Select, Space, Switch, Table, Tag, type FormInstance } from 'antd';
import { warehouseInput, type EmployeeView, type WarehouseInput, type WarehouseView } from '@hongyuan/shared';
import { api } from '../../../api/request';
import { useCan, useList, useOptions } from '../lib/hooks';
import { parseForm, reportSaveError, zodRule } from '../lib/form';
import { tablePagination } from '../components/pagination';
import { StatusTag } from '../components/StatusTag';
import { ToggleEnabled } from '../components/ToggleEnabled';
import { EnabledFilter } from '../components/EnabledFilter';
import { FilterBar, ViewHeader } from '../components/ViewHeader';
import { FormModal } from '../components/FormModal';

const shape = warehouseInput.shape;

function toInput(w: WarehouseView): WarehouseInput {
  return { name: w.name, address: w.address, keeperIds: w.keepers.map((k) => k.id), enabled: w.enabled };
}

export default function Warehouses() {
  const { message } = App.useApp();
  const allowed = useCan();
  const writable = allowed('warehouse.manage');
  const list = useList<WarehouseView>('/api/warehouses');
  const keepers = useOptions<EmployeeView>(writable ? '/api/employees' : null, { role: 'keeper', enabled: true });
  const [editing, setEditing] = useState<WarehouseView | 'new' | null>(null);

  // Keepers already assigned stay selectable even if disabled or no longer keepers.
  const keeperOptions = (() => {
    const opts = keepers.items.map((k) => ({ value: k.id, label: `${k.name}（${k.phone}）` }));
    if (editing && editing !== 'new') {
      for (const k of editing.keepers) if (!opts.some((o) => o.value === k.id)) opts.push({ value: k.id, label: k.name });
    }
    return opts;
  })();

  const save = async (values: WarehouseInput, form: FormInstance<WarehouseInput>) => {
    const data = parseForm(warehouseInput, { ...values, keeperIds: values.keeperIds ?? [] }, form, message);
    if (!data) return false;
    try {
      if (editing === 'new') await api.post('/api/warehouses', data);
      else if (editing) await api.put(`/api/warehouses/${editing.id}`, data);
      message.success('已保存');
      list.reload();
      return true;
    } catch (e) {
      reportSaveError(e, form, message);
      return false;
    }
  };

  return (
    <div data-testid="view-warehouses">
      <ViewHeader
        title="仓库管理"
        extra={
          writable && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="warehouse-new">
              新增仓库
            </Button>
          )
        }
      />
      <FilterBar>
        <Input.Search allowClear placeholder="仓库名称 / 地址" style={{ width: 260 }} onSearch={(keyword) => list.setQuery({ keyword })} />
        <EnabledFilter value={list.query.enabled as boolean | undefined} onChange={(enabled) => list.setQuery({ enabled })} />
      </FilterBar>
      <Table<WarehouseView>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data.items}
        pagination={tablePagination(list)}
        columns={[
          { title: '仓库名称', dataIndex: 'name', width: 200 },
          { title: '地址', dataIndex: 'address', render: (v: string) => v || '—' },
          {
            title: '库管（任一人审批即可）',
            dataIndex: 'keepers',
            width: 320,
            render: (ks: WarehouseView['keepers']) =>
              ks.length ? ks.map((k) => <Tag key={k.id}>{k.name}</Tag>) : <span className="desk-muted">未指定</span>,
          },
          { title: '状态', dataIndex: 'enabled', width: 90, render: (v: boolean) => <StatusTag enabled={v} /> },
          ...(writable
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 140,
                  render: (_: unknown, w: WarehouseView) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(w)} data-testid={`warehouse-edit-${w.id}`}>
                        编辑
                      </Button>
                      <ToggleEnabled
                        enabled={w.enabled}
                        what={`仓库“${w.name}”`}
                        onChange={(enabled) => api.put(`/api/warehouses/${w.id}`, { ...toInput(w), enabled }).then(list.reload)}
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<WarehouseInput>
        open={editing !== null}
        title={editing === 'new' ? '新增仓库' : '编辑仓库'}
        onSave={save}
        onClose={() => setEditing(null)}
        testId="warehouse-form"
        initialValues={editing && editing !== 'new' ? toInput(editing) : { enabled: true, keeperIds: [] }}
      >
        <Form.Item name="name" label="仓库名称" required rules={[zodRule(shape.name)]}>
          <Input maxLength={50} placeholder="例如 总仓" />
        </Form.Item>
        <Form.Item name="address" label="地址" rules={[zodRule(shape.address)]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="keeperIds" label="库管" extra="领用单、调回单由这些库管中的任一人审批（或签）">
          <Select
            mode="multiple"
            placeholder="选择库管"
            options={keeperOptions}
            loading={keepers.loading}
            optionFilterProp="label"
            data-testid="warehouse-keepers"
          />
        </Form.Item>
        <Form.Item name="enabled" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
      </FormModal>
    </div>
  );
}
