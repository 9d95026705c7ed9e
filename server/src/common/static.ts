import { Config, Middleware, type IMiddleware } from '@midwayjs/core';
import type { Context, NextFunction } from '@midwayjs/koa';
import { createHash } from 'crypto';
import { existsSync, readFileSync, statSync } from 'fs';
import send from 'koa-send';
import type { AppEnv } from '../config/env';

/**
 * The Content-Security-Policy of an HTML page the server hands out (the H5 app, Swagger UI):
 * scripts only from this origin plus the page's own inline scripts by hash (the H5 build inlines
 * Taro's rem sizing), styles from here and inline (antd's CSS-in-JS, Taro's and NutUI's injected
 * <style> and style attributes), images and fonts from here or data:/blob: (QR codes, icon fonts),
 * requests only to this origin, and no framing by anyone.
 */
export function pageCsp(html: string): string {
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (m) => ` 'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self'${inline.join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy of each served HTML file, recomputed when a new build replaces the file. */
const policies = new Map<string, { version: string; csp: string }>();
function fileCsp(file: string): string {
  const { mtimeMs, size } = statSync(file);
  const version = `${mtimeMs}:${size}`;
  const known = policies.get(file);
  if (known?.version === version) return known.csp;
  const csp = pageCsp(readFileSync(file, 'utf8'));
  policies.set(file, { version, csp });
  return csp;
}

/** A file name carrying the build's content hash (js/app.691e1774.js, css/988.c0fe90e2.css). */
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/;

/** Serves the built H5 app (desk and mobile pages) at / for everything outside /api. */
@Middleware()
export class StaticMiddleware implements IMiddleware<Context, NextFunction> {
  @Config('app') env: AppEnv;

  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      if (ctx.path.startsWith('/api') || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
      const root = this.env.h5Dir;
      if (!existsSync(root)) {
        ctx.status = 503;
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = `H5 页面尚未构建：请先运行 npm run build（缺少 ${root}）`;
        return;
      }
      const path = ctx.path === '/' ? '/index.html' : ctx.path;
      let served: string;
      try {
        // An asset with a content hash in its name (js/app.691e1774.js): a year, immutable.
        // Anything else (index.html) never, so a new build shows at once. The build wrote .br and .gz copies
        // beside each asset (miniprogram/scripts/compress-h5.js): the one the browser accepts
        // is sent, with no compression work per request.
        const page = path.endsWith('.html');
        const hashed = HASHED.test(path);
        ctx.vary('Accept-Encoding');
        served = await send(ctx as unknown as Parameters<typeof send>[0], path, {
          root,
          maxage: hashed ? 365 * 86400_000 : 0,
          immutable: hashed,
          brotli: !page,
          gzip: !page,
        });
      } catch (e) {
        if ((e as { status?: number }).status !== 404) throw e;
        served = await send(ctx as unknown as Parameters<typeof send>[0], '/index.html', { root });
      }
      if (served.endsWith('.html')) ctx.set('Content-Security-Policy', fileCsp(served));
    };
  }

  static getName() {
    return 'static';
  }
}
