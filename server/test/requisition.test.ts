import { createTestApp, DEMO, type TestApp } from './support/app';
import { stockKit } from './support/stock';
import { Tx } from '../src/common/tx';
import { StockBalance } from '../src/modules/stock/stock.entity';

/** Demo ids: warehouse 1 总仓 (keepers 5 陈美华, 9 季红), warehouse 2 城东服务站仓 (keeper 9); technicians 4 王建学, 7 刘志强. */
const WH = 1;
const KEEPER_A = 5;
const KEEPER_B = 9;
const TECH = 4;

describe('requisitions (领用单)', () => {
  let t: TestApp;
  let kit: ReturnType<typeof stockKit>;
  let tech: { Authorization: string };
  let tech2: { Authorization: string };
  let keeperA: { Authorization: string };
  let keeperB: { Authorization: string };
  let supervisor: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    kit = stockKit(t);
    [tech, tech2, keeperA, keeperB, supervisor] = await Promise.all([
      t.bearer(DEMO.technician),
      t.bearer(DEMO.technician2),
      t.bearer(DEMO.keeper),
      t.bearer('13800000009'),
      t.bearer(DEMO.supervisor),
    ]);
  });
  afterAll(() => t.close());
  afterEach(() => kit.assertBooksBalance());

  const body = (partId: number, qty: number, extra: object = {}) => ({
    employeeId: TECH,
    warehouseId: WH,
    approverIds: [KEEPER_A, KEEPER_B],
    lines: [{ partId, qty }],
    remark: '外三补货',
    ...extra,
  });
  const holding = async (partId: number, auth = tech) => {
    const res = await t.http().get('/api/holdings').set(auth);
    return res.body.data.items.find((h: { partId: number }) => h.partId === partId)?.qty ?? 0;
  };

  it('runs submit → approve → sign, numbering LY-YYYYMMDD-NNNN, and the parts become his holdings', async () => {
    const partId = await kit.part('博世机油滤清器');
    await kit.receive(partId, WH, 5);
    const created = await t.http().post('/api/requisitions').set(tech).send(body(partId, 2));
    expect(created.status).toBe(200);
    const doc = created.body.data;
    expect(doc.no).toMatch(/^LY-\d{8}-\d{4}$/);
    expect(doc).toMatchObject({
      status: 'pending',
      signStatus: 'unsigned',
      kind: '领取单',
      employeeName: '王建学',
      departmentName: '售后服务部',
      warehouseName: '总仓',
      remark: '外三补货',
    });
    expect(doc.lines[0]).toMatchObject({ qty: 2, available: 5 });

    const approved = await t.http().post(`/api/requisitions/${doc.id}/approve`).set(keeperB);
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ status: 'approved', decidedByName: '季红', signStatus: 'unsigned' });
    expect(await holding(partId)).toBe(0);

    const signed = await t.http().post(`/api/requisitions/${doc.id}/sign`).set(tech).send({});
    expect(signed.body.data.signStatus).toBe('signed');
    expect(await holding(partId)).toBe(2);
  });

  it('refuses a requisition asking for more than the warehouse holds, naming the part', async () => {
    const partId = await kit.part('NGK火花塞');
    await kit.receive(partId, WH, 3);
    const res = await t.http().post('/api/requisitions').set(tech).send(body(partId, 4));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INSUFFICIENT_STOCK');
    expect(res.body.message).toMatch(/NGK火花塞\d+」库存不足：可领 3，申请 4/);
    expect(res.body.issues[0].path).toBe('lines.0.qty');
  });

  it('checks stock again at approval, because stock moves in between', async () => {
    const partId = await kit.part('瓦尔塔蓄电池');
    await kit.receive(partId, WH, 2);
    const first = (await t.http().post('/api/requisitions').set(tech).send(body(partId, 2))).body.data;
    const second = (
      await t
        .http()
        .post('/api/requisitions')
        .set(tech2)
        .send(body(partId, 2, { employeeId: 7 }))
    ).body.data;
    expect((await t.http().post(`/api/requisitions/${first.id}/approve`).set(keeperA)).status).toBe(200);
    const late = await t.http().post(`/api/requisitions/${second.id}/approve`).set(keeperA);
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/库存不足：现有 0，需要 2，无法批准/);
    expect((await t.http().get(`/api/requisitions/${second.id}`).set(keeperA)).body.data.status).toBe('pending');
  });

  it('lets two keepers deciding at the same moment make one decision', async () => {
    const partId = await kit.part('雨刮片');
    await kit.receive(partId, WH, 10);
    const doc = (await t.http().post('/api/requisitions').set(tech).send(body(partId, 1))).body.data;
    const [a, b] = await Promise.all([
      t.http().post(`/api/requisitions/${doc.id}/approve`).set(keeperA),
      t.http().post(`/api/requisitions/${doc.id}/reject`).set(keeperB).send({ reason: '重复申请' }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.code).toBe('ALREADY_DECIDED');
    expect(loser.body.message).toMatch(/该领用单已由(陈美华|季红)处理/);
  });

  it('lets exactly 10 of 200 concurrent approvals through for the last 10 units, making one balance row where the part never was', async () => {
    const partId = await kit.part('机油 5W-30');
    await kit.receive(partId, WH, 10);
    const ids: number[] = [];
    for (let i = 0; i < 200; i++) ids.push((await t.http().post('/api/requisitions').set(tech).send(body(partId, 1))).body.data.id);
    // Nothing of this part has ever been issued: the 200 approvals race to create its first
    // "issued, not signed for" balance row as well as for the last 10 units.
    const results = await Promise.all(
      ids.map((id, i) =>
        t
          .http()
          .post(`/api/requisitions/${id}/approve`)
          .set(i % 2 ? keeperA : keeperB),
      ),
    );
    const codes = results.map((r) => r.status);
    expect(codes.filter((c) => c === 200)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(190);
    expect(codes.some((c) => c >= 500)).toBe(false);
    expect(results.find((r) => r.status === 409)!.body.message).toMatch(/库存不足：现有 0，需要 1，无法批准/);
    const stock = await t.http().get('/api/stock').query({ keyword: '机油 5W-30' }).set(keeperA);
    const row = stock.body.data.items.find((s: { partId: number }) => s.partId === partId);
    expect(row.warehouses.find((w: { warehouseId: number }) => w.warehouseId === WH).qty).toBe(0);
    expect(row.held).toBe(10);
    const tx = await t.app.getApplicationContext().getAsync(Tx);
    const rows = await tx.dataSource.getRepository(StockBalance).find({ where: { partId } });
    expect(rows).toHaveLength(3); // supplier, 总仓, issued-not-signed: one each
  });

  it("copies with one click: same employee, warehouse, approvers and lines, capped at today's stock", async () => {
    const a = await kit.part('空气滤清器');
    const b = await kit.part('空调滤清器');
    await kit.receive(a, WH, 5);
    await kit.receive(b, WH, 5);
    const doc = (
      await t
        .http()
        .post('/api/requisitions')
        .set(keeperA)
        .send({
          ...body(a, 4),
          lines: [
            { partId: a, qty: 4 },
            { partId: b, qty: 2 },
          ],
          handlerId: KEEPER_A,
        })
    ).body.data;
    // keeper A wrote it, so keeper B approves (不能审批自己的单据)
    await t.http().post(`/api/requisitions/${doc.id}/approve`).set(keeperB);
    const copy = await t.http().post(`/api/requisitions/${doc.id}/copy`).set(keeperA);
    expect(copy.status).toBe(200);
    const c = copy.body.data;
    expect(c).toMatchObject({ status: 'draft', employeeId: TECH, warehouseId: WH, handlerId: KEEPER_A, copiedFromNo: doc.no });
    expect(c.no).not.toBe(doc.no);
    expect(c.approvers.map((x: { id: number }) => x.id)).toEqual([KEEPER_A, KEEPER_B]);
    expect(c.lines.map((l: any) => [l.partId, l.qty, l.cappedFrom, l.available])).toEqual([
      [a, 1, 4, 1],
      [b, 2, null, 3],
    ]);
    const submitted = await t
      .http()
      .put(`/api/requisitions/${c.id}`)
      .set(keeperA)
      .send({ ...body(a, 1), lines: c.lines.map((l: any) => ({ partId: l.partId, qty: l.qty })), handlerId: KEEPER_A });
    expect(submitted.body.data.status).toBe('pending');
  });

  it('sends a disputed quantity back to the warehouse with the reason on sign-for', async () => {
    const partId = await kit.part('前刹车片');
    await kit.receive(partId, WH, 4);
    const doc = (await t.http().post('/api/requisitions').set(tech).send(body(partId, 4))).body.data;
    await t.http().post(`/api/requisitions/${doc.id}/approve`).set(keeperA);
    const signed = await t
      .http()
      .post(`/api/requisitions/${doc.id}/sign`)
      .set(tech)
      .send({ disputes: [{ lineId: doc.lines[0].id, qty: 1, reason: '包装破损' }] });
    expect(signed.body.data.signStatus).toBe('disputed');
    expect(signed.body.data.lines[0]).toMatchObject({ disputedQty: 1, disputeReason: '包装破损' });
    expect(await holding(partId)).toBe(3);
    const again = await t.http().post(`/api/requisitions/${doc.id}/sign`).set(tech).send({});
    expect(again.status).toBe(409);
  });

  it('keeps technicians to their own documents and lets only listed keepers decide', async () => {
    const partId = await kit.part('刹车油');
    await kit.receive(partId, WH, 3);
    const doc = (await t.http().post('/api/requisitions').set(tech).send(body(partId, 1))).body.data;
    expect((await t.http().get(`/api/requisitions/${doc.id}`).set(tech2)).status).toBe(404);
    const list = await t.http().get('/api/requisitions').set(tech2);
    expect(list.body.data.items.some((r: { id: number }) => r.id === doc.id)).toBe(false);
    expect((await t.http().post(`/api/requisitions/${doc.id}/approve`).set(tech)).status).toBe(403);
    expect((await t.http().post(`/api/requisitions/${doc.id}/approve`).set(supervisor)).status).toBe(403);
    expect((await t.http().post(`/api/requisitions/${doc.id}/sign`).set(tech2).send({})).status).toBe(404);
    const forOther = await t
      .http()
      .post('/api/requisitions')
      .set(tech)
      .send(body(partId, 1, { employeeId: 7 }));
    expect(forOther.status).toBe(400);
    expect(forOther.body.message).toBe('只能为自己领用配件');
    const onlyKeeperB = (
      await t
        .http()
        .post('/api/requisitions')
        .set(tech)
        .send(body(partId, 1, { approverIds: [KEEPER_B] }))
    ).body.data;
    expect((await t.http().post(`/api/requisitions/${onlyKeeperB.id}/approve`).set(keeperA)).status).toBe(403);
  });

  it('refuses approvers who are not keepers of that warehouse, unknown fields and bad quantities', async () => {
    const partId = await kit.part('皮带');
    await kit.receive(partId, WH, 3);
    const notKeeper = await t
      .http()
      .post('/api/requisitions')
      .set(tech)
      .send(body(partId, 1, { approverIds: [TECH] }));
    expect(notKeeper.status).toBe(400);
    expect(notKeeper.body.message).toBe('审批人应为「总仓」在职的库管');
    const wrongWarehouse = await t
      .http()
      .post('/api/requisitions')
      .set(tech)
      .send(body(partId, 1, { warehouseId: 2, approverIds: [KEEPER_A] }));
    expect(wrongWarehouse.status).toBe(400);
    for (const bad of [
      { ...body(partId, 1), status: 'approved' },
      { ...body(partId, -1) },
      { ...body(partId, 1.5) },
      { ...body(partId, 1), remark: '备'.repeat(501) },
      { ...body(partId, 1), lines: [] },
      { ...body(999999, 1) },
      { ...body(partId, 1), lines: [{ partId, qty: 1, price: 1 }] },
    ]) {
      const res = await t.http().post('/api/requisitions').set(tech).send(bad);
      expect(res.status).toBe(400);
      expect(res.body.ok).toBe(false);
    }
    const list = await t.http().get('/api/requisitions').query({ keyword: '', pageSize: 200 }).set(keeperA);
    expect(list.body.data.items.filter((r: any) => r.lineCount === 0)).toHaveLength(0);
  });

  it('makes one document for 20 identical requests sent at once with one Idempotency-Key', async () => {
    const partId = await kit.part('防冻液');
    await kit.receive(partId, WH, 50);
    const before = (await t.http().get('/api/requisitions').set(keeperA)).body.data.total;
    const key = `req-${Date.now()}-abc`;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.http().post('/api/requisitions').set(tech).set('Idempotency-Key', key).send(body(partId, 2))),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.data.no)).size).toBe(1);
    expect((await t.http().get('/api/requisitions').set(keeperA)).body.data.total).toBe(before + 1);
    const reused = await t.http().post('/api/requisitions').set(tech).set('Idempotency-Key', key).send(body(partId, 3));
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('freezes a warehouse being counted: no approval until the stock-take ends', async () => {
    const partId = await kit.part('变速箱油');
    await kit.receive(partId, WH, 2);
    const doc = (await t.http().post('/api/requisitions').set(tech).send(body(partId, 1))).body.data;
    const count = await t.http().post('/api/stocktakes').set(keeperA).send({ warehouseId: WH, blind: false });
    expect(count.status).toBe(200);
    const blocked = await t.http().post(`/api/requisitions/${doc.id}/approve`).set(keeperA);
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toMatch(/^「总仓」正在盘点（PD-\d{8}-\d{4}），盘点结束前不能出入库$/);
    expect((await t.http().post(`/api/stocktakes/${count.body.data.id}/cancel`).set(keeperA)).status).toBe(200);
    expect((await t.http().post(`/api/requisitions/${doc.id}/approve`).set(keeperA)).status).toBe(200);
  });

  it('lists as the seed does, with filters and 30 per page', async () => {
    const res = await t.http().get('/api/requisitions').query({ status: 'approved', warehouseId: WH }).set(keeperA);
    expect(res.status).toBe(200);
    expect(res.body.data.pageSize).toBe(30);
    for (const r of res.body.data.items) {
      expect(r).toMatchObject({ status: 'approved', warehouseId: WH, kind: '领取单' });
      expect(r).toHaveProperty('createdByName');
      expect(r).toHaveProperty('handlerName');
    }
    const mine = await t.http().get('/api/requisitions').query({ mine: 'approve' }).set(keeperB);
    expect(mine.body.data.items.every((r: any) => r.status === 'pending' && r.approvers.some((a: any) => a.id === KEEPER_B))).toBe(true);
  });
});
