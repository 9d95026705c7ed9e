import { useRef, useState } from 'react';
import { App, Button, Col, Form, Input, InputNumber, Row, Select, Table } from 'antd';
import { formatYuan, inboundInput, type InboundView, type Page, type PartView } from '@hongyuan/shared';
import { api } from '../../../api/request';
import { useOpenSession } from '../lib/session';
import { fenToInput, inputToFen, parseForm, reportSaveError, yuanRule, zodRule } from '../lib/form';
import { idempotent, newIdempotencyKey, useStockRefs } from '../lib/stock';
import { DocDrawer, RowOps, Section } from '../components/DocDrawer';
import { PartOption, PartSearch } from '../components/PartSearch';

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
      actions={
        <>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={save} data-testid="inbound-form-save">
            保存
          </Button>
        </>
      }
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
              <Form.Item name="remark" label="备注" rules={[zodRule(shape.remark)]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} showCount data-testid="inbound-remark" />
              </Form.Item>
            </Col>
          </Row>
        </Section>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <Section
              title="配件信息"
              extra={
                <Button size="small" onClick={() => add({})} data-testid="inbound-line-new">
                  添加配件
                </Button>
              }
            >
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={fields}
                data-testid="inbound-lines"
                columns={[
                  { title: '序号', width: 56, render: (_v, _f, i) => i + 1 },
                  {
                    title: <span className="desk-required">配件</span>,
                    render: (_v, f) => {
                      const p = parts[lines[f.name]?.partId ?? 0];
                      return (
                        <Form.Item name={[f.name, 'partId']} rules={[{ required: true, message: '请选择配件' }]} style={{ margin: 0 }}>
                          <PartSearch<PartView>
                            testId={`inbound-line-part-${f.name}`}
                            search={(keyword) =>
                              api.get<Page<PartView>>('/parts', { keyword, enabled: true, pageSize: 20 }).then((r) => r.items)
                            }
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
                        </Form.Item>
                      );
                    },
                  },
                  { title: '规格', width: 120, render: (_v, f) => parts[lines[f.name]?.partId ?? 0]?.spec || '—' },
                  { title: '单位', width: 56, render: (_v, f) => parts[lines[f.name]?.partId ?? 0]?.unit ?? '' },
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
                        <InputNumber
                          min={1}
                          max={1000000}
                          precision={0}
                          style={{ width: 100 }}
                          data-testid={`inbound-line-qty-${f.name}`}
                        />
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
                  {
                    title: '操作',
                    width: 90,
                    render: (_v, f, i) => (
                      <RowOps
                        testId={`inbound-line-${f.name}`}
                        onAdd={() => add({}, i + 1)}
                        onRemove={() => remove(f.name)}
                        canRemove={fields.length > 1}
                      />
                    ),
                  },
                ]}
              />
              <div className="desk-hint" style={{ marginTop: 8 }} data-testid="inbound-form-total">
                合计：{lines.reduce((s, l) => s + (l.qty ?? 0), 0)} 件，{formatYuan(lines.reduce((s, l) => s + amount(l), 0))}
              </div>
            </Section>
          )}
        </Form.List>
      </Form>
    </DocDrawer>
  );
}
