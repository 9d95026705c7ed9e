import { Tx } from '../src/common/tx';
import { backfillVisits, WorkOrderVisits1733271000000 } from '../src/migration/1733271000000-WorkOrderVisits';
import { Part } from '../src/modules/part/part.entity';
import { WorkOrder, WorkOrderVisit } from '../src/modules/work-order/work-order.entity';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { stockKit } from './support/stock';

type Auth = { Authorization: string };
const WH = 1;
const TECH = 4;
const TECH2 = 7;

interface Visit {
  seq: number;
  label: string;
  technicianName: string | null;
  dispatchedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  summary: string;
  reworkReason: string;
  parts: { partName: string; qty: number }[];
  labour: { name: string; qty: number }[];
}

/**
 * 上门记录: each visit of an order is a record of its own (technician, times, result, parts and
 * labour), so a rework shows what the earlier visit did and 一车一档 shows every visit's result.
 */
describe('work-order visits (上门记录)', () => {
  let t: TestApp;
  let kit: ReturnType<typeof stockKit>;
  let tx: Tx;
  let service: Auth, supervisor: Auth, tech: Auth, tech2: Auth, followup: Auth, keeper: Auth;
  let customer: { id: number; contacts: { name: string; phone: string }[]; vehicles: { id: number }[] };

  beforeAll(async () => {
    t = await createTestApp();
    kit = stockKit(t);
    tx = await t.app.getApplicationContext().getAsync(Tx);
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

  /** A new part named `name`, one of it in the technician's hands. */
  async function hold(auth: Auth, employeeId: number, name: string): Promise<number> {
    const partId = await kit.part('刹车片');
    await tx.run((m) => m.update(Part, { id: partId }, { name, salePrice: 2000 }));
    await kit.receive(partId, WH, 1);
    const r = (
      await t
        .http()
        .post('/api/requisitions')
        .set(auth)
        .send({ employeeId, warehouseId: WH, approverIds: [5], lines: [{ partId, qty: 1 }] })
    ).body.data;
    expect((await t.http().post(`/api/requisitions/${r.id}/approve`).set(keeper)).status).toBe(200);
    expect((await t.http().post(`/api/requisitions/${r.id}/sign`).set(auth).send({})).status).toBe(200);
    return partId;
  }

  const act = (auth: Auth, id: number, action: string, body: object = {}) =>
    t.http().post(`/api/work-orders/${id}/${action}`).set(auth).send(body);

  async function newOrder(): Promise<number> {
    const res = await t.http().post('/api/work-orders').set(service).send({
      customerId: customer.id,
      vehicleId: customer.vehicles[0].id,
      contactName: customer.contacts[0].name,
      contactPhone: customer.contacts[0].phone,
      address: '庆元县松源街道',
      problem: '刹车异响',
    });
    expect(res.status).toBe(200);
    return res.body.data.id;
  }

  async function visit(id: number, auth: Auth, techId: number, partId: number, labour: string, note: string) {
    expect((await act(supervisor, id, 'dispatch', { technicianId: techId })).status).toBe(200);
    expect((await act(auth, id, 'start')).status).toBe(200);
    expect((await act(auth, id, 'parts', { partId, qty: 1 })).status).toBe(200);
    expect((await act(auth, id, 'labour', { name: labour, unitPrice: 5000, taxRate: 6 })).status).toBe(200);
    expect((await act(auth, id, 'finish', { note })).status).toBe(200);
    expect((await act(supervisor, id, 'settle', { paymentMethod: 'cash' })).status).toBe(200);
  }

  /** Two visits by two technicians: the first sent back for rework, the second closed. */
  async function reworkedOrder() {
    const id = await newOrder();
    const [pads, disc] = [await hold(tech, TECH, '前刹车片'), await hold(tech2, TECH2, '前刹车盘')];
    await visit(id, tech, TECH, pads, '更换刹车片', '更换前刹车片，试车无异响');
    const back = await act(followup, id, 'followup', { reached: true, satisfaction: 2, result: 'rework', reworkReason: '刹车仍有异响' });
    expect(back.status).toBe(200);
    // Dispatched for the rework, the page the technician opens shows the earlier visit.
    expect((await act(supervisor, id, 'dispatch', { technicianId: TECH2 })).status).toBe(200);
    const page = (await t.http().get(`/api/work-orders/${id}`).set(tech2)).body.data;
    expect(page.visits.map((v: Visit) => [v.seq, v.label, v.technicianName, v.summary, v.reworkReason, v.finishedAt === null])).toEqual([
      [0, '第1次', '王建学', '更换前刹车片，试车无异响', '刹车仍有异响', false],
      [1, '返工第1次', '刘志强', '', '', true],
    ]);
    expect(page.visits[0].parts.map((p: Visit['parts'][0]) => p.partName)).toEqual(['前刹车片']);
    expect(page.visits[0].labour.map((l: Visit['labour'][0]) => l.name)).toEqual(['更换刹车片']);
    expect(page.visits[1].parts).toEqual([]);
    expect((await act(tech2, id, 'start')).status).toBe(200);
    expect((await act(tech2, id, 'parts', { partId: disc, qty: 1 })).status).toBe(200);
    expect((await act(tech2, id, 'labour', { name: '更换刹车盘', unitPrice: 8000, taxRate: 6 })).status).toBe(200);
    expect((await act(tech2, id, 'finish', { note: '刹车盘磨损，已更换' })).status).toBe(200);
    expect((await act(supervisor, id, 'settle', { paymentMethod: 'cash' })).status).toBe(200);
    expect((await act(followup, id, 'followup', { reached: true, satisfaction: 5, result: 'close' })).status).toBe(200);
    return id;
  }

  it('keeps each visit of a rework with its technician, result, parts and labour', async () => {
    const id = await reworkedOrder();
    const doc = (await t.http().get(`/api/work-orders/${id}`).set(supervisor)).body.data;
    expect(
      doc.visits.map((v: Visit) => ({
        seq: v.seq,
        technician: v.technicianName,
        summary: v.summary,
        reworkReason: v.reworkReason,
        parts: v.parts.map((p) => `${p.partName}×${p.qty}`),
        labour: v.labour.map((l) => l.name),
      })),
    ).toEqual([
      {
        seq: 0,
        technician: '王建学',
        summary: '更换前刹车片，试车无异响',
        reworkReason: '刹车仍有异响',
        parts: ['前刹车片×1'],
        labour: ['更换刹车片'],
      },
      { seq: 1, technician: '刘志强', summary: '刹车盘磨损，已更换', reworkReason: '', parts: ['前刹车盘×1'], labour: ['更换刹车盘'] },
    ]);
    for (const v of doc.visits as Visit[]) {
      expect(v.dispatchedAt && v.startedAt && v.finishedAt).toBeTruthy();
      expect(v.dispatchedAt! <= v.startedAt! && v.startedAt! <= v.finishedAt!).toBe(true);
    }
    // The first visit keeps the follow-up that sent it back.
    const rows = await tx.dataSource.manager.find(WorkOrderVisit, { where: { workOrderId: id }, order: { seq: 'ASC' } });
    const [call] = await tx.dataSource.manager.query("SELECT id FROM work_order_followup WHERE workOrderId = ? AND result = 'rework'", [
      id,
    ]);
    expect(rows.map((r) => r.reworkFollowupId)).toEqual([call.id, null]);
    // The visit numbers are the settlements' numbers.
    expect(doc.settlements.map((s: { visit: number }) => s.visit)).toEqual([0, 1]);

    // 一车一档: both visits of the order with their own results, not only the last summary.
    const history = (await t.http().get(`/api/vehicle-history/${customer.vehicles[0].id}`).set(service)).body.data;
    const row = history.find((h: { id: number }) => h.id === id);
    expect(row.visits.map((v: Visit) => [v.label, v.technicianName, v.summary, v.parts.map((p) => p.partName)])).toEqual([
      ['第1次', '王建学', '更换前刹车片，试车无异响', ['前刹车片']],
      ['返工第1次', '刘志强', '刹车盘磨损，已更换', ['前刹车盘']],
    ]);
    expect(row.parts.map((p: { partName: string }) => p.partName)).toEqual(['前刹车片', '前刹车盘']);
  });

  it('changes the technician of the visit on 改派, and a cancelled order keeps the visit it had', async () => {
    const id = await newOrder();
    expect((await act(supervisor, id, 'dispatch', { technicianId: TECH })).status).toBe(200);
    expect((await act(supervisor, id, 'reassign', { technicianId: TECH2, note: '王建学请假' })).status).toBe(200);
    expect((await act(supervisor, id, 'cancel', { note: '客户已自行修好' })).status).toBe(200);
    const doc = (await t.http().get(`/api/work-orders/${id}`).set(supervisor)).body.data;
    expect(doc.state).toBe('cancelled');
    expect(doc.visits.map((v: Visit) => [v.seq, v.technicianName, v.startedAt])).toEqual([[0, '刘志强', null]]);
  });

  it('still shows the parts and labour of a visit that has no record (an old order the backfill could not rebuild)', async () => {
    const id = await reworkedOrder();
    await tx.run((m) => m.query('DELETE FROM work_order_visit WHERE workOrderId = ? AND seq = 0', [id]));
    const doc = (await t.http().get(`/api/work-orders/${id}`).set(supervisor)).body.data;
    expect(doc.visits.map((v: Visit) => [v.seq, v.technicianName, v.parts.map((p) => p.partName), v.labour.map((l) => l.name)])).toEqual([
      [0, null, ['前刹车片'], ['更换刹车片']],
      [1, '刘志强', ['前刹车盘'], ['更换刹车盘']],
    ]);
    const history = (await t.http().get(`/api/vehicle-history/${customer.vehicles[0].id}`).set(service)).body.data;
    const row = history.find((h: { id: number }) => h.id === id);
    expect(row.parts.map((p: { partName: string }) => p.partName)).toEqual(['前刹车片', '前刹车盘']);
  });

  it('rebuilds the visits of orders from before from their timeline (migration)', async () => {
    const id = await reworkedOrder();
    const pending = await newOrder();
    const dispatched = await newOrder();
    expect((await act(supervisor, dispatched, 'dispatch', { technicianId: TECH })).status).toBe(200);
    const before = (await t.http().get(`/api/work-orders/${id}`).set(supervisor)).body.data;
    const stored = async () =>
      (await tx.dataSource.manager.find(WorkOrderVisit, { where: { workOrderId: id }, order: { seq: 'ASC' } })).map(
        ({ id: _id, ...v }) => v,
      );
    const rowsBefore = await stored();

    // As the old code left them: no visits, every line on visit 0; one order's dispatch not even on its timeline.
    await tx.run(async (m) => {
      await m.query('DELETE FROM work_order_visit WHERE workOrderId IN (?, ?, ?)', [id, pending, dispatched]);
      await m.query("DELETE FROM work_order_event WHERE workOrderId = ? AND action = 'dispatch'", [dispatched]);
      for (const table of ['work_order_part', 'work_order_labour'])
        await m.query(`UPDATE ${table} SET visit = 0 WHERE workOrderId = ?`, [id]);
    });
    const qr = tx.dataSource.createQueryRunner();
    try {
      await backfillVisits(qr);
      await backfillVisits(qr);
    } finally {
      await qr.release();
    }

    const after = (await t.http().get(`/api/work-orders/${id}`).set(supervisor)).body.data;
    expect(after.visits).toEqual(before.visits);
    expect(await stored()).toEqual(rowsBefore);

    // The whole migration, down and up again over this database: the same visits come back.
    const migration = new WorkOrderVisits1733271000000();
    const runner = tx.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      await migration.up(runner);
      await runner.commitTransaction();
    } catch (e) {
      await runner.rollbackTransaction();
      throw e;
    } finally {
      await runner.release();
    }
    expect((await t.http().get(`/api/work-orders/${id}`).set(supervisor)).body.data.visits).toEqual(before.visits);
    const rows = await tx.dataSource.manager.find(WorkOrderVisit, { where: [{ workOrderId: pending }, { workOrderId: dispatched }] });
    // Its one visit from the order's own columns.
    const order = await tx.dataSource.manager.findOneByOrFail(WorkOrder, { id: dispatched });
    expect(rows.map((v) => [v.workOrderId, v.seq, v.technicianId, v.dispatchedAt?.getTime()])).toEqual([
      [dispatched, 0, TECH, order.dispatchedAt!.getTime()],
    ]);
  });
});
