import { Tx } from '../src/common/tx';
import { PartPrice } from '../src/modules/part/part.entity';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { stockKit } from './support/stock';

type Auth = { Authorization: string };
const WH = 1;
const TECH = 4;
const TECH2 = 7;

describe('work orders end to end (工单)', () => {
  let t: TestApp;
  let kit: ReturnType<typeof stockKit>;
  let service: Auth, supervisor: Auth, tech: Auth, tech2: Auth, followup: Auth, keeper: Auth;
  let customer: {
    id: number;
    name: string;
    contacts: { name: string; phone: string }[];
    addresses: { address: string }[];
    vehicles: { id: number; plate: string }[];
  };

  beforeAll(async () => {
    t = await createTestApp();
    kit = stockKit(t);
    [service, supervisor, tech, tech2, followup, keeper] = await Promise.all([
      t.bearer(DEMO.service),
      t.bearer(DEMO.supervisor),
      t.bearer(DEMO.technician),
      t.bearer(DEMO.technician2),
      t.bearer(DEMO.followup),
      t.bearer(DEMO.keeper),
    ]);
    const list = await t.http().get('/api/customers').query({ keyword: '浙K' }).set(service);
    const withCar = list.body.data.items.find((c: { plates: string[] }) => c.plates.length > 0);
    customer = (await t.http().get(`/api/customers/${withCar.id}`).set(service)).body.data;
  });
  afterAll(() => t.close());
  afterEach(() => kit.assertBooksBalance());

  /** The technician holds `qty` of a new part (requisition approved and signed for). */
  /** Parts made by the kit sell at 20.00 (no level price), so totals are easy to check. */
  async function hold(auth: Auth, employeeId: number, qty: number): Promise<number> {
    const partId = await kit.part('机油滤清器');
    await kit.receive(partId, WH, qty);
    const r = (
      await t
        .http()
        .post('/api/requisitions')
        .set(auth)
        .send({ employeeId, warehouseId: WH, approverIds: [5], lines: [{ partId, qty }] })
    ).body.data;
    await t.http().post(`/api/requisitions/${r.id}/approve`).set(keeper);
    await t.http().post(`/api/requisitions/${r.id}/sign`).set(auth).send({});
    return partId;
  }

  async function newOrder(extra: object = {}) {
    const res = await t
      .http()
      .post('/api/work-orders')
      .set(service)
      .send({
        customerId: customer.id,
        vehicleId: customer.vehicles[0].id,
        contactName: customer.contacts[0].name,
        contactPhone: customer.contacts[0].phone,
        address: customer.addresses[0]?.address ?? '庆元县松源街道',
        problem: '发动机异响，保养灯亮',
        serviceType: 'onsite',
        ...extra,
      });
    expect(res.status).toBe(200);
    return res.body.data;
  }

  const act = (auth: Auth, id: number, action: string, body: object = {}) =>
    t.http().post(`/api/work-orders/${id}/${action}`).set(auth).send(body);

  it('runs an order from the desk to closed through one rework, every step in the timeline', async () => {
    const order = await newOrder();
    expect(order.no).toMatch(/^FW-\d{8}-\d{4}$/);
    expect(order).toMatchObject({ state: 'pending_dispatch', customerName: customer.name, plate: customer.vehicles[0].plate });

    const workload = await t.http().get('/api/work-orders/workload').set(supervisor);
    expect(workload.body.data.map((w: { name: string }) => w.name)).toEqual(expect.arrayContaining(['王建学', '刘志强', '张伟']));

    const unreadBefore = (await t.http().get('/api/notifications').set(tech)).body.data.unread;
    expect((await act(supervisor, order.id, 'dispatch', { technicianId: TECH })).body.data).toMatchObject({
      state: 'dispatched',
      technicianName: '王建学',
    });
    const inbox = (await t.http().get('/api/notifications').query({ unread: '1' }).set(tech)).body.data;
    expect(inbox.unread).toBe(unreadBefore + 1);
    expect(inbox.items[0]).toMatchObject({ kind: 'dispatch', title: '新工单派给你', workOrderId: order.id });
    await t.http().post(`/api/notifications/${inbox.items[0].id}/read`).set(tech);
    expect((await t.http().get('/api/notifications').set(tech)).body.data.unread).toBe(unreadBefore);
    const byCustomer = await t
      .http()
      .get('/api/work-orders')
      .query({ keyword: customer.vehicles[0].plate.slice(1) })
      .set(service);
    expect(byCustomer.body.data.items.map((o: { id: number }) => o.id)).toContain(order.id);
    const mine = await t.http().get('/api/work-orders').set(tech);
    expect(mine.body.data.items.map((o: { id: number }) => o.id)).toContain(order.id);

    const a = await hold(tech, TECH, 2);
    const b = await hold(tech, TECH, 1);
    const started = await act(tech, order.id, 'start', { location: '27.61,119.06' });
    expect(started.body.data).toMatchObject({ state: 'in_progress', actions: ['finish'] });
    expect((await act(tech, order.id, 'parts', { partId: a, qty: 2, taxIncluded: true })).status).toBe(200);
    expect((await act(tech, order.id, 'parts', { partId: b, qty: 1, taxIncluded: false })).status).toBe(200);
    expect((await act(tech, order.id, 'labour', { name: '更换机滤工时', unitPrice: 8000, taxRate: 6 })).status).toBe(200);
    const noSummary = await act(tech, order.id, 'finish', {});
    expect(noSummary.status).toBe(400);
    const finished = await act(tech, order.id, 'finish', { note: '更换机滤与机油，异响消失' });
    expect(finished.body.data.state).toBe('finished');
    // 3 × 20.00 at the part's fixed price incl. 13% (the technician's 不含税 does not add tax), labour 80.00 incl. 6%
    expect(finished.body.data.totals).toMatchObject({ gross: 4000 + 2000 + 8000, tax: 460 + 230 + 453 });

    const settled = await act(supervisor, order.id, 'settle', { discount: 260, paymentMethod: 'cash' });
    expect(settled.body.data).toMatchObject({ state: 'pending_followup' });
    expect(settled.body.data.totals.payable).toBe(14000 - 260);

    const rework = await act(followup, order.id, 'followup', {
      reached: true,
      satisfaction: 2,
      comments: '仍有异响',
      result: 'rework',
      reworkReason: '异响未消除',
    });
    expect(rework.body.data).toMatchObject({
      state: 'pending_dispatch',
      reworkCount: 1,
      technicianId: null,
      firstTechnicianName: '王建学',
    });

    await act(supervisor, order.id, 'dispatch', { technicianId: TECH2 });
    await act(tech2, order.id, 'start', {});
    await act(tech2, order.id, 'finish', { note: '紧固皮带张紧轮' });
    expect((await act(supervisor, order.id, 'settle', { free: true, note: '返工不另收费' })).status).toBe(200);
    const closed = await act(followup, order.id, 'followup', { reached: true, satisfaction: 5, comments: '满意', result: 'close' });
    expect(closed.body.data.state).toBe('closed');
    expect(closed.body.data.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'dispatch',
      'start',
      'finish',
      'settle',
      'rework',
      'dispatch',
      'start',
      'finish',
      'settle',
      'close',
    ]);
    expect(closed.body.data.followups).toHaveLength(2);

    const history = await t.http().get(`/api/vehicle-history/${customer.vehicles[0].id}`).set(tech);
    const visit = history.body.data.find((h: { id: number }) => h.id === order.id);
    expect(visit.parts.map((p: { qty: number }) => p.qty).sort()).toEqual([1, 2]);
    expect((await t.http().get('/api/holdings').set(tech)).body.data.items.some((h: { partId: number }) => h.partId === a)).toBe(false);
  });

  it('counts each visit in the statistics, traceable to the order, and requests an invoice per VAT rate', async () => {
    const order = await newOrder();
    await act(supervisor, order.id, 'dispatch', { technicianId: TECH });
    await act(tech, order.id, 'start', {});
    const partId = await hold(tech, TECH, 1);
    await act(tech, order.id, 'parts', { partId, qty: 1 });
    await act(tech, order.id, 'labour', { name: '检测工时', unitPrice: 5000, taxRate: 6 });
    await act(tech, order.id, 'finish', { note: '已处理' });
    const tooEarly = await t.http().post(`/api/work-orders/${order.id}/invoice`).set(service).send({ buyerTitle: customer.name });
    expect(tooEarly.status).toBe(409);
    await act(supervisor, order.id, 'settle', { paymentMethod: 'cash' });
    await act(followup, order.id, 'followup', { reached: true, satisfaction: 3, result: 'rework', reworkReason: '灯仍亮' });
    await act(supervisor, order.id, 'dispatch', { technicianId: TECH2 });
    await act(tech2, order.id, 'start', {});
    await act(tech2, order.id, 'finish', { note: '更换传感器' });
    expect((await act(supervisor, order.id, 'settle', { free: true, note: '返工不另收费' })).status).toBe(200);
    await act(followup, order.id, 'followup', { reached: true, satisfaction: 5, result: 'close' });

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const stats = (await t.http().get('/api/work-order-stats').query({ from: today, to: today }).set(supervisor)).body.data;
    const wang = stats.find((s: { technicianId: number }) => s.technicianId === TECH);
    const liu = stats.find((s: { technicianId: number }) => s.technicianId === TECH2);
    expect(wang.visits.find((v: { orderId: number }) => v.orderId === order.id)).toMatchObject({ reworked: true, satisfaction: 3 });
    expect(liu.visits.find((v: { orderId: number }) => v.orderId === order.id)).toMatchObject({ reworked: false, satisfaction: 5 });
    expect(wang.finished).toBe(wang.visits.length);
    expect(wang.reworked).toBe(wang.visits.filter((v: { reworked: boolean }) => v.reworked).length);
    expect(wang.reworkRate).toBeCloseTo(wang.reworked / wang.finished, 3);
    expect(wang.partsRevenue).toBeGreaterThanOrEqual(2000);
    expect((await t.http().get('/api/work-order-stats').query({ from: today, to: today }).set(tech)).status).toBe(403);
    expect((await t.http().get('/api/work-order-stats').query({ from: today, to: '2000-01-01' }).set(supervisor)).status).toBe(400);

    const inv = await t
      .http()
      .post(`/api/work-orders/${order.id}/invoice`)
      .set(service)
      .send({ buyerTitle: customer.name, taxNumber: '91331126ma2a1b2c3d' });
    expect(inv.status).toBe(200);
    expect((await t.http().post(`/api/work-orders/${order.id}/invoice`).set(service).send({ buyerTitle: customer.name })).status).toBe(409);
    const list = (await t.http().get('/api/invoices').set(service)).body.data.items;
    const mine = list.find((i: { id: number }) => i.id === inv.body.data.id);
    expect(mine).toMatchObject({ workOrderNo: order.no, taxNumber: '91331126MA2A1B2C3D', status: 'requested', total: 2000 + 5000 });
    expect(mine.byRate).toEqual([
      { taxRate: 13, net: 1770, tax: 230, gross: 2000 },
      { taxRate: 6, net: 4717, tax: 283, gross: 5000 },
    ]);
    expect((await t.http().post(`/api/invoices/${mine.id}/issue`).set(service).send({ invoiceNo: '24332000000012345678' })).status).toBe(
      200,
    );
    expect((await t.http().post(`/api/invoices/${mine.id}/issue`).set(service).send({ invoiceNo: 'x' })).status).toBe(409);
  });

  it('refuses the forbidden steps', async () => {
    const order = await newOrder();
    expect((await act(supervisor, order.id, 'settle', { paymentMethod: 'cash' })).status).toBe(409);
    expect((await act(followup, order.id, 'followup', { reached: false, result: 'close' })).status).toBe(409);
    await act(supervisor, order.id, 'dispatch', { technicianId: TECH });
    // Another technician: not his order, so it does not exist for him.
    expect((await act(tech2, order.id, 'start', {})).status).toBe(404);
    expect((await t.http().get(`/api/work-orders/${order.id}`).set(tech2)).status).toBe(404);
    expect((await act(tech, order.id, 'settle', { paymentMethod: 'cash' })).status).toBe(403);
    expect((await act(tech, order.id, 'dispatch', { technicianId: TECH })).status).toBe(403);
    await act(tech, order.id, 'start', {});
    expect((await act(supervisor, order.id, 'settle', { paymentMethod: 'cash' })).body.message).toBe('工单处理中，不能工单结算');
    const price = await act(tech, order.id, 'parts', { partId: 1, qty: 1, unitPrice: 1 });
    expect(price.status).toBe(403);
    expect((await act(service, order.id, 'cancel', { note: '客户取消' })).status).toBe(409);
  });

  it('offers a requisition when the technician holds too few, and removing a line gives the part back', async () => {
    const order = await newOrder();
    await act(supervisor, order.id, 'dispatch', { technicianId: TECH });
    await act(tech, order.id, 'start', {});
    const partId = await hold(tech, TECH, 1);
    const tooMany = await act(tech, order.id, 'parts', { partId, qty: 2 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.message).toMatch(/^你手上只有 1 个「机油滤清器\d+」，不够用 2，请先领用$/);
    expect(tooMany.body.details.offerRequisition).toBe(true);
    const used = await act(tech, order.id, 'parts', { partId, qty: 1 });
    const line = used.body.data.parts.find((p: { partId: number }) => p.partId === partId);
    const removed = await t.http().delete(`/api/work-orders/${order.id}/parts/${line.id}`).set(tech);
    expect(removed.body.data.parts.find((p: { id: number }) => p.id === line.id).removed).toBe(true);
    const holdings = (await t.http().get('/api/holdings').set(tech)).body.data.items;
    expect(holdings.find((h: { partId: number }) => h.partId === partId).qty).toBe(1);
  });

  it('lets exactly one of two concurrent uses of the last unit through', async () => {
    const first = await newOrder();
    const second = await newOrder();
    for (const o of [first, second]) {
      await act(supervisor, o.id, 'dispatch', { technicianId: TECH });
      await act(tech, o.id, 'start', {});
    }
    const partId = await hold(tech, TECH, 1);
    const results = await Promise.all([
      act(tech, first.id, 'parts', { partId, qty: 1 }),
      act(tech, second.id, 'parts', { partId, qty: 1 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('quotes a part at the price the order records: the customer level price, else the sale price', async () => {
    const all = (await t.http().get('/api/customers').query({ pageSize: 200 }).set(service)).body.data.items;
    const levelled = all.find((c: { priceLevelName: string | null }) => c.priceLevelName === '会员');
    const plain = all.find((c: { priceLevelName: string | null }) => c.priceLevelName === null);
    const { priceLevelId } = (await t.http().get(`/api/customers/${levelled.id}`).set(service)).body.data;
    const partId = await hold(tech, TECH, 2);
    const tx = await t.app.getApplicationContext().getAsync(Tx);
    await tx.run((m) => m.insert(PartPrice, { partId, priceLevelId, price: 1750 }));
    const quote = (orderId: number, partId: unknown, auth = tech) =>
      t.http().get(`/api/work-orders/${orderId}/part-price`).query({ partId }).set(auth);

    const [vip, walkIn] = [
      await newOrder({ customerId: levelled.id, vehicleId: null }),
      await newOrder({ customerId: plain.id, vehicleId: null }),
    ];
    for (const o of [vip, walkIn]) {
      await act(supervisor, o.id, 'dispatch', { technicianId: TECH });
      await act(tech, o.id, 'start', {});
    }
    const vipQuote = await quote(vip.id, partId);
    expect(vipQuote.status).toBe(200);
    expect(vipQuote.body.data).toEqual({ partId, unitPrice: 1750, priceLevelName: '会员', taxRate: 13 });
    expect((await quote(walkIn.id, partId)).body.data).toEqual({ partId, unitPrice: 2000, priceLevelName: null, taxRate: 13 });

    for (const [o, q] of [
      [vip, vipQuote.body.data],
      [walkIn, (await quote(walkIn.id, partId)).body.data],
    ]) {
      const used = (await act(tech, o.id, 'parts', { partId, qty: 1 })).body.data;
      expect(used.parts.find((p: { partId: number }) => p.partId === partId).unitPrice).toBe(q.unitPrice);
    }

    expect((await quote(vip.id, partId, tech2)).status).toBe(404);
    expect((await quote(999999, partId)).status).toBe(404);
    expect((await quote(vip.id, 999999)).body).toMatchObject({ code: 'NOT_FOUND', message: '配件不存在' });
    expect((await quote(vip.id, 'abc')).body).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'partId', message: '配件应为数字' }] });
    const missing = await t.http().get(`/api/work-orders/${vip.id}/part-price`).set(tech);
    expect(missing.body).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'partId', message: '请选择配件' }] });
    expect((await quote(vip.id, partId, service)).status).toBe(403);
  });

  it('refuses bad input without changing anything', async () => {
    const bad = [
      { customerId: customer.id, contactName: '', contactPhone: '1', address: '', problem: '' },
      { customerId: 999999, contactName: '张', contactPhone: '13800000000', address: 'x', problem: 'y' },
      { customerId: customer.id, contactName: '张', contactPhone: '13800000000', address: 'x', problem: 'y', state: 'closed' },
      { customerId: customer.id, contactName: '张', contactPhone: '13800000000', address: 'x', problem: 'y'.repeat(10000) },
    ];
    const before = (await t.http().get('/api/work-orders').set(service)).body.data.total;
    for (const body of bad) {
      const res = await t.http().post('/api/work-orders').set(service).send(body);
      expect(res.status).toBe(400);
    }
    expect((await t.http().get('/api/work-orders').set(service)).body.data.total).toBe(before);
    expect((await t.http().post('/api/work-orders').set(tech).send(bad[1])).status).toBe(403);
  });
});
