import { useState } from 'react';
import { Button, Descriptions, Empty, Table, Tag, Timeline } from 'antd';
import {
  PAYMENT_METHOD_LABELS,
  PRIORITY_LABELS,
  SERVICE_TYPE_LABELS,
  WORK_ORDER_STATE_LABELS,
  WORK_ORDER_TRANSITIONS,
  formatDateTime,
  formatYuan,
  type WorkOrderAction,
  type WorkOrderState,
} from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { openPrint, useDoc } from '../../lib/stock';
import type { LabourLine, OrderPartLine, SettlementView, WorkOrderDetail as Detail } from '@hongyuan/shared';
import { STATE_COLORS } from '../../lib/workOrder';
import { ConfirmButton, useAction } from '../../components/DocActions';
import { DocDrawer, Section } from '../../components/DocDrawer';
import { WorkOrderActionModal, type ModalAction } from './WorkOrderActions';
import { InvoiceRequestModal } from './Invoices';
import { VisitsTable } from './Visits';
import { OrderPaymentsSection } from '../payments/OrderPayments';
import { useCan } from '../../lib/hooks';
import { useDeskNav } from '../../lib/nav';

export function WorkOrderStateTag({ state }: { state: WorkOrderState }) {
  return <Tag color={STATE_COLORS[state]}>{WORK_ORDER_STATE_LABELS[state]}</Tag>;
}

const EVENT_LABELS: Record<string, string> = {
  create: '建单',
  ...Object.fromEntries(Object.entries(WORK_ORDER_TRANSITIONS).map(([k, t]) => [k, t.label])),
};

interface Props {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
}

/** 工单详情: customer, vehicle, problem, each visit (上门记录), parts, labour, totals, timeline, follow-ups; buttons from `actions`. */
export function WorkOrderDetail({ id, onClose, onChanged }: Props) {
  const { doc, setDoc } = useDoc<Detail>(id ? `/work-orders/${id}` : null);
  const { busy, run } = useAction();
  const [modal, setModal] = useState<ModalAction | null>(null);
  const [invoicing, setInvoicing] = useState(false);
  const allowed = useCan();
  const nav = useDeskNav();

  const changed = (d: Detail) => {
    setDoc(d);
    onChanged();
  };
  const modalFor: Partial<Record<WorkOrderAction, ModalAction>> = {
    dispatch: 'dispatch',
    reassign: 'reassign',
    settle: 'settle',
    close: 'followup',
    cancel: 'cancel',
  };

  const buttons = (d: Detail) => {
    const shown = d.actions.filter((a) => a !== 'rework' && a !== 'start' && a !== 'finish');
    return shown.map((a) => {
      if (a === 'submit')
        return (
          <ConfirmButton
            key={a}
            type="primary"
            label="提交派工"
            title="提交到待派工？"
            loading={busy === 'submit'}
            onConfirm={async () => {
              const r = await run('submit', () => api.post<Detail>(`/work-orders/${d.id}/submit`), '已提交派工');
              if (r) changed(r);
            }}
            testId="wo-submit"
          />
        );
      const m = modalFor[a];
      if (!m) return null;
      return (
        <Button
          key={a}
          type={a === 'cancel' ? 'default' : 'primary'}
          danger={a === 'cancel'}
          onClick={() => setModal(m)}
          data-testid={`wo-${m}`}
        >
          {a === 'close' ? '回访' : WORK_ORDER_TRANSITIONS[a].label}
        </Button>
      );
    });
  };

  /** Which settlement billed a line: 第1次 / 返工第n次, or 未结算 while its visit is open. */
  const settledIn = (l: { settlementId: number | null }) =>
    doc?.settlements.find((x) => x.id === l.settlementId)?.label ?? <span className="desk-muted">未结算</span>;
  const settledColumn = {
    title: '结算',
    key: 'settlement',
    width: 100,
    render: (_v: unknown, l: OrderPartLine | LabourLine) => settledIn(l),
  };
  const partColumns = [
    { title: '配件编号', dataIndex: 'partCode', width: 140 },
    { title: '配件名称', dataIndex: 'partName' },
    { title: '规格', dataIndex: 'spec', width: 120, render: (v: string) => v || '—' },
    { title: '数量', dataIndex: 'qty', width: 70, align: 'right' as const, render: (v: number, l: OrderPartLine) => `${v} ${l.unit}` },
    { title: '单价', dataIndex: 'unitPrice', width: 90, align: 'right' as const, render: (v: number) => formatYuan(v) },
    { title: '税率', dataIndex: 'taxRate', width: 60, align: 'right' as const, render: (v: number) => `${v}%` },
  ];

  return (
    <DocDrawer
      open={id !== null}
      title={doc ? `工单 ${doc.no}` : '工单'}
      onClose={onClose}
      ready={!!doc}
      width={1050}
      testId="wo-detail"
      actions={
        doc && (
          <>
            {buttons(doc)}
            {(doc.state === 'pending_followup' || doc.state === 'closed') && doc.invoiceable.payable > 0 && allowed('workorder.create') && (
              <Button onClick={() => setInvoicing(true)} data-testid="wo-invoice">
                申请开票
              </Button>
            )}
            <Button onClick={() => openPrint('workorder', doc.id)} data-testid="wo-print">
              打印工单
            </Button>
            {(doc.state === 'pending_followup' || doc.state === 'closed' || doc.state === 'finished') && (
              <Button onClick={() => openPrint('settlement', doc.id)} data-testid="wo-print-settlement">
                打印结算单
              </Button>
            )}
          </>
        )
      }
    >
      {doc && (
        <>
          <Descriptions size="small" bordered column={3} data-testid="wo-detail-head">
            <Descriptions.Item label="工单编号">{doc.no}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <span data-testid="wo-detail-state">
                <WorkOrderStateTag state={doc.state} />
              </span>
              {doc.reworkCount > 0 && <Tag color="red">返工 {doc.reworkCount} 次</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="优先级">{PRIORITY_LABELS[doc.priority]}</Descriptions.Item>
            <Descriptions.Item label="客户">{doc.customerName}</Descriptions.Item>
            <Descriptions.Item label="联系人">{doc.contactName}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{doc.contactPhone}</Descriptions.Item>
            <Descriptions.Item label="服务地址" span={2}>
              {doc.address}
            </Descriptions.Item>
            <Descriptions.Item label="服务方式">{SERVICE_TYPE_LABELS[doc.serviceType]}</Descriptions.Item>
            <Descriptions.Item label="车辆">
              {doc.plate && doc.vehicleId ? (
                <a
                  onClick={() => nav('vehicleHistory', { vehicle: doc.vehicleId!, plate: doc.plate! })}
                  title="查看一车一档"
                  data-testid="wo-vehicle-link"
                >
                  {`${doc.plate} ${doc.vehicleName ?? ''}`}
                </a>
              ) : (
                (doc.plate ?? '—')
              )}
            </Descriptions.Item>
            <Descriptions.Item label="预约时间">{formatDateTime(doc.appointmentAt) || '—'}</Descriptions.Item>
            <Descriptions.Item label="技师">{doc.technicianName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="问题描述" span={3}>
              {doc.problem}
            </Descriptions.Item>
            {!!doc.summary && (
              <Descriptions.Item label="处理结果" span={3}>
                {doc.summary}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="建单人">{doc.createdByName}</Descriptions.Item>
            <Descriptions.Item label="建单时间">{formatDateTime(doc.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="付款方式">
              {doc.settlements.length
                ? doc.settlements
                    .map(
                      (x) => `${x.label} ${x.free ? '免费' : PAYMENT_METHOD_LABELS[x.paymentMethod as keyof typeof PAYMENT_METHOD_LABELS]}`,
                    )
                    .join('；')
                : '—'}
            </Descriptions.Item>
          </Descriptions>
          {doc.visits.length > 0 && (
            <Section title={doc.visits.length > 1 ? `上门记录（共 ${doc.visits.length} 次）` : '上门记录'}>
              <VisitsTable visits={doc.visits} />
            </Section>
          )}
          <Section title="计划配件">
            <Table<OrderPartLine>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={doc.parts.filter((p) => p.kind === 'planned' && !p.removed)}
              columns={partColumns}
              locale={{ emptyText: '无计划配件' }}
              data-testid="wo-detail-planned"
            />
          </Section>
          <Section title="用料">
            <Table<OrderPartLine>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={doc.parts.filter((p) => p.kind === 'used' && !p.removed)}
              columns={[...partColumns, settledColumn]}
              locale={{ emptyText: '尚未登记用料' }}
              data-testid="wo-detail-parts"
            />
          </Section>
          <Section title="工时">
            <Table<LabourLine>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={doc.labour}
              locale={{ emptyText: '无工时' }}
              data-testid="wo-detail-labour"
              columns={[
                { title: '工时项目', dataIndex: 'name' },
                { title: '数量', dataIndex: 'qty', width: 70, align: 'right' },
                { title: '单价', dataIndex: 'unitPrice', width: 90, align: 'right', render: (v: number) => formatYuan(v) },
                { title: '税率', dataIndex: 'taxRate', width: 60, align: 'right', render: (v: number) => `${v}%` },
                settledColumn,
              ]}
            />
          </Section>
          {doc.settlements.length > 0 && (
            <Section title="结算记录">
              <Table<SettlementView>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={doc.settlements}
                data-testid="wo-detail-settlements"
                columns={[
                  { title: '结算', dataIndex: 'label', width: 100 },
                  { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
                  { title: '价税合计', dataIndex: 'gross', width: 110, align: 'right', render: (v: number) => formatYuan(v) },
                  {
                    title: '优惠',
                    dataIndex: 'discount',
                    width: 100,
                    align: 'right',
                    render: (v: number, x) => (x.free ? '—' : formatYuan(v)),
                  },
                  { title: '应收', dataIndex: 'payable', width: 110, align: 'right', render: (v: number) => <b>{formatYuan(v)}</b> },
                  {
                    title: '约定付款',
                    dataIndex: 'paymentMethod',
                    width: 90,
                    render: (v: SettlementView['paymentMethod'], x) => (x.free ? <Tag>免费</Tag> : v ? PAYMENT_METHOD_LABELS[v] : '—'),
                  },
                  { title: '备注', dataIndex: 'note', render: (v: string) => v || '—' },
                  { title: '结算人', dataIndex: 'settledBy', width: 90 },
                ]}
              />
            </Section>
          )}
          {doc.settlements.length > 0 && allowed('payment.read') ? (
            <OrderPaymentsSection orderId={doc.id} version={doc.settlements.length} onChanged={onChanged} />
          ) : null}
          <Section title={doc.settlements.length > 1 ? '合计（各次结算合计）' : '合计'}>
            <Descriptions size="small" bordered column={3} data-testid="wo-detail-totals">
              <Descriptions.Item label="不含税金额">{formatYuan(doc.totals.net)}</Descriptions.Item>
              <Descriptions.Item label="税额">{formatYuan(doc.totals.tax)}</Descriptions.Item>
              <Descriptions.Item label="价税合计">{formatYuan(doc.totals.gross)}</Descriptions.Item>
              <Descriptions.Item label="优惠（含免费）">{formatYuan(doc.totals.discount)}</Descriptions.Item>
              <Descriptions.Item label="应收" span={2}>
                <b>{formatYuan(doc.totals.payable)}</b>
                {doc.unsettled.gross > 0 && doc.settlements.length > 0 && (
                  <span className="desk-muted">（其中未结算 {formatYuan(doc.unsettled.gross)}）</span>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Section>
          <Section title="处理过程">
            <div data-testid="wo-detail-timeline">
              <Timeline
                items={doc.timeline.map((e) => ({
                  children: (
                    <div>
                      <b>{EVENT_LABELS[e.action] ?? e.action}</b> · {e.by} · {formatDateTime(e.at)}
                      {e.technician ? ` · 技师 ${e.technician}` : ''}
                      {e.note ? <div className="desk-muted">{e.note}</div> : null}
                    </div>
                  ),
                }))}
              />
            </div>
          </Section>
          <Section title="回访记录">
            {doc.followups.length ? (
              <Table
                rowKey="at"
                size="small"
                pagination={false}
                dataSource={doc.followups}
                data-testid="wo-detail-followups"
                columns={[
                  { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
                  { title: '回访人', dataIndex: 'by', width: 90 },
                  { title: '接通', dataIndex: 'reached', width: 60, render: (v: boolean) => (v ? '是' : '否') },
                  { title: '满意度', dataIndex: 'satisfaction', width: 70, render: (v: number | null) => v ?? '—' },
                  { title: '记录', dataIndex: 'comments', render: (v: string | null) => v || '—' },
                  {
                    title: '结果',
                    dataIndex: 'result',
                    width: 160,
                    render: (v: string, f) => (v === 'rework' ? `返工：${f.reworkReason ?? ''}` : '结束'),
                  },
                ]}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无回访" />
            )}
          </Section>
          {doc.previousServices.length > 0 && (
            <Section title="该车以往服务（一车一档）">
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={doc.previousServices}
                data-testid="wo-detail-history"
                columns={[
                  { title: '工单', dataIndex: 'no', width: 170 },
                  { title: '日期', dataIndex: 'date', width: 160, render: (v: string) => formatDateTime(v) },
                  { title: '问题', dataIndex: 'problem' },
                  {
                    title: '处理结果',
                    key: 'visits',
                    render: (_v, r) =>
                      r.visits.length > 1
                        ? r.visits.map((v) => (
                            <div key={v.seq}>
                              {v.label}：{v.summary || '—'}
                            </div>
                          ))
                        : r.summary || '—',
                  },
                  { title: '技师', dataIndex: 'technicianName', width: 90 },
                ]}
              />
            </Section>
          )}
          <WorkOrderActionModal doc={doc} action={modal} onClose={() => setModal(null)} onDone={changed} />
          <InvoiceRequestModal open={invoicing} order={doc} onClose={() => setInvoicing(false)} onDone={onChanged} />
        </>
      )}
    </DocDrawer>
  );
}
