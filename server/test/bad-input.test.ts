import { createTestApp, DEMO, type TestApp } from './support/app';
import { dbSnapshot } from './support/db';

/**
 * RELIABILITY 11–12 for the foundation's write routes: each field of a valid body replaced by
 * values of the wrong kind, unknown fields, bodies that are not objects, odd path ids and
 * queries — always a 4xx with a Chinese message, never a 5xx, and the database unchanged.
 */
describe('bad input on every foundation write route', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer(DEMO.admin);
  });
  afterAll(() => t.close());

  const vehicle = { plate: '浙K7Z001', vin: '', brand: '大众', vehicleModelId: 1, year: 2020, mileage: 1000, remark: '', enabled: true };
  const contacts = [{ name: '甲', phone: '13900001111', isPrimary: true }];
  const customer = {
    kind: 'person',
    name: '模糊测试',
    priceLevelId: 1,
    taxNumber: '',
    remark: '',
    contacts,
    addresses: [{ address: '庆元县', isDefault: true }],
    enabled: true,
  };
  const part = {
    code: 'FUZZ-1',
    name: '模糊配件',
    model: '',
    spec: '',
    unit: '个',
    category: '其他',
    costPrice: 100,
    salePrice: 200,
    taxRate: 13,
    minStock: 0,
    vehicleModelIds: [1],
    prices: [{ priceLevelId: 1, price: 200 }],
    enabled: true,
  };
  const employee = { name: '模糊员工', phone: '13911110000', departmentId: 1, roles: ['service'], enabled: true };
  const routes: [method: 'post' | 'put', path: string, body: Record<string, unknown>][] = [
    ['post', '/api/departments', { name: '模糊部门', enabled: true }],
    ['put', '/api/departments/2', { name: '模糊部门', enabled: true }],
    ['post', '/api/employees', { ...employee, password: 'fuzz2024a' }],
    ['put', '/api/employees/4', employee],
    ['post', '/api/employees/4/password', { password: 'fuzz2024a' }],
    ['post', '/api/warehouses', { name: '模糊仓', address: '', keeperIds: [5], enabled: true }],
    ['put', '/api/warehouses/1', { name: '模糊仓', address: '', keeperIds: [5], enabled: true }],
    ['post', '/api/customers', { ...customer, vehicles: [vehicle] }],
    ['put', '/api/customers/1', customer],
    ['post', '/api/customers/1/vehicles', vehicle],
    ['put', '/api/vehicles/1', vehicle],
    ['post', '/api/vehicle-models', { brand: '模糊', series: '一号', modelYear: 2020, engine: '', enabled: true }],
    ['put', '/api/vehicle-models/1', { brand: '模糊', series: '一号', modelYear: 2020, engine: '', enabled: true }],
    ['post', '/api/parts', part],
    ['put', '/api/parts/1', part],
    ['post', '/api/price-levels', { name: '模糊价', sort: 1, enabled: true }],
    ['put', '/api/price-levels/1', { name: '模糊价', sort: 1, enabled: true }],
    ['post', '/api/parts/import', { filename: 'a.xlsx', contentBase64: 'UEsDBA==' }],
    ['post', '/api/customers/import', { filename: 'a.xlsx', contentBase64: 'UEsDBA==' }],
  ];
  const WRONG = [{ $gt: 1 }, ['x'], true, 12345.5, -1e15, 'x'.repeat(10000)];
  /** A wrong value must really be wrong: true for a boolean field would be a valid body. */
  const sameKind = (a: unknown, b: unknown) => typeof a === typeof b && typeof a === 'boolean';

  it('refuses every field given a value of the wrong kind, and unknown fields', async () => {
    const before = await dbSnapshot(t);
    const accepted: string[] = [];
    for (const [method, path, body] of routes) {
      const bodies = [
        ...Object.keys(body).flatMap((field) =>
          WRONG.filter((value) => !sameKind(value, body[field])).map((value) => ({ ...body, [field]: value })),
        ),
        { ...body, status: 'approved' },
        { ...body, passwordHash: 'x' },
        { ...body, id: 1 },
        [],
      ];
      for (const sent of bodies) {
        const res = await t.http()[method](path).set(admin).send(sent);
        if (res.status < 400 || res.status >= 500 || !/[\u4e00-\u9fa5]/.test(res.body.message)) {
          accepted.push(`${method} ${path} ${JSON.stringify(sent).slice(0, 120)} -> ${res.status}`);
        }
      }
      const text = await t.http()[method](path).set(admin).set('Content-Type', 'application/json').send('"just text"');
      if (text.status !== 400) accepted.push(`${method} ${path} text body -> ${text.status}`);
    }
    expect(accepted).toEqual([]);
    expect(await dbSnapshot(t)).toBe(before);
  });

  it('answers odd path ids with 400 or 404, never 5xx', async () => {
    const before = await dbSnapshot(t);
    for (const id of ['0', '-1', '1.5', '1e3', 'abc', '99999999999', "1'--", '%F0%9F%9A%97']) {
      for (const path of [`/api/customers/${id}`, `/api/parts/${id}`]) {
        const res = await t.http().get(path).set(admin);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
      }
      const put = await t.http().put(`/api/vehicles/${id}`).set(admin).send({ plate: '浙K7Z002' });
      expect([400, 404]).toContain(put.status);
    }
    expect(await dbSnapshot(t)).toBe(before);
  });

  it('refuses bad list queries with 400', async () => {
    const lists = [
      '/api/departments',
      '/api/employees',
      '/api/warehouses',
      '/api/customers',
      '/api/vehicles',
      '/api/vehicle-models',
      '/api/parts',
      '/api/price-levels',
      '/api/audit-logs',
    ];
    for (const path of lists) {
      for (const query of [{ page: 0 }, { pageSize: 100000 }, { page: 'x' }, { status: 'open' }, { keyword: 'k'.repeat(10000) }]) {
        const res = await t.http().get(path).query(query).set(admin);
        expect({ path, query, status: res.status }).toEqual({ path, query, status: 400 });
      }
      const sql = await t.http().get(path).query({ keyword: "' OR 1=1 --" }).set(admin);
      if (path !== '/api/audit-logs') {
        expect(sql.status).toBe(200);
        expect(sql.body.data.total).toBe(0);
      }
    }
  });
});
