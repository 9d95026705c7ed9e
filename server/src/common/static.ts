import { Config, Middleware, type IMiddleware } from '@midwayjs/core';
import type { Context, NextFunction } from '@midwayjs/koa';
import { existsSync } from 'fs';
import send from 'koa-send';
import type { AppEnv } from '../config/env';

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
      try {
        // Hashed assets may be cached for long; index.html never, so a new build shows at once.
        await send(ctx as unknown as Parameters<typeof send>[0], path, {
          root,
          maxage: path.endsWith('.html') ? 0 : 7 * 86400_000,
          immutable: !path.endsWith('.html'),
        });
      } catch (e) {
        if ((e as { status?: number }).status !== 404) throw e;
        await send(ctx as unknown as Parameters<typeof send>[0], '/index.html', { root });
      }
    };
  }

  static getName() {
    return 'static';
  }
}
