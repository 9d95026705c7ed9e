import Taro from '@tarojs/taro';
import { DESK_ROLES, MOBILE_ROLES, defaultMobileRole, type Me, type Role } from '@hongyuan/shared';

const ACTIVE_ROLE_KEY = 'hy.activeRole';

/** The mobile roles this person holds, in the order they are offered. */
export function mobileRolesOf(me: Pick<Me, 'roles'>): Role[] {
  return MOBILE_ROLES.filter((r) => me.roles.includes(r));
}

export function hasDeskRole(me: Pick<Me, 'roles'>): boolean {
  return me.roles.some((r) => DESK_ROLES.includes(r));
}

/**
 * The role the person acts in on mobile: the one he picked on 我的 (remembered per employee),
 * as long as he still holds it; otherwise his first mobile role; undefined for desk-only people.
 */
export function getActiveRole(me: Pick<Me, 'id' | 'roles'>): Role | undefined {
  try {
    const stored = Taro.getStorageSync(ACTIVE_ROLE_KEY) as { employeeId?: number; role?: Role } | '';
    if (stored && stored.employeeId === me.id && stored.role && mobileRolesOf(me).includes(stored.role)) return stored.role;
  } catch {
    /* storage unavailable */
  }
  return defaultMobileRole(me.roles);
}

export function setActiveRole(me: Pick<Me, 'id'>, role: Role): void {
  try {
    Taro.setStorageSync(ACTIVE_ROLE_KEY, { employeeId: me.id, role });
  } catch {
    /* storage unavailable: the choice lasts until the app closes */
  }
}
