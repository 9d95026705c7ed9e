import { MidwayWebRouterService } from '@midwayjs/core';
import { FIELD_LABELS, describedLabel, z } from '@hongyuan/shared';
import { accessOf } from '../src/common/access';
import { createTestApp, DEMO, type TestApp } from './support/app';

type Auth = { Authorization: string };
interface Failure {
  ok: false;
  code: string;
  message: string;
  issues?: { path: string; message: string }[];
}

/**
 * Words a message may carry in Latin letters: none of them is a field key. Anything else of three
 * letters or more (satisfaction, qty, items, priority…) is a key or a code the user cannot read.
 */
const ALLOWED = new Set(['PDF', 'IP', 'VIN', 'YYYY', 'MM', 'DD']);
function keysIn(text: string): string[] {
  return (text.match(/[a-zA-Z_]{3,}/g) ?? []).filter((w) => !ALLOWED.has(w));
}
function expectNoKeys(body: Failure) {
  const texts = [body.message, ...(body.issues ?? []).map((i) => i.message)];
  expect(texts.flatMap((m) => keysIn(m).map((w) => `${w} in "${m}"`))).toEqual([]);
}

/** ISSUE 10: no message shows a field key; every issue is named in Chinese. */
describe('validation messages name fields in Chinese, never by their keys', () => {
  let t: TestApp;
  let admin: Auth, service: Auth, tech: Auth, keeper: Auth, followup: Auth, supervisor: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    [admin, service, tech, keeper, followup, supervisor] = await Promise.all([
      t.bearer(DEMO.admin),
      t.bearer(DEMO.service),
      t.bearer(DEMO.technician),
      t.bearer(DEMO.keeper),
      t.bearer(DEMO.followup),
      t.bearer(DEMO.supervisor),
    ]);
  });
  afterAll(() => t.close());

  const post = async (auth: Auth, url: string, body: object): Promise<Failure> => {
    const res = await t.http().post(url).set(auth).send(body);
    expect([res.status, res.body.ok]).toEqual([400, false]);
    expectNoKeys(res.body);
    return res.body;
  };
  const get = async (auth: Auth, url: string, query: Record<string, string>): Promise<Failure> => {
    const res = await t.http().get(url).set(auth).query(query);
    expect([res.status, res.body.ok]).toEqual([400, false]);
    expectNoKeys(res.body);
    return res.body;
  };
  const pathsOf = (b: Failure) => (b.issues ?? []).map((i) => i.path);

  it('回访 结束 without a rating: 接通时请打满意度, not "satisfaction：…"', async () => {
    const none = await post(followup, '/api/work-orders/7/followup', { reached: true, result: 'close' });
    expect(none.message).toBe('接通时请打满意度');
    expect(none.issues).toEqual([{ path: 'satisfaction', message: '接通时请打满意度' }]);
    const zero = await post(followup, '/api/work-orders/7/followup', { reached: true, result: 'close', satisfaction: 0 });
    expect(zero.message).toContain('满意度');
    const odd = await post(followup, '/api/work-orders/7/followup', { reached: 'yes', satisfaction: 'x', result: 'later' });
    expect(odd.message).toMatch(/是否接通.*满意度.*回访结果|满意度.*是否接通/);
  });

  it('a field the route does not take is named, an unknown one counted', async () => {
    const b = await post(followup, '/api/work-orders/7/followup', { reached: false, result: 'close', status: 'closed', foo: 1 });
    expect(b.message).toBe('不接受的字段：状态，另有 1 个无法识别的字段');
  });

  it('a requisition line with 0 names its row and field', async () => {
    const b = await post(tech, '/api/requisitions', {
      employeeId: 4,
      warehouseId: 1,
      approverIds: [5],
      lines: [
        { partId: 1, qty: 2 },
        { partId: 2, qty: 0 },
      ],
    });
    expect(pathsOf(b)).toEqual(['lines.1.qty']);
    expect(b.message).toBe('第 2 行：领用数量应大于 0');
    const typed = await post(tech, '/api/requisitions', {
      employeeId: 4,
      warehouseId: 1,
      approverIds: [5],
      lines: [{ partId: 1, qty: 1.5 }],
    });
    expect(typed.message).toBe('第 1 行：领用数量应为整数');
  });

  it('a customer without a name, with a bad contact and vehicle', async () => {
    const b = await post(service, '/api/customers', {
      name: '',
      contacts: [{ name: '吴', phone: '12' }],
      vehicles: [{ plate: '浙K12345', year: 'x' }],
    });
    expect(b.message).toContain('请填写客户名称');
    expect(b.message).toContain('联系人 1：联系电话格式不对');
    expect(b.message).toContain('车辆 1：年份应为数字');
  });

  it('a work order with a bad priority and an unknown customer (a rule of the service)', async () => {
    const base = { customerId: 1, contactName: '吴建平', contactPhone: '13957012345', address: '庆元县松源街道', problem: '空调不制冷' };
    const b = await post(service, '/api/work-orders', { ...base, priority: 'high' });
    expect(b.message).toBe('优先级：取值无效，请重新选择');
    const unknown = await post(service, '/api/work-orders', { ...base, customerId: 999999 });
    expect(unknown.message).toBe('客户不存在');
  });

  it('an inbound line for a part that does not exist (built by hand in the service)', async () => {
    const b = await post(keeper, '/api/inbounds', { warehouseId: 1, lines: [{ partId: 999999, qty: 1, unitCost: 100 }] });
    expect(b.message).toBe('第 1 行：配件不存在');
  });

  it('an employee with a weak 初始密码 and no roles', async () => {
    const b = await post(admin, '/api/employees', { name: '周', phone: '13900000123', roles: [], password: '12345678' });
    expect(b.message).toContain('至少选择一个角色');
    expect(b.message).toContain('初始密码需同时包含字母和数字');
  });

  it('a part with bad level prices', async () => {
    const b = await post(admin, '/api/parts', {
      code: 'JL-X1',
      name: '机油滤清器',
      unit: '个',
      costPrice: 100,
      salePrice: 200,
      prices: [{ priceLevelId: 'a', price: -1 }],
    });
    expect(b.message).toContain('第 1 行：价格等级应为数字');
    expect(b.message).toContain('第 1 行：等级价格不能为负数');
  });

  it('settling without a payment method, and list queries with bad values', async () => {
    const s = await post(supervisor, '/api/work-orders/1/settle', { note: '' });
    expect(s.message).toBe('请选择付款方式');
    const q = await get(service, '/api/work-orders', { state: 'bogus', page: '0', pageSize: '999' });
    expect(q.message).toContain('状态：取值无效');
    expect(q.message).toContain('页码应从 1 开始');
  });

  it('every key of every route’s body and query schema has a Chinese label', async () => {
    const table = await (await t.app.getApplicationContext().getAsync(MidwayWebRouterService)).getFlattenRouterTable();
    const missing: string[] = [];
    let keys = 0;
    const walk = (s: unknown, where: string, seen: Set<unknown>) => {
      if (!(s instanceof z.ZodType) || seen.has(s)) return;
      seen.add(s);
      const def = (s as unknown as { _def: Record<string, unknown> })._def;
      if (def.typeName === 'ZodObject') {
        for (const [key, field] of Object.entries((s as z.AnyZodObject).shape)) {
          keys++;
          if (!/[\u4e00-\u9fff]/.test(describedLabel(field as z.ZodTypeAny) ?? FIELD_LABELS[key] ?? '')) missing.push(`${where} ${key}`);
          walk(field, where, seen);
        }
        return;
      }
      for (const k of ['innerType', 'schema', 'type', 'valueType', 'in', 'out', 'left', 'right']) walk(def[k], where, seen);
      for (const o of (def.options as unknown[] | undefined) ?? []) walk(o, where, seen);
    };
    for (const r of table) {
      if (!r.controllerClz || typeof r.method !== 'string') continue;
      const spec = accessOf(r.controllerClz, r.method);
      const where = `${r.requestMethod.toUpperCase()} ${r.fullUrl ?? r.url}`;
      walk(spec?.body, where, new Set());
      walk(spec?.query, where, new Set());
    }
    expect(keys).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
