/** Inventory views as the server sends them, for the component tests of the stock pages. */
import type {
  RequisitionListItem,
  RequisitionView,
  ReturnListItem,
  ReturnView,
  StockView,
  StocktakeView,
  WarehouseView,
} from '@hongyuan/shared';
import { PEOPLE } from './fixtures';

export const HOUR = 3600_000;
export const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

export const WAREHOUSES: WarehouseView[] = [
  {
    id: 1,
    name: '总仓',
    address: '濛洲街 88 号',
    enabled: true,
    keepers: [
      { id: PEOPLE.keeper.id, name: PEOPLE.keeper.name },
      { id: 9, name: '季红' },
    ],
  },
  { id: 2, name: '城东服务站仓', address: '庆元大道 326 号', enabled: true, keepers: [{ id: 9, name: '季红' }] },
];

export const page = <T>(items: T[], total = items.length) => ({ items, total, page: 1, pageSize: 30 });

export function requisition(id: number, overrides: Partial<RequisitionView> = {}): RequisitionView {
  return {
    id,
    no: `LY-20261128-${String(id).padStart(4, '0')}`,
    kind: '领取单',
    employeeId: PEOPLE.technician.id,
    employeeName: PEOPLE.technician.name,
    departmentId: 1,
    departmentName: '维修车间',
    warehouseId: 1,
    warehouseName: '总仓',
    handlerId: null,
    handlerName: null,
    remark: '明日上门用料',
    status: 'pending',
    signStatus: 'unsigned',
    approvers: [
      { id: PEOPLE.keeper.id, name: PEOPLE.keeper.name },
      { id: 9, name: '季红' },
    ],
    createdById: PEOPLE.technician.id,
    createdByName: PEOPLE.technician.name,
    decidedById: null,
    decidedByName: null,
    decidedAt: null,
    rejectReason: '',
    signedAt: null,
    copiedFromNo: null,
    createdAt: ago(2 * HOUR),
    lines: [
      {
        id: 101,
        lineNo: 1,
        partId: 11,
        partCode: '6950100852570',
        partName: '机油滤清器',
        partModel: 'W712/75',
        partSpec: 'M20×1.5',
        unit: '个',
        qty: 2,
        available: 15,
        cappedFrom: null,
        disputedQty: 0,
        disputeReason: '',
        disputeStatus: null,
        disputeNote: '',
        disputeResolvedByName: null,
        disputeResolvedAt: null,
      },
      {
        id: 102,
        lineNo: 2,
        partId: 12,
        partCode: 'JL-0012',
        partName: '刹车片（前）',
        partModel: 'GDB1550',
        partSpec: '',
        unit: '套',
        qty: 1,
        available: 4,
        cappedFrom: null,
        disputedQty: 0,
        disputeReason: '',
        disputeStatus: null,
        disputeNote: '',
        disputeResolvedByName: null,
        disputeResolvedAt: null,
      },
    ],
    ...overrides,
  };
}

export function requisitionItem(id: number, overrides: Partial<RequisitionListItem> = {}): RequisitionListItem {
  const { lines, ...head } = requisition(id);
  return { ...head, lineCount: lines.length, totalQty: lines.reduce((s, l) => s + l.qty, 0), ...overrides };
}

export function stockReturn(id: number, overrides: Partial<ReturnView> = {}): ReturnView {
  return {
    id,
    no: `TH-20261128-${String(id).padStart(4, '0')}`,
    employeeId: PEOPLE.technician.id,
    employeeName: PEOPLE.technician.name,
    departmentId: 1,
    departmentName: '维修车间',
    warehouseId: 1,
    warehouseName: '总仓',
    handlerId: null,
    handlerName: null,
    inboundAt: ago(HOUR),
    remark: '每日剩余配件入库',
    status: 'pending',
    varianceNote: '',
    confirmedById: null,
    confirmedByName: null,
    confirmedAt: null,
    countsVersion: 1,
    approvers: [{ id: PEOPLE.keeper.id, name: PEOPLE.keeper.name }],
    createdById: PEOPLE.technician.id,
    createdByName: PEOPLE.technician.name,
    decidedById: null,
    decidedByName: null,
    decidedAt: null,
    rejectReason: '',
    createdAt: ago(HOUR),
    lines: [
      {
        id: 201,
        lineNo: 1,
        partId: 11,
        partCode: '6950100852570',
        partName: '机油滤清器',
        partModel: 'W712/75',
        partSpec: 'M20×1.5',
        unit: '个',
        qty: 3,
        heldQty: 3,
        problemQty: 0,
        problemReason: '',
        declaredQty: 3,
        declaredProblemQty: 0,
        declaredProblemReason: '',
      },
      {
        id: 202,
        lineNo: 2,
        partId: 13,
        partCode: 'JL-0013',
        partName: '火花塞',
        partModel: 'BKR6E',
        partSpec: '',
        unit: '个',
        qty: 4,
        heldQty: 4,
        problemQty: 0,
        problemReason: '',
        declaredQty: 4,
        declaredProblemQty: 0,
        declaredProblemReason: '',
      },
    ],
    ...overrides,
  };
}

export function returnItem(id: number, overrides: Partial<ReturnListItem> = {}): ReturnListItem {
  const { lines, ...head } = stockReturn(id);
  return { ...head, lineCount: lines.length, totalQty: lines.reduce((s, l) => s + l.qty, 0), problemQty: 0, ...overrides };
}

export function stockItem(partId: number, overrides: Partial<StockView> = {}): StockView {
  return {
    partId,
    partCode: `JL-${String(partId).padStart(4, '0')}`,
    partName: `配件 ${partId}`,
    partModel: 'M1',
    partSpec: 'S1',
    unit: '个',
    minStock: 5,
    warehouses: [
      { warehouseId: 1, warehouseName: '总仓', qty: 12 },
      { warehouseId: 2, warehouseName: '城东服务站仓', qty: 3 },
    ],
    total: 15,
    held: 2,
    ...overrides,
  };
}

export function stocktake(id: number, overrides: Partial<StocktakeView> = {}): StocktakeView {
  const lines: StocktakeView['lines'] = [
    {
      id: 301,
      partId: 11,
      partCode: '6950100852570',
      partName: '机油滤清器',
      partModel: 'W712/75',
      partSpec: 'M20×1.5',
      unit: '个',
      bookQty: 15,
      countedQty: null,
      difference: null,
      added: false,
      countedByName: null,
      countedAt: null,
      countEntries: 0,
    },
    {
      id: 302,
      partId: 12,
      partCode: 'JL-0012',
      partName: '刹车片（前）',
      partModel: 'GDB1550',
      partSpec: '',
      unit: '套',
      bookQty: 4,
      countedQty: 4,
      difference: 0,
      added: false,
      countedByName: '吴库管',
      countedAt: ago(HOUR),
      countEntries: 1,
    },
    {
      id: 303,
      partId: 13,
      partCode: 'JL-0013',
      partName: '火花塞',
      partModel: 'BKR6E',
      partSpec: '',
      unit: '个',
      bookQty: 20,
      countedQty: null,
      difference: null,
      added: false,
      countedByName: null,
      countedAt: null,
      countEntries: 0,
    },
  ];
  return {
    id,
    no: `PD-20261128-${String(id).padStart(4, '0')}`,
    warehouseId: 1,
    warehouseName: '总仓',
    blind: false,
    bookVisible: true,
    remark: '月末盘点',
    status: 'counting',
    createdById: PEOPLE.keeper.id,
    createdByName: PEOPLE.keeper.name,
    decidedById: null,
    decidedByName: null,
    decidedAt: null,
    createdAt: ago(3 * HOUR),
    lineCount: lines.length,
    countedCount: 1,
    lines,
    ...overrides,
  };
}
