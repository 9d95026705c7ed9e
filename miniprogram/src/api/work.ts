/**
 * The work-order endpoints the mobile pages call (工单, 派工, 绩效统计, 站内消息), typed after the
 * server's answers (server/src/modules/work-order/work-order.read.ts, work-order.stats.ts,
 * notification.controller.ts): shared has no view types for them yet, so they are written here.
 */
import type { CustomerView, Page, PartView, Totals, WorkOrderAction, WorkOrderState } from '@hongyuan/shared';
import { api, type Query } from './request';

export type Priority = 'normal' | 'urgent';
export type ServiceType = 'onsite' | 'inshop';

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
  priority: Priority;
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

export interface TimelineEvent {
  action: WorkOrderAction;
  fromState: WorkOrderState;
  toState: WorkOrderState;
  by: string;
  technician: string | null;
  note: string;
  at: string;
}

export interface OrderPartLine {
  id: number;
  /** planned: added by the desk when the order was created; used: taken from the technician's hands */
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

export interface LabourLine {
  id: number;
  name: string;
  qty: number;
  unitPrice: number;
  taxRate: number;
  taxIncluded: boolean;
}

export interface PreviousService {
  id: number;
  no: string;
  state: WorkOrderState;
  date: string;
  problem: string;
  summary: string;
  technicianName: string | null;
  reworkCount: number;
  parts: { partCode: string; partName: string; qty: number; unit: string }[];
}

export interface FollowupView {
  reached: boolean;
  satisfaction: number | null;
  comments: string;
  result: 'close' | 'rework';
  reworkReason: string;
  by: string;
  at: string;
}

export interface WorkOrderDetail extends WorkOrderListItem {
  serviceType: ServiceType;
  summary: string;
  startLocation: string;
  paymentMethod: string | null;
  settlementNote: string;
  /** the transitions THIS person may fire now: the page's buttons */
  actions: WorkOrderAction[];
  timeline: TimelineEvent[];
  parts: OrderPartLine[];
  labour: LabourLine[];
  totals: Totals;
  followups: FollowupView[];
  /** 上次服务清单: the vehicle's earlier orders, newest first */
  previousServices: PreviousService[];
}

export interface Workload {
  technicianId: number;
  name: string;
  open: number;
  inProgress: number;
  hoursThisWeek: number;
}

export interface StatsVisit {
  orderId: number;
  no: string;
  finishedAt: string;
  responseMinutes: number;
  handlingMinutes: number;
  reworked: boolean;
  satisfaction: number | null;
}

export interface TechnicianStats {
  technicianId: number;
  name: string;
  finished: number;
  avgResponseMinutes: number | null;
  avgHandlingMinutes: number | null;
  partsRevenue: number;
  labourRevenue: number;
  reworked: number;
  reworkRate: number | null;
  avgSatisfaction: number | null;
  visits: StatsVisit[];
}

export interface NotificationView {
  id: number;
  employeeId: number;
  /** dispatch (新工单/返工工单/改派给你), reassign (工单已改派他人) */
  kind: string;
  title: string;
  body: string;
  workOrderId: number | null;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage extends Page<NotificationView> {
  unread: number;
}

export interface DispatchBody {
  technicianId: number;
  helperIds: number[];
  note: string;
}

export interface LabourBody {
  name: string;
  qty: number;
  unitPrice: number;
  taxRate: number;
  taxIncluded: boolean;
}

export const workApi = {
  list: (q: Query) => api.get<Page<WorkOrderListItem>>('/work-orders', q),
  detail: (id: number) => api.get<WorkOrderDetail>(`/work-orders/${id}`),
  start: (id: number, location?: string) => api.post<WorkOrderDetail>(`/work-orders/${id}/start`, location ? { location } : {}),
  finish: (id: number, note: string) => api.post<WorkOrderDetail>(`/work-orders/${id}/finish`, { note }),
  useParts: (id: number, body: { partId: number; qty: number; taxIncluded: boolean }) =>
    api.post<WorkOrderDetail>(`/work-orders/${id}/parts`, body),
  removePart: (id: number, lineId: number) => api.delete<WorkOrderDetail>(`/work-orders/${id}/parts/${lineId}`),
  addLabour: (id: number, body: LabourBody) => api.post<WorkOrderDetail>(`/work-orders/${id}/labour`, body),
  removeLabour: (id: number, lineId: number) => api.delete<WorkOrderDetail>(`/work-orders/${id}/labour/${lineId}`),

  workload: () => api.get<Workload[]>('/work-orders/workload'),
  dispatch: (id: number, body: DispatchBody) => api.post<WorkOrderDetail>(`/work-orders/${id}/dispatch`, body),
  reassign: (id: number, body: DispatchBody) => api.post<WorkOrderDetail>(`/work-orders/${id}/reassign`, body),
  stats: (from: string, to: string) => api.get<TechnicianStats[]>('/work-order-stats', { from, to }),

  unreadNotifications: () => api.get<NotificationPage>('/notifications', { unread: 1, pageSize: 100 }),
  readNotification: (id: number) => api.post<null>(`/notifications/${id}/read`),

  /** For the price a used part will be charged at: the customer's price level ... */
  customer: (id: number) => api.get<CustomerView>(`/customers/${id}`),
  /** ... and the part's level prices, sale price and tax rate. */
  part: (id: number) => api.get<PartView>(`/parts/${id}`),
};
