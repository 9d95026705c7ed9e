import { Form, Input, Select, Tag } from 'antd';
import { warehouseInput, type EmployeeView, type WarehouseInput, type WarehouseView } from '@hongyuan/shared';
import { useCan, useOptions } from '../../lib/hooks';
import { zodRule } from '../../lib/form';
import { CrudView } from '../../components/CrudView';

const shape = warehouseInput.shape;

function toInput(w: WarehouseView): WarehouseInput {
  return { name: w.name, address: w.address, keeperIds: w.keepers.map((k) => k.id), enabled: w.enabled };
}

/** 仓库管理: warehouses and their keepers (any one of them approves). */
export default function Warehouses() {
  const writable = useCan()('warehouse.manage');
  const keepers = useOptions<EmployeeView>(writable ? '/api/employees' : null, { role: 'keeper', enabled: true });

  // Keepers already assigned stay selectable even if disabled or no longer keepers.
  const keeperOptions = (editing: WarehouseView | null) => {
    const opts = keepers.items.map((k) => ({ value: k.id, label: `${k.name}（${k.phone}）` }));
    for (const k of editing?.keepers ?? []) if (!opts.some((o) => o.value === k.id)) opts.push({ value: k.id, label: k.name });
    return opts;
  };

  return (
    <CrudView<WarehouseView, WarehouseInput>
      entity={{ view: 'warehouses', title: '仓库管理', noun: '仓库', path: '/api/warehouses', testPrefix: 'warehouse' }}
      permission="warehouse.manage"
      search={{ placeholder: '仓库名称 / 地址', width: 260 }}
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
      ]}
      toValues={toInput}
      newValues={{ enabled: true, keeperIds: [] }}
      schema={warehouseInput}
      prepare={(v) => ({ ...v, keeperIds: v.keeperIds ?? [] })}
      fields={(editing) => (
        <>
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
              options={keeperOptions(editing)}
              loading={keepers.loading}
              optionFilterProp="label"
              data-testid="warehouse-keepers"
            />
          </Form.Item>
        </>
      )}
    />
  );
}
