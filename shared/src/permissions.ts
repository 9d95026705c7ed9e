import type { Role } from './roles';

/**
 * Every API route declares one of these. `public` needs no login, `login` any logged-in
 * employee; the rest are granted to roles below. A test walks all routes and fails on one
 * without a declaration.
 */
export const PERMISSIONS = [
  'public',
  'login',
  'employee.read',
  'employee.manage',
  'department.manage',
  'customer.read',
  'customer.write',
  /** The customer list as Excel (names, phones, addresses, plates): the desk only. */
  'customer.export',
  'vehicleModel.write',
  'part.read',
  'part.write',
  'part.cost',
  'priceLevel.write',
  'warehouse.read',
  'warehouse.manage',
  'audit.read',
  /** Inventory documents and holdings, at least one's own (technicians see only their own). */
  'stock.own',
  /** Everyone's inventory documents, holdings and stock. */
  'stock.read',
  /** Act for others: requisitions and returns for any employee, inbound, stock-take. */
  'stock.manage',
  /** Decide requisitions and returns (only where listed as 审批人). */
  'stock.approve',
  /** The reconciliation report (balances = moves, nothing unexplained). */
  'stock.reconcile',
  /** Work orders: read (technicians only theirs), create at the desk, dispatch, work on, settle, follow up. */
  'workorder.read',
  'workorder.create',
  'workorder.dispatch',
  'workorder.work',
  'workorder.settle',
  'workorder.followup',
  /** 工单设置 such as the labour price maximum (admin). */
  'workorder.configure',
  /** 收款: what customers owe and paid (receivables, payments, refunds). */
  'payment.read',
  /** Record money received at the desk (cash, transfer). */
  'payment.collect',
  /** Give money back (a refund, with its reason). */
  'payment.refund',
  /** Enter counts on an open stock-take (盘点); in a blind count (盲盘) without the book quantity. */
  'stocktake.count',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: Permission[] = PERMISSIONS.filter((p) => p !== 'public' && p !== 'login');

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  admin: ALL,
  service: [
    'customer.read',
    'customer.write',
    'customer.export',
    'vehicleModel.write',
    'part.read',
    'employee.read',
    'warehouse.read',
    'workorder.read',
    'workorder.create',
    // 客服 does 建单 and 回访 (the customer's own job description); 回访 remains a role of its own.
    'workorder.followup',
    'payment.read',
    'payment.collect',
  ],
  supervisor: [
    'customer.read',
    'part.read',
    'part.cost',
    'employee.read',
    'warehouse.read',
    'stock.own',
    'stock.read',
    'workorder.read',
    'workorder.dispatch',
    'workorder.settle',
    'payment.read',
    'payment.collect',
    'payment.refund',
    'stocktake.count',
  ],
  technician: ['customer.read', 'part.read', 'warehouse.read', 'stock.own', 'workorder.read', 'workorder.work', 'stocktake.count'],
  keeper: [
    'part.read',
    'part.write',
    'part.cost',
    'priceLevel.write',
    'vehicleModel.write',
    'employee.read',
    'warehouse.read',
    'customer.read',
    'stock.own',
    'stock.read',
    'stock.manage',
    'stock.approve',
    'stocktake.count',
  ],
  followup: ['customer.read', 'part.read', 'employee.read', 'workorder.read', 'workorder.followup'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const set = new Set<Permission>(['public', 'login']);
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r] ?? []) set.add(p);
  return set;
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return permissionsOf(roles).has(permission);
}
