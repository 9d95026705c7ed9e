import { useState, type ReactNode } from 'react';
import { Drawer, Form, Spin, type FormInstance } from 'antd';
import { FormActions } from './DocFormParts';

interface Props<V> {
  /** the record edited, 'new', or null (closed) */
  target: number | 'new' | null;
  title: ReactNode;
  width?: number;
  onClose: () => void;
  /** checks and saves the form (closing the drawer when done); 保存 is busy meanwhile */
  onSave: () => Promise<unknown>;
  /** false: a spinner instead of the form (the record is loading); 保存 waits for it */
  ready: boolean;
  form: FormInstance<V>;
  /** "customer": the form is customer-form, its 保存 customer-form-save */
  testPrefix: string;
  initialValues: Partial<V>;
  children: ReactNode;
}

/** The drawer of a record's form (客户, 配件): 取消 / 保存 on the title bar, a spinner until the record has loaded. */
export function FormDrawer<V extends object>(props: Props<V>) {
  const { target, title, width = 1000, onClose, onSave, ready, form, testPrefix, initialValues, children } = props;
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await onSave();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer
      open={target !== null}
      title={title}
      width={width}
      onClose={onClose}
      destroyOnHidden
      maskClosable={false}
      extra={<FormActions onCancel={onClose} onSave={save} saving={saving} disabled={!ready} testId={`${testPrefix}-form-save`} />}
    >
      {ready ? (
        <Form<V> form={form} layout="vertical" preserve={false} data-testid={`${testPrefix}-form`} initialValues={initialValues}>
          {children}
        </Form>
      ) : (
        <div className="desk-center">
          <Spin />
        </div>
      )}
    </Drawer>
  );
}
