import { useState } from 'react';
import { App, Button, Modal, Popconfirm, QRCode, Tag, Tooltip, Typography } from 'antd';
import { formatDateTime, type EmployeeWithWechat, type WechatBindingCode } from '@hongyuan/shared';
import { api, errorMessage } from '../../../../api/request';

/** The 微信 column of 员工管理: 已绑定 (since when) or 未绑定. */
export function WechatStatus({ employee }: { employee: EmployeeWithWechat }) {
  if (!employee.wechatBound) return <Tag data-testid={`employee-wechat-${employee.id}`}>未绑定</Tag>;
  return (
    <Tooltip title={employee.wechatBoundAt ? `绑定于 ${formatDateTime(employee.wechatBoundAt)}` : undefined}>
      <Tag color="green" data-testid={`employee-wechat-${employee.id}`}>
        已绑定
      </Tag>
    </Tooltip>
  );
}

/**
 * Row actions of 员工管理 for WeChat: 生成绑定码 (shown as text and as a QR the phone scans; a new
 * code voids the previous one) and 解除绑定 after a confirmation (his mini-program logins end).
 */
export function WechatActions({ employee, reload }: { employee: EmployeeWithWechat; reload: () => void }) {
  const { message } = App.useApp();
  const [issued, setIssued] = useState<WechatBindingCode | null>(null);
  const [busy, setBusy] = useState(false);

  const issue = async () => {
    setBusy(true);
    try {
      setIssued(await api.post<WechatBindingCode>(`/api/employees/${employee.id}/wechat-binding-code`));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const unbind = async () => {
    try {
      await api.delete(`/api/employees/${employee.id}/wechat-binding`);
      message.success(`已解除 ${employee.name} 的微信绑定`);
    } catch (e) {
      message.error(errorMessage(e));
    }
    reload();
  };

  return (
    <>
      {employee.enabled && (
        <Button type="link" size="small" loading={busy} onClick={issue} data-testid={`employee-wechat-code-${employee.id}`}>
          生成绑定码
        </Button>
      )}
      {employee.wechatBound && (
        <Popconfirm
          title={`确定解除 ${employee.name} 的微信绑定？`}
          description="解除后该微信不能再自动登录，其小程序上的登录立即失效。"
          okText="解除绑定"
          okButtonProps={{ danger: true }}
          onConfirm={unbind}
        >
          <Button type="link" size="small" danger data-testid={`employee-wechat-unbind-${employee.id}`}>
            解除绑定
          </Button>
        </Popconfirm>
      )}
      <Modal
        open={issued !== null}
        title={`微信绑定码：${employee.name}`}
        footer={<Button onClick={() => setIssued(null)}>关闭</Button>}
        onCancel={() => setIssued(null)}
        width={420}
        destroyOnClose
      >
        {issued && (
          <div style={{ textAlign: 'center' }} data-testid="employee-wechat-code">
            <Typography.Title level={2} copyable={{ text: issued.code }} style={{ letterSpacing: 6, margin: '8px 0' }}>
              {issued.code}
            </Typography.Title>
            <QRCode value={issued.qrText} type="svg" size={200} style={{ margin: '0 auto' }} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              请 {employee.name} 在小程序登录页输入绑定码或扫描二维码。{formatDateTime(issued.expiresAt)}{' '}
              前有效，仅能使用一次；重新生成后此码作废。
            </Typography.Paragraph>
          </div>
        )}
      </Modal>
    </>
  );
}
