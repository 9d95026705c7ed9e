import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { formatDateTime, type ReturnView } from '@hongyuan/shared';
import { errorMessage, getEmployee, isApiError } from '../../../api/request';
import { stockApi, type ReturnCount } from '../../../api/stock';
import { useResource } from '../../../api/useResource';
import ActionBar from '../../../components/ActionBar';
import DocTags from '../../../components/DocTags';
import LoadingPage from '../../../components/LoadingPage';
import { PartLineHead } from '../../../stock/PartLine';
import InfoRows from '../components/InfoRows';
import RejectSheet from '../components/RejectSheet';
import CountEditor from './CountEditor';
import '../../../stock/stock.scss';
import '../components/components.scss';
import { useMayDecide } from '../../../stock/useMayDecide';

type Action = 'approve' | 'reject' | 'cancel';

/**
 * 调回单 / 退还 detail. The keeper listed as approver checks the counts line by line (what came
 * back, what is damaged or missing and why) and approves, or rejects with a reason; the
 * employee sees its state and may withdraw it while it waits.
 */
export default function ReturnPage() {
  const id = Number(useRouter().params.id) || 0;
  const me = getEmployee();
  const doc = useResource<ReturnView>(id || null, () => stockApi.stockReturn(id));
  const [counts, setCounts] = useState<Record<number, ReturnCount>>({});
  const [busy, setBusy] = useState<Action | ''>('');
  const [actionError, setActionError] = useState('');
  const [rejecting, setRejecting] = useState(false);

  const r = doc.data;
  const canDecide = useMayDecide(r);
  const mine = !!r && !!me && (r.employeeId === me.id || r.createdById === me.id);

  // The keeper starts from what the employee wrote.
  useEffect(() => {
    if (!r) return;
    setCounts(
      Object.fromEntries(
        r.lines.map((l) => [l.id, { lineId: l.id, qty: l.qty, problemQty: l.problemQty, problemReason: l.problemReason }]),
      ),
    );
  }, [r]);

  const run = async (action: Action, write: () => Promise<ReturnView>, done: string, back: boolean) => {
    if (busy) return;
    setBusy(action);
    setActionError('');
    try {
      const view = await write();
      doc.setData(view);
      setRejecting(false);
      void Taro.showToast({ title: done, icon: 'success' });
      if (back) void Taro.navigateBack();
    } catch (e) {
      setActionError(errorMessage(e));
      if (isApiError(e) && (e.code === 'ALREADY_DECIDED' || e.code === 'CONFLICT')) void doc.reload();
    } finally {
      setBusy('');
    }
  };

  const approve = () => {
    const list = Object.values(counts);
    const noReason = r?.lines.find((l) => (counts[l.id]?.problemQty ?? 0) > 0 && !counts[l.id].problemReason.trim());
    if (noReason) {
      setActionError(`「${noReason.partName}」有问题数量，请选择原因`);
      return;
    }
    if (list.every((c) => c.qty + c.problemQty === 0)) {
      setActionError('退还与问题数量都为 0，无需批准，请否决并说明原因');
      return;
    }
    void run(
      'approve',
      () =>
        stockApi.approveReturn(
          id,
          list.map((c) => ({ ...c, problemReason: c.problemReason.trim() })),
        ),
      '已批准，配件已入库',
      true,
    );
  };
  const reject = (reason: string) => run('reject', () => stockApi.rejectReturn(id, reason), '已否决', true);
  const cancel = async () => {
    const answer = await Taro.showModal({
      title: '撤回退还单',
      content: '撤回后配件仍记在你名下，确定撤回吗？',
      confirmText: '撤回',
      confirmColor: '#d93026',
      cancelText: '再想想',
    });
    if (answer.confirm) await run('cancel', () => stockApi.cancelReturn(id), '已撤回', false);
  };

  if (!id) return <View className="hy-page hy-state">没有找到这张退还单</View>;
  if (!r) return <LoadingPage error={doc.error} onRetry={doc.reload} text="正在加载退还单…" />;

  const showActions = canDecide || (mine && r.status === 'pending') || !!actionError;
  return (
    <View className={`hy-page hy-ret${showActions ? ' hy-with-actions' : ''}`}>
      <View className="hy-list hy-ret__body">
        <View className="hy-card">
          <View className="hy-card__head">
            <Text className="hy-card__no">{r.no}</Text>
            <DocTags status={r.status} />
          </View>
          <InfoRows
            rows={[
              ['退还员工', `${r.employeeName}${r.departmentName ? `（${r.departmentName}）` : ''}`],
              ['调回仓库', r.warehouseName],
              ['入库时间', formatDateTime(r.inboundAt)],
              ['审批人', `${r.approvers.map((a) => a.name).join('、')}${r.approvers.length > 1 ? '（任一人审批即可）' : ''}`],
              ['经办人', r.handlerName],
              ['创建', `${r.createdByName} ${formatDateTime(r.createdAt)}`],
              ['处理', r.decidedByName ? `${r.decidedByName} ${formatDateTime(r.decidedAt)}` : ''],
              ['否决原因', r.rejectReason],
              ['备注', r.remark],
            ]}
          />
        </View>

        <View className="hy-section-title">
          <Text>配件明细（{r.lines.length} 种）</Text>
          {canDecide ? <Text>请按实物核对数量</Text> : null}
        </View>
        <View className="hy-card">
          {r.lines.map((l) => (
            <View key={l.id} className="hy-line hy-ret-line" data-testid="return-line">
              <PartLineHead
                part={l}
                aside={
                  <Text className="hy-line__qty">
                    退 {l.qty} {l.unit}
                  </Text>
                }
              />
              <View className="hy-line__meta">
                <Text>剩余（持有）{l.heldQty}</Text>
                {l.problemQty > 0 ? (
                  <Text className="hy-card__danger">
                    问题 {l.problemQty}：{l.problemReason}
                  </Text>
                ) : null}
              </View>
              {canDecide && counts[l.id] ? (
                <CountEditor line={l} value={counts[l.id]} onChange={(c) => setCounts((prev) => ({ ...prev, [l.id]: c }))} />
              ) : null}
            </View>
          ))}
        </View>
      </View>

      {showActions ? (
        <ActionBar error={actionError}>
          {canDecide ? (
            <>
              <Button className="hy-act-reject" type="danger" fill="outline" disabled={!!busy} onClick={() => setRejecting(true)}>
                否决
              </Button>
              <Button className="hy-act-approve" type="primary" loading={busy === 'approve'} disabled={!!busy} onClick={approve}>
                核对无误，批准
              </Button>
            </>
          ) : null}
          {!canDecide && mine && r.status === 'pending' ? (
            <Button className="hy-act-cancel" type="danger" fill="outline" loading={busy === 'cancel'} disabled={!!busy} onClick={cancel}>
              撤回
            </Button>
          ) : null}
        </ActionBar>
      ) : null}

      <RejectSheet visible={rejecting} what="退还单" busy={busy === 'reject'} onCancel={() => setRejecting(false)} onConfirm={reject} />
    </View>
  );
}
