import type { Totals, WorkOrderAction, WorkOrderState } from '@hongyuan/shared';

/** The shapes GET /work-orders and GET /work-orders/:id answer (server/src/modules/work-order/work-order.read.ts). */
export interface WorkOrderListItem {
  id: number;
  no: string;
  state: WorkOrderState;
  customerId: number;
  customerName: string;
  contactName: string;
  contactPhone: string;
  address: string;
  vehicleId: number | null;
  plate: string | null;
  vehicleName: string | null;
  problem: string;
  priority: 'normal' | 'urgent';
  appointmentAt: string | null;
  technicianId: number | null;
  technicianName: string | null;
  firstTechnicianName: string | null;
  reworkCount: number;
  createdByName: string;
  createdAt: string;
  dispatchedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  settledAt: string | null;
  closedAt: string | null;
}

export interface WorkOrderPartLine {
  id: number;
  kind: 'planned' | 'used';
  partId: number;
  partCode: string;
  partName: string;
  spec: string;
  unit: string;
  qty: number;
  unitPrice: number;
  taxRate: number;
  taxIncluded: boolean;
  removed: boolean;
}

export interface WorkOrderLabourLine {
  id: number;
  name: string;
  qty: number;
  unitPrice: number;
  taxRate: number;
  taxIncluded: boolean;
}

export interface WorkOrderDetail extends WorkOrderListItem {
  serviceType: 'onsite' | 'inshop';
  summary: string | null;
  startLocation: string | null;
  paymentMethod: string | null;
  settlementNote: string | null;
  actions: WorkOrderAction[];
  timeline: {
    action: string;
    fromState: string | null;
    toState: string | null;
    by: string;
    technician: string | null;
    note: string | null;
    at: string;
  }[];
  parts: WorkOrderPartLine[];
  labour: WorkOrderLabourLine[];
  totals: Totals;
  followups: {
    reached: boolean;
    satisfaction: number | null;
    comments: string | null;
    result: 'close' | 'rework';
    reworkReason: string | null;
    by: string;
    at: string;
  }[];
  previousServices: {
    id: number;
    no: string;
    state: WorkOrderState;
    date: string;
    problem: string;
    summary: string | null;
    technicianName: string | null;
    reworkCount: number;
  }[];
}

export interface Workload {
  technicianId: number;
  name: string;
  open: number;
  inProgress: number;
  hoursThisWeek: number;
}

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
