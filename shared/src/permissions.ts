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
  'vehicleModel.write',
  'part.read',
  'part.write',
  'part.cost',
  'priceLevel.write',
  'warehouse.read',
  'warehouse.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: Permission[] = PERMISSIONS.filter((p) => p !== 'public' && p !== 'login');

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  admin: ALL,
  service: ['customer.read', 'customer.write', 'vehicleModel.write', 'part.read', 'employee.read', 'warehouse.read'],
  supervisor: ['customer.read', 'part.read', 'part.cost', 'employee.read', 'warehouse.read'],
  technician: ['customer.read', 'part.read', 'warehouse.read'],
  keeper: ['part.read', 'part.write', 'part.cost', 'priceLevel.write', 'vehicleModel.write', 'employee.read', 'warehouse.read', 'customer.read'],
  followup: ['customer.read', 'part.read', 'employee.read'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const set = new Set<Permission>(['public', 'login']);
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r] ?? []) set.add(p);
  return set;
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return permissionsOf(roles).has(permission);
}
