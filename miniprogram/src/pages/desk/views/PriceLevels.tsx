import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Space, Switch, Table, type FormInstance } from 'antd';
import { priceLevelInput, type PriceLevelInput, type PriceLevelView } from '@hongyuan/shared';
import { api } from '../../../api/request';
import { useCan, useList } from '../lib/hooks';
import { parseForm, reportSaveError, zodRule } from '../lib/form';
import { tablePagination } from '../components/pagination';
import { StatusTag } from '../components/StatusTag';
import { ToggleEnabled } from '../components/ToggleEnabled';
import { EnabledFilter } from '../components/EnabledFilter';
import { FilterBar, ViewHeader } from '../components/ViewHeader';
import { FormModal } from '../components/FormModal';

const shape = priceLevelInput.shape;

export default function PriceLevels() {
  const { message } = App.useApp();
  const allowed = useCan();
  const list = useList<PriceLevelView>('/api/price-levels');
  const [editing, setEditing] = useState<PriceLevelView | 'new' | null>(null);
  const writable = allowed('priceLevel.write');

  const save = async (values: PriceLevelInput, form: FormInstance<PriceLevelInput>) => {
    const data = parseForm(priceLevelInput, { ...values, sort: values.sort ?? 0 }, form, message);
    if (!data) return false;
    try {
      if (editing === 'new') await api.post('/api/price-levels', data);
      else if (editing) await api.put(`/api/price-levels/${editing.id}`, data);
      message.success('已保存');
      list.reload();
      return true;
    } catch (e) {
      reportSaveError(e, form, message);
      return false;
    }
  };

  return (
    <div data-testid="view-priceLevels">
      <ViewHeader
        title="价格等级"
        extra={
          writable && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="price-level-new">
              新增价格等级
            </Button>
          )
        }
      />
      <FilterBar>
        <Input.Search allowClear placeholder="等级名称" style={{ width: 260 }} onSearch={(keyword) => list.setQuery({ keyword })} />
        <EnabledFilter value={list.query.enabled as boolean | undefined} onChange={(enabled) => list.setQuery({ enabled })} />
        <span className="desk-hint">客户按价格等级取配件价格；配件未设该等级价格时按销售价。</span>
      </FilterBar>
      <Table<PriceLevelView>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data.items}
        pagination={tablePagination(list)}
        columns={[
          { title: '等级名称', dataIndex: 'name' },
          { title: '排序', dataIndex: 'sort', width: 100, align: 'right' },
          { title: '状态', dataIndex: 'enabled', width: 100, render: (v: boolean) => <StatusTag enabled={v} /> },
          ...(writable
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 160,
                  render: (_: unknown, d: PriceLevelView) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(d)}>
                        编辑
                      </Button>
                      <ToggleEnabled
                        enabled={d.enabled}
                        what={`价格等级“${d.name}”`}
                        onChange={(enabled) =>
                          api.put(`/api/price-levels/${d.id}`, { name: d.name, sort: d.sort, enabled }).then(list.reload)
                        }
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<PriceLevelInput>
        open={editing !== null}
        title={editing === 'new' ? '新增价格等级' : '编辑价格等级'}
        onSave={save}
        onClose={() => setEditing(null)}
        testId="price-level-form"
        initialValues={
          editing && editing !== 'new' ? { name: editing.name, sort: editing.sort, enabled: editing.enabled } : { sort: 0, enabled: true }
        }
      >
        <Form.Item name="name" label="等级名称" required rules={[zodRule(shape.name)]}>
          <Input maxLength={20} placeholder="例如 零售价、协议单位价" data-testid="price-level-name" />
        </Form.Item>
        <Form.Item name="sort" label="排序（小的在前）">
          <InputNumber min={0} max={999} precision={0} style={{ width: 160 }} data-testid="price-level-sort" />
        </Form.Item>
        <Form.Item name="enabled" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
      </FormModal>
    </div>
  );
}
