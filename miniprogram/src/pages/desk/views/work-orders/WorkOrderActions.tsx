import { useEffect, useState } from 'react';
import { Alert, App, Checkbox, Form, Input, Modal, Radio, Rate, Select, Switch, Table, type ButtonProps } from 'antd';
import { PAYMENT_METHOD_LABELS, WORK_ORDER_TRANSITIONS, formatFen, formatYuan, parseYuan, totals, visitLabel } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { errorText } from '../../lib/form';
import type { LabourLine, WorkOrderDetail, Workload } from '@hongyuan/shared';

export type ModalAction = 'dispatch' | 'reassign' | 'settle' | 'followup' | 'cancel';

/** Every technician's load (open, in progress, hours this week), beside the 派工 picker. */
export function WorkloadPanel({ items, selected, onPick }: { items: Workload[]; selected?: number; onPick?: (id: number) => void }) {
  return (
    <Table<Workload>
      rowKey="technicianId"
      size="small"
      pagination={false}
      dataSource={items}
      data-testid="workload-panel"
      rowClassName={(r) => (r.technicianId === selected ? 'ant-table-row-selected' : '')}
      onRow={(r) => ({ onClick: () => onPick?.(r.technicianId) })}
      columns={[
        { title: '技师', dataIndex: 'name' },
        { title: '未完成', dataIndex: 'open', width: 80, align: 'right' },
        { title: '处理中', dataIndex: 'inProgress', width: 80, align: 'right' },
        { title: '本周工时(小时)', dataIndex: 'hoursThisWeek', width: 120, align: 'right' },
      ]}
    />
  );
}

export function useWorkload(enabled: boolean) {
  const [items, setItems] = useState<Workload[]>([]);
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    api
      .get<Workload[]>('/work-orders/workload')
      .then(setItems)
      .catch(() => setItems([]));
  }, [enabled, n]);
  return { items, reload: () => setN((x) => x + 1) };
}

/** A labour line's unit price with 改价: the supervisor corrects it before settling (PUT, audit-logged). */
function LabourPriceCell({ line, onSave }: { line: LabourLine; onSave: (unitPrice: number) => Promise<boolean> }) {
  const { message } = App.useApp();
  const [text, setText] = useState<string | null>(null);
  if (text === null)
    return (
      <span>
        {formatYuan(line.unitPrice)}{' '}
        <a onClick={() => setText(formatFen(line.unitPrice, { grouping: false }))} data-testid={`wo-labour-edit-${line.id}`}>
          改价
        </a>
      </span>
    );
  const save = async () => {
    const fen = parseYuan(text);
    if (fen === null || fen < 0) {
      message.error('单价应为金额，最多两位小数');
      return;
    }
    if (await onSave(fen)) setText(null);
  };
  return (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      <Input
        size="small"
        style={{ width: 90 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid={`wo-labour-edit-price-${line.id}`}
      />
      <a onClick={save} data-testid={`wo-labour-edit-save-${line.id}`}>
        保存
      </a>
      <a onClick={() => setText(null)}>取消</a>
    </span>
  );
}

interface Props {
  doc: WorkOrderDetail;
  action: ModalAction | null;
  onClose: () => void;
  onDone: (d: WorkOrderDetail) => void;
}

/** The forms behind 派工 / 改派 / 工单结算 / 回访 / 取消工单. */
export function WorkOrderActionModal({ doc, action, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const workload = useWorkload(action === 'dispatch' || action === 'reassign');
  const tech = Form.useWatch('technicianId', form) as number | undefined;
  const discountText = Form.useWatch('discount', form) as string | undefined;
  const result = Form.useWatch('result', form) as string | undefined;
  const reached = Form.useWatch('reached', form) as boolean | undefined;
  const [labourName, setLabourName] = useState('');
  const [labourPrice, setLabourPrice] = useState<string>('');
  const free = Form.useWatch('free', form) as boolean | undefined;
  const [labour, setLabour] = useState(doc.labour);
  useEffect(() => setLabour(doc.labour), [doc]);

  // This visit's charges: what earlier settlements billed stays with them.
  const lines = [
    ...doc.parts.filter((p) => p.kind === 'used' && !p.removed && p.settlementId === null),
    ...labour.filter((l) => l.settlementId === null),
  ];
  const gross = totals(lines).gross;
  const discount = free ? gross : (parseYuan(discountText ?? '') ?? 0);
  const sum = totals(lines, Math.min(discount, gross));

  const title = action === 'followup' ? '回访' : action ? WORK_ORDER_TRANSITIONS[action].label : '';

  const addLabour = async () => {
    const unitPrice = parseYuan(labourPrice);
    if (!labourName.trim() || unitPrice === null) {
      message.error('请填写工时项目和单价');
      return;
    }
    try {
      const d = await api.post<WorkOrderDetail>(`/work-orders/${doc.id}/labour`, { name: labourName.trim(), qty: 1, unitPrice });
      setLabour(d.labour);
      setLabourName('');
      setLabourPrice('');
      onDone(d);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const editLabour = async (lineId: number, unitPrice: number) => {
    try {
      const d = await api.put<WorkOrderDetail>(`/work-orders/${doc.id}/labour/${lineId}`, { unitPrice });
      setLabour(d.labour);
      onDone(d);
      message.success('已修改工时单价');
      return true;
    } catch (e) {
      message.error(errorText(e));
      return false;
    }
  };
  const removeLabour = async (lineId: number) => {
    try {
      const d = await api.delete<WorkOrderDetail>(`/work-orders/${doc.id}/labour/${lineId}`);
      setLabour(d.labour);
      onDone(d);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const submit = async () => {
    let v: Record<string, unknown>;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      let d: WorkOrderDetail;
      if (action === 'dispatch' || action === 'reassign') {
        d = await api.post(`/work-orders/${doc.id}/${action}`, {
          technicianId: v.technicianId,
          helperIds: [],
          note: (v.note as string | undefined)?.trim() || undefined,
        });
      } else if (action === 'settle') {
        const note = (v.note as string | undefined)?.trim() || undefined;
        d = await api.post(
          `/work-orders/${doc.id}/settle`,
          // The total shown here: if the lines changed meanwhile the server refuses (409) instead of billing other amounts.
          v.free ? { free: true, note, expectedGross: gross } : { discount, paymentMethod: v.paymentMethod, note, expectedGross: gross },
        );
      } else if (action === 'followup') {
        d = await api.post(`/work-orders/${doc.id}/followup`, {
          reached: !!v.reached,
          satisfaction: v.reached ? (v.satisfaction as number) || null : null,
          comments: (v.comments as string | undefined)?.trim() || undefined,
          result: v.result,
          reworkReason: v.result === 'rework' ? (v.reworkReason as string).trim() : undefined,
        });
      } else {
        d = await api.post(`/work-orders/${doc.id}/cancel`, { note: (v.note as string).trim() });
      }
      message.success(action === 'cancel' ? '工单已取消' : `${title}成功`);
      onDone(d);
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!action}
      title={`${title} · ${doc.no}`}
      width={action === 'dispatch' || action === 'reassign' || action === 'settle' ? 760 : 520}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ 'data-testid': 'wo-action-ok' } as ButtonProps}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          reached: true,
          result: 'close',
          satisfaction: 5,
          free: false,
          discount: '0',
          technicianId: action === 'reassign' ? undefined : (doc.technicianId ?? undefined),
        }}
        data-testid={`wo-action-${action}`}
      >
        {(action === 'dispatch' || action === 'reassign') && (
          <>
            <WorkloadPanel items={workload.items} selected={tech} onPick={(id) => form.setFieldsValue({ technicianId: id })} />
            <Form.Item name="technicianId" label="技师" rules={[{ required: true, message: '请选择技师' }]} style={{ marginTop: 12 }}>
              <Select
                showSearch
                optionFilterProp="label"
                placeholder="选择技师"
                options={workload.items.map((w) => ({ value: w.technicianId, label: `${w.name}（未完成 ${w.open}）` }))}
                data-testid="wo-dispatch-tech"
              />
            </Form.Item>
            <Form.Item
              name="note"
              label={action === 'reassign' ? '改派原因' : '说明'}
              rules={action === 'reassign' ? [{ required: true, whitespace: true, message: '请填写改派原因' }] : []}
            >
              <Input.TextArea rows={2} maxLength={200} data-testid="wo-dispatch-note" />
            </Form.Item>
          </>
        )}
        {action === 'settle' && (
          <>
            {doc.settlements.length > 0 && (
              <div className="desk-muted" style={{ marginBottom: 8 }} data-testid="wo-settle-earlier">
                已结算：
                {doc.settlements.map((x) => `${x.label} ${x.free ? '免费' : `应收 ${formatYuan(x.payable)}`}`).join('；')}
                。本次只结算下列未结算的用料和工时。
              </div>
            )}
            <div className="desk-section-title">
              <span>本次结算（{visitLabel(doc.reworkCount)}）</span>
            </div>
            <Table
              rowKey={(r) => `${'kind' in r ? 'p' : 'l'}${r.id}`}
              size="small"
              pagination={false}
              dataSource={lines}
              data-testid="wo-settle-lines"
              locale={{ emptyText: '本次上门没有新的用料或工时' }}
              columns={[
                { title: '项目', render: (_v, r) => ('partName' in r ? `配件：${r.partName}` : `工时：${r.name}`) },
                { title: '数量', dataIndex: 'qty', width: 60, align: 'right' },
                {
                  title: '单价',
                  dataIndex: 'unitPrice',
                  width: 190,
                  align: 'right',
                  render: (v: number, r) =>
                    'partName' in r ? formatYuan(v) : <LabourPriceCell line={r} onSave={(unitPrice) => editLabour(r.id, unitPrice)} />,
                },
                { title: '税率', dataIndex: 'taxRate', width: 60, align: 'right', render: (v: number) => `${v}%` },
                {
                  title: '',
                  width: 60,
                  render: (_v, r) =>
                    !('partName' in r) ? (
                      <a onClick={() => removeLabour(r.id)} data-testid={`wo-labour-remove-${r.id}`}>
                        删除
                      </a>
                    ) : null,
                },
              ]}
            />
            <div style={{ display: 'flex', gap: 8, margin: '8px 0' }}>
              <Input
                placeholder="工时项目，如 上门服务费"
                value={labourName}
                onChange={(e) => setLabourName(e.target.value)}
                data-testid="wo-labour-name"
              />
              <Input
                placeholder="单价（元，含税）"
                style={{ width: 160 }}
                value={labourPrice}
                onChange={(e) => setLabourPrice(e.target.value)}
                data-testid="wo-labour-price"
              />
              <a onClick={addLabour} style={{ whiteSpace: 'nowrap', lineHeight: '32px' }} data-testid="wo-labour-add">
                添加工时
              </a>
            </div>
            <div data-testid="wo-settle-totals" style={{ marginBottom: 12 }}>
              不含税 {formatYuan(sum.net)} · 税额 {formatYuan(sum.tax)} · 价税合计 {formatYuan(sum.gross)} ·{' '}
              {free ? '免费' : `优惠 ${formatYuan(sum.discount)}`} · <b>应收 {formatYuan(sum.payable)}</b>
            </div>
            {!lines.length && !free && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                message="本次上门没有新的用料或工时，没有可收的费用。如返工不另收费，请勾选“免费”并填写原因。"
              />
            )}
            <Form.Item name="free" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox data-testid="wo-settle-free">免费（本次不收费，如返工不另收费）</Checkbox>
            </Form.Item>
            {!free && (
              <>
                <Form.Item
                  name="discount"
                  label="优惠金额（元）"
                  rules={[
                    {
                      validator: (_r, v) => {
                        const fen = parseYuan(v || '0');
                        if (fen === null || fen < 0) return Promise.reject(new Error('金额格式不对'));
                        if (fen > gross) return Promise.reject(new Error(`优惠金额不能超过本次合计 ${formatFen(gross)} 元`));
                        return Promise.resolve();
                      },
                    },
                  ]}
                >
                  <Input style={{ width: 200 }} data-testid="wo-settle-discount" />
                </Form.Item>
                <Form.Item
                  name="paymentMethod"
                  label="约定付款方式"
                  extra="结算只记应收；钱收到后在工单的“收款”里登记"
                  rules={[{ required: true, message: '请选择付款方式' }]}
                >
                  <Radio.Group
                    options={Object.entries(PAYMENT_METHOD_LABELS).map(([value, label]) => ({ value, label }))}
                    data-testid="wo-settle-payment"
                  />
                </Form.Item>
              </>
            )}
            <Form.Item
              name="note"
              label={free ? '免费原因' : '结算备注'}
              rules={free ? [{ required: true, whitespace: true, message: '免费结算请填写原因' }] : []}
            >
              <Input maxLength={200} data-testid="wo-settle-note" />
            </Form.Item>
          </>
        )}
        {action === 'followup' && (
          <>
            <Form.Item name="reached" label="是否接通" valuePropName="checked">
              <Switch checkedChildren="已接通" unCheckedChildren="未接通" data-testid="wo-followup-reached" />
            </Form.Item>
            {reached && (
              // 结束 after a call that got through needs a rating (the server asks for it too); a click on the
              // chosen star keeps it instead of clearing it
              <Form.Item
                name="satisfaction"
                label="满意度"
                required={result !== 'rework'}
                rules={[
                  {
                    // 0 stars (taken back with the keyboard) is no rating either
                    validator: (_r, v?: number) =>
                      result !== 'rework' && !v ? Promise.reject(new Error('请打满意度')) : Promise.resolve(),
                  },
                ]}
              >
                <Rate allowClear={false} data-testid="wo-followup-satisfaction" />
              </Form.Item>
            )}
            <Form.Item name="comments" label="回访记录">
              <Input.TextArea rows={2} maxLength={500} data-testid="wo-followup-comments" />
            </Form.Item>
            <Form.Item name="result" label="结果">
              <Radio.Group
                options={[
                  { value: 'close', label: '结束' },
                  { value: 'rework', label: '返工' },
                ]}
                data-testid="wo-followup-result"
              />
            </Form.Item>
            {result === 'rework' && (
              <Form.Item name="reworkReason" label="返工原因" rules={[{ required: true, whitespace: true, message: '返工时请填写原因' }]}>
                <Input.TextArea rows={2} maxLength={200} data-testid="wo-followup-reason" />
              </Form.Item>
            )}
          </>
        )}
        {action === 'cancel' && (
          <Form.Item name="note" label="取消原因" rules={[{ required: true, whitespace: true, message: '请填写取消原因' }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="wo-cancel-note" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
