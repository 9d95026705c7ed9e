import { useEffect, useRef, useState } from 'react';
import { App, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { emptyReturnMessage, returnInput, type ReturnPrefill, type ReturnView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useMe } from '../../lib/hooks';
import { useOpenSession } from '../../lib/session';
import { errorText, parseForm, reportSaveError, zodRule } from '../../lib/form';
import { idempotent, newIdempotencyKey, useStockRefs } from '../../lib/stock';
import { DocDrawer, Section } from '../../components/DocDrawer';
import { ApprovalSection, HandlerField, FormActions, RemarkField } from '../../components/DocFormParts';
import { HoldingsTable } from '../../components/HoldingsTable';
import { ReturnLines, type HeldPart, type ReturnLine } from './ReturnLines';

const shape = returnInput.innerType().shape;
const LABELS = {
  employeeId: '领用员工',
  warehouseId: '调回仓库',
  approverIds: '审批人',
  lines: '配件',
  inboundAt: '入库时间',
  remark: '备注',
};

interface Values {
  employeeId?: number;
  warehouseId?: number;
  inboundAt?: Dayjs;
  handlerId?: number | null;
  remark?: string;
  approverIds?: number[];
  lines: ReturnLine[];
}

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: (doc: ReturnView) => void;
}

/** 新建配件调回单, as the customer's form: pick the employee, one click lists what he holds. */
export function ReturnForm(props: Props) {
  const session = useOpenSession(props.open);
  return <ReturnFormBody key={session} {...props} />;
}

function ReturnFormBody({ open, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const me = useMe();
  const refs = useStockRefs();
  const [form] = Form.useForm<Values>();
  const [prefill, setPrefill] = useState<ReturnPrefill | null>(null);
  const [loadingPrefill, setLoadingPrefill] = useState(false);
  const [saving, setSaving] = useState(false);
  const idemKey = useRef(newIdempotencyKey());

  const employeeId = Form.useWatch('employeeId', form);
  const warehouseId = Form.useWatch('warehouseId', form);
  const lines = (Form.useWatch('lines', form) ?? []) as ReturnLine[];
  const approverIds = (Form.useWatch('approverIds', form) ?? []) as number[];
  const held: Record<number, HeldPart> = Object.fromEntries((prefill?.lines ?? []).map((l) => [l.partId, l]));
  const keeperOptions = (refs.warehouse(warehouseId)?.keepers ?? []).map((k) => ({ value: k.id, label: k.name }));

  const loadPrefill = async (id: number | undefined) => {
    setPrefill(null);
    form.setFieldValue('lines', []);
    if (!id) return;
    setLoadingPrefill(true);
    try {
      const p = await api.get<ReturnPrefill>('/returns/prefill', { employeeId: id });
      setPrefill(p);
      // His department, the warehouse he last took parts from and its keepers.
      form.setFieldsValue({ warehouseId: p.warehouseId ?? undefined, approverIds: p.approverIds });
      if (!p.lines.length) message.info(`${p.employeeName}手上没有配件，无需调回`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setLoadingPrefill(false);
    }
  };

  // A technician returns his own parts: his holdings load at once.
  useEffect(() => {
    if (!refs.actsForOthers) loadPrefill(me.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const fill = () => {
    if (!prefill) return;
    form.setFieldValue(
      'lines',
      prefill.lines.map((l) => ({ partId: l.partId, qty: l.heldQty, problemQty: 0, problemReason: undefined })),
    );
  };

  const save = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = form.getFieldsValue(true) as Values;
    // No part on the form: say why rather than failing on an empty list.
    if (!(v.lines ?? []).some((l) => l.partId)) {
      message.error(emptyReturnMessage(prefill?.employeeName, !!prefill && !prefill.lines.length));
      return;
    }
    const payload = {
      employeeId: v.employeeId,
      warehouseId: v.warehouseId,
      handlerId: v.handlerId ?? null,
      inboundAt: (v.inboundAt ?? dayjs()).toISOString(),
      remark: v.remark ?? '',
      approverIds: v.approverIds ?? [],
      lines: (v.lines ?? []).map((l) => ({
        partId: l.partId,
        qty: l.qty ?? 0,
        problemQty: l.problemQty ?? 0,
        problemReason: l.problemReason ?? '',
      })),
      submit: true,
    };
    const data = parseForm(returnInput, payload, form, message, { labels: LABELS });
    if (!data) return;
    setSaving(true);
    try {
      const saved = await api.post<ReturnView>('/returns', data, idempotent(idemKey.current));
      message.success(`调回单 ${saved.no} 已提交，等待库管核对审批`);
      onSaved(saved);
      onClose();
    } catch (e) {
      reportSaveError(e, form, message, { labels: LABELS, mapPath: (p) => (p[0] === 'inboundAt' ? ['inboundAt'] : p) });
    } finally {
      setSaving(false);
    }
  };

  const employee = refs.employee(employeeId);
  return (
    <DocDrawer
      open={open}
      title="新建配件调回单"
      onClose={onClose}
      width={1180}
      testId="return-form"
      actions={<FormActions onCancel={onClose} onSave={save} saving={saving} label="提交" testId="return-form-submit" />}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        scrollToFirstError
        data-testid="return-form-fields"
        initialValues={{
          employeeId: refs.actsForOthers ? undefined : me.id,
          inboundAt: dayjs(),
          handlerId: me.id,
          remark: '',
          approverIds: [],
          lines: [],
        }}
        onValuesChange={(changed) => {
          if ('employeeId' in changed) loadPrefill(changed.employeeId);
          if ('warehouseId' in changed)
            form.setFieldValue(
              'approverIds',
              (refs.warehouse(changed.warehouseId)?.keepers ?? []).map((k) => k.id),
            );
        }}
      >
        <Section title="基本信息">
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item label="编号" required>
                <Input disabled placeholder="提交后自动生成（TH-日期-序号）" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="employeeId" label="领用员工" required rules={[zodRule(shape.employeeId)]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  placeholder="选择退回的员工"
                  options={refs.employeeOptions}
                  disabled={!refs.actsForOthers}
                  loading={refs.loading || loadingPrefill}
                  data-testid="return-employee"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="部门" required>
                <Input
                  disabled
                  value={prefill?.departmentName ?? employee?.departmentName ?? ''}
                  placeholder="选择员工后自动带出"
                  data-testid="return-department"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="warehouseId" label="调回仓库" required rules={[zodRule(shape.warehouseId)]}>
                <Select placeholder="选择调回仓库" options={refs.warehouseOptions} data-testid="return-warehouse" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="inboundAt" label="入库时间" required rules={[{ required: true, message: '请选择入库时间' }]}>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  allowClear={false}
                  style={{ width: '100%' }}
                  data-testid="return-inbound-at"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <HandlerField options={refs.employeeOptions} testId="return-handler" />
            </Col>
            <Col span={12}>
              <RemarkField rule={zodRule(shape.remark)} placeholder="例如：今日剩余配件" testId="return-remark" />
            </Col>
          </Row>
        </Section>
        <ApprovalSection
          doc="return"
          rule={zodRule(shape.approverIds)}
          options={keeperOptions}
          warehouseChosen={!!warehouseId}
          signer={keeperOptions
            .filter((k) => approverIds.includes(k.value))
            .map((k) => k.label)
            .join('、')}
        />
        <ReturnLines form={form} held={held} lines={lines} onFill={fill} canFill={!!prefill?.lines.length} />
      </Form>
      <Section title="员工持有记录">
        {employeeId ? (
          <HoldingsTable employeeId={employeeId} employeeName={employee?.name ?? prefill?.employeeName} testId="return-holdings" />
        ) : (
          <div className="desk-hint">选择领用员工后显示其持有的全部配件。</div>
        )}
      </Section>
    </DocDrawer>
  );
}
