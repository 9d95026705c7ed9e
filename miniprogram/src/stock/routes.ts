/** Pages of the stock subpackage (packages/stock): documents, forms, stock-take, alerts. */
const ROOT = '/packages/stock';

export const STOCK_PAGES = {
  requisition: (id: number) => `${ROOT}/requisition/index?id=${id}`,
  /** A new requisition, or a draft (e.g. a copy) to edit and submit. */
  requisitionForm: (draftId?: number) => `${ROOT}/requisition-form/index${draftId ? `?id=${draftId}` : ''}`,
  stockReturn: (id: number) => `${ROOT}/return/index?id=${id}`,
  returnForm: () => `${ROOT}/return-form/index`,
  holding: (partId: number, name: string) => `${ROOT}/holding/index?partId=${partId}&name=${encodeURIComponent(name)}`,
  stocktakes: () => `${ROOT}/stocktakes/index`,
  stocktake: (id: number) => `${ROOT}/stocktake/index?id=${id}`,
  alerts: (kind?: AlertKind) => `${ROOT}/alerts/index${kind ? `?kind=${kind}` : ''}`,
};

export type AlertKind = 'lowStock' | 'longHeld' | 'waitingDocs' | 'openDisputes';
