import type { Role } from '@hongyuan/shared';

/** The logged-in employee behind a request, as services see it. */
export interface Actor {
  id: number;
  name: string;
  roles: Role[];
  /** only me, logout and 修改密码 until he replaces a password someone else knows (AccessSpec.duringPasswordChange) */
  mustChangePassword?: boolean;
  sessionId: number;
  client: 'h5' | 'weapp';
  csrfToken: string;
}

/** Where a change came from, for the audit log. */
export interface RequestMeta {
  actor: Actor | null;
  ip: string;
  requestId: string;
}
