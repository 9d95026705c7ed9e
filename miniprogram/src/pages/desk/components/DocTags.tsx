import { Tag } from 'antd';
import {
  APPROVAL_STATUS_LABELS,
  INBOUND_STATUS_LABELS,
  SIGN_STATUS_LABELS,
  STOCKTAKE_STATUS_LABELS,
  type ApprovalStatus,
  type InboundStatus,
  type SignStatus,
  type StocktakeStatus,
} from '@hongyuan/shared';

const APPROVAL_COLORS: Record<ApprovalStatus, string> = {
  draft: 'default',
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
  variance: 'warning',
};
const SIGN_COLORS: Record<SignStatus, string> = { unsigned: 'warning', signed: 'success', disputed: 'volcano' };
const INBOUND_COLORS: Record<InboundStatus, string> = { draft: 'default', confirmed: 'success', cancelled: 'default' };
const STOCKTAKE_COLORS: Record<StocktakeStatus, string> = { counting: 'processing', approved: 'success', cancelled: 'default' };

/** 审批状态: 草稿 / 待审批 / 已批准 / 已否决 / 已作废 */
export function ApprovalTag({ status }: { status: ApprovalStatus }) {
  return (
    <Tag color={APPROVAL_COLORS[status]} data-status={status}>
      {APPROVAL_STATUS_LABELS[status]}
    </Tag>
  );
}

/** 签收状态: 未签收 / 已签收 / 有异议 */
export function SignTag({ status }: { status: SignStatus }) {
  return (
    <Tag color={SIGN_COLORS[status]} data-status={status}>
      {SIGN_STATUS_LABELS[status]}
    </Tag>
  );
}

export function InboundTag({ status }: { status: InboundStatus }) {
  return <Tag color={INBOUND_COLORS[status]}>{INBOUND_STATUS_LABELS[status]}</Tag>;
}

export function StocktakeTag({ status }: { status: StocktakeStatus }) {
  return <Tag color={STOCKTAKE_COLORS[status]}>{STOCKTAKE_STATUS_LABELS[status]}</Tag>;
}
