import type { RouterInfo } from '@midwayjs/core';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { accessOf } from '../../common/access';

/** Builds the OpenAPI 3 description from the router table and each route's @Access spec. */
export function buildOpenApi(routes: RouterInfo[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    if (!r.controllerClz || typeof r.method !== 'string') continue;
    const spec = accessOf(r.controllerClz, r.method);
    const url = String(r.fullUrl ?? r.url);
    const path = url.replace(/:(\w+)/g, '{$1}');
    const params = [...url.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'integer' } }));
    const query = spec?.query
      ? (zodToJsonSchema(spec.query, { target: 'openApi3' }) as { properties?: Record<string, unknown>; required?: string[] })
      : null;
    for (const [name, schema] of Object.entries(query?.properties ?? {})) {
      params.push({ name, in: 'query', required: !!query?.required?.includes(name), schema: schema as { type: string } });
    }
    const op: Record<string, unknown> = {
      summary: r.summary || r.description || r.method,
      tags: [(r as { tagName?: string }).tagName ?? r.controllerClz.name.replace(/Controller$/, '')],
      'x-permission': spec?.permission ?? 'UNDECLARED',
      parameters: params,
      responses: spec?.file
        ? { 200: { description: spec.file, content: { [spec.file]: {} } } }
        : {
            200: { description: '{ ok: true, data }' },
            '4XX': { description: '{ ok: false, code, message, issues? }' },
          },
    };
    if (spec?.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: zodToJsonSchema(spec.body, { target: 'openApi3' }) } } };
    }
    if (spec && spec.permission !== 'public') op.security = [{ bearer: [] }, { cookie: [] }];
    (paths[path] ??= {})[r.requestMethod.toLowerCase()] = op;
  }
  return {
    openapi: '3.0.3',
    info: { title: '宏沅汽车服务 售后与配件系统 API', version },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: '小程序：登录返回的 token' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'hy_session', description: 'H5：登录时设置的 Cookie，写操作另带 X-CSRF-Token 头' },
      },
    },
    paths,
  };
}
