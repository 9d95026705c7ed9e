import { Catch, httpError, MidwayHttpError } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ERRORS, type ApiFail, type ErrorCode } from '@hongyuan/shared';
import { DomainError } from './errors';

/** The one place an error becomes a response: status + { ok: false, code, message }. */
@Catch()
export class ErrorFilter {
  async catch(err: Error, ctx: Context) {
    const requestId = String(ctx.state.requestId ?? '');
    let status: number;
    let body: ApiFail;
    if (err instanceof DomainError) {
      status = err.status;
      body = { ok: false, code: err.code, message: err.message, ...err.extra, requestId };
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
