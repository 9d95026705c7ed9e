import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Tag, type ButtonProps } from 'antd';
import { DISPUTE_STATUS_LABELS, formatDateTime, type RequisitionLineView, type RequisitionView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { reportSaveError } from '../../lib/form';
import { ConfirmButton } from '../../components/DocActions';

const COLORS = { open: 'orange', returned: 'green', lost: 'red' } as const;

/**
 * A line's 签收异议: what he said, where it stands, and for a keeper listed on the requisition
 * (not the employee himself) the two ways to settle an open one: 已退回仓库 or 记为丢失 (reason).
 */
export function DisputeCell({
  doc,
  line,
  maySettle,
  onSettled,
}: {
  doc: RequisitionView;
  line: RequisitionLineView;
  maySettle: boolean;
  onSettled: (doc: RequisitionView) => void;
}) {
  const { message } = App.useApp();
  const [lostOpen, setLostOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  if (!line.disputedQty) return <>—</>;
  const testId = `dispute-${line.lineNo}`;
  const settle = async (outcome: 'returned' | 'lost', note: string) => {
    setBusy(true);
    try {
      const r = await api.post<RequisitionView>(`/requisitions/${doc.id}/lines/${line.id}/dispute`, { outcome, note });
      message.success(outcome === 'returned' ? '已核实：配件退回仓库' : '已核实：记为丢失');
      onSettled(r);
      return true;
    } catch (e) {
      reportSaveError(e, form, message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const submitLost = async () => {
    let values: { note: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (await settle('lost', values.note.trim())) setLostOpen(false);
  };
  return (
    <Space direction="vertical" size={4} data-testid={testId}>
      <span>
        {line.disputedQty} {line.unit}：{line.disputeReason}
      </span>
      {line.disputeStatus && (
        <span>
          <Tag color={COLORS[line.disputeStatus]} data-testid={`${testId}-status`}>
            {DISPUTE_STATUS_LABELS[line.disputeStatus]}
          </Tag>
          {line.disputeResolvedByName && (
            <span className="desk-muted">
              {line.disputeResolvedByName} {formatDateTime(line.disputeResolvedAt)}
              {line.disputeNote ? `：${line.disputeNote}` : ''}
            </span>
          )}
        </span>
      )}
      {maySettle && line.disputeStatus === 'open' && (
        <Space size={4}>
          <ConfirmButton
            size="small"
            type="primary"
            label="已退回仓库"
            title={`确认 ${line.disputedQty} ${line.unit}「${line.partName}」已实物退回${doc.warehouseName}？`}
            description="确认后计入仓库库存。"
            loading={busy}
            onConfirm={() => settle('returned', '')}
            testId={`${testId}-returned`}
          />
          <Button size="small" danger onClick={() => setLostOpen(true)} data-testid={`${testId}-lost`}>
            记为丢失
          </Button>
        </Space>
      )}
      <Modal
        open={lostOpen}
        title={`记为丢失：${line.partName} ${line.disputedQty} ${line.unit}`}
        okText="确定记为丢失"
        okButtonProps={{ danger: true, 'data-testid': `${testId}-lost-ok` } as ButtonProps}
        cancelText="取消"
        confirmLoading={busy}
        onOk={submitLost}
        onCancel={() => setLostOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="note"
            label="丢失原因"
            required
            rules={[{ required: true, whitespace: true, message: '请填写丢失的原因' }]}
            extra={`报损记在${doc.employeeName}名下，并通知本人`}
          >
            <Input.TextArea
              rows={3}
              maxLength={200}
              showCount
              placeholder="例如：仓库未找到该件，领用人确认遗失"
              data-testid={`${testId}-note`}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
