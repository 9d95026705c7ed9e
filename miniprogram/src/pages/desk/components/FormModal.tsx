import { useState, type ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useOpenSession } from '../lib/session';

interface Props<V> {
  open: boolean;
  title: string;
  /**
   * Saves the validated values; resolve true to close. `form` is this opening's form, for
   * putting issues next to fields. Errors are shown by the caller.
   */
  onSave: (values: V, form: FormInstance<V>) => Promise<boolean>;
  onClose: () => void;
  width?: number;
  testId: string;
  children: ReactNode;
  initialValues?: Partial<V>;
}

/** A modal with a vertical antd form, 保存 / 取消, and a busy state while saving. */
export function FormModal<V extends object>(props: Props<V>) {
  // A fresh form store for every opening (see useOpenSession).
  const session = useOpenSession(props.open);
  return <FormModalBody<V> key={session} {...props} />;
}

function FormModalBody<V extends object>({ open, title, onSave, onClose, width = 560, testId, children, initialValues }: Props<V>) {
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd shows the field errors
    }
    setSaving(true);
    try {
      if (await onSave(values, form)) onClose();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
      maskClosable={false}
      okButtonProps={{ 'data-testid': `${testId}-save` } as Record<string, string>}
    >
      <Form<V> form={form} layout="vertical" initialValues={initialValues} data-testid={testId} onFinish={submit} scrollToFirstError>
        {children}
      </Form>
    </Modal>
  );
}
