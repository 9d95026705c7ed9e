import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, type ButtonProps } from 'antd';
import { returnObjectInput, type ReturnView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { reportSaveError, zodRule } from '../../lib/form';
import { useCan, useMe } from '../../lib/hooks';
import { ConfirmButton, useAction } from '../../components/DocActions';

/**
 * Who may accept a count that writes off more than was declared (差异待确认): the employee, or a
 * keeper listed on the return who neither counted it nor asked for it. Only the employee objects.
 */
export function useVarianceRights(doc: ReturnView | null): { confirm: boolean; object: boolean } {
  const me = useMe();
  const allowed = useCan();
  if (!doc || doc.status !== 'variance') return { confirm: false, object: false };
  const employee = doc.employeeId === me.id;
  const secondKeeper =
    allowed('stock.approve') &&
    doc.approvers.some((a) => a.id === me.id) &&
    ![doc.decidedById, doc.createdById, doc.employeeId].includes(me.id);
  return { confirm: employee || secondKeeper, object: employee };
}

/**
 * 差异待确认: what the keeper counted is written off beyond the declaration; nothing is posted
 * until the employee (or a second keeper) confirms. After an objection, his note.
 */
export function ReturnVarianceBanner({ doc, onChanged }: { doc: ReturnView; onChanged: (r: ReturnView) => void }) {
  const rights = useVarianceRights(doc);
  const { busy, run } = useAction();
  if (doc.status === 'pending' && doc.varianceNote)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        message={`${doc.employeeName}对上次核对结果有异议：${doc.varianceNote}`}
        description="请重新核对数量后再批准。"
        data-testid="return-variance-objection"
      />
    );
  if (doc.status !== 'variance') return null;
  const confirm = async () => {
    const r = await run(
      'confirm',
      // the count this screen shows: a recount since is refused (差异已更新)
      () => api.post<ReturnView>(`/returns/${doc.id}/variance/confirm`, { countsVersion: doc.countsVersion }),
      '已确认：配件已入库，问题数量已报损',
    );
    if (r) onChanged(r);
  };
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="return-variance"
      message={`${doc.decidedByName ?? '库管'}核对的数量与${doc.employeeName}的申报不同（退回少于申报或报损多于申报），尚未入账${doc.varianceNote ? `。${doc.employeeName}对上次核对的异议：${doc.varianceNote}` : ''}`}
      description={`需要${doc.employeeName}本人确认（或由未参与核对的另一位审批库管确认）后才入库并报损；${doc.employeeName}有异议时退回重新核对。`}
      action={
        rights.confirm || rights.object ? (
          <Space direction="vertical">
            {rights.confirm && (
              <ConfirmButton
                type="primary"
                size="small"
                label="确认差异"
                title="按核对的数量入库并报损？"
                description="报损数量将记在领用员工名下。"
                loading={busy === 'confirm'}
                onConfirm={confirm}
                testId="return-variance-confirm"
              />
            )}
            {rights.object && <ObjectButton id={doc.id} onDone={onChanged} />}
          </Space>
        ) : undefined
      }
    />
  );
}

/** 提出异议: his note (required) goes to the keepers; the return goes back to pending. */
function ObjectButton({ id, onDone }: { id: number; onDone: (r: ReturnView) => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const submit = async () => {
    let values: { note: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      onDone(await api.post<ReturnView>(`/returns/${id}/variance/object`, { note: values.note.trim() }));
      message.success('已提出异议，退回库管重新核对');
      setOpen(false);
    } catch (e) {
      reportSaveError(e, form, message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)} data-testid="return-variance-object">
        提出异议
      </Button>
      <Modal
        open={open}
        title="对核对结果提出异议"
        okText="提交异议"
        okButtonProps={{ 'data-testid': 'return-variance-object-ok' } as ButtonProps}
        cancelText="取消"
        confirmLoading={saving}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="note" label="异议说明" required rules={[zodRule(returnObjectInput.shape.note)]} extra="说明会发给审批库管">
            <Input.TextArea
              rows={3}
              maxLength={200}
              showCount
              placeholder="例如：交回时当面点过，都是完好的"
              data-testid="return-variance-note"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
