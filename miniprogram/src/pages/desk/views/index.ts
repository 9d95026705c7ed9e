import type { ComponentType } from 'react';
import type { Permission } from '@hongyuan/shared';
import Customers from './customers/Customers';
import VehicleModels from './customers/VehicleModels';
import Parts from './parts/Parts';
import PriceLevels from './parts/PriceLevels';
import Warehouses from './org/Warehouses';
import Employees from './org/Employees';
import Departments from './org/Departments';
import SecurityEvents from './org/SecurityEvents';
import Requisitions from './stock/Requisitions';
import Returns from './stock/Returns';
import Holdings from './stock/Holdings';
import Stock from './stock/Stock';
import Inbounds from './stock/Inbounds';
import Stocktakes from './stock/Stocktakes';
import Alerts from './stock/Alerts';
import Reconciliation from './stock/Reconciliation';
import WorkOrderStats from './work-orders/WorkOrderStats';
import Invoices from './work-orders/Invoices';
import VehicleHistory from './customers/VehicleHistory';
import WorkOrders, { PendingDispatch, PendingFollowup, PendingSettle } from './work-orders/WorkOrders';
import Notifications from './messages/Notifications';
import WechatInbox from './messages/WechatInbox';

export type ViewKey =
  | 'workOrders'
  | 'pendingDispatch'
  | 'pendingSettle'
  | 'pendingFollowup'
  | 'workOrderStats'
  | 'invoices'
  | 'vehicleHistory'
  | 'customers'
  | 'vehicleModels'
  | 'parts'
  | 'priceLevels'
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
  group: '工单' | '客户与车辆' | '配件' | '仓库' | '组织' | '消息';
  /** shown when the employee holds any of these */
  anyOf: Permission[];
  /** shown only while the server talks to the WeChat stand-in (GET /wechat/mode answers standin) */
  standinOnly?: boolean;
  Component: ComponentType;
}

/** The desk's views, in menu order. Writes inside a view check their own permission. */
export const VIEWS: DeskView[] = [
  { key: 'customers', label: '客户管理', group: '客户与车辆', anyOf: ['customer.read'], Component: Customers },
  { key: 'vehicleHistory', label: '一车一档', group: '客户与车辆', anyOf: ['customer.read'], Component: VehicleHistory },
  { key: 'vehicleModels', label: '车型管理', group: '客户与车辆', anyOf: ['vehicleModel.write', 'part.read'], Component: VehicleModels },
  { key: 'parts', label: '配件管理', group: '配件', anyOf: ['part.read'], Component: Parts },
  { key: 'priceLevels', label: '价格等级', group: '配件', anyOf: ['priceLevel.write'], Component: PriceLevels },
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
  { key: 'pendingFollowup', label: '回访', group: '工单', anyOf: ['workorder.followup'], Component: PendingFollowup },
  { key: 'workOrderStats', label: '工单绩效', group: '工单', anyOf: ['workorder.dispatch'], Component: WorkOrderStats },
  { key: 'invoices', label: '开票', group: '工单', anyOf: ['workorder.create'], Component: Invoices },
  { key: 'notifications', label: '消息记录', group: '消息', anyOf: ['audit.read'], Component: Notifications },
  { key: 'wechatInbox', label: '微信收件箱（演示）', group: '消息', anyOf: ['audit.read'], standinOnly: true, Component: WechatInbox },
];
