import { Config, Middleware, type IMiddleware } from '@midwayjs/core';
import type { Context, NextFunction } from '@midwayjs/koa';
import { randomUUID } from 'crypto';
import { Readable } from 'stream';
import type { AppEnv } from '../config/env';
import { DomainError } from './errors';
import { pageCsp } from './static';

/** What nothing but an HTML page needs: no scripts, no framing. Pages get pageCsp. */
const NO_CONTENT_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Outermost, before koa's body parser: request id, access log, security headers, CORS allow-list, Swagger UI only when
 * enabled, and the success envelope `{ ok: true, data }` around whatever an /api route returns
 * (files excepted).
 */
@Middleware()
export class RequestMiddleware implements IMiddleware<Context, NextFunction> {
  @Config('app') env: AppEnv;

  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      const started = process.hrtime.bigint();
      const requestId = (ctx.get('x-request-id') || randomUUID()).slice(0, 64);
      ctx.state.requestId = requestId;
      ctx.set('X-Request-Id', requestId);
      // The access log line is written once the answer is out, so it shows the status really sent
      // (a refusal's 401/403/400 is set by the error filter, after this middleware has returned).
      let logged = false;
      const log = () => {
        if (logged) return;
        logged = true;
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const who = ctx.state.actor ? ` emp=${ctx.state.actor.id}` : '';
        const aborted = ctx.res.writableFinished ? '' : ' aborted';
        ctx.getLogger().info(`${requestId} ${ctx.method} ${ctx.path} ${ctx.res.statusCode} ${ms.toFixed(1)}ms${who}${aborted}`);
      };
      ctx.res.once('finish', log);
      ctx.res.once('close', log);
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.set('X-Frame-Options', 'DENY');
      ctx.set('Content-Security-Policy', NO_CONTENT_CSP);
      const api = ctx.path === '/api' || ctx.path.startsWith('/api/');
      // API answers are personal and current: no browser or proxy keeps them (a route serving a
      // static file may say otherwise).
      if (api) ctx.set('Cache-Control', 'no-store');
      const origin = ctx.get('origin');
      if (origin && this.env.corsOrigins.includes(origin)) {
        ctx.set('Access-Control-Allow-Origin', origin);
        ctx.set('Access-Control-Allow-Credentials', 'true');
        ctx.set('Vary', 'Origin');
        if (ctx.method === 'OPTIONS') {
          ctx.set('Access-Control-Allow-Methods', 'GET,POST,PUT,PATCH,DELETE');
          ctx.set('Access-Control-Allow-Headers', 'Content-Type,Authorization,X-CSRF-Token,Idempotency-Key,X-Request-Id');
          ctx.status = 204;
          return;
        }
      }
      const docs = ctx.path === '/api/docs' || ctx.path.startsWith('/api/docs/');
      if (docs && !this.env.swagger) {
        ctx.status = 404;
        ctx.body = { ok: false, code: 'ROUTE_NOT_FOUND', message: '接口不存在', requestId };
        return;
      }
      await next();
      if (ctx.path.startsWith('/api/') && !docs) wrap(ctx);
      if (typeof ctx.body === 'string' && ctx.response.is('html')) ctx.set('Content-Security-Policy', pageCsp(ctx.body));
    };
  }

  static getName() {
    return 'request';
  }
}

/**
 * After the body parser (the request middleware runs before it): a browser login over plain HTTP
 * when the session cookie must be Secure. Such a cookie cannot be sent, so say why instead of
 * failing the login.
 */
@Middleware()
export class SecureLoginMiddleware implements IMiddleware<Context, NextFunction> {
  @Config('app') env: AppEnv;

  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      if (this.env.cookieSecure && !ctx.secure && isBrowserLogin(ctx)) {
        throw new DomainError(
          'BAD_REQUEST',
          '本系统要求通过 HTTPS 登录（COOKIE_SECURE=1）：请用 https:// 地址打开；若已是 https，请让反向代理发送 X-Forwarded-Proto: https',
        );
      }
      await next();
    };
  }

  static getName() {
    return 'secure-login';
  }
}

/** The one request that sets the session cookie: an h5 login. */
function isBrowserLogin(ctx: Context): boolean {
  if (ctx.method !== 'POST' || ctx.path !== '/api/auth/login') return false;
  const body = (ctx.request as { body?: unknown }).body;
  return !!body && typeof body === 'object' && (body as { client?: unknown }).client === 'h5';
}

function wrap(ctx: Context) {
  const body = ctx.body as unknown;
  if (Buffer.isBuffer(body) || body instanceof Readable || typeof body === 'string') return;
  if (!ctx.state.routed) {
    ctx.status = 404;
    ctx.body = { ok: false, code: 'ROUTE_NOT_FOUND', message: '接口不存在', requestId: ctx.state.requestId };
    return;
  }
  const status = ctx.status;
  ctx.body = { ok: true, data: body ?? null };
  // A route that answered nothing (null) is still a success, not Koa's 404/204.
  ctx.status = status === 204 || status === 404 ? 200 : status;
}
