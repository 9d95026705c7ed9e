import { Config, Middleware, type IMiddleware } from '@midwayjs/core';
import type { Context, NextFunction } from '@midwayjs/koa';
import { randomUUID } from 'crypto';
import { Readable } from 'stream';
import type { AppEnv } from '../config/env';

/**
 * Outermost: request id, access log, CORS allow-list, and the success envelope
 * `{ ok: true, data }` around whatever an /api route returns (files excepted).
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
      try {
        await next();
        if (ctx.path.startsWith('/api/') && ctx.path !== '/api/docs' && !ctx.path.startsWith('/api/docs/')) wrap(ctx);
      } finally {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const who = ctx.state.actor ? ` emp=${ctx.state.actor.id}` : '';
        ctx.getLogger().info(`${requestId} ${ctx.method} ${ctx.path} ${ctx.status} ${ms.toFixed(1)}ms${who}`);
      }
    };
  }

  static getName() {
    return 'request';
  }
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
