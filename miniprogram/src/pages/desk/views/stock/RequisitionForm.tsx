import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Col, Form, Input, Row, Select } from 'antd';
import { requisitionInput, type RequisitionView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useMe } from '../../lib/hooks';
import { useOpenSession } from '../../lib/session';
import { parseForm, reportSaveError, zodRule } from '../../lib/form';
import { idempotent, infoOfStock, newIdempotencyKey, stockInfoFor, useStockRefs, type PartInfo } from '../../lib/stock';
import { DocDrawer, Section } from '../../components/DocDrawer';
import { ApprovalSection, HandlerField, RemarkField } from '../../components/DocFormParts';
import { RequisitionLines, type RequisitionLine as Line } from './RequisitionLines';

const shape = requisitionInput.innerType().shape;
const LABELS = { employeeId: '领用员工', warehouseId: '仓库', handlerId: '经办人', approverIds: '审批人', lines: '配件', remark: '备注' };

interface Values {
  employeeId?: number;
  warehouseId?: number;
  handlerId?: number | null;
  remark?: string;
  approverIds?: number[];
  lines: Line[];
}

/** 复制: the form filled from another requisition (GET /requisitions/:id/copy); nothing is saved until 保存. */
export interface CopyTarget {
  copyOf: number;
  preview: RequisitionView;
}

interface Props {
  /** 'new', a draft to edit or submit, a copy to check and save, or null (closed) */
  target: 'new' | RequisitionView | CopyTarget | null;
  onClose: () => void;
  onSaved: (doc: RequisitionView) => void;
}

/** 新建领用单 / 编辑草稿: parts limited to what the warehouse has today; any listed keeper approves. */
export function RequisitionForm(props: Props) {
  const session = useOpenSession(props.target !== null);
  return <RequisitionFormBody key={session} {...props} />;
}

function RequisitionFormBody({ target, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const me = useMe();
  const refs = useStockRefs();
  const [form] = Form.useForm<Values>();
  const copyOf = target && target !== 'new' && 'copyOf' in target ? target.copyOf : null;
  // a saved draft, or the copy's contents (id 0: not saved yet)
  const draft = !target || target === 'new' ? null : 'copyOf' in target ? target.preview : target;
  const [saving, setSaving] = useState<'draft' | 'submit' | null>(null);
  const idemKey = useRef(newIdempotencyKey());
  // Details and today's stock of the parts on the lines, by part id.
  const [info, setInfo] = useState<Record<number, PartInfo>>(() => {
    const m: Record<number, PartInfo> = {};
    for (const l of draft?.lines ?? []) {
      m[l.partId] = {
        partId: l.partId,
        code: l.partCode,
        name: l.partName,
        model: l.partModel,
        spec: l.partSpec,
        unit: l.unit,
        qtyBy: { [draft!.warehouseId]: l.available },
      };
    }
    return m;
  });
  const capped: Record<number, number> = {};
  for (const l of draft?.lines ?? []) if (l.cappedFrom !== null) capped[l.partId] = l.cappedFrom;

  const employeeId = Form.useWatch('employeeId', form);
  const warehouseId = Form.useWatch('warehouseId', form);
  const lines = (Form.useWatch('lines', form) ?? []) as Line[];
  const employee = refs.employee(employeeId);
  const warehouse = refs.warehouse(warehouseId);
  const keeperOptions = (warehouse?.keepers ?? draft?.approvers ?? []).map((k) => ({ value: k.id, label: k.name }));

  // A draft's stock in the other warehouses too, in case the keeper switches warehouse.
  useEffect(() => {
    if (!draft?.lines.length) return;
    stockInfoFor(draft.lines)
      .then((found) => setInfo((m) => ({ ...m, ...Object.fromEntries(found.map((f) => [f.partId, f])) })))
      .catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const initialValues: Values = draft
    ? {
        employeeId: draft.employeeId,
        warehouseId: draft.warehouseId,
        handlerId: draft.handlerId,
        remark: draft.remark,
        approverIds: draft.approvers.map((a) => a.id),
        lines: draft.lines.map((l) => ({ partId: l.partId, qty: l.qty })),
      }
    : { employeeId: refs.actsForOthers ? undefined : me.id, handlerId: me.id, remark: '', approverIds: [], lines: [{}] };

  const onWarehouse = (id: number | undefined) => {
    // 或签: every keeper of the warehouse is listed; any one of them approves.
    form.setFieldValue(
      'approverIds',
      (refs.warehouse(id)?.keepers ?? []).map((k) => k.id),
    );
    const touched = (form.getFieldValue('lines') as Line[]).map((_, i) => ['lines', i, 'qty']);
    if (touched.length) setTimeout(() => form.validateFields(touched).catch(() => undefined));
  };

  const save = async (submit: boolean) => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = form.getFieldsValue(true) as Values;
    const payload = {
      employeeId: v.employeeId,
      warehouseId: v.warehouseId,
      handlerId: v.handlerId ?? null,
      remark: v.remark ?? '',
      approverIds: v.approverIds ?? [],
      lines: v.lines.map((l) => ({ partId: l.partId, qty: l.qty })),
      submit,
    };
    const data = parseForm(requisitionInput, payload, form, message, { labels: LABELS });
    if (!data) return;
    setSaving(submit ? 'submit' : 'draft');
    try {
      const saved = copyOf
        ? await api.post<RequisitionView>(`/requisitions/${copyOf}/copies`, data, idempotent(idemKey.current))
        : draft
          ? await api.put<RequisitionView>(`/requisitions/${draft.id}`, data)
          : await api.post<RequisitionView>('/requisitions', data, idempotent(idemKey.current));
      message.success(submit ? `领用单 ${saved.no} 已提交，等待库管审批` : `草稿 ${saved.no} 已保存`);
      onSaved(saved);
      onClose();
    } catch (e) {
      reportSaveError(e, form, message, { labels: LABELS });
    } finally {
      setSaving(null);
    }
  };

  const cappedCount = Object.keys(capped).length;
  return (
    <DocDrawer
      open={target !== null}
      title={copyOf ? '复制领用单' : draft ? `编辑领用单 ${draft.no}` : '新建领用单'}
      onClose={onClose}
      testId="requisition-form"
      actions={
        <>
          <Button onClick={onClose}>取消</Button>
          <Button loading={saving === 'draft'} disabled={!!saving} onClick={() => save(false)} data-testid="requisition-form-draft">
            保存草稿
          </Button>
          <Button
            type="primary"
            loading={saving === 'submit'}
            disabled={!!saving}
            onClick={() => save(true)}
            data-testid="requisition-form-submit"
          >
            提交
          </Button>
        </>
      }
    >
      {draft?.copiedFromNo && (
        <Alert
          type={cappedCount ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="requisition-copy-note"
          message={`由 ${draft.copiedFromNo} 复制，数量已按今日库存刷新${copyOf ? '；保存或提交后才生成新单据，关闭即放弃' : ''}`}
          description={cappedCount ? `有 ${cappedCount} 个配件今日库存不足，已按今日库存调低（标黄的行），请核对后提交。` : undefined}
        />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} data-testid="requisition-form-fields" scrollToFirstError>
        <Section title="基本信息">
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item label="编号">
                <Input disabled value={draft?.no ?? ''} placeholder="保存后自动生成" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="employeeId"
                label="领用员工"
                required
                rules={[
                  zodRule(shape.employeeId),
                  {
                    validator: async (_r, id) => {
                      if (id && refs.employee(id) && !refs.employee(id)!.departmentName)
                        throw new Error('该员工还没有部门，请先在员工管理中设置');
                    },
                  },
                ]}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  placeholder="选择领用员工"
                  options={refs.employeeOptions}
                  disabled={!refs.actsForOthers}
                  loading={refs.loading}
                  data-testid="requisition-employee"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="部门" required>
                <Input
                  disabled
                  value={employee?.departmentName ?? ''}
                  placeholder="选择员工后自动带出"
                  data-testid="requisition-department"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="warehouseId" label="仓库" required rules={[zodRule(shape.warehouseId)]}>
                <Select
                  placeholder="选择出库仓库"
                  options={refs.warehouseOptions}
                  onChange={onWarehouse}
                  loading={refs.loading}
                  data-testid="requisition-warehouse"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <HandlerField options={refs.employeeOptions} testId="requisition-handler" />
            </Col>
            <Col span={18}>
              <RemarkField rule={zodRule(shape.remark)} placeholder="例如：外三补货" testId="requisition-remark" />
            </Col>
          </Row>
        </Section>
        <ApprovalSection
          doc="requisition"
          rule={zodRule(shape.approverIds)}
          options={keeperOptions}
          warehouseChosen={!!warehouseId}
          signer={employee?.name ?? ''}
        />
        <RequisitionLines
          warehouseId={warehouseId}
          lines={lines}
          info={info}
          capped={capped}
          onPick={(s) => setInfo((m) => ({ ...m, [s.partId]: infoOfStock(s) }))}
        />
      </Form>
    </DocDrawer>
  );
}
