import { useEffect, useRef, useState } from 'react';
import { App, AutoComplete, Col, Form, Input, InputNumber, Row, Select, Switch, Divider } from 'antd';
import { PART_CATEGORIES, TAX_RATES, partInput, type PartView, type PriceLevelView, type VehicleModelView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { idempotent, newIdempotencyKey } from '../../lib/stock';
import { useOpenSession } from '../../lib/session';
import { FormDrawer } from '../../components/FormDrawer';
import { errorText, fenToInput, inputToFen, parseForm, reportSaveError, yuanRule, zodRule } from '../../lib/form';

const shape = partInput.shape;
const UNITS = ['个', '件', '套', '只', '条', '根', '片', '瓶', '桶', '升', '盒', '对', '米'];

interface FormValues {
  code: string;
  name: string;
  aliases?: string;
  model?: string;
  spec?: string;
  unit: string;
  category: string;
  costPrice?: string;
  salePrice: string;
  taxRate: number;
  minStock?: number | null;
  vehicleModelIds?: number[];
  /** yuan text per price level, keyed "l<id>" */
  levelPrices?: Record<string, string | undefined>;
  enabled: boolean;
}

interface Props {
  /** null: closed */
  partId: number | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
  vehicleModels: VehicleModelView[];
  priceLevels: PriceLevelView[];
  /** may see and set the cost price (part.cost) */
  canCost: boolean;
}

function toForm(p: PartView): FormValues {
  const levelPrices: Record<string, string> = {};
  for (const x of p.prices) levelPrices[`l${x.priceLevelId}`] = fenToInput(x.price);
  return {
    code: p.code,
    name: p.name,
    aliases: p.aliases,
    model: p.model,
    spec: p.spec,
    unit: p.unit,
    category: p.category,
    costPrice: p.costPrice === undefined ? undefined : fenToInput(p.costPrice),
    salePrice: fenToInput(p.salePrice),
    taxRate: p.taxRate,
    minStock: p.minStock,
    vehicleModelIds: p.vehicleModels.map((m) => m.id),
    levelPrices,
    enabled: p.enabled,
  };
}

/** 新增/编辑配件 in a drawer. Prices are typed in yuan and sent as integer fen. */
export function PartForm(props: Props) {
  // A fresh form store for every opening (see useOpenSession).
  const session = useOpenSession(props.partId !== null);
  return <PartFormBody key={session} {...props} />;
}

function PartFormBody({ partId, onClose, onSaved, vehicleModels, priceLevels, canCost }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [part, setPart] = useState<PartView | null>(null);
  // The body mounts once per opening: one key, so a retried 保存 creates the part once.
  const createKey = useRef(newIdempotencyKey());
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setPart(null);
    if (typeof partId !== 'number') return;
    let alive = true;
    setLoading(true);
    api
      .get<PartView>(`/api/parts/${partId}`)
      .then((p) => alive && setPart(p))
      .catch((e) => {
        if (!alive) return;
        message.error(errorText(e));
        onClose();
      })
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [partId]);

  // Levels to price: the enabled ones, plus any the part already has a price for.
  const levels = priceLevels.filter((l) => l.enabled || part?.prices.some((x) => x.priceLevelId === l.id));
  const modelOptions = (() => {
    const opts = vehicleModels.map((m) => ({ value: m.id, label: m.name }));
    for (const m of part?.vehicleModels ?? []) if (!opts.some((o) => o.value === m.id)) opts.push({ value: m.id, label: m.name });
    return opts;
  })();

  const save = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    // Sent prices, and for each the form field it came from (to place server issues).
    const prices: { priceLevelId: number; price: number }[] = [];
    const priceFields: string[] = [];
    for (const l of levels) {
      const fen = inputToFen(values.levelPrices?.[`l${l.id}`]);
      if (fen === null) continue;
      prices.push({ priceLevelId: l.id, price: fen });
      priceFields.push(`l${l.id}`);
    }
    const costPrice = canCost ? inputToFen(values.costPrice) : (part?.costPrice ?? null);
    const payload = {
      code: values.code,
      name: values.name,
      aliases: values.aliases ?? '',
      model: values.model ?? '',
      spec: values.spec ?? '',
      unit: values.unit,
      category: values.category,
      costPrice: costPrice ?? 0,
      salePrice: inputToFen(values.salePrice),
      taxRate: values.taxRate,
      minStock: values.minStock ?? 0,
      vehicleModelIds: values.vehicleModelIds ?? [],
      prices,
      enabled: values.enabled,
    };
    const mapPath = (p: (string | number)[]) =>
      p[0] === 'prices' && typeof p[1] === 'number' && priceFields[p[1]] ? ['levelPrices', priceFields[p[1]]] : p;
    const labels = { code: '配件编号', name: '配件名称', salePrice: '销售价', costPrice: '成本价' };
    const data = parseForm(partInput, payload, form, message, { mapPath, labels });
    if (!data) return;
    try {
      if (partId === 'new') await api.post('/api/parts', data, idempotent(createKey.current));
      else if (typeof partId === 'number') await api.put(`/api/parts/${partId}`, data);
      message.success('配件已保存');
      onSaved();
      onClose();
    } catch (e) {
      reportSaveError(e, form, message, { mapPath, labels });
    }
  };

  const ready = partId === 'new' || (part !== null && !loading);
  return (
    <FormDrawer<FormValues>
      target={partId}
      title={partId === 'new' ? '新增配件' : `编辑配件 ${part ? part.code : ''}`}
      width={760}
      onClose={onClose}
      onSave={save}
      ready={ready}
      form={form}
      testPrefix="part"
      initialValues={part ? toForm(part) : { category: '其他', taxRate: 13, minStock: 0, enabled: true, unit: '个', vehicleModelIds: [] }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="code" label="配件编号" required rules={[zodRule(shape.code)]} extra="条码或厂家编号，例如 6950100852570">
            <Input maxLength={40} data-testid="part-code" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="name" label="配件名称" required rules={[zodRule(shape.name)]}>
            <Input maxLength={100} data-testid="part-name" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="aliases"
            label="别名"
            rules={[zodRule(shape.aliases)]}
            extra="店里和师傅们对它的其他叫法，多个用顿号或空格分隔，例如 机滤、机油格；搜索别名或其拼音首字母都能找到"
          >
            <Input maxLength={200} placeholder="例如 机滤、机油格" data-testid="part-aliases" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="model" label="配件型号" rules={[zodRule(shape.model)]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="spec" label="配件规格" rules={[zodRule(shape.spec)]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="unit" label="单位" required rules={[zodRule(shape.unit)]}>
            <AutoComplete options={UNITS.map((u) => ({ value: u }))} maxLength={10} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="category" label="分类" required>
            <Select showSearch options={PART_CATEGORIES.map((c) => ({ value: c, label: c }))} data-testid="part-category" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="taxRate" label="税率" required>
            <Select options={TAX_RATES.map((r) => ({ value: r, label: `${r}%` }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="minStock" label="最低库存" rules={[zodRule(shape.minStock)]} extra="低于此数量时预警">
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="salePrice" label="销售价（元）" required rules={[yuanRule('销售价', true)]}>
            <Input prefix="¥" placeholder="0.00" data-testid="part-sale-price" />
          </Form.Item>
        </Col>
        {canCost && (
          <Col span={12}>
            <Form.Item name="costPrice" label="成本价（元）" required rules={[yuanRule('成本价', true)]}>
              <Input prefix="¥" placeholder="0.00" data-testid="part-cost-price" />
            </Form.Item>
          </Col>
        )}
        <Col span={24}>
          <Form.Item name="vehicleModelIds" label="适用车型">
            <Select
              mode="multiple"
              allowClear
              placeholder="选择适用车型（可多选，可搜索）"
              options={modelOptions}
              optionFilterProp="label"
              maxTagCount="responsive"
              data-testid="part-vehicle-models"
            />
          </Form.Item>
        </Col>
      </Row>
      {levels.length > 0 && (
        <>
          <Divider orientation="left" plain>
            等级价格（元，不填则按销售价）
          </Divider>
          <Row gutter={16}>
            {levels.map((l) => (
              <Col span={8} key={l.id}>
                <Form.Item name={['levelPrices', `l${l.id}`]} label={l.name} rules={[yuanRule(`${l.name}价格`)]}>
                  <Input prefix="¥" placeholder="按销售价" data-testid={`part-level-price-${l.id}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </>
      )}
      <Form.Item name="enabled" label="启用" valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormDrawer>
  );
}
