import { useRef, useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  PRIORITY_LABELS,
  SERVICE_TYPE_LABELS,
  type CustomerListItem,
  type CustomerView,
  type Page,
  type PartView,
  type PriceLevelView,
  type VehicleModelView,
} from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { errorText } from '../../lib/form';
import { useOptions } from '../../lib/hooks';
import { idempotent, newIdempotencyKey } from '../../lib/stock';
import { DocDrawer, Section } from '../../components/DocDrawer';
import { PartOption, PartSearch } from '../../components/PartSearch';
import { CustomerForm } from '../customers/CustomerForm';
import { VehicleForm } from '../customers/VehicleForm';
import type { WorkOrderDetail } from '@hongyuan/shared';

interface Values {
  contactName: string;
  contactPhone: string;
  address: string;
  vehicleId?: number;
  problem: string;
  serviceType: 'onsite' | 'inshop';
  priority: 'normal' | 'urgent';
  appointmentAt?: Dayjs | null;
}

interface Planned {
  partId: number;
  label: string;
  qty: number;
}

/** 新建工单: pick a customer (name / phone / plate / pinyin), its contact and address fill in. */
export function WorkOrderForm({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (d: WorkOrderDetail) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [customer, setCustomer] = useState<CustomerView | null>(null);
  const [matches, setMatches] = useState<CustomerListItem[]>([]);
  const [searching, setSearching] = useState(false);
  const [creatingCustomer, setCreatingCustomer] = useState(false);
  const [addingVehicle, setAddingVehicle] = useState(false);
  const [planned, setPlanned] = useState<Planned[]>([]);
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());
  const priceLevels = useOptions<PriceLevelView>(open ? '/price-levels' : null);
  const vehicleModels = useOptions<VehicleModelView>(open ? '/vehicle-models' : null, { enabled: true });
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const search = (keyword: string) => {
    clearTimeout(timer.current);
    if (!keyword.trim()) return;
    timer.current = setTimeout(async () => {
      setSearching(true);
      try {
        const page = await api.get<Page<CustomerListItem>>('/customers', { keyword, enabled: true, pageSize: 20 });
        setMatches(page.items);
      } catch (e) {
        message.error(errorText(e));
      } finally {
        setSearching(false);
      }
    }, 250);
  };

  const pick = async (id: number, keepVehicle?: number) => {
    try {
      const c = await api.get<CustomerView>(`/customers/${id}`);
      setCustomer(c);
      const contact = c.contacts.find((x) => x.isPrimary) ?? c.contacts[0];
      const address = c.addresses.find((x) => x.isDefault) ?? c.addresses[0];
      const vehicles = c.vehicles.filter((v) => v.enabled !== false);
      form.setFieldsValue({
        contactName: contact?.name ?? '',
        contactPhone: contact?.phone ?? '',
        address: address?.address ?? '',
        vehicleId: keepVehicle ?? (vehicles.length === 1 ? vehicles[0].id : undefined),
      });
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const reset = () => {
    setCustomer(null);
    setMatches([]);
    setPlanned([]);
    key.current = newIdempotencyKey();
  };

  const submit = async (submitNow: boolean) => {
    if (!customer) {
      message.error('请先选择客户');
      return;
    }
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const d = await api.post<WorkOrderDetail>(
        '/work-orders',
        {
          customerId: customer.id,
          vehicleId: v.vehicleId ?? null,
          contactName: v.contactName.trim(),
          contactPhone: v.contactPhone.trim(),
          address: v.address.trim(),
          problem: v.problem.trim(),
          serviceType: v.serviceType,
          priority: v.priority,
          appointmentAt: v.appointmentAt ? v.appointmentAt.toISOString() : null,
          plannedParts: planned.map((p) => ({ partId: p.partId, qty: p.qty })),
          submit: submitNow,
        },
        idempotent(key.current),
      );
      message.success(submitNow ? `工单 ${d.no} 已提交派工` : `工单 ${d.no} 已保存`);
      reset();
      onSaved(d);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <DocDrawer
      open={open}
      title="新建工单"
      width={900}
      onClose={() => {
        reset();
        onClose();
      }}
      testId="wo-form"
      actions={
        <>
          <Button loading={saving} onClick={() => submit(false)} data-testid="wo-form-save">
            保存（暂不派工）
          </Button>
          <Button type="primary" loading={saving} onClick={() => submit(true)} data-testid="wo-form-submit">
            提交派工
          </Button>
        </>
      }
    >
      <Section title="客户">
        <Space>
          <Select
            showSearch
            filterOption={false}
            style={{ width: 420 }}
            placeholder="输入客户名称 / 电话 / 车牌 / 拼音首字母"
            notFoundContent={searching ? '搜索中…' : '没有匹配的客户'}
            onSearch={search}
            value={customer?.id}
            onChange={(id: number) => pick(id)}
            options={(customer && !matches.some((m) => m.id === customer.id) ? [{ value: customer.id, label: customer.name }] : []).concat(
              matches.map((m) => ({ value: m.id, label: `${m.name}  ${m.contactName} ${m.contactPhone} ${m.plates.join(' ')}` })),
            )}
            data-testid="wo-form-customer"
          />
          <Button onClick={() => setCreatingCustomer(true)} data-testid="wo-form-new-customer">
            新建客户
          </Button>
        </Space>
      </Section>
      <Form form={form} layout="vertical" initialValues={{ serviceType: 'onsite', priority: 'normal' }}>
        <Space size={16} style={{ display: 'flex' }} align="start">
          <Form.Item name="contactName" label="联系人" rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}>
            <Input style={{ width: 200 }} maxLength={30} data-testid="wo-form-contact" />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, whitespace: true, message: '请填写联系电话' }]}>
            <Input style={{ width: 200 }} maxLength={20} data-testid="wo-form-phone" />
          </Form.Item>
          <Form.Item label="车辆">
            <Space>
              <Form.Item name="vehicleId" noStyle>
                <Select
                  allowClear
                  style={{ width: 260 }}
                  placeholder={customer ? '选择车辆' : '先选择客户'}
                  disabled={!customer}
                  options={(customer?.vehicles ?? []).map((v) => ({
                    value: v.id,
                    label: `${v.plate || v.vin} ${v.vehicleModelName ?? v.brand ?? ''}`,
                  }))}
                  data-testid="wo-form-vehicle"
                />
              </Form.Item>
              <Button disabled={!customer} onClick={() => setAddingVehicle(true)} data-testid="wo-form-add-vehicle">
                添加车辆
              </Button>
            </Space>
          </Form.Item>
        </Space>
        <Form.Item name="address" label="服务地址" rules={[{ required: true, whitespace: true, message: '请填写服务地址' }]}>
          <Input maxLength={200} data-testid="wo-form-address" />
        </Form.Item>
        <Form.Item name="problem" label="问题描述" rules={[{ required: true, whitespace: true, message: '请填写问题描述' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="wo-form-problem" />
        </Form.Item>
        <Space size={24}>
          <Form.Item name="serviceType" label="服务方式">
            <Radio.Group
              options={Object.entries(SERVICE_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
              data-testid="wo-form-service"
            />
          </Form.Item>
          <Form.Item name="priority" label="优先级">
            <Radio.Group
              options={Object.entries(PRIORITY_LABELS).map(([value, label]) => ({ value, label }))}
              data-testid="wo-form-priority"
            />
          </Form.Item>
          <Form.Item name="appointmentAt" label="预约时间">
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="wo-form-appointment" />
          </Form.Item>
        </Space>
      </Form>
      <Section title="计划配件（可选）">
        <div style={{ width: 420, marginBottom: 8 }}>
          <PartSearch<PartView>
            search={async (keyword) => (await api.get<Page<PartView>>('/parts', { keyword, enabled: true, pageSize: 20 })).items}
            idOf={(p) => p.id}
            labelOf={(p) => `${p.code} ${p.name}`}
            render={(p) => <PartOption name={p.name} code={p.code} spec={p.spec} />}
            takenIds={planned.map((p) => p.partId)}
            value={null}
            onPick={(p) => setPlanned((rows) => [...rows, { partId: p.id, label: `${p.code} ${p.name}`, qty: 1 }])}
            testId="wo-form-part"
          />
        </div>
        <Table<Planned>
          rowKey="partId"
          size="small"
          pagination={false}
          dataSource={planned}
          locale={{ emptyText: '无计划配件（技师到场后登记用料）' }}
          columns={[
            { title: '配件', dataIndex: 'label' },
            {
              title: '数量',
              dataIndex: 'qty',
              width: 120,
              render: (q: number, r) => (
                <InputNumber
                  min={1}
                  max={1000}
                  value={q}
                  onChange={(v) => setPlanned((rows) => rows.map((x) => (x.partId === r.partId ? { ...x, qty: Number(v) || 1 } : x)))}
                />
              ),
            },
            {
              title: '',
              width: 60,
              render: (_v, r) => <a onClick={() => setPlanned((rows) => rows.filter((x) => x.partId !== r.partId))}>删除</a>,
            },
          ]}
        />
      </Section>
      <CustomerForm
        customerId={creatingCustomer ? 'new' : null}
        onClose={() => setCreatingCustomer(false)}
        onSaved={(id) => {
          setCreatingCustomer(false);
          pick(id);
        }}
        priceLevels={priceLevels.items}
        vehicleModels={vehicleModels.items}
      />
      {customer && (
        <VehicleForm
          customerId={customer.id}
          vehicle={addingVehicle ? 'new' : null}
          vehicleModels={vehicleModels.items}
          onClose={() => setAddingVehicle(false)}
          onSaved={async () => {
            setAddingVehicle(false);
            const before = new Set(customer.vehicles.map((v) => v.id));
            const c = await api.get<CustomerView>(`/customers/${customer.id}`);
            setCustomer(c);
            const added = c.vehicles.find((v) => !before.has(v.id));
            if (added) form.setFieldsValue({ vehicleId: added.id });
          }}
        />
      )}
    </DocDrawer>
  );
}
