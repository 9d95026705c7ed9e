import { createTestApp, DEMO, type TestApp } from './support/app';
import { stockKit } from './support/stock';

const WH = 1;
const KEEPER_A = 5;
const KEEPER_B = 9;
const TECH = 4;

describe('returns of unused parts (配件调回单 / 退还)', () => {
  let t: TestApp;
  let kit: ReturnType<typeof stockKit>;
  let tech: { Authorization: string };
  let tech2: { Authorization: string };
  let keeper: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    kit = stockKit(t);
    [tech, tech2, keeper] = await Promise.all([t.bearer(DEMO.technician), t.bearer(DEMO.technician2), t.bearer(DEMO.keeper)]);
  });
  afterAll(() => t.close());
  afterEach(() => kit.assertBooksBalance());

  /** Requisition approved and signed for: the technician holds `qty` of a new part. */
  async function hold(name: string, qty: number, auth = tech, employeeId = TECH): Promise<number> {
    const partId = await kit.part(name);
    await kit.receive(partId, WH, qty);
    const doc = (
      await t
        .http()
        .post('/api/requisitions')
        .set(auth)
        .send({ employeeId, warehouseId: WH, approverIds: [KEEPER_A, KEEPER_B], lines: [{ partId, qty }] })
    ).body.data;
    expect((await t.http().post(`/api/requisitions/${doc.id}/approve`).set(keeper)).status).toBe(200);
    expect((await t.http().post(`/api/requisitions/${doc.id}/sign`).set(auth).send({})).status).toBe(200);
    return partId;
  }

  const holdings = async (auth = tech) => (await t.http().get('/api/holdings').set(auth)).body.data;

  it('lists what the employee holds with the remaining quantity in one call', async () => {
    const a = await hold('曼牌机滤', 3);
    const b = await hold('米其林轮胎', 2);
    const res = await t.http().get('/api/returns/prefill').query({ employeeId: TECH }).set(keeper);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      employeeId: TECH,
      employeeName: '王建学',
      departmentName: '售后服务部',
      warehouseId: WH,
      approverIds: [KEEPER_A, KEEPER_B],
    });
    const lines = res.body.data.lines.filter((l: any) => [a, b].includes(l.partId));
    expect(lines.map((l: any) => l.heldQty).sort()).toEqual([2, 3]);
  });

  it('returns counted parts to the warehouse and writes off a damaged one with its reason', async () => {
    const partId = await hold('博世雨刮', 4);
    const doc = (
      await t
        .http()
        .post('/api/returns')
        .set(tech)
        .send({
          employeeId: TECH,
          warehouseId: WH,
          approverIds: [KEEPER_A],
          lines: [{ partId, qty: 3, problemQty: 1, problemReason: '损坏' }],
          remark: '外三剩余',
        })
    ).body.data;
    expect(doc.no).toMatch(/^TH-\d{8}-\d{4}$/);
    expect(doc.lines[0]).toMatchObject({ heldQty: 4, qty: 3, problemQty: 1, problemReason: '损坏' });
    const approved = await t.http().post(`/api/returns/${doc.id}/approve`).set(keeper).send({});
    expect(approved.status).toBe(200);
    expect((await holdings()).items.find((h: any) => h.partId === partId)).toBeUndefined();
    const history = await t.http().get(`/api/holdings/${partId}/history`).set(tech);
    expect(history.body.data.map((h: any) => [h.qty, h.to, h.reason])).toEqual(
      expect.arrayContaining([
        [-1, '报损', '损坏'],
        [-3, '总仓', ''],
        [4, '王建学', ''],
      ]),
    );
  });

  it('lets the keeper correct the counts at approval', async () => {
    const partId = await hold('火花塞', 4);
    const doc = (
      await t
        .http()
        .post('/api/returns')
        .set(tech)
        .send({ employeeId: TECH, warehouseId: WH, approverIds: [KEEPER_A], lines: [{ partId, qty: 4 }] })
    ).body.data;
    const noReason = await t
      .http()
      .post(`/api/returns/${doc.id}/approve`)
      .set(keeper)
      .send({ counts: [{ lineId: doc.lines[0].id, qty: 3, problemQty: 1 }] });
    expect(noReason.status).toBe(400);
    const ok = await t
      .http()
      .post(`/api/returns/${doc.id}/approve`)
      .set(keeper)
      .send({ counts: [{ lineId: doc.lines[0].id, qty: 3, problemQty: 1, problemReason: '丢失' }] });
    // 1 written off where he declared none: it waits for him, beside what he declared
    expect(ok.body.data).toMatchObject({ status: 'variance', decidedByName: '陈美华' });
    expect(ok.body.data.lines[0]).toMatchObject({ qty: 3, problemQty: 1, problemReason: '丢失', declaredQty: 4, declaredProblemQty: 0 });
    const confirmed = await t.http().post(`/api/returns/${doc.id}/variance/confirm`).set(tech).send({ countsVersion: 1 });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data).toMatchObject({ status: 'approved', confirmedByName: '王建学' });
    expect((await holdings()).items.find((h: any) => h.partId === partId)).toBeUndefined();
  });

  it('posts a count within the declaration at once, keeping what was declared beside it', async () => {
    const partId = await hold('刹车片', 3);
    const doc = (
      await t
        .http()
        .post('/api/returns')
        .set(tech)
        .send({
          employeeId: TECH,
          warehouseId: WH,
          approverIds: [KEEPER_A],
          lines: [{ partId, qty: 1, problemQty: 2, problemReason: '损坏' }],
        })
    ).body.data;
    // the keeper finds one of the two "damaged" parts fine: less written off than declared
    const ok = await t
      .http()
      .post(`/api/returns/${doc.id}/approve`)
      .set(keeper)
      .send({ counts: [{ lineId: doc.lines[0].id, qty: 2, problemQty: 1, problemReason: '损坏' }] });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ status: 'approved', confirmedById: null });
    expect(ok.body.data.lines[0]).toMatchObject({
      qty: 2,
      problemQty: 1,
      declaredQty: 1,
      declaredProblemQty: 2,
      declaredProblemReason: '损坏',
    });
    expect((await holdings()).items.find((h: any) => h.partId === partId)).toBeUndefined();
  });

  it("returns today's leftovers in one request, then holdings are zero once approved", async () => {
    await hold('空调滤芯', 2);
    await hold('刹车盘', 1);
    const res = await t.http().post('/api/returns/leftovers').set(tech).send({});
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'pending', remark: '每日剩余配件入库', warehouseId: WH });
    await t.http().post(`/api/returns/${res.body.data.id}/approve`).set(keeper).send({});
    expect((await holdings()).total).toBe(0);
    const again = await t.http().post('/api/returns/leftovers').set(tech).send({});
    expect(again.status).toBe(400);
    expect(again.body.message).toBe('王建学手上没有配件，无需退还');
  });

  it('refuses a second return of parts a pending return already sends back', async () => {
    const partId = await hold('轮毂盖', 2);
    const first = await t.http().post('/api/returns/leftovers').set(tech).send({});
    expect(first.status).toBe(200);
    const again = await t
      .http()
      .post('/api/returns')
      .set(tech)
      .send({ employeeId: TECH, warehouseId: WH, approverIds: [KEEPER_A], lines: [{ partId, qty: 1 }] });
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/已有 2 在待审批的调回单中/);
    await t.http().post(`/api/returns/${first.body.data.id}/approve`).set(keeper).send({});
  });

  it('shows the admin a clean reconciliation report inside the usual envelope', async () => {
    const admin = await t.bearer(DEMO.admin);
    const res = await t.http().get('/api/stock/reconciliation').set(admin);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.data).toMatchObject({ ok: true, mismatches: [], negatives: [], unexplained: [] });
    expect(res.body.data.moves).toBeGreaterThan(0);
    expect((await t.http().get('/api/stock/reconciliation').set(keeper)).status).toBe(403);
  });

  it("refuses to return more than is held, and another technician's holdings", async () => {
    const partId = await hold('蓄电池', 1);
    const tooMany = await t
      .http()
      .post('/api/returns')
      .set(tech)
      .send({ employeeId: TECH, warehouseId: WH, approverIds: [KEEPER_A], lines: [{ partId, qty: 2 }] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toMatch(/王建学只持有 1/);
    const forOther = await t
      .http()
      .post('/api/returns')
      .set(tech2)
      .send({ employeeId: TECH, warehouseId: WH, approverIds: [KEEPER_A], lines: [{ partId, qty: 1 }] });
    expect(forOther.status).toBe(400);
    expect((await t.http().get('/api/holdings').query({ employeeId: TECH }).set(tech2)).status).toBe(404);
    expect((await t.http().get('/api/returns/prefill').query({ employeeId: TECH }).set(tech2)).status).toBe(404);
    expect((await t.http().get('/api/holdings').query({ employeeId: TECH }).set(keeper)).status).toBe(200);
    const pending = (
      await t
        .http()
        .post('/api/returns')
        .set(tech)
        .send({ employeeId: TECH, warehouseId: WH, approverIds: [KEEPER_A], lines: [{ partId, qty: 1 }] })
    ).body.data;
    expect((await t.http().post(`/api/returns/${pending.id}/approve`).set(tech).send({})).status).toBe(403);
    await t.http().post(`/api/returns/${pending.id}/reject`).set(keeper).send({ reason: '数量不对，重新清点' });
    expect((await t.http().post(`/api/returns/${pending.id}/approve`).set(keeper).send({})).status).toBe(409);
  });
});
