/** 角色。一个员工可以同时拥有多个角色。 */
export const ROLES = ['admin', 'service', 'supervisor', 'technician', 'keeper', 'followup'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  service: '客服',
  supervisor: '服务主管',
  technician: '技师',
  keeper: '库管',
  followup: '回访',
};

/** Tabs of the mobile app (mini-program and H5 mobile pages). */
export type MobileTab = 'orders' | 'parts' | 'approvals' | 'stock' | 'dispatch' | 'stats' | 'messages' | 'me';

export const MOBILE_TAB_LABELS: Record<MobileTab, string> = {
  orders: '工单',
  parts: '配件',
  approvals: '审批',
  stock: '库存',
  dispatch: '派工',
  stats: '统计',
  messages: '消息',
  me: '我的',
};

/** The mobile roles, in the order a person holding several sees them offered. */
export const MOBILE_ROLES: Role[] = ['technician', 'keeper', 'supervisor'];

const TABS_BY_ROLE: Partial<Record<Role, MobileTab[]>> = {
  technician: ['orders', 'parts', 'messages', 'me'],
  keeper: ['approvals', 'stock', 'messages', 'me'],
  supervisor: ['dispatch', 'stats', 'messages', 'me'],
};

/**
 * The tabs a person sees for the role he is acting in. A person holding several mobile
 * roles picks one on 我的 (the tab bar stays at four items rather than growing).
 * Desk-only roles (admin, service, followup) get only 消息 and 我的 on mobile.
 */
export function mobileTabsFor(activeRole: Role | undefined): MobileTab[] {
  return (activeRole && TABS_BY_ROLE[activeRole]) || ['messages', 'me'];
}

/** The mobile role a person starts in: the first mobile role he holds. */
export function defaultMobileRole(roles: readonly Role[]): Role | undefined {
  return MOBILE_ROLES.find((r) => roles.includes(r));
}

/** Roles that work on the PC desk (H5 build). */
export const DESK_ROLES: Role[] = ['admin', 'service', 'supervisor', 'keeper', 'followup'];
