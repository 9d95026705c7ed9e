import { Button, Col, Form, Input, Row, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import { Section } from './DocDrawer';

/** 取消 and the main button (保存 / 提交) of a form drawer. */
export function FormActions({
  onCancel,
  onSave,
  saving,
  disabled,
  label = '保存',
  testId,
}: {
  onCancel: () => void;
  onSave: () => void;
  saving: boolean;
  disabled?: boolean;
  label?: string;
  testId: string;
}) {
  return (
    <Space>
      <Button onClick={onCancel}>取消</Button>
      <Button type="primary" loading={saving} disabled={disabled} onClick={onSave} data-testid={testId}>
        {label}
      </Button>
    </Space>
  );
}

/** 备注 of a document form (≤ 500 字). */
export function RemarkField({ rule, placeholder, testId }: { rule: Rule; placeholder?: string; testId: string }) {
  return (
    <Form.Item name="remark" label="备注" rules={[rule]}>
      <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} showCount placeholder={placeholder} data-testid={testId} />
    </Form.Item>
  );
}

/** 经办人: who handled the document (anyone, optional). */
export function HandlerField({ options, testId }: { options: { value: number; label: string }[]; testId: string }) {
  return (
    <Form.Item name="handlerId" label="经办人">
      <Select allowClear showSearch optionFilterProp="label" placeholder="选择经办人" options={options} data-testid={testId} />
    </Form.Item>
  );
}

/** How each kind of document is approved and signed for. */
const APPROVAL_TEXTS = {
  requisition: {
    extra: '或签：列出的库管中任一人审批即可',
    placeholder: ['选择该仓库的库管', '请先选择仓库'],
    signerExtra: '领用员工本人签收',
    signerPlaceholder: '即领用员工',
  },
  return: {
    extra: '或签：任一库管核对数量后审批',
    placeholder: ['选择调回仓库的库管', '请先选择调回仓库'],
    signerExtra: '审批的库管核对数量即签收入库',
    signerPlaceholder: '审批库管',
  },
};

interface ApprovalProps {
  /** the document kind, also the test id prefix (requisition-approvers, requisition-signer) */
  doc: keyof typeof APPROVAL_TEXTS;
  /** the check of `approverIds` */
  rule: Rule;
  /** the keepers of the chosen warehouse (empty: none chosen yet) */
  options: { value: number; label: string }[];
  warehouseChosen: boolean;
  /** who signs, as the box shows it */
  signer: string;
}

/** 审批信息 of a requisition or return form: the keepers who may approve (或签) and who signs. */
export function ApprovalSection({ doc, rule, options, warehouseChosen, signer }: ApprovalProps) {
  const t = APPROVAL_TEXTS[doc];
  return (
    <Section title="审批信息">
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="approverIds" label="审批人" required rules={[rule]} extra={t.extra}>
            <Select
              mode="multiple"
              placeholder={t.placeholder[warehouseChosen ? 0 : 1]}
              options={options}
              optionFilterProp="label"
              data-testid={`${doc}-approvers`}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="签收人" extra={t.signerExtra}>
            <Input disabled value={signer} placeholder={t.signerPlaceholder} data-testid={`${doc}-signer`} />
          </Form.Item>
        </Col>
      </Row>
    </Section>
  );
}
