import { useRef, useState } from 'react';
import { App, Button, Descriptions, Form, Input, Modal, Radio, Space, Table, Tag, type ButtonProps } from 'antd';
import type { Rule } from 'antd/es/form';
import {
  PAY_CHANNEL_LABELS,
  PAYMENT_METHOD_LABELS,
  RECEIVABLE_STATUS_LABELS,
  formatDateTime,
  formatYuan,
  parseYuan,
  visitLabel,
  type OrderPayments as Payments,
  type PaymentView,
  type ReceivableStatus,
  type RefundView,
} from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { fenToInput, reportSaveError, yuanRule } from '../../lib/form';
import { useCan } from '../../lib/hooks';
import { idempotent, newIdempotencyKey, useDoc } from '../../lib/stock';
import { Section } from '../../components/DocDrawer';

export const RECEIVABLE_COLORS: Record<ReceivableStatus, string> = {
  unpaid: 'red',
  partial: 'orange',
  paid: 'green',
  partRefunded: 'purple',
  refunded: 'default',
  free: 'default',
};

export function ReceivableTag({ status }: { status: ReceivableStatus }) {
  return <Tag color={RECEIVABLE_COLORS[status]}>{RECEIVABLE_STATUS_LABELS[status]}</Tag>;
}

type Receivable = Payments['settlements'][number];

/** A money field (yuan) above 0 and at most `max` fen, which the message calls `what`. */
function upTo(label: string, max: number, what: string): Rule {
  return {
    validator: async (_r, value) => {
      const fen = parseYuan(String(value ?? ''));
      if (fen === 0) throw new Error(`${label}应大于 0`);
      if (fen !== null && fen > max) throw new Error(`不能超过${what} ${formatYuan(max)}`);
    },
  };
}

/**
 * 收款 of an order: one receivable per settled visit with what came in and went back, 登记收款
 * (cash, transfer) while something is owed, and 退款 of a payment for those who may refund.
 * `version` changes when the order changed (a new settlement), so the list is read again.
 */
export function OrderPaymentsSection({ orderId, version, onChanged }: { orderId: number; version: number; onChanged: () => void }) {
  const allowed = useCan();
  const { doc, reload } = useDoc<Payments>(`/work-orders/${orderId}/payments`, version);
  const [collecting, setCollecting] = useState<Receivable | null>(null);
  const [refunding, setRefunding] = useState<PaymentView | null>(null);
  if (!doc || !doc.settlements.length) return null;

  return (
    <Section title="收款">
      <Descriptions size="small" bordered column={4} data-testid="wo-pay-totals">
        <Descriptions.Item label="应收">{formatYuan(doc.totals.payable)}</Descriptions.Item>
        <Descriptions.Item label="已收">{formatYuan(doc.totals.paid)}</Descriptions.Item>
        <Descriptions.Item label="已退">{formatYuan(doc.totals.refunded)}</Descriptions.Item>
        <Descriptions.Item label="未收">
          <b>{formatYuan(doc.totals.outstanding)}</b>
        </Descriptions.Item>
      </Descriptions>
      {doc.settlements.map((r) => (
        <div key={r.settlementId} style={{ marginTop: 12 }} data-testid={`wo-pay-${r.visit}`}>
          <Space wrap style={{ marginBottom: 6 }}>
            <b>{visitLabel(r.visit)}</b>
            <ReceivableTag status={r.status} />
            {r.free ? (
              <span className="desk-muted">免费结算，不收款</span>
            ) : (
              <span>
                应收 {formatYuan(r.payable)} · 已收 {formatYuan(r.paid)}
                {r.refunded ? ` · 已退 ${formatYuan(r.refunded)}` : ''} · 未收 <b>{formatYuan(r.outstanding)}</b>
                {r.agreedMethod && r.agreedMethod in PAYMENT_METHOD_LABELS ? (
                  <span className="desk-muted">（约定{PAYMENT_METHOD_LABELS[r.agreedMethod as keyof typeof PAYMENT_METHOD_LABELS]}）</span>
                ) : null}
              </span>
            )}
            {r.outstanding > 0 && allowed('payment.collect') ? (
              <Button size="small" type="primary" onClick={() => setCollecting(r)} data-testid={`wo-pay-collect-${r.visit}`}>
                登记收款
              </Button>
            ) : null}
          </Space>
          {r.payments.length ? (
            <Table<PaymentView>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.payments}
              data-testid={`wo-pay-list-${r.visit}`}
              columns={[
                { title: '收款时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
                { title: '方式', dataIndex: 'channel', width: 80, render: (v: PaymentView['channel']) => PAY_CHANNEL_LABELS[v] },
                { title: '金额', dataIndex: 'amount', width: 100, align: 'right', render: (v: number) => formatYuan(v) },
                { title: '可退', dataIndex: 'refundable', width: 100, align: 'right', render: (v: number) => formatYuan(v) },
                { title: '流水号 / 备注', render: (_, p) => [p.reference, p.note].filter(Boolean).join(' · ') || '—' },
                { title: '经办', dataIndex: 'recordedBy', width: 80, render: (v: string | null) => v ?? '微信通知' },
                ...(allowed('payment.refund')
                  ? [
                      {
                        title: '操作',
                        width: 70,
                        render: (_: unknown, p: PaymentView) =>
                          p.refundable > 0 ? (
                            <Button size="small" danger onClick={() => setRefunding(p)} data-testid={`wo-pay-refund-${p.id}`}>
                              退款
                            </Button>
                          ) : (
                            <span className="desk-muted">已退完</span>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          ) : null}
          {r.refunds.length ? (
            <div className="desk-muted" style={{ marginTop: 4 }} data-testid={`wo-pay-refunds-${r.visit}`}>
              {r.refunds.map((x: RefundView) => (
                <div key={x.id}>
                  退款 {formatYuan(x.amount)}（{PAY_CHANNEL_LABELS[x.channel]}）· {x.reason} · {x.requestedBy} ·{' '}
                  {formatDateTime(x.createdAt)}
                </div>
              ))}
            </div>
          ) : null}
        </div>
      ))}
      {collecting ? (
        <CollectModal
          receivable={collecting}
          onClose={() => setCollecting(null)}
          onDone={() => {
            setCollecting(null);
            reload();
            onChanged();
          }}
        />
      ) : null}
      {refunding ? (
        <RefundModal
          payment={refunding}
          onClose={() => setRefunding(null)}
          onDone={() => {
            setRefunding(null);
            reload();
            onChanged();
          }}
        />
      ) : null}
    </Section>
  );
}

interface CollectValues {
  channel?: 'cash' | 'transfer';
  amount: string;
  reference?: string;
  note?: string;
}

/** 登记收款: the way it came in is chosen, never assumed; the amount starts at what is owed. */
function CollectModal({ receivable, onClose, onDone }: { receivable: Receivable; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CollectValues>();
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());
  const channel = Form.useWatch('channel', form);

  const save = async () => {
    // A form with mistakes says so next to its fields and stays open.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      await api.post(
        `/settlements/${receivable.settlementId}/payments`,
        { channel: v.channel, amount: parseYuan(v.amount), reference: v.reference?.trim() ?? '', note: v.note?.trim() ?? '' },
        idempotent(key.current),
      );
      message.success('已登记收款');
      onDone();
    } catch (e) {
      reportSaveError(e, form, message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`登记收款 · ${visitLabel(receivable.visit)}（未收 ${formatYuan(receivable.outstanding)}）`}
      okText="登记"
      onOk={save}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnClose
      okButtonProps={{ 'data-testid': 'wo-pay-save' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={{ amount: fenToInput(receivable.outstanding) }}>
        <Form.Item name="channel" label="收款方式" rules={[{ required: true, message: '请选择收款方式' }]}>
          <Radio.Group
            options={[
              { value: 'cash', label: '现金' },
              { value: 'transfer', label: '转账' },
            ]}
            data-testid="wo-pay-channel"
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label="收款金额（元）"
          rules={[yuanRule('收款金额', true), upTo('收款金额', receivable.outstanding, '未收金额')]}
        >
          <Input style={{ width: 200 }} data-testid="wo-pay-amount" />
        </Form.Item>
        {channel === 'transfer' ? (
          <Form.Item name="reference" label="转账流水号">
            <Input maxLength={64} placeholder="银行或转账记录上的流水号，便于对账" data-testid="wo-pay-reference" />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label="备注">
          <Input maxLength={200} data-testid="wo-pay-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 退款 of one payment: amount up to what is left of it, the reason always; confirmed before sending. */
function RefundModal({ payment, onClose, onDone }: { payment: PaymentView; onClose: () => void; onDone: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ amount: string; reason: string }>();
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());

  const send = async (v: { amount: string; reason: string }) => {
    setSaving(true);
    try {
      await api.post(`/payments/${payment.id}/refunds`, { amount: parseYuan(v.amount), reason: v.reason.trim() }, idempotent(key.current));
      message.success('已登记退款');
      onDone();
    } catch (e) {
      reportSaveError(e, form, message);
    } finally {
      setSaving(false);
    }
  };

  const confirm = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    modal.confirm({
      title: `确认退款 ${formatYuan(parseYuan(v.amount) ?? 0)}？`,
      content: '请先把钱退还给客户，再登记。登记后不能撤销。',
      okText: '确认退款',
      okButtonProps: { danger: true },
      cancelText: '再想想',
      onOk: () => send(v),
    });
  };

  return (
    <Modal
      open
      title={`退款 · ${PAY_CHANNEL_LABELS[payment.channel]} ${formatYuan(payment.amount)}（可退 ${formatYuan(payment.refundable)}）`}
      okText="退款"
      okButtonProps={{ danger: true, 'data-testid': 'wo-refund-save' } as ButtonProps}
      onOk={confirm}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnClose
    >
      <Form form={form} layout="vertical" initialValues={{ amount: fenToInput(payment.refundable) }}>
        <Form.Item
          name="amount"
          label="退款金额（元）"
          rules={[yuanRule('退款金额', true), upTo('退款金额', payment.refundable, '可退金额')]}
        >
          <Input style={{ width: 200 }} data-testid="wo-refund-amount" />
        </Form.Item>
        <Form.Item name="reason" label="退款原因" rules={[{ required: true, whitespace: true, message: '请填写退款原因' }]}>
          <Input maxLength={80} placeholder="如：多收、工时费优惠、取消部分项目" data-testid="wo-refund-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
