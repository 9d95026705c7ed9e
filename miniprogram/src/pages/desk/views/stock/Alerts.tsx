import { useEffect, useState } from 'react';
import { Alert, App, Badge, Button, Card, Col, Form, InputNumber, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { alertSettingsInput, BLIND_COUNT_MESSAGE, formatDateTime, type AlertSettings, type AlertsView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useCan } from '../../lib/hooks';
import { errorText, parseForm, reportSaveError, zodRule } from '../../lib/form';
import { useDeskNav } from '../../lib/nav';
import { useDoc } from '../../lib/stock';
import { ViewHeader } from '../../components/ViewHeader';

type Low = AlertsView['lowStock'][number];
type Held = AlertsView['longHeld'][number];
type Waiting = AlertsView['waitingDocs'][number];
type Dispute = AlertsView['openDisputes'][number];

/** 预警: parts under their minimum, parts held too long, documents waiting too long; and the thresholds. */
export default function Alerts() {
  const allowed = useCan();
  const go = useDeskNav();
  const [version, setVersion] = useState(0);
  const { doc: alerts, loading } = useDoc<AlertsView>('/alerts', version);
  const counts = alerts?.counts;
  const reload = () => setVersion((v) => v + 1);

  const title = (text: string, n: number | undefined, color: string) => (
    <Space>
      <span>{text}</span>
      <Badge count={n ?? 0} showZero color={n ? color : '#bfbfbf'} overflowCount={999} />
    </Space>
  );

  return (
    <div data-testid="view-alerts">
      <ViewHeader
        title="预警"
        extra={
          <Button onClick={reload} loading={loading} data-testid="alerts-reload">
            刷新
          </Button>
        }
      />
      {!!alerts?.hiddenWarehouses.length && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${alerts.hiddenWarehouses.map((w) => `「${w.warehouseName}」`).join('')}${BLIND_COUNT_MESSAGE}，低于最低库存中不列出该仓库`}
          data-testid="alerts-hidden"
        />
      )}
      <Row gutter={16}>
        <Col span={8}>
          <Card size="small" title={title('低于最低库存', counts?.lowStock, '#cf1322')} data-testid="alerts-low">
            <Table<Low>
              size="small"
              rowKey={(r) => `${r.partId}:${r.warehouseId}`}
              loading={loading}
              dataSource={alerts?.lowStock ?? []}
              pagination={{ pageSize: 10, size: 'small', showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
              locale={{ emptyText: '库存都在最低库存之上' }}
              columns={[
                { title: '配件', dataIndex: 'partName', ellipsis: true, render: (v: string, r) => <span title={r.partCode}>{v}</span> },
                {
                  title: '仓库',
                  dataIndex: 'warehouseName',
                  width: 100,
                  ellipsis: true,
                  render: (v: string, r) => (r.warehouseId ? v : <Tag>从未入库</Tag>),
                },
                {
                  title: '现有/最低',
                  key: 'q',
                  width: 86,
                  align: 'right',
                  render: (_v, r) => (
                    <span className="desk-danger">
                      {r.qty}/{r.minStock}
                    </span>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card
            size="small"
            title={title(`持有超过 ${alerts?.settings.heldDays ?? '—'} 天`, counts?.longHeld, '#d46b08')}
            data-testid="alerts-held"
          >
            <Table<Held>
              size="small"
              rowKey={(r) => `${r.employeeId}:${r.partId}`}
              loading={loading}
              dataSource={alerts?.longHeld ?? []}
              pagination={{ pageSize: 10, size: 'small', showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
              locale={{ emptyText: '没有持有过久的配件' }}
              columns={[
                {
                  title: '员工',
                  dataIndex: 'employeeName',
                  width: 76,
                  render: (v: string, r) => <a onClick={() => go('holdings', { employee: r.employeeId })}>{v}</a>,
                },
                { title: '配件', dataIndex: 'partName', ellipsis: true },
                { title: '数量', dataIndex: 'qty', width: 56, align: 'right' },
                { title: '天数', dataIndex: 'days', width: 56, align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card
            size="small"
            title={title(`待审批超过 ${alerts?.settings.pendingHours ?? '—'} 小时`, counts?.waitingDocs, '#1f6fd1')}
            data-testid="alerts-waiting"
          >
            <Table<Waiting>
              size="small"
              rowKey={(r) => `${r.docType}:${r.id}`}
              loading={loading}
              dataSource={alerts?.waitingDocs ?? []}
              pagination={{ pageSize: 10, size: 'small', showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
              locale={{ emptyText: '没有久等的单据' }}
              columns={[
                {
                  title: '单号',
                  dataIndex: 'no',
                  width: 150,
                  render: (v: string, r) => (
                    <>
                      <a onClick={() => go(r.docType === 'requisition' ? 'requisitions' : 'returns', { open: r.id })}>{v}</a>
                      {r.status === 'variance' && (
                        <Tag color="orange" style={{ marginLeft: 4 }} data-testid="alerts-waiting-variance">
                          差异待员工确认
                        </Tag>
                      )}
                    </>
                  ),
                },
                { title: '员工', dataIndex: 'employeeName', width: 70 },
                {
                  title: '已等',
                  dataIndex: 'hours',
                  width: 70,
                  align: 'right',
                  render: (h: number) => (h >= 24 ? `${Math.floor(h / 24)} 天` : `${h} 小时`),
                },
                { title: '提交时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={title('签收异议待核实（不在仓库，也不在员工手上）', counts?.openDisputes, '#d4380d')}
        data-testid="alerts-disputes"
      >
        <Table<Dispute>
          size="small"
          rowKey="lineId"
          loading={loading}
          dataSource={alerts?.openDisputes ?? []}
          pagination={{ pageSize: 10, size: 'small', showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
          locale={{ emptyText: '没有待核实的签收异议' }}
          columns={[
            {
              title: '领用单',
              dataIndex: 'no',
              width: 160,
              render: (v: string, r) => <a onClick={() => go('requisitions', { open: r.requisitionId })}>{v}</a>,
            },
            { title: '员工', dataIndex: 'employeeName', width: 80 },
            { title: '配件', dataIndex: 'partName', ellipsis: true },
            { title: '数量', dataIndex: 'qty', width: 60, align: 'right', render: (q: number, r) => `${q} ${r.unit}` },
            { title: '异议原因', dataIndex: 'reason', ellipsis: true },
            { title: '签收时间', dataIndex: 'signedAt', width: 150, render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
      {allowed('stock.manage') && <AlertSettingsForm onSaved={reload} />}
      {allowed('stock.manage') && <ApprovalSettingsCard editable={allowed('warehouse.manage')} />}
    </div>
  );
}

function AlertSettingsForm({ onSaved }: { onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<AlertSettings>();
  const { doc: settings } = useDoc<AlertSettings>('/settings/alerts');
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (settings) form.setFieldsValue(settings);
  }, [settings, form]);

  const save = async () => {
    let values: AlertSettings;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const data = parseForm(alertSettingsInput, values, form, message);
    if (!data) return;
    setSaving(true);
    try {
      await api.put('/settings/alerts', data);
      message.success('预警设置已保存');
      onSaved();
    } catch (e) {
      reportSaveError(e, form, message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="预警设置" style={{ marginTop: 16 }} data-testid="alerts-settings">
      <Form form={form} layout="inline" disabled={!settings}>
        <Form.Item name="heldDays" label="员工持有超过" required rules={[zodRule(alertSettingsInput.shape.heldDays)]}>
          <InputNumber min={1} max={365} precision={0} addonAfter="天" style={{ width: 140 }} data-testid="alerts-held-days" />
        </Form.Item>
        <Form.Item name="pendingHours" label="单据待审批超过" required rules={[zodRule(alertSettingsInput.shape.pendingHours)]}>
          <InputNumber min={1} max={720} precision={0} addonAfter="小时" style={{ width: 150 }} data-testid="alerts-pending-hours" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" loading={saving} onClick={save} data-testid="alerts-settings-save">
            保存
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** GET/PUT /settings/approval (the server's approvalSettingsInput). */
interface ApprovalSettings {
  allowSelfApproval: boolean;
}

/**
 * 审批设置: whether a keeper may decide his own requisitions and returns. Off, a second keeper
 * must; a company with a single keeper needs it on. Keepers see it, only an admin changes it.
 */
function ApprovalSettingsCard({ editable }: { editable: boolean }) {
  const { message } = App.useApp();
  const { doc: settings, setDoc } = useDoc<ApprovalSettings>('/settings/approval');
  const [saving, setSaving] = useState(false);

  const change = async (allowSelfApproval: boolean) => {
    setSaving(true);
    try {
      setDoc(await api.put<ApprovalSettings>('/settings/approval', { allowSelfApproval }));
      message.success(allowSelfApproval ? '已允许库管审批自己的单据，这类审批会记入操作日志' : '库管不能再审批自己的单据');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="审批设置" style={{ marginTop: 16 }} data-testid="approval-settings">
      <Space direction="vertical" size={4}>
        <Space>
          <Switch
            checked={settings?.allowSelfApproval ?? false}
            loading={!settings || saving}
            disabled={!settings || !editable}
            onChange={change}
            data-testid="approval-self-switch"
          />
          <span>允许库管审批自己的单据（仅一名库管时使用）</span>
        </Space>
        <Typography.Text type="secondary">
          关闭时，领用单和调回单须由申请人以外的库管审批；打开后，库管审批自己的单据会在操作日志中标记。
          {editable ? '' : '仅管理员可以修改。'}
        </Typography.Text>
      </Space>
    </Card>
  );
}
