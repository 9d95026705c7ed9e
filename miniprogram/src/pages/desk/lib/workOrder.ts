import type { WorkOrderState } from '@hongyuan/shared';

/** The colour of each state's tag on the desk. */
export const STATE_COLORS: Record<WorkOrderState, string> = {
  created: 'default',
  pending_dispatch: 'orange',
  dispatched: 'blue',
  in_progress: 'processing',
  finished: 'cyan',
  pending_followup: 'purple',
  closed: 'green',
  cancelled: 'red',
};
