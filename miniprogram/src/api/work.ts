/**
 * The work-order endpoints the mobile pages call (工单, 派工, 绩效统计). Their answers are
 * typed in shared (schemas/work-order-views.ts), as the server builds them.
 */
import type {
  DispatchInput,
  LabourInput,
  Page,
  PartPriceView,
  TechnicianStats,
  WorkOrderDetail,
  WorkOrderListItem,
  Workload,
} from '@hongyuan/shared';
import { api, type Query } from './request';

export const workApi = {
  list: (q: Query) => api.get<Page<WorkOrderListItem>>('/work-orders', q),
  detail: (id: number) => api.get<WorkOrderDetail>(`/work-orders/${id}`),
  start: (id: number, location?: string) => api.post<WorkOrderDetail>(`/work-orders/${id}/start`, location ? { location } : {}),
  finish: (id: number, note: string) => api.post<WorkOrderDetail>(`/work-orders/${id}/finish`, { note }),
  useParts: (id: number, body: { partId: number; qty: number }) => api.post<WorkOrderDetail>(`/work-orders/${id}/parts`, body),
  removePart: (id: number, lineId: number) => api.delete<WorkOrderDetail>(`/work-orders/${id}/parts/${lineId}`),
  addLabour: (id: number, body: LabourInput) => api.post<WorkOrderDetail>(`/work-orders/${id}/labour`, body),
  removeLabour: (id: number, lineId: number) => api.delete<WorkOrderDetail>(`/work-orders/${id}/labour/${lineId}`),

  workload: () => api.get<Workload[]>('/work-orders/workload'),
  dispatch: (id: number, body: DispatchInput) => api.post<WorkOrderDetail>(`/work-orders/${id}/dispatch`, body),
  reassign: (id: number, body: DispatchInput) => api.post<WorkOrderDetail>(`/work-orders/${id}/reassign`, body),
  stats: (from: string, to: string) => api.get<TechnicianStats[]>('/work-order-stats', { from, to }),

  /** The price a part will be charged at on this order (the customer's level, else the sale price). */
  partPrice: (id: number, partId: number) => api.get<PartPriceView>(`/work-orders/${id}/part-price`, { partId }),
};
