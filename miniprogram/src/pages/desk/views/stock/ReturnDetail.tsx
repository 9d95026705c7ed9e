import { useEffect, useState } from 'react';
import { App, Button, Descriptions, Form, InputNumber, Select, Table } from 'antd';
import { PROBLEM_REASONS, formatDateTime, type ReturnLineView, type ReturnView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { reportSaveError } from '../../lib/form';
import { openPrint, useDoc, useMayDecide } from '../../lib/stock';
import { ApprovalTag } from '../../components/DocTags';
import { ConfirmButton, useAction } from '../../components/DocActions';
import { DocDetailDrawer, Section } from '../../components/DocDrawer';
import { DocLinesTable } from '../../components/DocLines';
import { ReturnVarianceBanner } from './ReturnVariance';

interface Props {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
  version?: number;
}

interface Count {
  lineId: number;
  qty: number | null;
  problemQty: number | null;
  problemReason?: string;
}

const n = (v: number | null | undefined) => v ?? 0;

/** The keeper's count differs from what the employee declared (shown side by side). */
const differs = (l: ReturnLineView) =>
  l.qty !== l.declaredQty || l.problemQty !== l.declaredProblemQty || l.problemReason !== l.declaredProblemReason;

/** 申报: what the employee declared, the write-off in red where the count went beyond it. */
function Declared({ l, i }: { l: ReturnLineView; i: number }) {
  return (
    <span data-testid={`return-declared-${i}`}>
      退还 {l.declaredQty}，问题 {l.declaredProblemQty}
      {l.declaredProblemReason ? `（${l.declaredProblemReason}）` : ''}
      {l.problemQty > l.declaredProblemQty && <span className="desk-danger">；核对多报损 {l.problemQty - l.declaredProblemQty}</span>}
      {l.qty < l.declaredQty && <span className="desk-danger">；核对少退回 {l.declaredQty - l.qty}</span>}
    </span>
  );
}

/** 调回单详情. A listed keeper checks the counts (editable) and approves, or rejects with a reason. */
export function ReturnDetail({ id, onClose, onChanged, version = 0 }: Props) {
  const { message } = App.useApp();
  const { doc, setDoc } = useDoc<ReturnView>(id ? `/returns/${id}` : null, version);
  const { busy, run } = useAction();
  const [approving, setApproving] = useState(false);
  const [form] = Form.useForm<{ counts: Count[] }>();
  const mayDecide = useMayDecide(doc);

  useEffect(() => {
    if (doc)
      form.setFieldsValue({
        counts: doc.lines.map((l) => ({ lineId: l.id, qty: l.qty, problemQty: l.problemQty, problemReason: l.problemReason || undefined })),
      });
  }, [doc, form]);

  const done = (r: ReturnView | null) => {
    if (!r) return;
    setDoc(r);
    onChanged();
  };

  const approve = async () => {
    if (!doc) return;
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const counts = (form.getFieldValue('counts') as Count[]).map((c) => ({
      lineId: c.lineId,
      qty: n(c.qty),
      problemQty: n(c.problemQty),
      problemReason: c.problemReason ?? '',
    }));
    setApproving(true);
    try {
      const r = await api.post<ReturnView>(`/returns/${doc.id}/approve`, { counts });
      done(r);
      // More written off than the employee declared: nothing posted until he (or another keeper) confirms.
      if (r.status === 'variance') message.warning('问题数量多于员工申报，已转为差异待确认：员工确认后才入库报损');
      else message.success('已批准：配件已入库，问题数量已报损');
    } catch (e) {
      reportSaveError(e, form, message, { mapPath: (p) => (p[0] === 'counts' ? p : null) });
    } finally {
      setApproving(false);
    }
  };

  const countCell = (field: 'qty' | 'problemQty', l: ReturnLineView, i: number) =>
    mayDecide ? (
      <Form.Item
        name={['counts', i, field]}
        style={{ margin: 0 }}
        dependencies={[['counts', i, field === 'qty' ? 'problemQty' : 'qty']]}
        rules={[
          {
            validator: async () => {
              const c = form.getFieldValue(['counts', i]) as Count;
              if (n(c.qty) + n(c.problemQty) > l.heldQty) throw new Error(`合计不能超过剩余 ${l.heldQty}`);
            },
          },
        ]}
      >
        <InputNumber min={0} max={l.heldQty} precision={0} style={{ width: 90 }} data-testid={`return-count-${field}-${i}`} />
      </Form.Item>
    ) : (
      l[field]
    );

  return (
    <DocDetailDrawer
      id={id}
      doc={doc}
      kind="return"
      onClose={onClose}
      decide={
        mayDecide && {
          loading: approving,
          onApprove: approve,
          onReject: async (reason) => done(await api.post(`/returns/${doc!.id}/reject`, { reason })),
        }
      }
      actions={(doc) => (
        <>
          {(doc.status === 'pending' || doc.status === 'draft') && (
            <ConfirmButton
              danger
              label="作废"
              title="作废这张调回单？"
              description="作废后配件仍在员工手上。"
              loading={busy === 'cancel'}
              onConfirm={async () => done(await run('cancel', () => api.post<ReturnView>(`/returns/${doc.id}/cancel`), '已作废'))}
              testId="return-cancel"
            />
          )}
          <Button onClick={() => openPrint('return', doc.id)} data-testid="return-print">
            打印
          </Button>
        </>
      )}
    >
      {(doc) => {
        const showDeclared = !mayDecide && doc.lines.some(differs);
        return (
          <>
            <Descriptions size="small" bordered column={3} data-testid="return-detail-head">
              <Descriptions.Item label="编号">{doc.no}</Descriptions.Item>
              <Descriptions.Item label="审批状态">
                <ApprovalTag status={doc.status} />
              </Descriptions.Item>
              <Descriptions.Item label="入库时间">{formatDateTime(doc.inboundAt)}</Descriptions.Item>
              <Descriptions.Item label="领用员工">{doc.employeeName}</Descriptions.Item>
              <Descriptions.Item label="部门">{doc.departmentName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="调回仓库">{doc.warehouseName}</Descriptions.Item>
              <Descriptions.Item label="经办人">{doc.handlerName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="审批人（或签）">{doc.approvers.map((a) => a.name).join('、')}</Descriptions.Item>
              <Descriptions.Item label="创建人">
                {doc.createdByName}（{formatDateTime(doc.createdAt)}）
              </Descriptions.Item>
              {!!doc.decidedByName && (
                <Descriptions.Item label={doc.status === 'rejected' ? '否决人' : doc.status === 'variance' ? '核对库管' : '签收库管'}>
                  {doc.decidedByName}（{formatDateTime(doc.decidedAt)}）
                </Descriptions.Item>
              )}
              {!!doc.confirmedByName && (
                <Descriptions.Item label="差异确认">
                  <span data-testid="return-confirmed-by">
                    {doc.confirmedByName}
                    {doc.confirmedById === doc.employeeId ? '（员工本人）' : '（另一位库管）'}（{formatDateTime(doc.confirmedAt)}）
                  </span>
                </Descriptions.Item>
              )}
              {!!doc.rejectReason && (
                <Descriptions.Item label="否决原因" span={2}>
                  <span className="desk-danger">{doc.rejectReason}</span>
                </Descriptions.Item>
              )}
              <Descriptions.Item label="备注" span={3}>
                {doc.remark || '—'}
              </Descriptions.Item>
            </Descriptions>
            <div style={{ marginTop: 12 }}>
              <ReturnVarianceBanner doc={doc} onChanged={done} />
            </div>
            <Section title={mayDecide ? '配件信息（请核对实收数量，损坏、丢失的填问题数量和原因）' : '配件信息'}>
              <Form form={form} component={false}>
                <DocLinesTable<ReturnLineView>
                  lines={doc.lines}
                  testId="return-detail-lines"
                  summary={(rows) => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0} colSpan={5}>
                        合计
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={5} align="right">
                        {rows.reduce((s, l) => s + l.heldQty, 0)}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={6} align="right">
                        {rows.reduce((s, l) => s + l.qty, 0)}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={7} align="right">
                        {rows.reduce((s, l) => s + l.problemQty, 0)}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={8} />
                      {showDeclared && <Table.Summary.Cell index={9} />}
                    </Table.Summary.Row>
                  )}
                  columns={[
                    { title: '配件规格', dataIndex: 'partSpec', width: 120, render: (v: string) => v || '' },
                    { title: '单位', dataIndex: 'unit', width: 56 },
                    { title: '剩余数量', dataIndex: 'heldQty', width: 90, align: 'right' },
                    {
                      title: showDeclared ? '核对回库' : '配件数量',
                      key: 'qty',
                      width: 120,
                      align: 'right',
                      render: (_v, l, i) => countCell('qty', l, i),
                    },
                    {
                      title: showDeclared ? '核对问题数量' : '问题数量',
                      key: 'problemQty',
                      width: 120,
                      align: 'right',
                      render: (_v, l, i) => countCell('problemQty', l, i),
                    },
                    {
                      title: '问题原因',
                      key: 'problemReason',
                      width: 160,
                      render: (_v, l, i) =>
                        mayDecide ? (
                          <Form.Item
                            name={['counts', i, 'problemReason']}
                            style={{ margin: 0 }}
                            dependencies={[['counts', i, 'problemQty']]}
                            rules={[
                              {
                                validator: async (_r, v) => {
                                  if (n(form.getFieldValue(['counts', i, 'problemQty'])) > 0 && !v) throw new Error('请选择原因');
                                },
                              },
                            ]}
                          >
                            <Select
                              allowClear
                              placeholder="原因"
                              options={PROBLEM_REASONS.map((r) => ({ value: r, label: r }))}
                              data-testid={`return-count-reason-${i}`}
                            />
                          </Form.Item>
                        ) : (
                          l.problemReason || ''
                        ),
                    },
                    ...(showDeclared
                      ? [
                          {
                            title: '员工申报',
                            key: 'declared',
                            width: 220,
                            render: (_v: unknown, l: ReturnLineView, i: number) => <Declared l={l} i={i} />,
                          },
                        ]
                      : []),
                  ]}
                />
              </Form>
            </Section>
          </>
        );
      }}
    </DocDetailDrawer>
  );
}
