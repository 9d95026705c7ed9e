import { useEffect, useRef, useState } from 'react';
import { App, Button, Checkbox, Col, Divider, Form, Input, Radio, Row, Select, Switch, type FormInstance } from 'antd';
import {
  CUSTOMER_KINDS,
  CUSTOMER_KIND_LABELS,
  addressInput,
  contactInput,
  customerCreateInput,
  customerUpdateInput,
  type CustomerView,
  type PriceLevelView,
  type VehicleModelView,
} from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { idempotent, newIdempotencyKey } from '../../lib/stock';
import { useOpenSession } from '../../lib/session';
import { FormDrawer } from '../../components/FormDrawer';
import { errorText, parseForm, reportSaveError, zodRule } from '../../lib/form';
import { CUSTOMER_LABELS, customerToInput } from './customerInput';
import { VehicleFields } from './VehicleFields';

const shape = customerCreateInput.shape;

interface FormValues {
  kind: (typeof CUSTOMER_KINDS)[number];
  name: string;
  priceLevelId?: number | null;
  taxNumber?: string;
  remark?: string;
  enabled: boolean;
  contacts: { id?: number; name?: string; phone?: string; isPrimary?: boolean }[];
  addresses: { id?: number; address?: string; isDefault?: boolean }[];
  vehicles?: {
    plate?: string;
    vin?: string;
    brand?: string;
    vehicleModelId?: number | null;
    year?: number | null;
    mileage?: number | null;
  }[];
}

interface Props {
  /** null: closed */
  customerId: number | 'new' | null;
  onClose: () => void;
  onSaved: (id: number) => void;
  priceLevels: PriceLevelView[];
  vehicleModels: VehicleModelView[];
}

const NEW_VALUES: FormValues = {
  kind: 'person',
  name: '',
  enabled: true,
  contacts: [{ name: '', phone: '', isPrimary: true }],
  addresses: [{ address: '', isDefault: true }],
  vehicles: [{ plate: '', vin: '' }],
};

/** Only one row of a list may carry the flag (主联系人 / 默认地址). */
function exclusive(form: FormInstance, list: string, key: string, index: number, checked: boolean) {
  if (!checked) return;
  const rows = (form.getFieldValue(list) ?? []) as Record<string, unknown>[];
  form.setFieldValue(
    list,
    rows.map((r, i) => ({ ...r, [key]: i === index })),
  );
}

/** 新增/编辑客户: contacts, addresses and (on create) vehicles in one drawer. */
export function CustomerForm(props: Props) {
  // A fresh form store for every opening (see useOpenSession).
  const session = useOpenSession(props.customerId !== null);
  return <CustomerFormBody key={session} {...props} />;
}

function CustomerFormBody({ customerId, onClose, onSaved, priceLevels, vehicleModels }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [customer, setCustomer] = useState<CustomerView | null>(null);
  const creating = customerId === 'new';
  // The body mounts once per opening: one key, so a retried 保存 creates the customer once.
  const createKey = useRef(newIdempotencyKey());

  useEffect(() => {
    setCustomer(null);
    if (typeof customerId !== 'number') return;
    let alive = true;
    api
      .get<CustomerView>(`/api/customers/${customerId}`)
      .then((c) => alive && setCustomer(c))
      .catch((e) => {
        if (!alive) return;
        message.error(errorText(e));
        onClose();
      });
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [customerId]);

  const save = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const base = {
      kind: values.kind,
      name: values.name,
      priceLevelId: values.priceLevelId ?? null,
      taxNumber: values.taxNumber ?? '',
      remark: values.remark ?? '',
      enabled: values.enabled,
      contacts: (values.contacts ?? []).map((c) => ({
        ...(c.id ? { id: c.id } : {}),
        name: c.name ?? '',
        phone: c.phone ?? '',
        isPrimary: !!c.isPrimary,
      })),
      addresses: (values.addresses ?? []).map((a) => ({
        ...(a.id ? { id: a.id } : {}),
        address: a.address ?? '',
        isDefault: !!a.isDefault,
      })),
    };
    const data = creating
      ? parseForm(
          customerCreateInput,
          {
            ...base,
            vehicles: (values.vehicles ?? []).map((v) => ({
              plate: v.plate ?? '',
              vin: v.vin ?? '',
              brand: v.brand ?? '',
              vehicleModelId: v.vehicleModelId ?? null,
              year: v.year ?? null,
              mileage: v.mileage ?? null,
            })),
          },
          form,
          message,
          { labels: CUSTOMER_LABELS },
        )
      : parseForm(customerUpdateInput, base, form, message, { labels: CUSTOMER_LABELS });
    if (!data) return;
    try {
      const saved = creating
        ? await api.post<CustomerView>('/api/customers', data, idempotent(createKey.current))
        : await api.put<CustomerView>(`/api/customers/${customerId}`, data);
      message.success(creating ? '客户已创建' : '客户已保存');
      onSaved(saved?.id ?? (customerId as number));
      onClose();
    } catch (e) {
      reportSaveError(e, form, message, { labels: CUSTOMER_LABELS });
    }
  };

  const ready = creating || customer !== null;
  const levelOptions = priceLevels.filter((l) => l.enabled || l.id === customer?.priceLevelId).map((l) => ({ value: l.id, label: l.name }));

  return (
    <FormDrawer<FormValues>
      target={customerId}
      title={creating ? '新增客户' : `编辑客户 ${customer?.name ?? ''}`}
      onClose={onClose}
      onSave={save}
      ready={ready}
      form={form}
      testPrefix="customer"
      initialValues={customer ? { ...customerToInput(customer) } : NEW_VALUES}
    >
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="kind" label="客户类型" required>
            <Radio.Group
              optionType="button"
              options={CUSTOMER_KINDS.map((k) => ({ value: k, label: CUSTOMER_KIND_LABELS[k] }))}
              data-testid="customer-kind"
            />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="name" label="客户名称" required rules={[zodRule(shape.name)]}>
            <Input maxLength={100} placeholder="个人填姓名，单位填全称" data-testid="customer-name" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="priceLevelId" label="价格等级" rules={[zodRule(shape.priceLevelId)]}>
            <Select allowClear placeholder="默认按销售价" options={levelOptions} data-testid="customer-price-level" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="taxNumber" label="税号" rules={[zodRule(shape.taxNumber)]}>
            <Input maxLength={30} placeholder="开票用，可不填" data-testid="customer-tax-number" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="remark" label="备注" rules={[zodRule(shape.remark)]}>
            <Input maxLength={500} data-testid="customer-remark" />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="enabled" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left" plain>
        联系人
      </Divider>
      <Form.List name="contacts">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, i) => (
              <Row gutter={8} key={field.key} align="top" data-testid={`customer-contact-${i}`}>
                <Col flex="200px">
                  <Form.Item
                    name={[field.name, 'name']}
                    label={i === 0 ? '姓名' : undefined}
                    required
                    rules={[zodRule(contactInput.shape.name)]}
                  >
                    <Input maxLength={30} placeholder="联系人姓名" data-testid={`customer-contact-name-${i}`} />
                  </Form.Item>
                </Col>
                <Col flex="220px">
                  <Form.Item
                    name={[field.name, 'phone']}
                    label={i === 0 ? '电话' : undefined}
                    required
                    rules={[zodRule(contactInput.shape.phone)]}
                  >
                    <Input maxLength={20} placeholder="手机号或 0578-xxxxxxx" data-testid={`customer-contact-phone-${i}`} />
                  </Form.Item>
                </Col>
                <Col flex="120px">
                  <Form.Item name={[field.name, 'isPrimary']} label={i === 0 ? ' ' : undefined} valuePropName="checked">
                    <Checkbox onChange={(e) => exclusive(form, 'contacts', 'isPrimary', i, e.target.checked)}>主联系人</Checkbox>
                  </Form.Item>
                </Col>
                <Col flex="80px">
                  <Form.Item label={i === 0 ? ' ' : undefined}>
                    <Button type="link" danger disabled={fields.length <= 1} onClick={() => remove(field.name)}>
                      删除
                    </Button>
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              onClick={() => add({ name: '', phone: '', isPrimary: fields.length === 0 })}
              data-testid="customer-contact-add"
            >
              + 添加联系人
            </Button>
          </>
        )}
      </Form.List>

      <Divider orientation="left" plain>
        地址
      </Divider>
      <Form.List name="addresses">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Row gutter={8} key={field.key} align="top" data-testid={`customer-address-${i}`}>
                <Col flex="auto">
                  <Form.Item
                    name={[field.name, 'address']}
                    label={i === 0 ? '地址' : undefined}
                    required
                    rules={[zodRule(addressInput.shape.address)]}
                  >
                    <Input maxLength={200} placeholder="例如 庆元县松源街道濛洲街 88 号" data-testid={`customer-address-text-${i}`} />
                  </Form.Item>
                </Col>
                <Col flex="120px">
                  <Form.Item name={[field.name, 'isDefault']} label={i === 0 ? ' ' : undefined} valuePropName="checked">
                    <Checkbox onChange={(e) => exclusive(form, 'addresses', 'isDefault', i, e.target.checked)}>默认地址</Checkbox>
                  </Form.Item>
                </Col>
                <Col flex="80px">
                  <Form.Item label={i === 0 ? ' ' : undefined}>
                    <Button type="link" danger onClick={() => remove(field.name)}>
                      删除
                    </Button>
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button type="dashed" onClick={() => add({ address: '', isDefault: fields.length === 0 })} data-testid="customer-address-add">
              + 添加地址
            </Button>
          </>
        )}
      </Form.List>

      {creating && (
        <>
          <Divider orientation="left" plain>
            车辆
          </Divider>
          <Form.List name="vehicles">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Row gutter={8} key={field.key} wrap={false} align="top" data-testid={`customer-vehicle-${i}`}>
                    <Col flex="auto">
                      <VehicleFields
                        vehicleModels={vehicleModels}
                        list={{ name: 'vehicles', field: field.name }}
                        testId={`customer-vehicle-${i}`}
                        labels={i === 0}
                      />
                    </Col>
                    <Col flex="60px">
                      <Form.Item label={i === 0 ? ' ' : undefined}>
                        <Button type="link" danger onClick={() => remove(field.name)}>
                          删除
                        </Button>
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" onClick={() => add({ plate: '', vin: '' })} data-testid="customer-vehicle-add">
                  + 添加车辆
                </Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormDrawer>
  );
}
