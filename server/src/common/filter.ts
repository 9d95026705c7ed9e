import { Catch, httpError, Inject, MidwayHttpError } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { randomUUID } from 'crypto';
import { ERRORS, type ApiFail, type ErrorCode } from '@hongyuan/shared';
import { SecurityEvents } from '../modules/audit/security-event.service';
import type { Actor } from './actor';
import { DomainError } from './errors';

/** The one place an error becomes a response: status + { ok: false, code, message }. */
@Catch()
export class ErrorFilter {
  @Inject() security: SecurityEvents;

  async catch(err: Error, ctx: Context) {
    let requestId = String(ctx.state.requestId ?? '');
    if (!requestId) {
      // Refused before the request middleware ran (the body parser): still an id to quote.
      requestId = (ctx.get('x-request-id') || randomUUID()).slice(0, 64);
      ctx.set('X-Request-Id', requestId);
    }
    let status: number;
    let body: ApiFail;
    if (err instanceof DomainError) {
      status = err.status;
      // A refusal a service made (not your own document, not your order...) or a failed CSRF check
      // goes to 安全事件 like the guard's; the guard has recorded its own already.
      if ((err.code === 'FORBIDDEN' || err.code === 'CSRF') && !ctx.state.securityRecorded) {
        const actor = ctx.state.actor as Actor | undefined;
        await this.security.recordQuietly({
          kind: 'forbidden',
          employeeId: actor?.id ?? null,
          employeeName: actor?.name ?? '',
          ip: ctx.ip,
          route: `${ctx.method} ${ctx.path}`,
          reason: err.message,
        });
      }
      body = { ok: false, code: err.code, message: err.message, ...err.extra, requestId };
    } else if (undecompressable(err, ctx)) {
      // A body that says it is compressed and is not (fake or truncated gzip): the client's fault.
      status = 400;
      const message = `请求体无法按 Content-Encoding「${ctx.get('content-encoding')}」解压，请发送有效的压缩数据或去掉该请求头`;
      body = { ok: false, code: 'BAD_REQUEST', message, requestId };
    } else {
      const code = codeForHttp(err);
      status = code === 'INTERNAL' ? 500 : ERRORS[code].status;
      body = { ok: false, code, message: ERRORS[code].message, requestId };
      if (code === 'INTERNAL') {
        ctx.logger.error(err);
        if (process.env.DEBUG_ERRORS) console.error(err);
      }
    }
    ctx.status = status;
    if (!ctx.path.startsWith('/api')) ctx.type = 'json';
    return body;
  }
}

function codeForHttp(err: Error): ErrorCode {
  const status = (err as { status?: number }).status ?? (err instanceof MidwayHttpError ? err.status : 500);
  if (err instanceof httpError.NotFoundError || status === 404) return 'ROUTE_NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415 || status === 400) return 'BAD_REQUEST';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  return 'INTERNAL';
}

/** zlib or brotli failed on the request body (errors without an HTTP status, codes Z_* and ERR_*). */
function undecompressable(err: Error, ctx: Context): boolean {
  const { code, errno, status } = err as { code?: unknown; errno?: unknown; status?: unknown };
  const encoding = ctx.get('content-encoding').trim().toLowerCase();
  return (
    status === undefined &&
    !!encoding &&
    encoding !== 'identity' &&
    typeof errno === 'number' &&
    typeof code === 'string' &&
    /^(Z_|ERR_)/.test(code)
  );
}
