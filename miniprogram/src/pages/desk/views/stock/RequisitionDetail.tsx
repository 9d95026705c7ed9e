import { Button, Descriptions, Tooltip } from 'antd';
import { BLIND_COUNT_MESSAGE, formatDateTime, type RequisitionLineView, type RequisitionView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useMe } from '../../lib/hooks';
import { openPrint, useDoc, useMayDecide } from '../../lib/stock';
import { ApprovalTag } from '../../components/DocTags';
import { ConfirmButton, useAction } from '../../components/DocActions';
import { DocDetailDrawer, Section } from '../../components/DocDrawer';
import { DocLinesTable } from '../../components/DocLines';
import { useCan } from '../../lib/hooks';
import { DisputeCell } from './DisputeCell';
import type { CopyTarget } from './RequisitionForm';
import { SignCell } from './RequisitionLines';

interface Props {
  /** null: closed */
  id: number | null;
  onClose: () => void;
  /** the document changed (the list reloads) */
  onChanged: () => void;
  /** 编辑 a draft */
  onEdit: (draft: RequisitionView) => void;
  /** 复制: the form filled from this one (nothing saved yet) */
  onCopy: (copy: CopyTarget) => void;
  version?: number;
}

/** 领用单详情: lines with today's stock, and the actions this person may take now. */
export function RequisitionDetail({ id, onClose, onEdit, onCopy, onChanged, version = 0 }: Props) {
  const me = useMe();
  const { doc, setDoc } = useDoc<RequisitionView>(id ? `/requisitions/${id}` : null, version);
  const { busy, run } = useAction();

  const act = async (name: string, work: () => Promise<RequisitionView>, success: string) => {
    const r = await run(name, work, success);
    if (r) {
      setDoc(r);
      onChanged();
    }
    return r;
  };
  const copy = async () => {
    if (!doc) return;
    const preview = await run('copy', () => api.get<RequisitionView>(`/requisitions/${doc.id}/copy`), '已按原单填好，核对后保存');
    if (preview) onCopy({ copyOf: doc.id, preview });
  };

  const open = doc && (doc.status === 'draft' || doc.status === 'pending');
  const mayDecide = useMayDecide(doc);
  const maySign = !!doc && doc.status === 'approved' && doc.signStatus === 'unsigned' && doc.employeeId === me.id;
  const disputed = !!doc?.lines.some((l) => l.disputedQty > 0);
  const allowed = useCan();
  // a keeper listed on it settles the disputes, never the employee who disputed
  const maySettle = !!doc && allowed('stock.approve') && doc.employeeId !== me.id && doc.approvers.some((a) => a.id === me.id);

  return (
    <DocDetailDrawer
      id={id}
      doc={doc}
      kind="requisition"
      onClose={onClose}
      decide={
        mayDecide && {
          loading: busy === 'approve',
          onApprove: () => act('approve', () => api.post(`/requisitions/${doc!.id}/approve`), '已批准，配件已出库待签收'),
          onReject: async (reason) => {
            setDoc(await api.post(`/requisitions/${doc!.id}/reject`, { reason }));
            onChanged();
          },
        }
      }
      actions={(doc) => (
        <>
          {maySign && (
            <ConfirmButton
              type="primary"
              label="签收"
              title="确认已收到单上全部配件？"
              description="签收后配件记入您的持有记录。"
              loading={busy === 'sign'}
              onConfirm={() => act('sign', () => api.post(`/requisitions/${doc.id}/sign`, { disputes: [] }), '已签收')}
              testId="requisition-sign"
            />
          )}
          {doc.status === 'draft' && (
            <Button onClick={() => onEdit(doc)} data-testid="requisition-edit">
              编辑
            </Button>
          )}
          {open && (
            <ConfirmButton
              danger
              label="作废"
              title="作废这张领用单？"
              description="作废后不能恢复，配件不会出库。"
              loading={busy === 'cancel'}
              onConfirm={() => act('cancel', () => api.post(`/requisitions/${doc.id}/cancel`), '已作废')}
              testId="requisition-cancel"
            />
          )}
          <Button loading={busy === 'copy'} onClick={copy} data-testid="requisition-copy">
            复制
          </Button>
          <Button onClick={() => openPrint('requisition', doc.id)} data-testid="requisition-print">
            打印
          </Button>
        </>
      )}
    >
      {(doc) => (
        <>
          <Descriptions size="small" bordered column={3} data-testid="requisition-detail-head">
            <Descriptions.Item label="出库单编号">{doc.no}</Descriptions.Item>
            <Descriptions.Item label="审批状态">
              <ApprovalTag status={doc.status} />
            </Descriptions.Item>
            <Descriptions.Item label="签收状态">
              <SignCell status={doc.status} sign={doc.signStatus} />
            </Descriptions.Item>
            <Descriptions.Item label="领用员工">{doc.employeeName}</Descriptions.Item>
            <Descriptions.Item label="部门">{doc.departmentName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="仓库">{doc.warehouseName}</Descriptions.Item>
            <Descriptions.Item label="出库方式">{doc.kind}</Descriptions.Item>
            <Descriptions.Item label="经办人">{doc.handlerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="审批人（或签）">{doc.approvers.map((a) => a.name).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="创建人">{doc.createdByName}</Descriptions.Item>
            <Descriptions.Item label="创建时间">{formatDateTime(doc.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="签收时间">{formatDateTime(doc.signedAt) || '—'}</Descriptions.Item>
            {!!doc.decidedByName && (
              <Descriptions.Item label={doc.status === 'rejected' ? '否决人' : '批准人'}>
                {doc.decidedByName}（{formatDateTime(doc.decidedAt)}）
              </Descriptions.Item>
            )}
            {!!doc.rejectReason && (
              <Descriptions.Item label="否决原因" span={2}>
                <span className="desk-danger">{doc.rejectReason}</span>
              </Descriptions.Item>
            )}
            {!!doc.copiedFromNo && <Descriptions.Item label="复制自">{doc.copiedFromNo}</Descriptions.Item>}
            <Descriptions.Item label="备注" span={3}>
              {doc.remark || '—'}
            </Descriptions.Item>
          </Descriptions>
          <Section title={`配件信息（${doc.lines.length} 种，${doc.lines.reduce((s, l) => s + l.qty, 0)} 件）`}>
            <DocLinesTable<RequisitionLineView>
              lines={doc.lines}
              testId="requisition-detail-lines"
              columns={[
                { title: '型号', dataIndex: 'partModel', width: 120, render: (v: string) => v || '—' },
                { title: '规格', dataIndex: 'partSpec', width: 120, render: (v: string) => v || '—' },
                { title: '单位', dataIndex: 'unit', width: 56 },
                { title: '数量', dataIndex: 'qty', width: 70, align: 'right' },
                ...(open
                  ? [
                      {
                        title: '今日可领',
                        dataIndex: 'available',
                        width: 80,
                        align: 'right' as const,
                        render: (v: number | null, l: RequisitionLineView) =>
                          v === null ? (
                            <Tooltip title={BLIND_COUNT_MESSAGE}>
                              <span className="desk-muted">盲盘中</span>
                            </Tooltip>
                          ) : (
                            <span className={v < l.qty ? 'desk-danger' : ''}>{v}</span>
                          ),
                      },
                    ]
                  : []),
                ...(disputed
                  ? [
                      {
                        title: '签收异议',
                        key: 'dispute',
                        width: 260,
                        render: (_: unknown, l: RequisitionLineView) => (
                          <DisputeCell
                            doc={doc}
                            line={l}
                            maySettle={maySettle}
                            onSettled={(r) => {
                              setDoc(r);
                              onChanged();
                            }}
                          />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Section>
        </>
      )}
    </DocDetailDrawer>
  );
}
