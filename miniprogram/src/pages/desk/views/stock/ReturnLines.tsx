import { Button, Form, InputNumber, Select, Table, type FormInstance } from 'antd';
import { PROBLEM_REASONS, type ReturnPrefill } from '@hongyuan/shared';
import { RowOps, Section } from '../../components/DocDrawer';

export type HeldPart = ReturnPrefill['lines'][number];

export interface ReturnLine {
  partId?: number;
  qty?: number | null;
  problemQty?: number | null;
  problemReason?: string;
}

interface Props {
  form: FormInstance;
  /** what the employee holds, by part id */
  held: Record<number, HeldPart>;
  lines: ReturnLine[];
  /** 一键带出: every held part at its full remaining quantity */
  onFill: () => void;
  canFill: boolean;
}

const n = (v: number | null | undefined) => v ?? 0;

/**
 * 配件信息 (what comes back, checked against 剩余数量) and 配件问题 (damaged or missing, with the
 * reason), both over the same Form.List `lines`.
 */
export function ReturnLines({ form, held, lines, onFill, canFill }: Props) {
  const heldOf = (i: number) => held[lines[i]?.partId ?? 0];
  const partOptions = Object.values(held).map((h) => ({
    value: h.partId,
    label: `${h.partName}（${h.partCode}）`,
    disabled: lines.some((l) => l.partId === h.partId),
  }));

  // A problem quantity comes out of the returned quantity when both would exceed what he holds.
  const onProblem = (i: number, problem: number | null) => {
    const h = heldOf(i);
    const qty = n(form.getFieldValue(['lines', i, 'qty']));
    if (h && qty + n(problem) > h.heldQty) form.setFieldValue(['lines', i, 'qty'], Math.max(0, h.heldQty - n(problem)));
    setTimeout(() =>
      form
        .validateFields([
          ['lines', i, 'qty'],
          ['lines', i, 'problemReason'],
        ])
        .catch(() => undefined),
    );
  };

  return (
    <Form.List name="lines">
      {(fields, { add, remove }) => (
        <>
          <Section
            title="配件信息"
            extra={
              <Button type="primary" ghost size="small" disabled={!canFill} onClick={onFill} data-testid="return-fill">
                一键带出持有配件
              </Button>
            }
          >
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={fields}
              locale={{ emptyText: canFill ? '点“一键带出持有配件”列出该员工手上的配件' : '请先选择领用员工' }}
              data-testid="return-lines"
              columns={[
                {
                  title: <span className="desk-required">配件名称</span>,
                  render: (_v, f) => (
                    <Form.Item name={[f.name, 'partId']} rules={[{ required: true, message: '请选择配件' }]} style={{ margin: 0 }}>
                      <Select
                        showSearch
                        optionFilterProp="label"
                        placeholder="选择员工持有的配件"
                        options={partOptions}
                        data-testid={`return-line-part-${f.name}`}
                      />
                    </Form.Item>
                  ),
                },
                { title: '配件规格', width: 140, render: (_v, f) => heldOf(f.name)?.partSpec || '' },
                {
                  title: '剩余数量',
                  width: 90,
                  align: 'right',
                  render: (_v, f) => <span data-testid={`return-line-held-${f.name}`}>{heldOf(f.name)?.heldQty ?? '—'}</span>,
                },
                {
                  title: <span className="desk-required">配件数量</span>,
                  width: 130,
                  render: (_v, f) => (
                    <Form.Item
                      name={[f.name, 'qty']}
                      style={{ margin: 0 }}
                      dependencies={[['lines', f.name, 'problemQty']]}
                      rules={[
                        { required: true, message: '请填写数量' },
                        {
                          validator: async (_r, q) => {
                            const h = heldOf(f.name);
                            const p = n(form.getFieldValue(['lines', f.name, 'problemQty']));
                            if (h && n(q) + p > h.heldQty) throw new Error(`连同问题数量不能超过剩余 ${h.heldQty}`);
                            if (n(q) + p <= 0) throw new Error('数量与问题数量不能都为 0');
                          },
                        },
                      ]}
                    >
                      <InputNumber
                        min={0}
                        max={heldOf(f.name)?.heldQty}
                        precision={0}
                        style={{ width: 100 }}
                        data-testid={`return-line-qty-${f.name}`}
                      />
                    </Form.Item>
                  ),
                },
                { title: <span className="desk-required">配件单位</span>, width: 96, render: (_v, f) => heldOf(f.name)?.unit ?? '' },
                {
                  title: '操作',
                  width: 90,
                  render: (_v, f, i) => (
                    <RowOps
                      testId={`return-line-${f.name}`}
                      onAdd={() => add({ qty: null, problemQty: 0, problemReason: '' }, i + 1)}
                      onRemove={() => remove(f.name)}
                    />
                  ),
                },
              ]}
            />
          </Section>
          <Section title="配件问题">
            <div className="desk-hint" style={{ marginBottom: 8 }}>
              核对时发现损坏、丢失或型号不符的，在这里填写数量和原因：问题数量报损，不回库存。
            </div>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={fields}
              locale={{ emptyText: '没有配件' }}
              data-testid="return-problems"
              columns={[
                { title: '配件名称', render: (_v, f) => heldOf(f.name)?.partName ?? '' },
                { title: '剩余数量', width: 90, align: 'right', render: (_v, f) => heldOf(f.name)?.heldQty ?? '' },
                {
                  title: '问题数量',
                  width: 130,
                  render: (_v, f) => (
                    <Form.Item name={[f.name, 'problemQty']} style={{ margin: 0 }}>
                      <InputNumber
                        min={0}
                        max={heldOf(f.name)?.heldQty}
                        precision={0}
                        style={{ width: 100 }}
                        onChange={(v) => onProblem(f.name, v as number | null)}
                        data-testid={`return-line-problem-qty-${f.name}`}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: '问题原因',
                  width: 200,
                  render: (_v, f) => (
                    <Form.Item
                      name={[f.name, 'problemReason']}
                      style={{ margin: 0 }}
                      dependencies={[['lines', f.name, 'problemQty']]}
                      rules={[
                        {
                          validator: async (_r, v) => {
                            if (n(form.getFieldValue(['lines', f.name, 'problemQty'])) > 0 && !v) throw new Error('有问题数量时请选择原因');
                          },
                        },
                      ]}
                    >
                      <Select
                        allowClear
                        placeholder="选择原因"
                        options={PROBLEM_REASONS.map((r) => ({ value: r, label: r }))}
                        data-testid={`return-line-problem-reason-${f.name}`}
                      />
                    </Form.Item>
                  ),
                },
                { title: '回库数量', width: 90, align: 'right', render: (_v, f) => n(lines[f.name]?.qty) },
              ]}
            />
          </Section>
        </>
      )}
    </Form.List>
  );
}
