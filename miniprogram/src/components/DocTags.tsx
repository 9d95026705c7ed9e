import { View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { APPROVAL_STATUS_LABELS, SIGN_STATUS_LABELS, type ApprovalStatus, type SignStatus } from '@hongyuan/shared';

const STATUS_TYPE: Record<ApprovalStatus, 'default' | 'warning' | 'success' | 'danger'> = {
  draft: 'default',
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  cancelled: 'default',
  variance: 'warning',
};

const SIGN_TYPE: Record<SignStatus, 'warning' | 'success' | 'danger'> = { unsigned: 'warning', signed: 'success', disputed: 'danger' };

/** 审批状态, and for an approved requisition its 签收状态. */
export default function DocTags({ status, signStatus }: { status: ApprovalStatus; signStatus?: SignStatus }) {
  return (
    <View className="hy-doc-tags">
      <Tag className={`hy-tag-status hy-tag-status--${status}`} type={STATUS_TYPE[status]}>
        {APPROVAL_STATUS_LABELS[status]}
      </Tag>
      {signStatus && status === 'approved' ? (
        <Tag className={`hy-tag-sign hy-tag-sign--${signStatus}`} type={SIGN_TYPE[signStatus]} plain>
          {SIGN_STATUS_LABELS[signStatus]}
        </Tag>
      ) : null}
    </View>
  );
}
