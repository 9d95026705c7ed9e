import { permissionsOf, WORK_ORDER_STATE_LABELS, WORK_ORDER_TRANSITIONS, type WorkOrderAction } from '@hongyuan/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { DomainError, notFound } from '../../common/errors';
import { WorkOrder, WorkOrderEvent } from './work-order.entity';
import { recordVisit } from './work-order.visits';

/** Technicians see the orders dispatched to them (or where they help); the desk sees all. */
export function seesAllOrders(actor: Actor): boolean {
  const p = permissionsOf(actor.roles);
  return p.has('workorder.create') || p.has('workorder.dispatch') || p.has('workorder.followup');
}

export function involves(order: WorkOrder, employeeId: number): boolean {
  return order.technicianId === employeeId || order.helperIds.split(',').includes(String(employeeId));
}

export async function loadOrder(m: EntityManager, id: number, actor: Actor): Promise<WorkOrder> {
  const order = await m.findOneBy(WorkOrder, { id });
  // Another technician's order is "not found": ids cannot be probed.
  if (!order || (!seesAllOrders(actor) && !involves(order, actor.id))) throw notFound('工单');
  return order;
}

/** Whether this person may fire the action on the order now (role, assignee, state); the transition if so. */
export function assertCan(order: WorkOrder, action: WorkOrderAction, actor: Actor) {
  const t = WORK_ORDER_TRANSITIONS[action];
  if (!t.roles.some((r) => actor.roles.includes(r))) throw new DomainError('FORBIDDEN', `没有权限${t.label}`);
  if (t.assigneeOnly && order.technicianId !== actor.id) throw new DomainError('FORBIDDEN', `只有被派工的技师可以${t.label}`);
  if (!t.from.includes(order.state)) {
    throw new DomainError('CONFLICT', `工单${WORK_ORDER_STATE_LABELS[order.state]}，不能${t.label}`);
  }
  return t;
}

/**
 * A conditional touch of the order in the state it was read in, taken before a line is added,
 * changed or removed: it waits for a settlement being written at the same time (the order's row
 * lock) and fails when the order has moved on, so no line slips in beside a settlement.
 */
export async function touch(m: EntityManager, order: WorkOrder): Promise<void> {
  const res = await m
    .createQueryBuilder()
    .update(WorkOrder)
    .set({ updatedAt: new Date() })
    .where('id = :id AND state = :state', { id: order.id, state: order.state })
    .execute();
  if (res.affected !== 1) throw new DomainError('CONFLICT', '工单刚被其他人处理过，请刷新后查看');
}

/**
 * Fires a transition of the shared state machine: role and assignee checked, then a conditional
 * UPDATE on the expected state (two people acting at once get one change), then the timeline
 * and the visit the step belongs to.
 */
export async function fire(
  m: EntityManager,
  order: WorkOrder,
  action: WorkOrderAction,
  actor: Actor,
  set: Partial<WorkOrder>,
  note = '',
): Promise<void> {
  const t = assertCan(order, action, actor);
  const now = new Date();
  const res = await m
    .createQueryBuilder()
    .update(WorkOrder)
    .set({ ...set, state: t.to, updatedAt: now })
    .where('id = :id AND state = :state', { id: order.id, state: order.state })
    .execute();
  if (res.affected !== 1) throw new DomainError('CONFLICT', '工单刚被其他人处理过，请刷新后查看');
  await m.insert(WorkOrderEvent, {
    workOrderId: order.id,
    action,
    fromState: order.state,
    toState: t.to,
    employeeId: actor.id,
    // The technician the step concerns: the new one on dispatch, the one whose visit it was on
    // finish, settle, close and rework (rework clears the order's technician for the next visit).
    technicianId: set.technicianId ?? order.technicianId,
    note: note.slice(0, 500),
    createdAt: now,
  });
  await recordVisit(m, order, action, set, note, now);
  Object.assign(order, set, { state: t.to });
}
