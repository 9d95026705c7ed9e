import type { Role } from './roles';

/**
 * The work order's life (工单), one table for the server's checks and the pages' buttons.
 * Settling (工单结算) hands the order to follow-up (待回访); follow-up closes it (结束) or sends
 * it back for rework (返工) to pending dispatch, keeping its history and counting the rework.
 */
export const WORK_ORDER_STATES = [
  'created',
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'finished',
  'pending_followup',
  'closed',
  'cancelled',
] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

export const WORK_ORDER_STATE_LABELS: Record<WorkOrderState, string> = {
  created: '已建单',
  pending_dispatch: '待派工',
  dispatched: '已派工',
  in_progress: '处理中',
  finished: '已完工',
  pending_followup: '待回访',
  closed: '已结束',
  cancelled: '已取消',
};

export const WORK_ORDER_ACTIONS = ['submit', 'dispatch', 'reassign', 'start', 'finish', 'settle', 'close', 'rework', 'cancel'] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

export interface Transition {
  from: readonly WorkOrderState[];
  to: WorkOrderState;
  roles: readonly Role[];
  label: string;
  /** The note a person must write for this step (reason, work summary...). */
  needsNote?: string;
  /** Only the technician the order is dispatched to may fire it. */
  assigneeOnly?: boolean;
}

export const WORK_ORDER_TRANSITIONS: Record<WorkOrderAction, Transition> = {
  submit: { from: ['created'], to: 'pending_dispatch', roles: ['service', 'admin'], label: '提交派工' },
  dispatch: { from: ['pending_dispatch'], to: 'dispatched', roles: ['supervisor', 'admin'], label: '派工' },
  reassign: { from: ['dispatched'], to: 'dispatched', roles: ['supervisor', 'admin'], label: '改派', needsNote: '改派原因' },
  start: { from: ['dispatched'], to: 'in_progress', roles: ['technician'], label: '开始处理', assigneeOnly: true },
  finish: { from: ['in_progress'], to: 'finished', roles: ['technician'], label: '结束处理', needsNote: '处理结果', assigneeOnly: true },
  settle: { from: ['finished'], to: 'pending_followup', roles: ['supervisor', 'admin'], label: '工单结算' },
  // 客服 does 回访 too (the customer's own job description), beside the 回访 role.
  close: { from: ['pending_followup'], to: 'closed', roles: ['followup', 'service', 'admin'], label: '回访结束' },
  rework: {
    from: ['pending_followup'],
    to: 'pending_dispatch',
    roles: ['followup', 'service', 'admin'],
    label: '返工',
    needsNote: '返工原因',
  },
  cancel: {
    from: ['created', 'pending_dispatch', 'dispatched'],
    to: 'cancelled',
    roles: ['service', 'supervisor', 'admin'],
    label: '取消工单',
    needsNote: '取消原因',
  },
};

/** Whether a person with these roles may fire the action from this state (assignment checked separately). */
export function canTransition(state: WorkOrderState, action: WorkOrderAction, roles: readonly Role[]): boolean {
  const t = WORK_ORDER_TRANSITIONS[action];
  return t.from.includes(state) && t.roles.some((r) => roles.includes(r));
}

/** The buttons a page shows for an order: every action this person may fire now. */
export function availableActions(state: WorkOrderState, roles: readonly Role[], isAssignee: boolean): WorkOrderAction[] {
  return WORK_ORDER_ACTIONS.filter((a) => canTransition(state, a, roles) && (!WORK_ORDER_TRANSITIONS[a].assigneeOnly || isAssignee));
}

/**
 * The name of a visit's settlement on the order page and the 结算单: the first visit is
 * 第1次, visit n after it the n-th rework (返工第n次).
 */
export function visitLabel(visit: number): string {
  return visit === 0 ? '第1次' : `返工第${visit}次`;
}
