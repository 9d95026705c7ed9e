import { Tx } from '../src/common/tx';
import { Warehouse } from '../src/modules/org/org.entity';
import { Part } from '../src/modules/part/part.entity';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { stockKit } from './support/stock';

type Auth = { Authorization: string };
type WarehouseQty = { warehouseId: number; qty: number | null; hidden?: boolean };
const TECH = 4;
const KEEPER_A = 5;
const KEEPER_B = 9;
const HIDDEN = '「总仓」盲盘进行中，暂不显示该仓库库存';

/**
 * 盲盘 (issue: no one person can make a part disappear): while a blind count is open on a
 * warehouse, the people who count it without being its keepers (technicians, supervisors: they
 * have stocktake.count but not stock.manage) cannot read its book quantity by another route:
 * /api/stock, 预警, requisitions (today's available, the "可领 N" refusal, a copy capped to stock).
 * Holdings are the employee's own hands, and no export carries warehouse quantities.
 */
describe('a blind count hides the book of its warehouse on every route', () => {
  let t: TestApp;
  let kit: ReturnType<typeof stockKit>;
  let tx: Tx;
  let tech: Auth, supervisor: Auth, keeper: Auth;
  let main: number, east: number;

  beforeAll(async () => {
    t = await createTestApp();
    kit = stockKit(t);
    tx = await t.app.getApplicationContext().getAsync(Tx);
    [tech, supervisor, keeper] = await Promise.all([t.bearer(DEMO.technician), t.bearer(DEMO.supervisor), t.bearer(DEMO.keeper)]);
    const ws = await tx.dataSource.getRepository(Warehouse).find();
    main = ws.find((w) => w.name === '总仓')!.id;
    east = ws.find((w) => w.name === '城东服务站仓')!.id;
  });
  afterAll(() => t.close());
  afterEach(() => kit.assertBooksBalance());

  /** 7 in 总仓, 2 in 城东, a minimum of 10: low in both. */
  async function lowPart() {
    const partId = await kit.part('刹车油');
    await kit.receive(partId, main, 7);
    await kit.receive(partId, east, 2);
    await tx.dataSource.getRepository(Part).update({ id: partId }, { minStock: 10 });
    const { code } = await tx.dataSource.getRepository(Part).findOneByOrFail({ id: partId });
    return { partId, code };
  }

  const stockRow = async (auth: Auth, code: string) => {
    const res = await t.http().get('/api/stock').query({ keyword: code }).set(auth);
    expect(res.status).toBe(200);
    return res.body.data.items[0] as { partId: number; warehouses: WarehouseQty[]; total: number | null };
  };
  const qtyIn = (row: { warehouses: WarehouseQty[] }, warehouseId: number) => row.warehouses.find((w) => w.warehouseId === warehouseId)!;

  const start = async (blind: boolean) => {
    const res = await t.http().post('/api/stocktakes').set(keeper).send({ warehouseId: main, blind });
    expect(res.status).toBe(200);
    return res.body.data as { id: number };
  };
  const cancel = (id: number) => t.http().post(`/api/stocktakes/${id}/cancel`).set(keeper).send({});

  const requisition = (qty: number, partId: number) =>
    t
      .http()
      .post('/api/requisitions')
      .set(tech)
      .send({ employeeId: TECH, warehouseId: main, approverIds: [KEEPER_A, KEEPER_B], lines: [{ partId, qty }] });

  it('hides it on /api/stock and refuses filtering by it, for technicians and supervisors but not keepers', async () => {
    const { code } = await lowPart();
    const st = await start(true);
    for (const who of [tech, supervisor]) {
      const row = await stockRow(who, code);
      expect(qtyIn(row, main)).toMatchObject({ qty: null, hidden: true });
      expect(qtyIn(row, east)).toMatchObject({ qty: 2 });
      expect(row.total).toBeNull();
      const filtered = await t.http().get('/api/stock').query({ warehouseId: main }).set(who);
      expect(filtered.status).toBe(403);
      expect(filtered.body.message).toBe(HIDDEN);
      expect((await t.http().get('/api/stock').query({ warehouseId: east }).set(who)).status).toBe(200);
    }
    const kept = await stockRow(keeper, code);
    expect(qtyIn(kept, main)).toEqual({ warehouseId: main, warehouseName: '总仓', qty: 7 });
    expect(kept.total).toBe(9);
    // his own hands stay readable: they are not the warehouse's book
    expect((await t.http().get('/api/holdings').set(tech)).status).toBe(200);

    expect((await cancel(st.id)).status).toBe(200);
    const after = await stockRow(tech, code);
    expect(qtyIn(after, main)).toEqual({ warehouseId: main, warehouseName: '总仓', qty: 7 });
    expect(after.total).toBe(9);
  });

  it('leaves its low stock out of 预警 for a supervisor, and says why', async () => {
    const { partId } = await lowPart();
    const st = await start(true);
    const low = async (auth: Auth) => (await t.http().get('/api/alerts').set(auth)).body.data;
    const seen = await low(supervisor);
    const mine = seen.lowStock.filter((l: { partId: number }) => l.partId === partId);
    expect(mine).toEqual([expect.objectContaining({ warehouseId: east, qty: 2 })]);
    expect(seen.lowStock.some((l: { warehouseId: number | null }) => l.warehouseId === main)).toBe(false);
    expect(seen.counts.lowStock).toBe(seen.lowStock.length);
    expect(seen.hiddenWarehouses).toEqual([{ warehouseId: main, warehouseName: '总仓' }]);
    const kept = await low(keeper);
    expect(kept.lowStock.filter((l: { partId: number }) => l.partId === partId)).toHaveLength(2);
    expect(kept.hiddenWarehouses).toEqual([]);
    await cancel(st.id);
    expect((await low(supervisor)).lowStock.filter((l: { partId: number }) => l.partId === partId)).toHaveLength(2);
  });

  it('tells a requester nothing of its stock: no available, no "可领 N", no copy capped to stock', async () => {
    const { partId } = await lowPart();
    const st = await start(true);
    const asked = await requisition(100, partId);
    expect(asked.status).toBe(200); // checked against the stock at approval, after the count
    expect(asked.body.data.lines[0].available).toBeNull();
    expect((await t.http().get(`/api/requisitions/${asked.body.data.id}`).set(keeper)).body.data.lines[0].available).toBeNull();
    const copy = await t.http().post(`/api/requisitions/${asked.body.data.id}/copy`).set(tech);
    expect(copy.status).toBe(200);
    expect(copy.body.data.lines[0]).toMatchObject({ qty: 100, cappedFrom: null, available: null });
    // and it cannot be approved during the count
    expect((await t.http().post(`/api/requisitions/${asked.body.data.id}/approve`).set(keeper)).status).toBe(409);

    await cancel(st.id);
    expect((await t.http().get(`/api/requisitions/${asked.body.data.id}`).set(tech)).body.data.lines[0].available).toBe(7);
    const refused = await requisition(100, partId);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('可领 7');
    for (const id of [asked.body.data.id, copy.body.data.id]) await t.http().post(`/api/requisitions/${id}/cancel`).set(tech);
  });

  it('shows the book as usual while a count that is not blind is open', async () => {
    const { code } = await lowPart();
    const st = await start(false);
    expect(qtyIn(await stockRow(tech, code), main)).toMatchObject({ qty: 7 });
    expect((await t.http().get('/api/stock').query({ warehouseId: main }).set(tech)).status).toBe(200);
    expect((await t.http().get('/api/alerts').set(supervisor)).body.data.hiddenWarehouses).toEqual([]);
    await cancel(st.id);
  });
});
