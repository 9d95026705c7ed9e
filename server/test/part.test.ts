import { createTestApp, DEMO, type TestApp } from './support/app';
import { auditOf, dbSnapshot } from './support/db';

describe('parts catalogue and price levels', () => {
  let t: TestApp;
  let keeper: { Authorization: string };
  let technician: { Authorization: string };
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    [keeper, technician, admin] = await Promise.all([t.bearer(DEMO.keeper), t.bearer(DEMO.technician), t.bearer(DEMO.admin)]);
  });
  afterAll(() => t.close());

  const part = (over: object = {}) => ({
    code: 'TEST-0001',
    name: '马勒 机油滤清器 测试',
    model: 'OC 1051',
    spec: 'M20×1.5',
    unit: '个',
    category: '滤清器',
    costPrice: 1850,
    salePrice: 3500,
    taxRate: 13,
    minStock: 5,
    vehicleModelIds: [1, 3],
    prices: [
      { priceLevelId: 1, price: 3500 },
      { priceLevelId: 2, price: 3300 },
    ],
    ...over,
  });
  const codes = async (query: Record<string, unknown>, auth = keeper) => {
    const res = await t.http().get('/api/parts').query(query).set(auth);
    expect(res.status).toBe(200);
    return res.body.data.items.map((p: { code: string }) => p.code) as string[];
  };

  it('finds seeded parts by code, pinyin initials, name and vehicle model', async () => {
    expect(await codes({ keyword: '6950100852570' })).toEqual(['6950100852570']);
    expect(await codes({ keyword: '04e115561h' })).toEqual(['04E115561H']);
    const filters = await codes({ keyword: 'jylqq', pageSize: 100 });
    expect(filters.length).toBe(16);
    const bosch = await t.http().get('/api/parts').query({ keyword: '火花塞 ', category: '点火系统' }).set(keeper);
    expect(bosch.body.data.total).toBe(16);
    const lavida = await t.http().get('/api/parts').query({ vehicleModelId: 1, pageSize: 200 }).set(keeper);
    expect(lavida.body.data.items.every((p: { vehicleModels: { id: number }[] }) => p.vehicleModels.some((m) => m.id === 1))).toBe(true);
    expect(lavida.body.data.items.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['04E115561H', '6950100852570']));
    const tire = (await t.http().get('/api/parts').query({ keyword: '205/55R16' }).set(keeper)).body.data.items[0];
    expect(tire).toMatchObject({ name: '米其林 轮胎 205/55R16', unit: '条', category: '轮胎', taxRate: 13 });
    expect(tire.prices.map((p: { priceLevelName: string }) => p.priceLevelName)).toEqual(['零售', '会员', '车队']);
    expect(tire.costPrice).toBeLessThan(tire.salePrice);
  });

  it('creates and updates a part with fitments and level prices, audited with before and after', async () => {
    const created = await t.http().post('/api/parts').set(keeper).send(part());
    expect(created.status).toBe(200);
    const p = created.body.data;
    expect(p).toMatchObject({ code: 'TEST-0001', pinyin: 'mljylqqcs', costPrice: 1850, salePrice: 3500 });
    expect(p.vehicleModels.map((m: { id: number }) => m.id).sort()).toEqual([1, 3]);
    expect(await codes({ keyword: 'mljylqq' })).toContain('TEST-0001');
    expect(await codes({ keyword: 'oc 1051' })).toEqual(['TEST-0001']);

    const updated = await t
      .http()
      .put(`/api/parts/${p.id}`)
      .set(keeper)
      .send(part({ salePrice: 3800, vehicleModelIds: [5], prices: [{ priceLevelId: 3, price: 3000 }] }));
    expect(updated.status).toBe(200);
    expect(updated.body.data.vehicleModels).toEqual([{ id: 5, name: '丰田 卡罗拉 2021款 1.2T' }]);
    expect(updated.body.data.prices).toEqual([{ priceLevelId: 3, priceLevelName: '车队', price: 3000 }]);
    expect(await codes({ vehicleModelId: 1, keyword: 'TEST-0001' })).toEqual([]);

    const log = await auditOf(t, admin, 'part', p.id);
    expect(log.map((e) => e.action)).toEqual(['part.update', 'part.create']);
    expect(log[0].before).toMatchObject({ salePrice: 3500, costPrice: 1850 });
    expect(log[0].after).toMatchObject({ salePrice: 3800 });
    expect(log[0].before.prices).toHaveLength(2);
    const off = await t
      .http()
      .put(`/api/parts/${p.id}`)
      .set(keeper)
      .send(part({ enabled: false }));
    expect(off.body.data.enabled).toBe(false);
    expect((await auditOf(t, admin, 'part', p.id))[0].action).toBe('part.disable');
    expect(await codes({ keyword: 'TEST-0001', enabled: true })).toEqual([]);
  });

  it('refuses a code in use with 409 naming the part, and changes nothing', async () => {
    const before = await dbSnapshot(t);
    const dup = await t
      .http()
      .post('/api/parts')
      .set(keeper)
      .send(part({ code: '04E115561H' }));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'DUPLICATE', message: '配件编号 04E115561H 已被配件“曼牌 机油滤清器（大众EA211）”使用' });
    expect(dup.body.issues).toEqual([{ path: 'code', message: dup.body.message }]);
    const rename = await t
      .http()
      .put('/api/parts/2')
      .set(keeper)
      .send(part({ code: '04E115561H' }));
    expect(rename.status).toBe(409);
    expect(await dbSnapshot(t)).toBe(before);
  });

  it('refuses bad part input with 4xx and changes nothing', async () => {
    const bad = (over: object) => part({ code: 'BAD-0001', ...over });
    const before = await dbSnapshot(t);
    const bodies = [
      bad({ code: '' }),
      bad({ code: "X'; DROP TABLE part;--" }),
      bad({ name: '滤'.repeat(10000) }),
      bad({ costPrice: 18.5 }),
      bad({ costPrice: -1 }),
      bad({ salePrice: '35' }),
      bad({ salePrice: 1e12 }),
      bad({ taxRate: 17 }),
      bad({ category: '杂货' }),
      bad({ minStock: 1.5 }),
      bad({ vehicleModelIds: [99999] }),
      bad({ vehicleModelIds: 'all' }),
      bad({ prices: [{ priceLevelId: 99999, price: 100 }] }),
      bad({
        prices: [
          { priceLevelId: 1, price: 100 },
          { priceLevelId: 1, price: 200 },
        ],
      }),
      bad({ status: 'on_sale' }),
      bad({ stock: 100 }),
      { name: '只有名字' },
    ];
    for (const body of bodies) {
      const res = await t.http().post('/api/parts').set(keeper).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await t.http().get('/api/parts/99999').set(keeper)).status).toBe(404);
    expect((await t.http().put('/api/parts/99999').set(keeper).send(bad({}))).status).toBe(404);
    expect((await t.http().get('/api/parts').query({ category: '杂货' }).set(keeper)).status).toBe(400);
    expect(await dbSnapshot(t)).toBe(before);
  });

  it('stores emoji and quotes in a part name verbatim', async () => {
    const name = `壳牌 "超凡喜力" 0W-20 🛢️ <b>`;
    const res = await t
      .http()
      .post('/api/parts')
      .set(keeper)
      .send(part({ code: 'EMOJI-1', name, vehicleModelIds: [], prices: [] }));
    expect(res.status).toBe(200);
    expect((await t.http().get(`/api/parts/${res.body.data.id}`).set(keeper)).body.data.name).toBe(name);
  });

  it('never shows the cost price to a technician; a keeper sees it', async () => {
    const list = await t.http().get('/api/parts').query({ keyword: '6950100852570' }).set(technician);
    expect(list.status).toBe(200);
    expect(list.body.data.items[0]).not.toHaveProperty('costPrice');
    expect(list.body.data.items[0].salePrice).toBeGreaterThan(0);
    const id = list.body.data.items[0].id;
    const techView = await t.http().get(`/api/parts/${id}`).set(technician);
    expect(techView.body.data).not.toHaveProperty('costPrice');
    expect(JSON.stringify(techView.body)).not.toContain('cost');
    const keeperView = await t.http().get(`/api/parts/${id}`).set(keeper);
    expect(keeperView.body.data.costPrice).toEqual(expect.any(Number));
    const supervisor = await t.bearer(DEMO.supervisor);
    expect((await t.http().get(`/api/parts/${id}`).set(supervisor)).body.data.costPrice).toEqual(expect.any(Number));
  });

  it('lets a technician or the service desk read parts but not change them', async () => {
    const before = await dbSnapshot(t);
    for (const auth of [technician, await t.bearer(DEMO.service)]) {
      expect(
        (
          await t
            .http()
            .post('/api/parts')
            .set(auth)
            .send(part({ code: 'NOPE-1' }))
        ).status,
      ).toBe(403);
      expect(
        (
          await t
            .http()
            .put('/api/parts/1')
            .set(auth)
            .send(part({ code: 'NOPE-1' }))
        ).status,
      ).toBe(403);
      expect((await t.http().post('/api/price-levels').set(auth).send({ name: '内部价' })).status).toBe(403);
    }
    expect(await dbSnapshot(t)).toBe(before);
  });

  it('manages price levels: sorted, unique names, audited', async () => {
    const created = await t.http().post('/api/price-levels').set(keeper).send({ name: '批发', sort: 4 });
    expect(created.status).toBe(200);
    expect(created.body.data).toEqual({ id: expect.any(Number), name: '批发', sort: 4, enabled: true });
    const dup = await t.http().post('/api/price-levels').set(keeper).send({ name: '会员' });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toBe('价格等级“会员”已存在');
    const renamed = await t.http().put(`/api/price-levels/${created.body.data.id}`).set(keeper).send({ name: '批发价', sort: 0 });
    expect(renamed.body.data).toMatchObject({ name: '批发价', sort: 0 });
    const list = await t.http().get('/api/price-levels').set(technician);
    expect(list.body.data.items.map((l: { name: string }) => l.name)).toEqual(['批发价', '零售', '会员', '车队']);
    const log = await auditOf(t, admin, 'price_level', created.body.data.id);
    expect(log[0]).toMatchObject({ action: 'price_level.update', before: { name: '批发' }, after: { name: '批发价' } });
    expect((await t.http().put('/api/price-levels/99999').set(keeper).send({ name: '无' })).status).toBe(404);
  });
});
