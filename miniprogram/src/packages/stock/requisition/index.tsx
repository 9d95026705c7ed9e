import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { BLIND_COUNT_MESSAGE, DISPUTE_STATUS_LABELS, formatDateTime, type RequisitionView } from '@hongyuan/shared';
import { errorMessage, getEmployee, isApiError } from '../../../api/request';
import { stockApi } from '../../../api/stock';
import { useResource } from '../../../api/useResource';
import ActionBar from '../../../components/ActionBar';
import DocTags from '../../../components/DocTags';
import LoadingPage from '../../../components/LoadingPage';
import { PartLineHead } from '../../../stock/PartLine';
import { STOCK_PAGES } from '../../../stock/routes';
import InfoRows from '../components/InfoRows';
import RejectSheet from '../components/RejectSheet';
import SignSheet, { type Dispute } from './SignSheet';
import '../../../stock/stock.scss';
import '../components/components.scss';
import { useMayDecide } from '../../../stock/useMayDecide';

type Action = 'approve' | 'reject' | 'sign' | 'copy' | 'cancel';

/**
 * 领用单 detail. The keeper listed as approver decides (批准 in one tap; 否决 with a reason);
 * the employee signs for approved parts (签收, disputing a quantity if it is not right),
 * copies it (复制, refreshed to today's stock), withdraws it while pending, or edits a draft.
 */
export default function RequisitionPage() {
  const id = Number(useRouter().params.id) || 0;
  const me = getEmployee();
  const doc = useResource<RequisitionView>(id || null, () => stockApi.requisition(id));
  const [busy, setBusy] = useState<Action | ''>('');
  const [actionError, setActionError] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [signing, setSigning] = useState(false);

  const r = doc.data;
  const mine = !!r && !!me && r.employeeId === me.id;
  const canDecide = useMayDecide(r);
  const canSign = mine && r!.status === 'approved' && r!.signStatus === 'unsigned';
  const open = !!r && (r.status === 'draft' || r.status === 'pending');

  /** Runs a write; `after` decides what happens next. A decision someone else made first reloads the page. */
  const run = async (action: Action, write: () => Promise<RequisitionView>, after: (v: RequisitionView) => void) => {
    if (busy) return;
    setBusy(action);
    setActionError('');
    try {
      const view = await write();
      after(view);
    } catch (e) {
      setActionError(errorMessage(e));
      if (isApiError(e) && (e.code === 'ALREADY_DECIDED' || e.code === 'CONFLICT')) void doc.reload();
    } finally {
      setBusy('');
    }
  };

  const decided = (title: string) => (view: RequisitionView) => {
    doc.setData(view);
    setRejecting(false);
    void Taro.showToast({ title, icon: 'success' });
    void Taro.navigateBack();
  };

  const approve = () => run('approve', () => stockApi.approveRequisition(id), decided('已批准'));
  const reject = (reason: string) => run('reject', () => stockApi.rejectRequisition(id, reason), decided('已否决'));

  const sign = (disputes: Dispute[]) =>
    run(
      'sign',
      () => stockApi.signRequisition(id, disputes),
      (view) => {
        doc.setData(view);
        setSigning(false);
        void Taro.showToast({ title: disputes.length ? '已签收，异议部分待库管核实' : '已签收', icon: 'success' });
      },
    );

  // 复制 opens the form filled from this one; nothing is created until it is submitted there.
  const copy = () => void Taro.navigateTo({ url: `${STOCK_PAGES.requisitionForm()}?copyOf=${id}` });

  const cancel = async () => {
    const draft = r?.status === 'draft';
    const answer = await Taro.showModal({
      title: draft ? '作废草稿' : '撤回领用单',
      content: draft ? '作废后这张草稿不能再提交，确定作废吗？' : '撤回后库管将不再审批这张领用单，确定撤回吗？',
      confirmText: draft ? '作废' : '撤回',
      confirmColor: '#d93026',
      cancelText: '再想想',
    });
    if (!answer.confirm) return;
    await run(
      'cancel',
      () => stockApi.cancelRequisition(id),
      (view) => {
        doc.setData(view);
        void Taro.showToast({ title: draft ? '已作废' : '已撤回', icon: 'success' });
      },
    );
  };

  if (!id) return <View className="hy-page hy-state">没有找到这张领用单</View>;
  if (!r) return <LoadingPage error={doc.error} onRetry={doc.reload} text="正在加载领用单…" />;

  const totalQty = r.lines.reduce((s, l) => s + l.qty, 0);
  // available is null while the warehouse is counted blind (盲盘): nothing to compare, the keeper checks at approval
  const short = open ? r.lines.filter((l) => l.available !== null && l.qty > l.available) : [];
  const blind = open && r.lines.some((l) => l.available === null);
  const actions: JSX.Element[] = [];
  if (canDecide) {
    actions.push(
      <Button key="reject" className="hy-act-reject" type="danger" fill="outline" disabled={!!busy} onClick={() => setRejecting(true)}>
        否决
      </Button>,
      <Button key="approve" className="hy-act-approve" type="primary" loading={busy === 'approve'} disabled={!!busy} onClick={approve}>
        批准
      </Button>,
    );
  }
  if (canSign) {
    actions.push(
      <Button key="sign" className="hy-act-sign" type="primary" disabled={!!busy} onClick={() => setSigning(true)}>
        签收
      </Button>,
    );
  }
  const cancelButton = (label: string) => (
    <Button
      key="cancel"
      className="hy-act-cancel"
      type="danger"
      fill="outline"
      loading={busy === 'cancel'}
      disabled={!!busy}
      onClick={cancel}
    >
      {label}
    </Button>
  );
  if (mine && r.status === 'draft') {
    actions.push(
      cancelButton('作废'),
      <Button
        key="edit"
        className="hy-act-edit"
        type="primary"
        disabled={!!busy}
        onClick={() => Taro.redirectTo({ url: STOCK_PAGES.requisitionForm(r.id) })}
      >
        编辑并提交
      </Button>,
    );
  }
  if (mine && r.status === 'pending') actions.push(cancelButton('撤回'));
  if ((mine || r.createdById === me?.id) && r.status !== 'draft') {
    actions.push(
      <Button
        key="copy"
        className="hy-act-copy"
        type="primary"
        fill={canSign ? 'outline' : 'solid'}
        loading={busy === 'copy'}
        disabled={!!busy}
        onClick={copy}
      >
        复制
      </Button>,
    );
  }

  return (
    <View className={`hy-page hy-req${actions.length || actionError ? ' hy-with-actions' : ''}`}>
      <View className="hy-list hy-req__body">
        <View className="hy-card">
          <View className="hy-card__head">
            <Text className="hy-card__no">{r.no}</Text>
            <DocTags status={r.status} signStatus={r.signStatus} />
          </View>
          <InfoRows
            rows={[
              ['领用员工', `${r.employeeName}${r.departmentName ? `（${r.departmentName}）` : ''}`],
              ['出库仓库', r.warehouseName],
              ['单据类型', r.kind],
              ['审批人', `${r.approvers.map((a) => a.name).join('、')}${r.approvers.length > 1 ? '（任一人审批即可）' : ''}`],
              ['经办人', r.handlerName],
              ['创建', `${r.createdByName} ${formatDateTime(r.createdAt)}`],
              ['处理', r.decidedByName ? `${r.decidedByName} ${formatDateTime(r.decidedAt)}` : ''],
              ['否决原因', r.rejectReason],
              ['签收时间', formatDateTime(r.signedAt)],
              ['复制自', r.copiedFromNo],
              ['备注', r.remark],
            ]}
          />
        </View>

        <View className="hy-section-title">
          <Text>
            配件明细（{r.lines.length} 种，共 {totalQty} 件）
          </Text>
          {open ? <Text>可领数量为今日库存</Text> : null}
        </View>
        <View className="hy-card">
          {r.lines.map((l) => (
            <View key={l.id} className="hy-line hy-req-line" data-testid="requisition-line">
              <PartLineHead
                part={l}
                aside={
                  <Text className="hy-line__qty">
                    {l.qty} {l.unit}
                  </Text>
                }
              />
              {open && l.available !== null ? (
                <View className={`hy-line__meta${l.qty > l.available ? ' hy-card__danger' : ''}`}>
                  <Text className="hy-req-line__available">今日可领 {l.available}</Text>
                  {l.qty > l.available ? <Text>库存不足</Text> : null}
                </View>
              ) : null}
              {l.cappedFrom !== null ? <View className="hy-line__meta hy-card__warn">原申请 {l.cappedFrom}，已按今日库存调低</View> : null}
              {l.disputedQty > 0 ? (
                <View className="hy-line__meta hy-card__danger">
                  异议 {l.disputedQty} {l.unit}：{l.disputeReason}
                  {l.disputeStatus ? ` · ${DISPUTE_STATUS_LABELS[l.disputeStatus]}` : ''}
                  {l.disputeResolvedByName ? `（${l.disputeResolvedByName}${l.disputeNote ? `：${l.disputeNote}` : ''}）` : ''}
                </View>
              ) : null}
            </View>
          ))}
        </View>
        {blind ? <View className="hy-notice">{BLIND_COUNT_MESSAGE}，盘点结束后再核对库存并审批。</View> : null}
        {canDecide && short.length ? (
          <View className="hy-notice">有 {short.length} 种配件今日库存不足，批准会失败，可否决并说明原因。</View>
        ) : null}
      </View>

      {actions.length || actionError ? <ActionBar error={actionError}>{actions.length ? actions : null}</ActionBar> : null}

      <RejectSheet visible={rejecting} what="领用单" busy={busy === 'reject'} onCancel={() => setRejecting(false)} onConfirm={reject} />
      {canSign ? (
        <SignSheet
          visible={signing}
          lines={r.lines}
          busy={busy === 'sign'}
          error={signing ? actionError : ''}
          onCancel={() => setSigning(false)}
          onConfirm={sign}
        />
      ) : null}
    </View>
  );
}
