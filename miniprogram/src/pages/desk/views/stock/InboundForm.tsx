import { useRef, useState } from 'react';
import { App, Col, Form, Input, InputNumber, Row, Select, type FormListFieldData } from 'antd';
import { formatYuan, inboundInput, type InboundView, type Page, type PartView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useOpenSession } from '../../lib/session';
import { fenToInput, inputToFen, parseForm, reportSaveError, yuanRule, zodRule } from '../../lib/form';
import { idempotent, newIdempotencyKey, useStockRefs } from '../../lib/stock';
import { DocDrawer, Section } from '../../components/DocDrawer';
import { FormActions, RemarkField } from '../../components/DocFormParts';
import { LineEditor } from '../../components/DocLines';
import { PartOption, PartSearch } from '../../components/PartSearch';

const shape = inboundInput.shape;
const LABELS = { warehouseId: '仓库', supplier: '供应商', lines: '配件', remark: '备注' };

interface Line {
  partId?: number;
  qty?: number | null;
  /** yuan, as typed */
  unitCost?: string;
}
interface Values {
  warehouseId?: number;
  supplier?: string;
  remark?: string;
  lines: Line[];
}
type PartBrief = Pick<PartView, 'id' | 'code' | 'name' | 'spec' | 'unit'>;

interface Props {
  /** 'new', a draft to edit, or null (closed) */
  target: 'new' | InboundView | null;
  onClose: () => void;
  onSaved: (doc: InboundView) => void;
}

/** 新建/编辑入库单 (a draft: stock changes only at 确认入库). Unit cost in yuan, sent in fen. */
export function InboundForm(props: Props) {
  const session = useOpenSession(props.target !== null);
  return <InboundFormBody key={session} {...props} />;
}

function InboundFormBody({ target, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const refs = useStockRefs();
  const [form] = Form.useForm<Values>();
  const draft = target && target !== 'new' ? target : null;
  const [saving, setSaving] = useState(false);
  const idemKey = useRef(newIdempotencyKey());
  const [parts, setParts] = useState<Record<number, PartBrief>>(() =>
    Object.fromEntries(
      (draft?.lines ?? []).map((l) => [l.partId, { id: l.partId, code: l.partCode, name: l.partName, spec: l.partSpec, unit: l.unit }]),
    ),
  );
  const lines = (Form.useWatch('lines', form) ?? []) as Line[];
  const partOf = (f: FormListFieldData) => parts[lines[f.name]?.partId ?? 0];
  const amount = (l: Line) => {
    const fen = inputToFen(l.unitCost);
    return fen !== null && l.qty ? fen * l.qty : 0;
  };

  const save = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = form.getFieldsValue(true) as Values;
    const payload = {
      warehouseId: v.warehouseId,
      supplier: v.supplier ?? '',
      remark: v.remark ?? '',
      lines: v.lines.map((l) => ({ partId: l.partId, qty: l.qty, unitCost: inputToFen(l.unitCost) })),
    };
    const data = parseForm(inboundInput, payload, form, message, { labels: LABELS });
    if (!data) return;
    setSaving(true);
    try {
      const saved = draft
        ? await api.put<InboundView>(`/inbounds/${draft.id}`, data)
        : await api.post<InboundView>('/inbounds', data, idempotent(idemKey.current));
      message.success(`入库单 ${saved.no} 已保存，确认入库后计入库存`);
      onSaved(saved);
      onClose();
    } catch (e) {
      reportSaveError(e, form, message, { labels: LABELS });
    } finally {
      setSaving(false);
    }
  };

  return (
    <DocDrawer
      open={target !== null}
      title={draft ? `编辑入库单 ${draft.no}` : '新建入库单'}
      onClose={onClose}
      testId="inbound-form"
      actions={<FormActions onCancel={onClose} onSave={save} saving={saving} testId="inbound-form-save" />}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        scrollToFirstError
        data-testid="inbound-form-fields"
        initialValues={
          draft
            ? {
                warehouseId: draft.warehouseId,
                supplier: draft.supplier,
                remark: draft.remark,
                lines: draft.lines.map((l) => ({ partId: l.partId, qty: l.qty, unitCost: fenToInput(l.unitCost) })),
              }
            : { supplier: '', remark: '', lines: [{}] }
        }
      >
        <Section title="基本信息">
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item label="编号">
                <Input disabled value={draft?.no ?? ''} placeholder="保存后自动生成" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="warehouseId" label="入库仓库" required rules={[zodRule(shape.warehouseId)]}>
                <Select placeholder="选择仓库" options={refs.warehouseOptions} data-testid="inbound-warehouse" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="supplier" label="供应商" rules={[zodRule(shape.supplier)]}>
                <Input maxLength={100} placeholder="例如：丽水市宏达汽配有限公司" data-testid="inbound-supplier" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <RemarkField rule={zodRule(shape.remark)} testId="inbound-remark" />
            </Col>
          </Row>
        </Section>
        <LineEditor
          testPrefix="inbound"
          part={(f) => {
            const p = partOf(f);
            return (
              <PartSearch<PartView>
                testId={`inbound-line-part-${f.name}`}
                search={(keyword) => api.get<Page<PartView>>('/parts', { keyword, enabled: true, pageSize: 20 }).then((r) => r.items)}
                idOf={(x) => x.id}
                labelOf={(x) => `${x.name}（${x.code}）`}
                currentLabel={p ? `${p.name}（${p.code}）` : undefined}
                takenIds={lines.map((l) => l.partId ?? 0)}
                onPick={(x) => {
                  setParts((m) => ({ ...m, [x.id]: x }));
                  // The cost price as the default unit cost (for those who may see it).
                  if (x.costPrice !== undefined && !form.getFieldValue(['lines', f.name, 'unitCost']))
                    form.setFieldValue(['lines', f.name, 'unitCost'], fenToInput(x.costPrice));
                }}
                render={(x) => <PartOption name={x.name} code={x.code} spec={x.spec} />}
              />
            );
          }}
          columns={[
            { title: '规格', width: 120, render: (_v, f) => partOf(f)?.spec || '—' },
            { title: '单位', width: 56, render: (_v, f) => partOf(f)?.unit ?? '' },
            {
              title: <span className="desk-required">数量</span>,
              width: 120,
              render: (_v, f) => (
                <Form.Item
                  name={[f.name, 'qty']}
                  style={{ margin: 0 }}
                  rules={[
                    { required: true, message: '请填写数量' },
                    { type: 'number', min: 1, message: '数量应大于 0' },
                  ]}
                >
                  <InputNumber min={1} max={1000000} precision={0} style={{ width: 100 }} data-testid={`inbound-line-qty-${f.name}`} />
                </Form.Item>
              ),
            },
            {
              title: <span className="desk-required">单价（元）</span>,
              width: 140,
              render: (_v, f) => (
                <Form.Item name={[f.name, 'unitCost']} style={{ margin: 0 }} rules={[yuanRule('单价', true)]}>
                  <Input prefix="¥" placeholder="0.00" style={{ width: 120 }} data-testid={`inbound-line-cost-${f.name}`} />
                </Form.Item>
              ),
            },
            { title: '金额', width: 110, align: 'right', render: (_v, f) => formatYuan(amount(lines[f.name] ?? {})) },
          ]}
          footer={
            <div className="desk-hint" style={{ marginTop: 8 }} data-testid="inbound-form-total">
              合计：{lines.reduce((s, l) => s + (l.qty ?? 0), 0)} 件，{formatYuan(lines.reduce((s, l) => s + amount(l), 0))}
            </div>
          }
        />
      </Form>
    </DocDrawer>
  );
}
