import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Space, type ButtonProps } from 'antd';
import { rejectInput } from '@hongyuan/shared';
import { errorText, reportSaveError, zodRule } from '../lib/form';

/** Runs a document action with a busy flag; a success message, or the server's message. */
export function useAction() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async <T,>(name: string, work: () => Promise<T>, success: string): Promise<T | null> => {
    setBusy(name);
    try {
      const r = await work();
      message.success(success);
      return r;
    } catch (e) {
      message.error(errorText(e));
      return null;
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

interface ConfirmProps {
  label: string;
  title: string;
  description?: string;
  onConfirm: () => unknown;
  loading?: boolean;
  danger?: boolean;
  testId: string;
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
}

/** A button that asks first (作废, 确认入库, 审核盘点...). */
export function ConfirmButton({ label, title, description, onConfirm, loading, danger, testId, type, size }: ConfirmProps) {
  return (
    <Popconfirm
      title={title}
      description={description}
      okText={label}
      okButtonProps={{ danger, 'data-testid': `${testId}-ok` } as ButtonProps}
      cancelText="取消"
      onConfirm={onConfirm}
    >
      <Button danger={danger} type={type} size={size} loading={loading} data-testid={testId}>
        {label}
      </Button>
    </Popconfirm>
  );
}

/** 否决: asks for the reason (required, ≤ 200 字) and sends it; the server's message stays on the field. */
export function RejectButton({ onReject, testId, what }: { onReject: (reason: string) => Promise<unknown>; testId: string; what: string }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    let values: { reason: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await onReject(values.reason.trim());
      message.success('已否决');
      setOpen(false);
    } catch (e) {
      reportSaveError(e, form, message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid={testId}>
        否决
      </Button>
      <Modal
        open={open}
        title={`否决${what}`}
        okText="确定否决"
        okButtonProps={{ danger: true, 'data-testid': `${testId}-ok` } as ButtonProps}
        cancelText="取消"
        confirmLoading={saving}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="reason" label="否决原因" required rules={[zodRule(rejectInput.shape.reason)]} extra="原因会告知领用员工">
            <Input.TextArea
              rows={3}
              maxLength={200}
              showCount
              placeholder="例如：与上午的领用重复，请核对"
              data-testid={`${testId}-reason`}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** How each kind of document is approved: the 否决 dialog's noun and the 批准 confirmation. */
const DECIDE_TEXTS = {
  requisition: { what: '领用单', label: '批准', title: '批准这张领用单？', description: '批准后配件从仓库出库，等待领用员工签收。' },
  return: {
    what: '调回单',
    label: '核对无误，批准',
    title: '按表中核对的数量批准？',
    description: '配件数量回到仓库，问题数量按原因报损。',
  },
};

/** The approval of a document by a listed keeper: how to approve it and how to reject it. */
export interface Decide {
  loading: boolean;
  onApprove: () => unknown;
  onReject: (reason: string) => Promise<unknown>;
}

/** 批准 (after a confirmation) and 否决 (with a reason) of a requisition or a return. */
export function DecideButtons({ kind, loading, onApprove, onReject }: Decide & { kind: keyof typeof DECIDE_TEXTS }) {
  const { what, ...texts } = DECIDE_TEXTS[kind];
  return (
    <Space>
      <ConfirmButton type="primary" {...texts} loading={loading} onConfirm={onApprove} testId={`${kind}-approve`} />
      <RejectButton what={what} testId={`${kind}-reject`} onReject={onReject} />
    </Space>
  );
}
