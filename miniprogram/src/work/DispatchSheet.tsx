import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Tag, TextArea } from '@nutui/nutui-react-taro';
import { errorMessage } from '../api/request';
import { workApi } from '../api/work';
import type { WorkOrderDetail, WorkOrderListItem, Workload } from '@hongyuan/shared';
import { useResource } from '../api/useResource';
import Sheet from '../components/Sheet';
import ErrorBar from '../components/ErrorBar';

export interface DispatchSheetProps {
  visible: boolean;
  order: Pick<
    WorkOrderListItem,
    'id' | 'no' | 'customerName' | 'address' | 'problem' | 'priority' | 'technicianId' | 'technicianName'
  > | null;
  /** 派工 a pending order, or 改派 a dispatched one (a reason is required) */
  mode: 'dispatch' | 'reassign';
  onClose: () => void;
  onDone: (detail: WorkOrderDetail) => void;
}

/** Least loaded first: fewest open orders, then fewest in progress, then fewest hours this week. */
const byLoad = (a: Workload, b: Workload) => a.open - b.open || a.inProgress - b.inProgress || a.hoursThisWeek - b.hoursThisWeek;

/**
 * 派工 / 改派: every technician with his load (open, in progress, hours this week) to pick the one
 * who does it, optional helpers, and a note (the reason, for 改派). The technician is notified.
 */
export default function DispatchSheet({ visible, order, mode, onClose, onDone }: DispatchSheetProps) {
  const workload = useResource<Workload[]>(visible && order ? `workload-${order.id}` : null, workApi.workload);
  const [technicianId, setTechnicianId] = useState<number | null>(null);
  const [helperIds, setHelperIds] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!visible) return;
    setTechnicianId(null);
    setHelperIds([]);
    setNote('');
    setError('');
  }, [visible, order?.id]);

  if (!order) return null;
  const reassign = mode === 'reassign';
  const techs = [...(workload.data ?? [])].sort(byLoad);
  const chosen = techs.find((t) => t.technicianId === technicianId);

  const pick = (id: number) => {
    setTechnicianId(id);
    setHelperIds((prev) => prev.filter((h) => h !== id));
    setError('');
  };
  const toggleHelper = (id: number) => setHelperIds((prev) => (prev.includes(id) ? prev.filter((h) => h !== id) : [...prev, id]));

  const confirm = async () => {
    if (busy) return;
    if (!technicianId) return setError('请选择负责的技师');
    const text = note.trim();
    if (reassign && !text) return setError('请填写改派原因，原技师和新技师都会看到');
    setBusy(true);
    setError('');
    try {
      const body = { technicianId, helperIds, note: text };
      const detail = reassign ? await workApi.reassign(order.id, body) : await workApi.dispatch(order.id, body);
      void Taro.showToast({ title: `已${reassign ? '改派' : '派'}给${chosen?.name ?? detail.technicianName ?? ''}`, icon: 'success' });
      onDone(detail);
    } catch (e) {
      setError(errorMessage(e, reassign ? '改派失败，请稍后重试' : '派工失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet
      visible={visible}
      title={`${reassign ? '改派' : '派工'} · ${order.no}`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>取消</Button>
          <Button className="hy-dispatch__confirm" type="primary" loading={busy} disabled={busy} onClick={confirm}>
            {chosen ? `${reassign ? '改派' : '派'}给${chosen.name}` : reassign ? '确认改派' : '确认派工'}
          </Button>
        </>
      }
    >
      <View className="hy-dispatch__order">
        <View className="hy-doc-tags">
          <Text className="hy-card__strong">{order.customerName}</Text>
          {order.priority === 'urgent' ? <Tag type="danger">加急</Tag> : null}
        </View>
        <Text className="hy-dispatch__addr">{order.address}</Text>
        <Text className="hy-dispatch__problem">{order.problem}</Text>
        {reassign && order.technicianName ? <Text className="hy-dispatch__current">当前技师：{order.technicianName}</Text> : null}
      </View>

      <View className="hy-form__label">选择技师（按未完成工单从少到多）</View>
      {workload.loading && !workload.data ? <View className="hy-state">正在加载技师工作量…</View> : null}
      <ErrorBar message={workload.error} onRetry={workload.reload} />
      {workload.data && !techs.length ? <View className="hy-state">没有在职的技师，请先在电脑工作台添加员工</View> : null}
      {techs.map((t) => {
        const current = reassign && t.technicianId === order.technicianId;
        const on = t.technicianId === technicianId;
        return (
          <View
            key={t.technicianId}
            className={`hy-dispatch__tech${on ? ' hy-dispatch__tech--on' : ''}${current ? ' hy-dispatch__tech--off' : ''}`}
            data-testid="dispatch-tech"
            onClick={() => !current && pick(t.technicianId)}
          >
            <View className="hy-dispatch__tech-head">
              <Text className="hy-dispatch__tech-name">{t.name}</Text>
              {current ? <Text className="hy-muted">当前负责</Text> : on ? <Text className="hy-dispatch__tick">已选 ✓</Text> : null}
            </View>
            <View className="hy-dispatch__load">
              <Text className={t.open ? 'hy-dispatch__busy' : ''}>未完成 {t.open}</Text>
              <Text>处理中 {t.inProgress}</Text>
              <Text>本周 {t.hoursThisWeek} 小时</Text>
            </View>
          </View>
        );
      })}

      {technicianId && techs.length > 1 ? (
        <>
          <View className="hy-form__label">协助技师（选填）</View>
          <View className="hy-chips">
            {techs
              .filter((t) => t.technicianId !== technicianId)
              .map((t) => (
                <Text
                  key={t.technicianId}
                  className={`hy-chip hy-helper-chip${helperIds.includes(t.technicianId) ? ' hy-chip--on' : ''}`}
                  onClick={() => toggleHelper(t.technicianId)}
                >
                  {t.name}
                </Text>
              ))}
          </View>
        </>
      ) : null}

      <View className="hy-form__label">{reassign ? '改派原因（必填）' : '派工说明（选填）'}</View>
      <View className="hy-dispatch__note">
        <TextArea
          name="dispatchNote"
          placeholder={reassign ? '如：原技师请假，客户要求今天上门' : '给技师的说明，如：客户下午在家'}
          maxLength={200}
          value={note}
          onChange={(v) => {
            setNote(v);
            setError('');
          }}
        />
      </View>
      {error ? <Text className="hy-error hy-dispatch__error">{error}</Text> : null}
    </Sheet>
  );
}
