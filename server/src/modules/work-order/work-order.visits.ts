import type { WorkOrderAction } from '@hongyuan/shared';
import type { EntityManager } from 'typeorm';
import { WorkOrder, WorkOrderVisit } from './work-order.entity';

/**
 * Keeps the order's visits (上门) in step with its transitions: 派工 opens the visit of the
 * order's reworkCount (改派 changes its technician), 开始处理 and 结束处理 stamp it, and 返工
 * records the reason it was sent back before the next visit opens. `order` is the order as read
 * before the transition, `set` what the transition writes on it, `at` the time of its timeline
 * entry: a visit's times are those of its steps on the timeline.
 */
export async function recordVisit(
  m: EntityManager,
  order: WorkOrder,
  action: WorkOrderAction,
  set: Partial<WorkOrder>,
  note: string,
  at: Date,
): Promise<void> {
  const key = { workOrderId: order.id, seq: order.reworkCount };
  switch (action) {
    case 'dispatch':
    case 'reassign': {
      const visit = {
        technicianId: set.technicianId ?? null,
        helperIds: set.helperIds ?? '',
        dispatchedAt: at,
      };
      const existing = await m.findOneBy(WorkOrderVisit, key);
      if (existing) await m.update(WorkOrderVisit, { id: existing.id }, visit);
      else await m.insert(WorkOrderVisit, { ...key, ...visit, summary: '', reworkReason: '', reworkFollowupId: null });
      return;
    }
    case 'start':
      await m.update(WorkOrderVisit, key, { startedAt: at });
      return;
    case 'finish':
      await m.update(WorkOrderVisit, key, { finishedAt: at, summary: (set.summary ?? note).slice(0, 1000) });
      return;
    case 'rework':
      await m.update(WorkOrderVisit, key, { reworkReason: note.slice(0, 200), reworkedAt: at });
      return;
    default:
      return;
  }
}
