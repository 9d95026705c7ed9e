import { useState } from 'react';
import { App, Button, Popconfirm } from 'antd';
import { errorText } from '../lib/form';

interface Props {
  enabled: boolean;
  /** What is disabled, for the confirmation: "客户“张三”" */
  what: string;
  /** Saves the new state; the list reloads afterwards. */
  onChange: (enabled: boolean) => Promise<unknown>;
  testId?: string;
}

/** 停用 (after a confirmation) / 启用. Records are never deleted. */
export function ToggleEnabled({ enabled, what, onChange, testId }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (next: boolean) => {
    setBusy(true);
    try {
      await onChange(next);
      message.success(next ? '已启用' : '已停用');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  if (!enabled) {
    return (
      <Button type="link" size="small" loading={busy} onClick={() => run(true)} data-testid={testId}>
        启用
      </Button>
    );
  }
  return (
    <Popconfirm
      title={`确定停用${what}？`}
      description="停用后不能再被选用，历史记录保留，可随时重新启用。"
      okText="停用"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onConfirm={() => run(false)}
    >
      <Button type="link" size="small" danger loading={busy} data-testid={testId}>
        停用
      </Button>
    </Popconfirm>
  );
}
