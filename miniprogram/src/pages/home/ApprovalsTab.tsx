import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { ShieldCheck } from '@nutui/icons-react-taro';
import EmptyState from '../../components/EmptyState';
import { waitingText } from '../../stock/format';
import { STOCK_PAGES } from '../../stock/routes';
import { APPROVALS_LIMIT, type Approvals, type ApprovalItem } from './useApprovals';
import ErrorBar from '../../components/ErrorBar';
import '../../stock/stock.scss';

function open(d: ApprovalItem) {
  void Taro.navigateTo({ url: d.kind === 'requisition' ? STOCK_PAGES.requisition(d.id) : STOCK_PAGES.stockReturn(d.id) });
}

export interface ApprovalsTabProps {
  approvals: Approvals;
  /**
   * Called first when a document is tapped: asks for WeChat reminders when the list opened by
   * itself and nothing asked yet; resolves once WeChat answered.
   */
  onTap?: () => Promise<void>;
}

/** 审批 (keeper): requisitions and returns waiting for him, newest first; tap to decide. */
export default function ApprovalsTab({ approvals, onTap = () => Promise.resolve() }: ApprovalsTabProps) {
  const { items, total, loading, loaded, error, reload } = approvals;
  const now = Date.now();

  return (
    <View className="hy-approvals">
      <ErrorBar message={error} onRetry={reload} />

      {loading && !loaded ? <View className="hy-state">正在加载待审批单据…</View> : null}

      {loaded && items.length === 0 && !error ? (
        <EmptyState
          icon={<ShieldCheck size={36} color="#a9b4c6" />}
          title="暂无待审批的单据"
          description="技师提交的领用单、退还单会显示在这里"
          action={
            <Button className="hy-approvals__refresh" size="small" type="primary" fill="outline" loading={loading} onClick={reload}>
              刷新
            </Button>
          }
        />
      ) : null}

      {items.length > 0 ? (
        <View className="hy-section-title">
          <Text>待我审批 {total} 张</Text>
          <Text className="hy-approvals__refresh" onClick={reload}>
            {loading ? '刷新中…' : '刷新'}
          </Text>
        </View>
      ) : null}

      <View className="hy-list">
        {items.map((d) => (
          <View
            key={`${d.kind}-${d.id}`}
            className={`hy-card hy-approval hy-approval--${d.kind}`}
            data-testid="approval-item"
            onClick={() => void onTap().then(() => open(d))}
          >
            <View className="hy-card__head">
              <View className="hy-doc-tags">
                <Tag type={d.kind === 'requisition' ? 'primary' : 'success'}>{d.kind === 'requisition' ? '领用' : '退还'}</Tag>
                <Text className="hy-card__no">{d.no}</Text>
              </View>
              <Text className="hy-card__warn">{waitingText(d.createdAt, now)}</Text>
            </View>
            <View className="hy-card__row">
              <Text>
                <Text className="hy-card__strong">{d.employeeName}</Text>
                {d.departmentName ? ` · ${d.departmentName}` : ''}
              </Text>
              <Text>{d.warehouseName}</Text>
            </View>
            <View className="hy-card__row">
              <Text>
                {d.lineCount} 种配件，共 {d.totalQty} 件
              </Text>
              <Text className="hy-approval__go">去审批 ›</Text>
            </View>
            {d.remark ? <View className="hy-card__remark">备注：{d.remark}</View> : null}
          </View>
        ))}
      </View>

      {items.length > 0 && total > items.length ? (
        <View className="hy-state">仅列出最近的单据（每类 {APPROVALS_LIMIT} 张），处理后会显示更多</View>
      ) : null}
    </View>
  );
}
