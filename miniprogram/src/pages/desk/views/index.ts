import { lazy, type ComponentType } from 'react';
import type { Permission } from '@hongyuan/shared';

// Each view is its own chunk, loaded when it is first opened (DeskApp shows a spinner meanwhile):
// the desk's first screen downloads the frame and one view, not all twenty-seven.
const Customers = lazy(() => import('./customers/Customers'));
const VehicleModels = lazy(() => import('./customers/VehicleModels'));
const Parts = lazy(() => import('./parts/Parts'));
const PriceLevels = lazy(() => import('./parts/PriceLevels'));
const Synonyms = lazy(() => import('./parts/Synonyms'));
const Warehouses = lazy(() => import('./org/Warehouses'));
const Employees = lazy(() => import('./org/Employees'));
const Departments = lazy(() => import('./org/Departments'));
const SecurityEvents = lazy(() => import('./org/SecurityEvents'));
const Requisitions = lazy(() => import('./stock/Requisitions'));
const Returns = lazy(() => import('./stock/Returns'));
const Holdings = lazy(() => import('./stock/Holdings'));
const Stock = lazy(() => import('./stock/Stock'));
const Inbounds = lazy(() => import('./stock/Inbounds'));
const Stocktakes = lazy(() => import('./stock/Stocktakes'));
const Alerts = lazy(() => import('./stock/Alerts'));
const Reconciliation = lazy(() => import('./stock/Reconciliation'));
const WorkOrderStats = lazy(() => import('./work-orders/WorkOrderStats'));
const Invoices = lazy(() => import('./work-orders/Invoices'));
const Receivables = lazy(() => import('./payments/Receivables'));
const VehicleHistory = lazy(() => import('./customers/VehicleHistory'));
const WorkOrders = lazy(() => import('./work-orders/WorkOrders'));
const PendingDispatch = lazy(() => import('./work-orders/WorkOrders').then((m) => ({ default: m.PendingDispatch })));
const PendingFollowup = lazy(() => import('./work-orders/WorkOrders').then((m) => ({ default: m.PendingFollowup })));
const PendingSettle = lazy(() => import('./work-orders/WorkOrders').then((m) => ({ default: m.PendingSettle })));
const Notifications = lazy(() => import('./messages/Notifications'));
const WechatInbox = lazy(() => import('./messages/WechatInbox'));
const DeskHome = lazy(() => import('./home/DeskHome'));

export type ViewKey =
  | 'home'
  | 'workOrders'
  | 'pendingDispatch'
  | 'pendingSettle'
  | 'pendingFollowup'
  | 'workOrderStats'
  | 'invoices'
  | 'receivables'
  | 'vehicleHistory'
  | 'customers'
  | 'vehicleModels'
  | 'parts'
  | 'priceLevels'
  | 'synonyms'
  | 'requisitions'
  | 'returns'
  | 'holdings'
  | 'stock'
  | 'inbounds'
  | 'stocktakes'
  | 'alerts'
  | 'reconciliation'
  | 'warehouses'
  | 'employees'
  | 'departments'
  | 'securityEvents'
  | 'notifications'
  | 'wechatInbox';

export interface DeskView {
  key: ViewKey;
  label: string;
  group: '工作台' | '工单' | '客户与车辆' | '配件' | '仓库' | '组织' | '消息';
  /** shown when the employee holds any of these */
  anyOf: Permission[];
  /** shown only while the server talks to the WeChat stand-in (GET /wechat/mode answers standin) */
  standinOnly?: boolean;
  Component: ComponentType;
}

/**
 * The desk's views, in menu order (DeskApp puts each role's daily views first). Writes inside a
 * view check their own permission.
 */
export const VIEWS: DeskView[] = [
  { key: 'home', label: '工作台', group: '工作台', anyOf: ['login'], Component: DeskHome },
  { key: 'customers', label: '客户管理', group: '客户与车辆', anyOf: ['customer.read'], Component: Customers },
  { key: 'vehicleHistory', label: '一车一档', group: '客户与车辆', anyOf: ['customer.read'], Component: VehicleHistory },
  { key: 'vehicleModels', label: '车型管理', group: '客户与车辆', anyOf: ['vehicleModel.write', 'part.read'], Component: VehicleModels },
  { key: 'parts', label: '配件管理', group: '配件', anyOf: ['part.read'], Component: Parts },
  { key: 'priceLevels', label: '价格等级', group: '配件', anyOf: ['priceLevel.write'], Component: PriceLevels },
  { key: 'synonyms', label: '同义词', group: '配件', anyOf: ['part.read'], Component: Synonyms },
  { key: 'requisitions', label: '领用单', group: '仓库', anyOf: ['stock.own'], Component: Requisitions },
  { key: 'returns', label: '配件调回单', group: '仓库', anyOf: ['stock.own'], Component: Returns },
  { key: 'holdings', label: '员工持有', group: '仓库', anyOf: ['stock.own'], Component: Holdings },
  { key: 'stock', label: '库存', group: '仓库', anyOf: ['stock.read'], Component: Stock },
  { key: 'inbounds', label: '入库单', group: '仓库', anyOf: ['stock.read'], Component: Inbounds },
  { key: 'stocktakes', label: '盘库', group: '仓库', anyOf: ['stocktake.count'], Component: Stocktakes },
  { key: 'alerts', label: '预警', group: '仓库', anyOf: ['stock.read'], Component: Alerts },
  { key: 'reconciliation', label: '库存对账', group: '仓库', anyOf: ['stock.reconcile'], Component: Reconciliation },
  { key: 'warehouses', label: '仓库管理', group: '组织', anyOf: ['warehouse.read'], Component: Warehouses },
  { key: 'employees', label: '员工管理', group: '组织', anyOf: ['employee.read'], Component: Employees },
  { key: 'departments', label: '部门管理', group: '组织', anyOf: ['department.manage'], Component: Departments },
  { key: 'securityEvents', label: '安全事件', group: '组织', anyOf: ['audit.read'], Component: SecurityEvents },
  {
    key: 'workOrders',
    label: '工单列表',
    group: '工单',
    anyOf: ['workorder.create', 'workorder.dispatch', 'workorder.settle', 'workorder.followup'],
    Component: WorkOrders,
  },
  { key: 'pendingDispatch', label: '待派工', group: '工单', anyOf: ['workorder.dispatch'], Component: PendingDispatch },
  { key: 'pendingSettle', label: '工单结算', group: '工单', anyOf: ['workorder.settle'], Component: PendingSettle },
  { key: 'pendingFollowup', label: '待回访', group: '工单', anyOf: ['workorder.followup'], Component: PendingFollowup },
  { key: 'workOrderStats', label: '工单绩效', group: '工单', anyOf: ['workorder.dispatch'], Component: WorkOrderStats },
  { key: 'receivables', label: '收款', group: '工单', anyOf: ['payment.read'], Component: Receivables },
  { key: 'invoices', label: '开票', group: '工单', anyOf: ['workorder.create'], Component: Invoices },
  { key: 'notifications', label: '消息记录', group: '消息', anyOf: ['audit.read'], Component: Notifications },
  { key: 'wechatInbox', label: '微信收件箱（演示）', group: '消息', anyOf: ['audit.read'], standinOnly: true, Component: WechatInbox },
];
