import { Tx } from '../src/common/tx';
import { Location, StockBalance } from '../src/modules/stock/stock.entity';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { stockKit } from './support/stock';

type Auth = { Authorization: string };
const WH = 1;
const TECH = 4;
const KEEPER = 5;
const DAY = 86400_000;

/** 工作台 GET /api/desk/summary: today's figures, each only for those whose permission covers it. */
describe('desk summary (工作台)', () => {
  let t: TestApp;
  let tx: Tx;
  let kit: ReturnType<typeof stockKit>;
  let admin: Auth, service: Auth, supervisor: Auth, tech: Auth, tech2: Auth, keeper: Auth, followup: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    kit = stockKit(t);
    tx = await t.app.getApplicationContext().getAsync(Tx);
    [admin, service, supervisor, tech, tech2, keeper, followup] = await Promise.all([
      t.bearer(DEMO.admin),
      t.bearer(DEMO.service),
      t.bearer(DEMO.supervisor),
      t.bearer(DEMO.technician),
      t.bearer(DEMO.technician2),
      t.bearer(DEMO.keeper),
      t.bearer(DEMO.followup),
    ]);
  });
  afterAll(() => t.close());

  const summary = async (auth: Auth) => {
    const res = await t.http().get('/api/desk/summary').set(auth);
    expect(res.status).toBe(200);
    return res.body.data as Record<string, number>;
  };
  const total = async (auth: Auth, path: string, query: Record<string, string>) => {
    const res = await t.http().get(path).query(query).set(auth);
    expect(res.status).toBe(200);
    return res.body.data.total as number;
  };

  it('gives each role only the figures of its permissions', async () => {
    expect(Object.keys(await summary(service)).sort()).toEqual(['pendingFollowup']);
    expect(Object.keys(await summary(followup)).sort()).toEqual(['pendingFollowup']);
    expect(Object.keys(await summary(supervisor)).sort()).toEqual(['lowStock', 'overdueHoldings', 'pendingDispatch', 'pendingSettle']);
    expect(Object.keys(await summary(keeper)).sort()).toEqual(['lowStock', 'overdueHoldings', 'pendingApproval']);
    expect(Object.keys(await summary(tech)).sort()).toEqual(['overdueHoldings']);
    expect(Object.keys(await summary(admin)).sort()).toEqual([
      'lowStock',
      'overdueHoldings',
      'pendingApproval',
      'pendingDispatch',
      'pendingFollowup',
      'pendingSettle',
    ]);
  });

  it('counts what the lists behind the figures show', async () => {
    const s = await summary(supervisor);
    expect(s.pendingDispatch).toBe(await total(supervisor, '/api/work-orders', { state: 'pending_dispatch' }));
    expect(s.pendingSettle).toBe(await total(supervisor, '/api/work-orders', { state: 'finished' }));
    expect((await summary(service)).pendingFollowup).toBe(await total(service, '/api/work-orders', { state: 'pending_followup' }));
    const alerts = (await t.http().get('/api/alerts').set(keeper)).body.data;
    const k = await summary(keeper);
    expect(k.lowStock).toBe(alerts.counts.lowStock);
    expect(k.overdueHoldings).toBe(alerts.counts.longHeld);
    const waiting =
      (await total(keeper, '/api/requisitions', { mine: 'approve' })) + (await total(keeper, '/api/returns', { mine: 'approve' }));
    expect(k.pendingApproval).toBe(waiting);
  });

  it('counts a new order as 待派工 and a new requisition as waiting for its listed keeper only', async () => {
    const before = await summary(supervisor);
    const customers = await t.http().get('/api/customers').query({ keyword: '浙K' }).set(service);
    const withCar = customers.body.data.items.find((c: { plates: string[] }) => c.plates.length > 0);
    const customer = (await t.http().get(`/api/customers/${withCar.id}`).set(service)).body.data;
    const created = await t
      .http()
      .post('/api/work-orders')
      .set(service)
      .send({
        customerId: customer.id,
        vehicleId: customer.vehicles[0].id,
        contactName: customer.contacts[0].name,
        contactPhone: customer.contacts[0].phone,
        address: customer.addresses[0]?.address ?? '庆元县松源街道',
        problem: '工作台计数测试',
        serviceType: 'onsite',
      });
    expect(created.status).toBe(200);
    expect((await summary(supervisor)).pendingDispatch).toBe(before.pendingDispatch + 1);

    const keeperBefore = (await summary(keeper)).pendingApproval;
    const adminBefore = (await summary(admin)).pendingApproval;
    const partId = await kit.part('工作台计数件');
    await kit.receive(partId, WH, 5);
    const r = await t
      .http()
      .post('/api/requisitions')
      .set(tech)
      .send({ employeeId: TECH, warehouseId: WH, approverIds: [KEEPER], lines: [{ partId, qty: 2 }] });
    expect(r.status).toBe(200);
    expect((await summary(keeper)).pendingApproval).toBe(keeperBefore + 1);
    // The admin may approve, but this document does not list him.
    expect((await summary(admin)).pendingApproval).toBe(adminBefore);
  });

  it('shows a technician only his own overdue holdings', async () => {
    const partId = await kit.part('工作台持有件');
    await kit.receive(partId, WH, 3);
    const r = (
      await t
        .http()
        .post('/api/requisitions')
        .set(tech)
        .send({ employeeId: TECH, warehouseId: WH, approverIds: [KEEPER], lines: [{ partId, qty: 1 }] })
    ).body.data;
    expect((await t.http().post(`/api/requisitions/${r.id}/approve`).set(keeper)).status).toBe(200);
    expect((await t.http().post(`/api/requisitions/${r.id}/sign`).set(tech).send({})).status).toBe(200);
    const mineBefore = (await summary(tech)).overdueHoldings;
    const otherBefore = (await summary(tech2)).overdueHoldings;
    const allBefore = (await summary(supervisor)).overdueHoldings;

    // Held for 30 days: past the 7 days of 预警.
    const loc = await tx.dataSource.getRepository(Location).findOneByOrFail({ kind: 'employee', refId: TECH });
    await tx.dataSource.getRepository(StockBalance).update({ locationId: loc.id, partId }, { heldSince: new Date(Date.now() - 30 * DAY) });

    expect((await summary(tech)).overdueHoldings).toBe(mineBefore + 1);
    expect((await summary(tech2)).overdueHoldings).toBe(otherBefore);
    expect((await summary(supervisor)).overdueHoldings).toBe(allBefore + 1);
    expect(await summary(tech2)).toEqual({ overdueHoldings: otherBefore });
  });

  it('lets 客服 do the 回访 his 待回访 figure counts (建单 and 回访 are his job)', async () => {
    const before = (await summary(service)).pendingFollowup!;
    const waiting = await t.http().get('/api/work-orders').query({ state: 'pending_followup' }).set(service);
    expect(waiting.body.data.items.length).toBeGreaterThan(0);
    const order = waiting.body.data.items[0];
    const res = await t
      .http()
      .post(`/api/work-orders/${order.id}/followup`)
      .set(service)
      .send({ reached: true, satisfaction: 5, comments: '客服回访：满意', result: 'close' });
    expect(res.status).toBe(200);
    expect(res.body.data.state).toBe('closed');
    expect((await summary(service)).pendingFollowup).toBe(before - 1);
    // Dispatching and settling stay the supervisor's.
    const pending = await t.http().get('/api/work-orders').query({ state: 'pending_dispatch' }).set(service);
    const target = pending.body.data.items[0];
    expect((await t.http().post(`/api/work-orders/${target.id}/dispatch`).set(service).send({ technicianId: TECH })).status).toBe(403);
  });

  it('refuses a query it does not take', async () => {
    expect((await t.http().get('/api/desk/summary').query({ state: 'x' }).set(keeper)).status).toBe(400);
    expect((await t.http().get('/api/desk/summary')).status).toBe(401);
  });
});
