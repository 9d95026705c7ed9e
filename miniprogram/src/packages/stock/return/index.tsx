import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { can, formatDateTime, type ReturnLineView, type ReturnView } from '@hongyuan/shared';
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
import ObjectSheet from './ObjectSheet';
import '../../../stock/stock.scss';
import '../components/components.scss';
import { useMayDecide } from '../../../stock/useMayDecide';

type Action = 'approve' | 'reject' | 'cancel' | 'confirm' | 'object';

/** The keeper's count differs from what the employee declared. */
const differs = (l: ReturnLineView) =>
  l.qty !== l.declaredQty || l.problemQty !== l.declaredProblemQty || l.problemReason !== l.declaredProblemReason;

/**
 * 调回单 / 退还 detail. The keeper listed as approver checks the counts line by line (what came
 * back, what is damaged or missing and why) and approves, or rejects with a reason; the
 * employee sees its state and may withdraw it while it waits. A count that writes off more than
 * he declared (差异待确认) waits for him: he confirms it (then it posts) or objects with a note; a
 * second listed keeper may confirm it instead.
 */
export default function ReturnPage() {
  const id = Number(useRouter().params.id) || 0;
  const me = getEmployee();
  const doc = useResource<ReturnView>(id || null, () => stockApi.stockReturn(id));
  const [counts, setCounts] = useState<Record<number, ReturnCount>>({});
  const [busy, setBusy] = useState<Action | ''>('');
  const [actionError, setActionError] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [objecting, setObjecting] = useState(false);

  const r = doc.data;
  const canDecide = useMayDecide(r);
  const mine = !!r && !!me && (r.employeeId === me.id || r.createdById === me.id);
  const variance = r?.status === 'variance';
  const isEmployee = !!r && !!me && r.employeeId === me.id;
  const secondKeeper =
    !!r &&
    !!me &&
    can(me.roles, 'stock.approve') &&
    r.approvers.some((a) => a.id === me.id) &&
    ![r.decidedById, r.createdById, r.employeeId].includes(me.id);
  const mayConfirm = variance && (isEmployee || secondKeeper);

  // The keeper starts from what the employee wrote.
  useEffect(() => {
    if (!r) return;
    setCounts(
      Object.fromEntries(
        r.lines.map((l) => [l.id, { lineId: l.id, qty: l.qty, problemQty: l.problemQty, problemReason: l.problemReason }]),
      ),
    );
  }, [r]);

  const run = async (action: Action, write: () => Promise<ReturnView>, done: string | ((v: ReturnView) => string), back: boolean) => {
    if (busy) return;
    setBusy(action);
    setActionError('');
    try {
      const view = await write();
      doc.setData(view);
      setRejecting(false);
      setObjecting(false);
      void Taro.showToast({ title: typeof done === 'string' ? done : done(view), icon: 'success' });
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
      // fewer back or more written off than he declared: it waits for him (差异待确认)
      (v) => (v.status === 'variance' ? '与申报不符，待员工确认' : '已批准，配件已入库'),
      true,
    );
  };
  const confirmVariance = async () => {
    const answer = await Taro.showModal({
      title: '确认核对结果',
      content: isEmployee ? '确认后按核对的数量入库，问题数量记为你名下的报损。' : '确认后按核对的数量入库，问题数量记为员工名下的报损。',
      confirmText: '确认',
      cancelText: '再看看',
    });
    if (answer.confirm) await run('confirm', () => stockApi.confirmReturnVariance(id, r?.countsVersion ?? 0), '已确认，配件已入库', false);
  };
  const objectVariance = (note: string) => run('object', () => stockApi.objectReturnVariance(id, note), '已提出异议', false);
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

  const showActions = canDecide || mayConfirm || (mine && r.status === 'pending') || !!actionError;
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
              ['差异确认', r.confirmedByName ? `${r.confirmedByName} ${formatDateTime(r.confirmedAt)}` : ''],
              ['否决原因', r.rejectReason],
              ['备注', r.remark],
            ]}
          />
        </View>

        {variance ? (
          <View className="hy-notice hy-ret__variance" data-testid="return-variance">
            {r.decidedByName ?? '库管'}核对的数量与{isEmployee ? '你' : r.employeeName}的申报不同（退回少于申报或报损多于申报），尚未入账：
            {isEmployee ? '请确认，或提出异议退回重新核对。' : `需${r.employeeName}本人或另一位审批库管确认。`}
          </View>
        ) : null}
        {(r.status === 'pending' || variance) && r.varianceNote ? (
          <View className="hy-notice" data-testid="return-variance-note">
            {isEmployee ? '你' : r.employeeName}对上次核对提出了异议：{r.varianceNote}
          </View>
        ) : null}

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
              {differs(l) && r.status !== 'pending' ? (
                <View
                  className={`hy-line__meta${l.problemQty > l.declaredProblemQty ? ' hy-card__danger' : ''}`}
                  data-testid="return-declared"
                >
                  申报：退 {l.declaredQty}，问题 {l.declaredProblemQty}
                  {l.declaredProblemReason ? `（${l.declaredProblemReason}）` : ''}
                  {l.problemQty > l.declaredProblemQty ? `；核对多报损 ${l.problemQty - l.declaredProblemQty}` : ''}
                  {l.qty < l.declaredQty ? `；核对少退回 ${l.declaredQty - l.qty}` : ''}
                </View>
              ) : null}
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
          {variance && isEmployee ? (
            <Button className="hy-act-object" type="danger" fill="outline" disabled={!!busy} onClick={() => setObjecting(true)}>
              提出异议
            </Button>
          ) : null}
          {mayConfirm ? (
            <Button className="hy-act-confirm" type="primary" loading={busy === 'confirm'} disabled={!!busy} onClick={confirmVariance}>
              确认差异
            </Button>
          ) : null}
          {!canDecide && mine && r.status === 'pending' ? (
            <Button className="hy-act-cancel" type="danger" fill="outline" loading={busy === 'cancel'} disabled={!!busy} onClick={cancel}>
              撤回
            </Button>
          ) : null}
        </ActionBar>
      ) : null}

      <ObjectSheet visible={objecting} busy={busy === 'object'} onCancel={() => setObjecting(false)} onConfirm={objectVariance} />
      <RejectSheet visible={rejecting} what="退还单" busy={busy === 'reject'} onCancel={() => setRejecting(false)} onConfirm={reject} />
    </View>
  );
}
