import { Controller, Get, Inject, MidwayWebRouterService, Param } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { InjectDataSource } from '@midwayjs/typeorm';
import { createReadStream, existsSync } from 'fs';
import { extname, join } from 'path';
import type { DataSource } from 'typeorm';
import { Access } from '../../common/access';
import { DomainError } from '../../common/errors';
import { buildOpenApi } from './openapi';

/** swagger-ui-dist's folder, looked up on the first /api/docs request (loading it costs start-up ~270 ms and 40 MB). */
let swaggerDir: string | undefined;
function swaggerDirectory(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- swagger-ui-dist ships no types
  swaggerDir ??= require('swagger-ui-dist/absolute-path.js')() as string;
  return swaggerDir;
}
const SWAGGER_FILES = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png']);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- outside rootDir, so not an import
const VERSION = require('../../../package.json').version as string;

@Controller('/api', { tagName: '系统' })
export class SystemController {
  @Inject() ctx: Context;
  @Inject() routerService: MidwayWebRouterService;
  @InjectDataSource() dataSource: DataSource;

  @Get('/health', { summary: '运行状态、数据库类型与已执行的迁移' })
  @Access('public')
  async health() {
    const rows: { name: string }[] = await this.dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
    return {
      status: 'ok',
      db: this.dataSource.options.type === 'mysql' ? 'mysql' : 'sqlite',
      migration: rows[0]?.name ?? null,
      version: VERSION,
      time: new Date().toISOString(),
    };
  }

  @Get('/openapi.json', { summary: 'OpenAPI 描述' })
  @Access('public')
  async openapi() {
    return buildOpenApi(await this.routerService.getFlattenRouterTable(), VERSION);
  }

  @Get('/docs', { summary: 'Swagger UI' })
  @Access('public', { file: 'text/html' })
  async docs() {
    this.ctx.type = 'text/html; charset=utf-8';
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>API 文档 · 宏沅汽车服务</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script>
fetch('/api/openapi.json').then(r => r.json()).then(env => { window.ui = SwaggerUIBundle({ spec: env.data, dom_id: '#swagger-ui' }); });
</script></body></html>`;
  }

  @Get('/docs/:file', { summary: 'Swagger UI 静态文件' })
  @Access('public', { file: 'application/octet-stream' })
  async docsAsset(@Param('file') file: string) {
    if (!SWAGGER_FILES.has(file) || !existsSync(join(swaggerDirectory(), file))) throw new DomainError('NOT_FOUND', '文件不存在');
    this.ctx.type = extname(file);
    this.ctx.set('Cache-Control', 'public, max-age=86400');
    return createReadStream(join(swaggerDirectory(), file));
  }
}
