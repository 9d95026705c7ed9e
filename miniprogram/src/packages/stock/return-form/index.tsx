import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Category } from '@nutui/icons-react-taro';
import { PROBLEM_REASONS, type ReturnPrefill, type WarehouseView } from '@hongyuan/shared';
import { errorMessage, fieldErrors, getEmployee } from '../../../api/request';
import { newIdempotencyKey, stockApi, type ReturnBody } from '../../../api/stock';
import { useResource } from '../../../api/useResource';
import EmptyState from '../../../components/EmptyState';
import ErrorBar from '../../../components/ErrorBar';
import QtyStepper from '../../../components/QtyStepper';
import { STOCK_PAGES } from '../../../stock/routes';
import FormFooter from '../components/FormFooter';
import LineEditor from '../components/LineEditor';
import WarehouseApprovers from '../components/WarehouseApprovers';
import { askSubscribe } from '../../../session/subscribe';
import '../../../stock/stock.scss';
import '../components/components.scss';

type PrefillLine = ReturnPrefill['lines'][number];

interface Line extends PrefillLine {
  qty: number;
  problemQty: number;
  problemReason: string;
  /** the 配件问题 part of the line is open */
  problem: boolean;
}

/**
 * 退还 (配件调回单) in one screen: everything he holds is listed with the quantity he holds;
 * he only checks the counts, lowers what he keeps, and marks what is damaged or missing.
 */
export default function ReturnFormPage() {
  const me = getEmployee();
  const prefill = useResource('prefill', stockApi.returnPrefill);
  const warehouses = useResource('warehouses', stockApi.warehouses);
  const [lines, setLines] = useState<Line[]>([]);
  const [warehouseId, setWarehouseId] = useState<number | null>(null);
  const [approverIds, setApproverIds] = useState<number[]>([]);
  const [remark, setRemark] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const idemKey = useRef(newIdempotencyKey());

  useEffect(() => {
    const p = prefill.data;
    if (!p) return;
    setLines(p.lines.map((l) => ({ ...l, qty: l.heldQty, problemQty: 0, problemReason: '', problem: false })));
    setWarehouseId(p.warehouseId);
    setApproverIds(p.approverIds);
  }, [prefill.data]);

  const chooseWarehouse = (w: WarehouseView) => {
    setWarehouseId(w.id);
    setApproverIds(w.id === prefill.data?.warehouseId ? prefill.data.approverIds : w.keepers.map((k) => k.id));
    setErrors((e) => ({ ...e, warehouseId: '', approverIds: '' }));
  };
  const toggleApprover = (id: number) => setApproverIds((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id]));

  const update = (i: number, patch: Partial<Line>) => {
    setLines((prev) => prev.map((l, j) => (j === i ? { ...l, ...patch } : l)));
    setErrors((e) => ({ ...e, [`lines.${i}.qty`]: '', [`lines.${i}.problemReason`]: '' }));
    setFormError('');
  };
  const toggleProblem = (i: number) => {
    const l = lines[i];
    update(i, l.problem ? { problem: false, problemQty: 0, problemReason: '' } : { problem: true });
  };

  const submit = async () => {
    if (submitting || !me || !prefill.data) return;
    const sending = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.qty + l.problemQty > 0);
    const found: Record<string, string> = {};
    if (!warehouseId) found.warehouseId = '请选择调回仓库';
    if (!approverIds.length) found.approverIds = '至少选择一位审批人';
    if (!sending.length) found.lines = '退还数量都为 0，没有可提交的配件';
    sending.forEach(({ l, i }) => {
      if (l.problemQty > 0 && !l.problemReason) found[`lines.${i}.problemReason`] = '请选择问题原因';
    });
    setErrors(found);
    setFormError(Object.values(found).some(Boolean) ? '请按提示修改后再提交' : '');
    if (Object.values(found).some(Boolean)) return;

    const body: ReturnBody = {
      employeeId: me.id,
      warehouseId: warehouseId!,
      remark: remark.trim(),
      approverIds,
      lines: sending.map(({ l }) => ({ partId: l.partId, qty: l.qty, problemQty: l.problemQty, problemReason: l.problemReason })),
      submit: true,
    };
    // In the tap, before anything is awaited: WeChat reminders of the decision.
    const asked = askSubscribe('submitDoc');
    setSubmitting(true);
    try {
      const doc = await stockApi.createReturn(body, idemKey.current);
      await asked; // (WeChat's dialog closed: leaving the page would cut it off)
      void Taro.showToast({ title: '已提交，等待库管核对', icon: 'success' });
      void Taro.redirectTo({ url: STOCK_PAGES.stockReturn(doc.id) });
    } catch (e) {
      // The server numbers the lines it was sent: map them back to the rows on screen.
      const byField = fieldErrors(e);
      const mapped: Record<string, string> = {};
      for (const [path, message] of Object.entries(byField)) {
        const m = /^lines\.(\d+)\.(\w+)$/.exec(path);
        mapped[m ? `lines.${sending[Number(m[1])]?.i ?? m[1]}.${m[2]}` : path] = message;
      }
      setErrors(mapped);
      setFormError(errorMessage(e, '提交失败，请稍后重试'));
    } finally {
      setSubmitting(false);
    }
  };

  if (prefill.error && !prefill.data) {
    return (
      <View className="hy-page">
        <ErrorBar message={prefill.error} onRetry={prefill.reload} />
      </View>
    );
  }
  if (!prefill.data) return <View className="hy-page hy-state">正在列出你手上的配件…</View>;
  if (!prefill.data.lines.length) {
    return (
      <View className="hy-page">
        <EmptyState icon={<Category size={36} color="#a9b4c6" />} title="手上没有配件" description="没有需要退还的配件" />
      </View>
    );
  }

  const total = lines.reduce((s, l) => s + l.qty, 0);
  const problems = lines.reduce((s, l) => s + l.problemQty, 0);
  return (
    <View className="hy-page hy-ret-form hy-with-actions">
      <View className="hy-form">
        <Text className="hy-form__label">退还员工</Text>
        <Text>
          {prefill.data.employeeName}
          {prefill.data.departmentName ? `（${prefill.data.departmentName}）` : ''}
        </Text>
        <WarehouseApprovers
          warehouses={warehouses.data?.items ?? []}
          warehouseId={warehouseId}
          approverIds={approverIds}
          warehouseLabel="调回仓库"
          approverLabel="审批人（任一人核对即可）"
          errors={errors}
          onWarehouse={chooseWarehouse}
          onApprover={toggleApprover}
        />
      </View>

      <LineEditor
        title={`退还 ${total} 件${problems ? `，问题 ${problems} 件` : ''}`}
        hint="默认全部退还，核对数量即可"
        lines={lines}
        lineClass="hy-ret-form-line"
        testId="return-form-line"
        aside={(l) => (
          <Text className="hy-muted">
            手上 {l.heldQty} {l.unit}
          </Text>
        )}
        qtyLabel={() => <Text>退还数量</Text>}
        min={() => 0}
        max={(l) => l.heldQty - l.problemQty}
        onQty={(i, qty) => update(i, { qty })}
        extra={(l, i) => (
          <>
            <View className="hy-line__meta">
              <Text>{l.qty + l.problemQty < l.heldQty ? `留在手上 ${l.heldQty - l.qty - l.problemQty} ${l.unit}` : ''}</Text>
              <Text className={`hy-chip hy-problem-toggle${l.problem ? ' hy-chip--on' : ''}`} onClick={() => toggleProblem(i)}>
                {l.problem ? '取消问题' : '配件问题'}
              </Text>
            </View>
            {l.problem ? (
              <View className="hy-dispute">
                <View className="hy-dispute__row">
                  <Text>损坏/丢失数量</Text>
                  <QtyStepper
                    name={`problem-${l.partId}`}
                    value={l.problemQty}
                    min={0}
                    max={l.heldQty}
                    onChange={(problemQty) => update(i, { problemQty, qty: Math.min(l.qty, l.heldQty - problemQty) })}
                  />
                </View>
                <View className="hy-chips">
                  {PROBLEM_REASONS.map((reason) => (
                    <Text
                      key={reason}
                      className={`hy-chip${l.problemReason === reason ? ' hy-chip--on' : ''}`}
                      onClick={() => update(i, { problemReason: reason })}
                    >
                      {reason}
                    </Text>
                  ))}
                </View>
                <Text className="hy-form__hint">损坏或丢失的数量从退还数量中扣除，由库管核对后报损</Text>
              </View>
            ) : null}
          </>
        )}
        lineErrors={(i) => [errors[`lines.${i}.qty`], errors[`lines.${i}.problemReason`]]}
        error={errors.lines}
      />

      <FormFooter
        remark={remark}
        onRemark={setRemark}
        remarkPlaceholder="选填"
        error={formError}
        submitting={submitting}
        onSubmit={submit}
        submitClass="hy-ret-form__submit"
        submitText="提交退还"
      />
    </View>
  );
}
