/** Work-order views as the server sends them, for the component tests of the 工单/派工/统计 pages. */
import { totals } from '@hongyuan/shared';
import type {
  LabourLine,
  NotificationView,
  OrderPartLine,
  TechnicianStats,
  WorkOrderDetail,
  WorkOrderListItem,
  Workload,
} from '@hongyuan/shared';
import { PEOPLE } from './fixtures';
import { HOUR, ago } from './stock-fixtures';

export function orderItem(id: number, overrides: Partial<WorkOrderListItem> = {}): WorkOrderListItem {
  return {
    id,
    no: `FW-20261128-${String(id).padStart(4, '0')}`,
    state: 'dispatched',
    customerId: 31,
    customerName: '庆元县松源镇兴旺农资店',
    contactName: '吴德兴',
    contactPhone: '13957811234',
    address: '庆元县松源街道新建路 18 号',
    vehicleId: 41,
    plate: '浙K·5A321',
    vehicleName: '大众 朗逸 2021款',
    problem: '保养到期，更换机油机滤',
    priority: 'normal',
    appointmentAt: null,
    technicianId: PEOPLE.technician.id,
    technicianName: PEOPLE.technician.name,
    firstTechnicianName: PEOPLE.technician.name,
    reworkCount: 0,
    createdByName: '林晓燕',
    createdAt: ago(5 * HOUR),
    dispatchedAt: ago(3 * HOUR),
    startedAt: null,
    finishedAt: null,
    settledAt: null,
    closedAt: null,
    ...overrides,
  };
}

export const usedPart = (id: number, overrides: Partial<OrderPartLine> = {}): OrderPartLine => ({
  id,
  kind: 'used',
  partId: 11,
  partCode: '6950100852570',
  partName: '机油滤清器',
  spec: 'M20×1.5',
  unit: '个',
  qty: 1,
  unitPrice: 3550,
  taxRate: 13,
  taxIncluded: true,
  removed: false,
  settlementId: null,
  ...overrides,
});

export const labourLine = (id: number, overrides: Partial<LabourLine> = {}): LabourLine => ({
  id,
  name: '上门服务工时',
  qty: 1,
  unitPrice: 8000,
  taxRate: 6,
  taxIncluded: true,
  settlementId: null,
  ...overrides,
});

export function orderDetail(id: number, overrides: Partial<WorkOrderDetail> = {}): WorkOrderDetail {
  const base = orderItem(id, overrides);
  const parts = overrides.parts ?? [];
  const labour = overrides.labour ?? [];
  const charged = [...parts.filter((p) => p.kind === 'used' && !p.removed), ...labour];
  const open = charged.filter((l) => l.settlementId === null);
  return {
    ...base,
    serviceType: 'onsite',
    summary: '',
    startLocation: '',
    paymentMethod: null,
    settlementNote: '',
    actions: base.state === 'dispatched' ? ['start'] : base.state === 'in_progress' ? ['finish'] : [],
    timeline: [
      { action: 'submit', fromState: 'created', toState: 'pending_dispatch', by: '林晓燕', technician: null, note: '', at: ago(5 * HOUR) },
      {
        action: 'dispatch',
        fromState: 'pending_dispatch',
        toState: 'dispatched',
        by: '叶建国',
        technician: PEOPLE.technician.name,
        note: '客户下午在家',
        at: ago(3 * HOUR),
      },
    ],
    parts,
    labour,
    totals: totals(charged),
    unsettled: totals(open),
    settlements: [],
    invoiceable: totals([]),
    followups: [],
    previousServices: [
      {
        id: 3,
        no: 'FW-20260612-0003',
        state: 'closed',
        date: '2026-06-12T02:30:00.000Z',
        problem: '空调不制冷',
        summary: '加注冷媒，更换空调滤芯',
        technicianName: '刘志强',
        reworkCount: 0,
        parts: [{ partCode: 'KT-001', partName: '空调滤芯', qty: 1, unit: '个' }],
        visits: [],
      },
    ],
    visits: [],
    ...overrides,
  };
}

export const WORKLOAD: Workload[] = [
  { technicianId: 4, name: '王建学', open: 3, inProgress: 1, hoursThisWeek: 6.5 },
  { technicianId: 7, name: '刘志强', open: 1, inProgress: 1, hoursThisWeek: 2 },
  { technicianId: 8, name: '张伟', open: 0, inProgress: 0, hoursThisWeek: 0 },
];

export function notification(id: number, overrides: Partial<NotificationView> = {}): NotificationView {
  return {
    id,
    employeeId: PEOPLE.technician.id,
    kind: 'dispatch',
    title: '新工单派给你',
    body: 'FW-20261128-0004 吴德兴 庆元县松源街道新建路 18 号',
    page: 'packages/work/order/index?id=4',
    workOrderId: 4,
    docType: null,
    docId: null,
    todo: true,
    doneAt: null,
    doneNote: '',
    readAt: null,
    createdAt: ago(HOUR),
    wechat: 'none',
    wechatError: '',
    ...overrides,
  };
}

export function techStats(technicianId: number, name: string, overrides: Partial<TechnicianStats> = {}): TechnicianStats {
  return {
    technicianId,
    name,
    finished: 0,
    avgResponseMinutes: null,
    avgHandlingMinutes: null,
    partsRevenue: 0,
    labourRevenue: 0,
    reworked: 0,
    reworkRate: null,
    avgSatisfaction: null,
    visits: [],
    ...overrides,
  };
}
