import { Guard, Inject, type IGuard } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { permissionsOf } from '@hongyuan/shared';
import { SecurityEvents } from '../modules/audit/security-event.service';
import { AuthService } from '../modules/auth/auth.service';
import { accessOf, type ControllerClass } from './access';
import { DomainError } from './errors';
import { CSRF_HEADER, tokenOf } from './request';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs before every route: resolves the session, checks the route's declared permission and,
 * for cookie sessions, the CSRF token on writes. A route that declares nothing is refused.
 */
@Guard()
export class AccessGuard implements IGuard<Context> {
  @Inject() auth: AuthService;
  @Inject() security: SecurityEvents;

  async canActivate(ctx: Context, controller: ControllerClass, method: string): Promise<boolean> {
    ctx.state.routed = true;
    const spec = accessOf(controller, method);
    if (!spec) {
      ctx.logger.error(`route ${controller.name}.${method} declares no permission; refused`);
      throw new DomainError('FORBIDDEN', '该接口未声明权限，已拒绝');
    }
    const token = tokenOf(ctx);
    const actor = token ? await this.auth.resolve(token) : null;
    if (actor) ctx.state.actor = actor;
    if (spec.permission === 'public') {
      refuseUndeclaredBody(ctx, spec.body !== undefined);
      return true;
    }
    if (!actor) throw new DomainError('UNAUTHENTICATED', token ? '登录已过期，请重新登录' : undefined);
    const bearer = ctx.get('authorization').startsWith('Bearer ');
    if (!bearer && !SAFE_METHODS.has(ctx.method) && ctx.get(CSRF_HEADER) !== actor.csrfToken) {
      throw new DomainError('CSRF');
    }
    if (actor.mustChangePassword && !spec.duringPasswordChange) throw new DomainError('PASSWORD_CHANGE_REQUIRED');
    if (!permissionsOf(actor.roles).has(spec.permission)) {
      ctx.logger.warn(`refused ${ctx.method} ${ctx.path} to employee ${actor.id}: needs ${spec.permission}`);
      await this.security.recordQuietly({
        kind: 'forbidden',
        employeeId: actor.id,
        employeeName: actor.name,
        ip: ctx.ip,
        route: `${ctx.method} ${ctx.path}`,
        reason: `缺少权限 ${spec.permission}`,
      });
      ctx.state.securityRecorded = true;
      throw new DomainError('FORBIDDEN');
    }
    refuseUndeclaredBody(ctx, spec.body !== undefined);
    return true;
  }
}

/**
 * A command that declares no body (approve, confirm, cancel...) takes no fields: a stray
 * `qty` or `status` is refused rather than silently ignored (RELIABILITY 12).
 */
function refuseUndeclaredBody(ctx: Context, declared: boolean): void {
  if (declared || SAFE_METHODS.has(ctx.method)) return;
  const body = (ctx.request as { body?: unknown }).body;
  const hasFields = Array.isArray(body) || (body !== null && typeof body === 'object' && Object.keys(body).length > 0);
  if (hasFields) {
    const fields = Array.isArray(body) ? '列表' : Object.keys(body as object).join('、');
    throw new DomainError('VALIDATION', `该操作不接受任何字段：${fields}`);
  }
}
