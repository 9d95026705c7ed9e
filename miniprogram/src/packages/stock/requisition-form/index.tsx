import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { RequisitionView, WarehouseView } from '@hongyuan/shared';
import { api, errorMessage, fieldErrors, getEmployee, isApiError } from '../../../api/request';
import { newIdempotencyKey, stockApi, type RequisitionBody } from '../../../api/stock';
import { useResource } from '../../../api/useResource';
import { STOCK_PAGES } from '../../../stock/routes';
import ErrorBar from '../../../components/ErrorBar';
import FormFooter from '../components/FormFooter';
import LineEditor from '../components/LineEditor';
import WarehouseApprovers from '../components/WarehouseApprovers';
import PartPicker, { type PickedPart } from './PartPicker';
import { askSubscribe } from '../../../session/subscribe';
import '../../../stock/stock.scss';
import '../components/components.scss';

interface Line extends PickedPart {
  qty: number;
  /** set on a copy: the quantity asked for before it was lowered to today's stock */
  cappedFrom: number | null;
}

const lineOf = (l: RequisitionView['lines'][number]): Line => ({
  partId: l.partId,
  partCode: l.partCode,
  partName: l.partName,
  partModel: l.partModel,
  partSpec: l.partSpec,
  unit: l.unit,
  available: l.available,
  qty: l.qty,
  cappedFrom: l.cappedFrom,
});

/**
 * 新建领用 (or a draft, e.g. a copy, to edit and submit): pick the warehouse, its keepers are the
 * approvers (any one decides), add parts with what can be taken today, and submit. A quantity
 * can never exceed today's stock; the server checks again.
 */
export default function RequisitionFormPage() {
  const params = useRouter().params;
  const copyOf = Number(params.copyOf) || 0;
  const draftId = copyOf ? 0 : Number(params.id) || 0;
  // 复制: the form filled from another requisition (GET …/copy saves nothing); a draft: itself.
  const draft = useResource<RequisitionView>(copyOf ? `copy-${copyOf}` : draftId || null, () =>
    copyOf ? api.get<RequisitionView>(`/requisitions/${copyOf}/copy`) : stockApi.requisition(draftId),
  );

  useEffect(() => {
    if (draftId || copyOf) void Taro.setNavigationBarTitle({ title: copyOf ? '复制领用单' : '编辑领用单' });
  }, [draftId, copyOf]);

  if (!draftId && !copyOf) return <RequisitionForm draft={null} />;
  if (draft.error && !draft.data) {
    return (
      <View className="hy-page">
        <ErrorBar message={draft.error} onRetry={draft.reload} />
      </View>
    );
  }
  if (!draft.data) return <View className="hy-page hy-state">{copyOf ? '正在按原单填写…' : '正在加载草稿…'}</View>;
  if (draft.data.status !== 'draft') return <View className="hy-page hy-state">这张领用单已提交（{draft.data.no}），不能再修改</View>;
  return <RequisitionForm draft={draft.data} copyOf={copyOf || null} />;
}

/** The form itself, filled from the draft when there is one. */
function RequisitionForm({ draft, copyOf = null }: { draft: RequisitionView | null; copyOf?: number | null }) {
  const me = getEmployee();
  const warehouses = useResource('warehouses', stockApi.warehouses);
  const [warehouseId, setWarehouseId] = useState<number | null>(draft?.warehouseId ?? null);
  const [approverIds, setApproverIds] = useState<number[]>(draft?.approvers.map((a) => a.id) ?? []);
  const [lines, setLines] = useState<Line[]>(draft?.lines.map(lineOf) ?? []);
  const [remark, setRemark] = useState(draft?.remark ?? '');
  const [picking, setPicking] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const idemKey = useRef(newIdempotencyKey());

  // A new form starts at the first warehouse that has keepers, its keepers as approvers.
  useEffect(() => {
    const list = warehouses.data?.items;
    if (draft || !list || warehouseId !== null) return;
    const first = list.find((w) => w.keepers.length > 0) ?? list[0];
    if (first) {
      setWarehouseId(first.id);
      setApproverIds(first.keepers.map((k) => k.id));
    }
  }, [warehouses.data, draft, warehouseId]);

  const warehouse: WarehouseView | undefined = warehouses.data?.items.find((w) => w.id === warehouseId);

  const clearError = (key: string) => {
    setErrors((prev) => {
      if (!prev[key]) return prev;
      const next = { ...prev };
      delete next[key];
      return next;
    });
    setFormError('');
  };

  const chooseWarehouse = async (w: WarehouseView) => {
    if (w.id === warehouseId) return;
    if (lines.length) {
      const answer = await Taro.showModal({
        title: '切换仓库',
        content: `各仓库库存不同，切换到「${w.name}」会清空已选的 ${lines.length} 种配件，确定切换吗？`,
        confirmText: '切换',
        cancelText: '不切换',
      });
      if (!answer.confirm) return;
    }
    setWarehouseId(w.id);
    setApproverIds(w.keepers.map((k) => k.id));
    setLines([]);
    setErrors({});
    setFormError('');
  };

  const toggleApprover = (id: number) => {
    clearError('approverIds');
    setApproverIds((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id]));
  };

  const addLine = (p: PickedPart) => {
    clearError('lines');
    setLines((prev) =>
      prev.some((l) => l.partId === p.partId) ? prev : [...prev, { ...p, qty: Math.min(1, p.available ?? 1), cappedFrom: null }],
    );
  };
  const setQty = (i: number, qty: number) => {
    clearError(`lines.${i}.qty`);
    setLines((prev) => prev.map((l, j) => (j === i ? { ...l, qty } : l)));
  };
  const removeLine = (i: number) => {
    setLines((prev) => prev.filter((_, j) => j !== i));
    setErrors({});
  };

  /** After a stock error: what each flagged line can take now. */
  const refreshAvailable = async (indexes: number[]) => {
    if (!warehouseId) return;
    const fresh = await Promise.all(
      indexes.map(async (i) => {
        const l = lines[i];
        const page = await stockApi.stock({ keyword: l.partCode, warehouseId, pageSize: 5 }).catch(() => null);
        const hit = page?.items.find((p) => p.partId === l.partId);
        return { i, available: hit ? (hit.warehouses.find((w) => w.warehouseId === warehouseId)?.qty ?? 0) : page ? 0 : l.available };
      }),
    );
    setLines((prev) => prev.map((l, j) => ({ ...l, available: fresh.find((f) => f.i === j)?.available ?? l.available })));
  };

  const validate = (): Record<string, string> => {
    const next: Record<string, string> = {};
    if (!warehouseId) next.warehouseId = '请选择仓库';
    if (!approverIds.length) next.approverIds = '至少选择一位审批人';
    if (!lines.length) next.lines = '请添加要领用的配件';
    lines.forEach((l, i) => {
      if (l.available === null) {
        if (l.qty < 1) next[`lines.${i}.qty`] = '数量至少为 1';
      } else if (l.available <= 0) next[`lines.${i}.qty`] = '今日无库存，请删除这一行';
      else if (l.qty < 1) next[`lines.${i}.qty`] = '数量至少为 1';
      else if (l.qty > l.available) next[`lines.${i}.qty`] = `超过今日可领 ${l.available}`;
    });
    return next;
  };

  const submit = async () => {
    if (submitting || !me) return;
    const found = validate();
    setErrors(found);
    setFormError(Object.keys(found).length ? '请按提示修改后再提交' : '');
    if (Object.keys(found).length) return;
    const body: RequisitionBody = {
      employeeId: me.id,
      warehouseId: warehouseId!,
      remark: remark.trim(),
      approverIds,
      lines: lines.map((l) => ({ partId: l.partId, qty: l.qty })),
      submit: true,
    };
    if (draft) body.handlerId = draft.handlerId;
    // In the tap, before anything is awaited: WeChat reminders of the decision and of 签收.
    const asked = askSubscribe('submitDoc');
    setSubmitting(true);
    try {
      const doc = copyOf
        ? await api.post<RequisitionView>(`/requisitions/${copyOf}/copies`, body, { header: { 'Idempotency-Key': idemKey.current } })
        : draft
          ? await stockApi.updateRequisition(draft.id, body)
          : await stockApi.createRequisition(body, idemKey.current);
      await asked; // (WeChat's dialog closed: leaving the page would cut it off)
      void Taro.showToast({ title: '已提交，等待库管审批', icon: 'success' });
      void Taro.redirectTo({ url: STOCK_PAGES.requisition(doc.id) });
    } catch (e) {
      const byField = fieldErrors(e);
      setErrors(byField);
      setFormError(errorMessage(e, '提交失败，请稍后重试'));
      if (isApiError(e) && e.code === 'INSUFFICIENT_STOCK') {
        const flagged = Object.keys(byField)
          .map((k) => /^lines\.(\d+)\.qty$/.exec(k))
          .filter((m): m is RegExpExecArray => !!m)
          .map((m) => Number(m[1]));
        void refreshAvailable(flagged.length ? flagged : lines.map((_, i) => i));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const totalQty = lines.reduce((s, l) => s + l.qty, 0);
  return (
    <View className="hy-page hy-req-form hy-with-actions">
      {draft ? (
        <View className="hy-notice">
          {copyOf
            ? `由 ${draft.copiedFromNo} 复制`
            : draft.copiedFromNo
              ? `由 ${draft.copiedFromNo} 复制的草稿 ${draft.no}`
              : `草稿 ${draft.no}`}
          ：数量已按今日库存核对，请确认后提交{copyOf ? '（提交后才生成新单据）' : ''}。
        </View>
      ) : null}

      <View className="hy-form">
        <WarehouseApprovers
          warehouses={warehouses.data?.items ?? []}
          warehouseId={warehouseId}
          approverIds={approverIds}
          warehouseLabel="出库仓库"
          approverLabel="审批人（任一人批准即可）"
          errors={errors}
          onWarehouse={chooseWarehouse}
          onApprover={toggleApprover}
          status={
            warehouses.error ? (
              <Text className="hy-error">{warehouses.error}</Text>
            ) : !warehouses.data ? (
              <Text className="hy-muted">正在加载仓库…</Text>
            ) : null
          }
          approverNote={
            warehouse && !warehouse.keepers.length ? <Text className="hy-error">该仓库还没有库管，无法审批，请选择其他仓库</Text> : null
          }
        />
      </View>

      <LineEditor
        title={`领用配件${lines.length ? `（${lines.length} 种，共 ${totalQty} 件）` : ''}`}
        lines={lines}
        lineClass="hy-form-line"
        testId="form-line"
        aside={(_, i) => (
          <Text className="hy-form-line__remove hy-card__danger" onClick={() => removeLine(i)}>
            删除
          </Text>
        )}
        qtyLabel={(l) => (
          <Text className={l.available !== null && l.qty > l.available ? 'hy-card__danger' : ''}>
            {l.available === null ? '盲盘进行中，暂不显示库存' : `今日可领 ${l.available} ${l.unit}`}
          </Text>
        )}
        min={(l) => (l.available === null || l.available > 0 ? 1 : 0)}
        max={(l) => (l.available === null ? 100000 : Math.max(l.available, 0))}
        onQty={setQty}
        extra={(l) =>
          l.cappedFrom !== null ? <Text className="hy-form__hint hy-card__warn">原单申请 {l.cappedFrom}，已按今日库存调低</Text> : null
        }
        lineErrors={(i) => [errors[`lines.${i}.qty`] || errors[`lines.${i}.partId`]]}
        error={errors.lines}
        footer={
          <View className="hy-req-form__add">
            <Button
              className="hy-req-form__add-btn"
              block
              type="primary"
              fill="dashed"
              disabled={!warehouse}
              onClick={() => setPicking(true)}
            >
              + 添加配件（搜索或扫码）
            </Button>
          </View>
        }
      />

      <FormFooter
        remark={remark}
        onRemark={setRemark}
        remarkPlaceholder="用途、客户或车辆（选填）"
        error={formError}
        submitting={submitting}
        onSubmit={submit}
        submitClass="hy-req-form__submit"
        submitText="提交审批"
      />

      {warehouse ? (
        <PartPicker
          visible={picking}
          warehouseId={warehouse.id}
          warehouseName={warehouse.name}
          selected={lines.map((l) => l.partId)}
          onAdd={addLine}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </View>
  );
}
