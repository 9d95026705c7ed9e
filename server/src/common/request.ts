import type { Context } from '@midwayjs/koa';
import type { Actor, RequestMeta } from './actor';
import { DomainError } from './errors';

export const SESSION_COOKIE = 'hy_session';
export const CSRF_HEADER = 'x-csrf-token';

/** The logged-in employee; the guard has already refused the request when there is none. */
export function actorOf(ctx: Context): Actor {
  const actor = ctx.state.actor as Actor | undefined;
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  return actor;
}

export function metaOf(ctx: Context): RequestMeta {
  return { actor: (ctx.state.actor as Actor | undefined) ?? null, ip: ctx.ip, requestId: String(ctx.state.requestId ?? '') };
}

/** The session token from the bearer header (weapp) or the HttpOnly cookie (h5). */
export function tokenOf(ctx: Context): string | undefined {
  const auth = ctx.get('authorization');
  if (auth.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  return ctx.cookies.get(SESSION_COOKIE, { signed: false }) || undefined;
}
