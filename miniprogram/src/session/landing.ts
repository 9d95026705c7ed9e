import type { Me } from '@hongyuan/shared';
import { CLIENT, DESK_PAGE, HOME_PAGE, PASSWORD_REQUIRED_PAGE } from '../api/request';
import { hasDeskRole } from './role';

/**
 * Where a person lands after logging in: 修改密码 first while his password is one someone else
 * knows (the demo's, outside demo mode); then the PC desk on a wide H5 screen, else the mobile home.
 */
export function landingPage(me: Pick<Me, 'roles' | 'mustChangePassword'>): string {
  if (me.mustChangePassword) return PASSWORD_REQUIRED_PAGE;
  if (CLIENT === 'h5' && hasDeskRole(me) && typeof window !== 'undefined' && window.innerWidth >= 1024) return DESK_PAGE;
  return HOME_PAGE;
}
