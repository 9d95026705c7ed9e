import { MidwayWebRouterService } from '@midwayjs/core';
import { accessOf } from '../src/common/access';
import { createTestApp, type TestApp } from './support/app';

/** RELIABILITY 13: every route declares its permission, and none but the public ones answers without a login. */
describe('route table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const routes = async () => {
    const table = await (await t.app.getApplicationContext().getAsync(MidwayWebRouterService)).getFlattenRouterTable();
    return table.filter((r) => r.controllerClz && typeof r.method === 'string');
  };

  it('has a permission declared on every route', async () => {
    const all = await routes();
    expect(all.length).toBeGreaterThan(30);
    const undeclared = all
      .filter((r) => !accessOf(r.controllerClz!, r.method as string))
      .map((r) => `${r.requestMethod.toUpperCase()} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 on every non-public route without a login', async () => {
    const answered: string[] = [];
    for (const r of await routes()) {
      if (accessOf(r.controllerClz!, r.method as string)?.permission === 'public') continue;
      const url = String(r.fullUrl ?? r.url).replace(/:\w+/g, '1');
      const method = r.requestMethod.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const res = await t.http()[method](url).send({});
      if (res.status !== 401 || res.body.code !== 'UNAUTHENTICATED') answered.push(`${method.toUpperCase()} ${url} -> ${res.status}`);
    }
    expect(answered).toEqual([]);
  });

  it('describes every route in the OpenAPI document under its full path', async () => {
    const res = await t.http().get('/api/openapi.json');
    const paths = res.body.data.paths as Record<string, Record<string, { 'x-permission': string }>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/customers',
        '/api/customers/{id}',
        '/api/parts/import',
        '/api/audit-logs',
        '/api/employees/{id}/password',
      ]),
    );
    const operations = Object.values(paths).reduce((n, p) => n + Object.keys(p).length, 0);
    expect(operations).toBe((await routes()).length);
    expect(paths['/api/parts/{id}'].get['x-permission']).toBe('part.read');
  });
});
