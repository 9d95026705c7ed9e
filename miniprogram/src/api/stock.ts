/**
 * The inventory endpoints the mobile pages call (requisitions, returns, holdings, stock,
 * stock-takes, alerts), typed with the shared views. Everything goes through api (request.ts).
 */
import type {
  AlertsView,
  MoveView,
  Page,
  PartView,
  RequisitionListItem,
  RequisitionView,
  ReturnListItem,
  ReturnPrefill,
  ReturnView,
  StockView,
  StocktakeCountResult,
  StocktakeListItem,
  StocktakeView,
  WarehouseView,
} from '@hongyuan/shared';
import { api, type Query } from './request';

/**
 * A fresh key for one form submission: the server turns repeats of the same key (a double tap,
 * a retry after a lost answer) into one document.
 */
export function newIdempotencyKey(): string {
  const rnd = () => Math.random().toString(36).slice(2, 10);
  return `m-${Date.now().toString(36)}-${rnd()}${rnd()}`;
}

const idem = (key: string) => ({ header: { 'Idempotency-Key': key } });

export interface RequisitionBody {
  employeeId: number;
  warehouseId: number;
  handlerId?: number | null;
  remark: string;
  approverIds: number[];
  lines: { partId: number; qty: number }[];
  submit: boolean;
}

export interface ReturnBody {
  employeeId: number;
  warehouseId: number;
  remark: string;
  approverIds: number[];
  lines: { partId: number; qty: number; problemQty: number; problemReason: string }[];
  submit: boolean;
}

export interface ReturnCount {
  lineId: number;
  qty: number;
  problemQty: number;
  problemReason: string;
}

export const stockApi = {
  requisitions: (q: Query) => api.get<Page<RequisitionListItem>>('/requisitions', q),
  requisition: (id: number) => api.get<RequisitionView>(`/requisitions/${id}`),
  createRequisition: (body: RequisitionBody, key: string) => api.post<RequisitionView>('/requisitions', body, idem(key)),
  updateRequisition: (id: number, body: RequisitionBody) => api.put<RequisitionView>(`/requisitions/${id}`, body),
  approveRequisition: (id: number) => api.post<RequisitionView>(`/requisitions/${id}/approve`),
  rejectRequisition: (id: number, reason: string) => api.post<RequisitionView>(`/requisitions/${id}/reject`, { reason }),
  cancelRequisition: (id: number) => api.post<RequisitionView>(`/requisitions/${id}/cancel`),
  signRequisition: (id: number, disputes: { lineId: number; qty: number; reason: string }[]) =>
    api.post<RequisitionView>(`/requisitions/${id}/sign`, { disputes }),

  returns: (q: Query) => api.get<Page<ReturnListItem>>('/returns', q),
  stockReturn: (id: number) => api.get<ReturnView>(`/returns/${id}`),
  returnPrefill: () => api.get<ReturnPrefill>('/returns/prefill'),
  createReturn: (body: ReturnBody, key: string) => api.post<ReturnView>('/returns', body, idem(key)),
  returnLeftovers: (key: string) => api.post<ReturnView>('/returns/leftovers', {}, idem(key)),
  approveReturn: (id: number, counts: ReturnCount[]) => api.post<ReturnView>(`/returns/${id}/approve`, { counts }),
  rejectReturn: (id: number, reason: string) => api.post<ReturnView>(`/returns/${id}/reject`, { reason }),
  cancelReturn: (id: number) => api.post<ReturnView>(`/returns/${id}/cancel`),
  /** 差异待确认: the employee (or a second listed keeper) accepts the keeper's count; it posts. */
  confirmReturnVariance: (id: number, countsVersion: number) => api.post<ReturnView>(`/returns/${id}/variance/confirm`, { countsVersion }),
  /** The employee objects to the count: back to pending with his note. */
  objectReturnVariance: (id: number, note: string) => api.post<ReturnView>(`/returns/${id}/variance/object`, { note }),

  holdingHistory: (partId: number) => api.get<MoveView[]>(`/holdings/${partId}/history`),
  stock: (q: Query) => api.get<Page<StockView>>('/stock', q),
  parts: (q: Query) => api.get<Page<PartView>>('/parts', q),
  warehouses: () => api.get<Page<WarehouseView>>('/warehouses', { enabled: true, pageSize: 100 }),
  alerts: () => api.get<AlertsView>('/alerts'),

  stocktakes: (q: Query) => api.get<Page<StocktakeListItem>>('/stocktakes', q),
  stocktake: (id: number) => api.get<StocktakeView>(`/stocktakes/${id}`),
  count: (id: number, partId: number, countedQty: number) =>
    api.put<StocktakeCountResult>(`/stocktakes/${id}/counts`, { counts: [{ partId, countedQty }] }),
};

let selfApproval: Promise<boolean> | null = null;

/** Whether the admin allows keepers to approve their own documents (read once, again after a failure). */
export function selfApprovalAllowed(): Promise<boolean> {
  selfApproval ??= api
    .get<{ allowSelfApproval: boolean }>('/settings/approval')
    .then((s) => s.allowSelfApproval)
    .catch(() => {
      selfApproval = null;
      return false;
    });
  return selfApproval;
}
