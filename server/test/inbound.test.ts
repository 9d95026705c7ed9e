import { Tx } from '../src/common/tx';
import { AuditLog } from '../src/modules/audit/audit.entity';
import { Inbound, InboundLine } from '../src/modules/inbound/inbound.entity';
import { Warehouse } from '../src/modules/org/org.entity';
import { Part } from '../src/modules/part/part.entity';
import { Reconciliation } from '../src/modules/stock/reconciliation.service';
import { StockBalance, StockMove } from '../src/modules/stock/stock.entity';
import { StockLedger } from '../src/modules/stock/stock-ledger.service';
import { createTestApp, DEMO, type TestApp } from './support/app';

const KEEPER_JI = '13800000009'; // 季红: keeper of 总仓 and 城东服务站仓

describe('入库单 inbound', () => {
  let t: TestApp;
  let tx: Tx;
  let ledger: StockLedger;
  let reconciliation: Reconciliation;
  let admin: { Authorization: string };
  let keeper: { Authorization: string }; // 陈美华: keeper of 总仓 only
  let keeper2: { Authorization: string };
  let tech: { Authorization: string };
  let supervisor: { Authorization: string };
  let main: number; // 总仓
  let east: number; // 城东服务站仓
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const c = t.app.getApplicationContext();
    tx = await c.getAsync(Tx);
    ledger = await c.getAsync(StockLedger);
    reconciliation = await c.getAsync(Reconciliation);
    [admin, keeper, keeper2, tech, supervisor] = await Promise.all([
      t.bearer(DEMO.admin),
      t.bearer(DEMO.keeper),
      t.bearer(KEEPER_JI),
      t.bearer(DEMO.technician),
      t.bearer(DEMO.supervisor),
    ]);
    const ws = await tx.dataSource.getRepository(Warehouse).find();
    main = ws.find((w) => w.name === '总仓')!.id;
    east = ws.find((w) => w.name === '城东服务站仓')!.id;
  });
  afterAll(() => t.close());

  afterEach(async () => {
    const report = await reconciliation.run();
    expect(report.mismatches).toEqual([]);
    expect(report.negatives).toEqual([]);
    expect(report.unexplained).toEqual([]);
  });

  async function newPart(fields: Partial<Part> = {}): Promise<number> {
    const n = ++seq; // taken before the queued write runs: parts created together get distinct codes
    const now = new Date();
    return tx.run(async (m) => {
      const r = await m.insert(Part, {
        code: `IN-${n}-${Date.now()}`,
        name: `入库测试件${n}`,
        spec: '5W-30 4L',
        unit: '桶',
        category: '油品',
        costPrice: 100,
        salePrice: 200,
        taxRate: 13,
        createdAt: now,
        updatedAt: now,
        ...fields,
      });
      return r.identifiers[0].id as number;
    });
  }

  async function qtyIn(partId: number, warehouseId: number): Promise<number> {
    const loc = await ledger.locationOf('warehouse', warehouseId, 'x');
    const b = await tx.dataSource.getRepository(StockBalance).findOneBy({ partId, locationId: loc });
    return b?.qty ?? 0;
  }

  async function draft(auth: { Authorization: string }, warehouseId: number, lines: { partId: number; qty: number; unitCost: number }[]) {
    const res = await t.http().post('/api/inbounds').set(auth).send({ warehouseId, supplier: '丽水汽配城', remark: '月度补货', lines });
    expect(res.status).toBe(200);
    return res.body.data;
  }

  async function snapshot() {
    const ds = tx.dataSource;
    return {
      docs: await ds.getRepository(Inbound).count(),
      lines: await ds.getRepository(InboundLine).count(),
      moves: await ds.getRepository(StockMove).count(),
      drafts: await ds.getRepository(Inbound).countBy({ status: 'draft' }),
    };
  }

  it('creates a draft without touching stock, edits it, confirms it into the warehouse at cost', async () => {
    const a = await newPart();
    const b = await newPart();
    const doc = await draft(keeper, main, [
      { partId: a, qty: 3, unitCost: 4550 },
      { partId: b, qty: 2, unitCost: 1999 },
    ]);
    expect(doc.no).toMatch(/^RK-\d{8}-\d{4}$/);
    expect(doc).toMatchObject({
      status: 'draft',
      warehouseName: '总仓',
      supplier: '丽水汽配城',
      createdByName: '陈美华',
      totalQty: 5,
      total: 3 * 4550 + 2 * 1999,
    });
    expect(doc.lines[0]).toMatchObject({ lineNo: 1, partId: a, partSpec: '5W-30 4L', unit: '桶', qty: 3, unitCost: 4550, amount: 13650 });
    expect(await qtyIn(a, main)).toBe(0);

    const edited = await t
      .http()
      .put(`/api/inbounds/${doc.id}`)
      .set(keeper)
      .send({ warehouseId: main, supplier: '丽水汽配城', remark: '', lines: [{ partId: a, qty: 4, unitCost: 4500 }] });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ no: doc.no, totalQty: 4, total: 18000, lines: [{ partId: a, qty: 4, amount: 18000 }] });

    const ok = await t.http().post(`/api/inbounds/${doc.id}/confirm`).set(keeper).send({});
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ status: 'confirmed', decidedByName: '陈美华' });
    expect(await qtyIn(a, main)).toBe(4);
    expect(await qtyIn(b, main)).toBe(0);
    const moves = await tx.dataSource.getRepository(StockMove).findBy({ docType: 'inbound', docId: doc.id });
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ partId: a, qty: 4, unitCost: 4500, docNo: doc.no, docLine: 1 });

    const again = await t.http().post(`/api/inbounds/${doc.id}/confirm`).set(keeper).send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_DECIDED');
    expect(again.body.message).toContain('已入库');
    expect(
      (
        await t
          .http()
          .put(`/api/inbounds/${doc.id}`)
          .set(keeper)
          .send({ warehouseId: main, lines: [{ partId: a, qty: 1, unitCost: 1 }] })
      ).status,
    ).toBe(409);
    expect((await t.http().post(`/api/inbounds/${doc.id}/cancel`).set(keeper).send({})).status).toBe(409);
    expect(await qtyIn(a, main)).toBe(4);

    const audit = await tx.dataSource.getRepository(AuditLog).findBy({ entity: 'inbound', entityId: String(doc.id) });
    expect(audit.map((x) => x.action).sort()).toEqual(['inbound.confirm', 'inbound.create', 'inbound.update']);
  });

  it('shows the detail with part code, name, spec, unit, amounts and total to readers of stock, not to technicians', async () => {
    const a = await newPart();
    const doc = await draft(admin, east, [{ partId: a, qty: 7, unitCost: 1234 }]);
    const res = await t.http().get(`/api/inbounds/${doc.id}`).set(supervisor);
    expect(res.status).toBe(200);
    expect(res.body.data.lines[0]).toMatchObject({
      partCode: expect.stringMatching(/^IN-/),
      partName: expect.stringContaining('入库测试件'),
      qty: 7,
      unitCost: 1234,
      amount: 8638,
    });
    expect(res.body.data.total).toBe(8638);
    expect((await t.http().get(`/api/inbounds/${doc.id}`).set(tech)).status).toBe(403);
    expect((await t.http().get('/api/inbounds/999999').set(admin)).status).toBe(404);
    expect((await t.http().get('/api/inbounds/abc').set(admin)).status).toBe(400);
  });

  it('lets only a keeper of that warehouse or an admin confirm', async () => {
    const a = await newPart();
    const doc = await draft(keeper2, east, [{ partId: a, qty: 5, unitCost: 800 }]);
    const byTech = await t.http().post(`/api/inbounds/${doc.id}/confirm`).set(tech).send({});
    expect(byTech.status).toBe(403);
    const byOther = await t.http().post(`/api/inbounds/${doc.id}/confirm`).set(keeper).send({});
    expect(byOther.status).toBe(403);
    expect(byOther.body.message).toContain('城东服务站仓');
    expect(
      (
        await t
          .http()
          .post('/api/inbounds')
          .set(keeper)
          .send({ warehouseId: east, lines: [{ partId: a, qty: 1, unitCost: 1 }] })
      ).status,
    ).toBe(403);
    expect(
      (
        await t
          .http()
          .post('/api/inbounds')
          .set(tech)
          .send({ warehouseId: main, lines: [{ partId: a, qty: 1, unitCost: 1 }] })
      ).status,
    ).toBe(403);
    expect((await t.http().post(`/api/inbounds/${doc.id}/cancel`).set(keeper).send({})).status).toBe(403);
    expect(await qtyIn(a, east)).toBe(0);
    expect((await tx.dataSource.getRepository(Inbound).findOneByOrFail({ id: doc.id })).status).toBe('draft');

    const byAdmin = await t.http().post(`/api/inbounds/${doc.id}/confirm`).set(admin).send({});
    expect(byAdmin.status).toBe(200);
    expect(await qtyIn(a, east)).toBe(5);
  });

  it('cancels a draft only, and a cancelled draft cannot be confirmed', async () => {
    const a = await newPart();
    const doc = await draft(keeper, main, [{ partId: a, qty: 2, unitCost: 100 }]);
    const res = await t.http().post(`/api/inbounds/${doc.id}/cancel`).set(keeper).send({});
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('cancelled');
    const confirm = await t.http().post(`/api/inbounds/${doc.id}/confirm`).set(keeper).send({});
    expect(confirm.status).toBe(409);
    expect(confirm.body.message).toContain('已作废');
    expect((await t.http().post(`/api/inbounds/${doc.id}/cancel`).set(keeper).send({})).body.code).toBe('ALREADY_DECIDED');
    expect(await qtyIn(a, main)).toBe(0);
    const audit = await tx.dataSource
      .getRepository(AuditLog)
      .findOneBy({ entity: 'inbound', entityId: String(doc.id), action: 'inbound.cancel' });
    expect(audit?.employeeName).toBe('陈美华');
  });

  it('posts exactly once when 10 confirmations of the same draft arrive together', async () => {
    const a = await newPart();
    const doc = await draft(keeper, main, [{ partId: a, qty: 6, unitCost: 300 }]);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.http().post(`/api/inbounds/${doc.id}/confirm`).set(keeper2).send({})),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'ALREADY_DECIDED')).toHaveLength(9);
    expect(await qtyIn(a, main)).toBe(6);
    expect(await tx.dataSource.getRepository(StockMove).countBy({ docType: 'inbound', docId: doc.id })).toBe(1);
  });

  it('refuses bad input and unknown fields with 400 and changes nothing', async () => {
    const a = await newPart();
    const disabled = await newPart({ enabled: false });
    const doc = await draft(keeper, main, [{ partId: a, qty: 1, unitCost: 100 }]);
    const before = await snapshot();
    const line = { partId: a, qty: 1, unitCost: 100 };
    const bodies: unknown[] = [
      { warehouseId: main, lines: [line], status: 'confirmed' },
      { warehouseId: main, lines: [{ ...line, price: 5 }] },
      { warehouseId: main, lines: [] },
      { warehouseId: main, lines: [{ ...line, qty: 0 }] },
      { warehouseId: main, lines: [{ ...line, qty: -3 }] },
      { warehouseId: main, lines: [{ ...line, qty: 2.5 }] },
      { warehouseId: main, lines: [{ ...line, qty: 1e12 }] },
      { warehouseId: main, lines: [{ ...line, unitCost: '12.50' }] },
      { warehouseId: main, lines: [{ ...line, unitCost: 12.5 }] },
      { warehouseId: main, lines: [{ ...line, unitCost: -1 }] },
      { warehouseId: main, lines: [{ ...line, qty: 1000, unitCost: 100_000_000 }] },
      { warehouseId: main, lines: [{ ...line, partId: 999999 }] },
      { warehouseId: main, lines: [{ ...line, partId: disabled }] },
      { warehouseId: 999999, lines: [line] },
      { warehouseId: 'abc', lines: [line] },
      { warehouseId: main, supplier: 'x'.repeat(10000), lines: [line] },
      { warehouseId: main, remark: "'; DROP TABLE inbound; --", lines: 'oops' },
      null,
    ];
    for (const body of bodies) {
      const created = await t
        .http()
        .post('/api/inbounds')
        .set(keeper)
        .send(body as object);
      expect([created.status, body]).toEqual([400, body]);
      expect(created.body.message).toBeTruthy();
      const updated = await t
        .http()
        .put(`/api/inbounds/${doc.id}`)
        .set(keeper)
        .send(body as object);
      expect([updated.status, body]).toEqual([400, body]);
    }
    const stray = await t.http().post(`/api/inbounds/${doc.id}/confirm`).set(keeper).send({ qty: 99 });
    expect(stray.status).toBe(400);
    expect(stray.body.message).toContain('不接受的字段');
    expect(await snapshot()).toEqual(before);
    const same = await t.http().get(`/api/inbounds/${doc.id}`).set(keeper);
    expect(same.body.data).toMatchObject({ status: 'draft', lines: [{ partId: a, qty: 1, unitCost: 100 }] });
    expect((await t.http().get('/api/inbounds?status=done').set(keeper)).status).toBe(400);
    expect((await t.http().get('/api/inbounds?from=2024-13').set(keeper)).status).toBe(400);
    expect((await t.http().get('/api/inbounds?foo=1').set(keeper)).status).toBe(400);
  });

  it('lists with status, warehouse and date filters, 30 to a page by default', async () => {
    const a = await newPart();
    const mine = await draft(keeper2, east, [{ partId: a, qty: 1, unitCost: 500 }]);
    const all = await t.http().get('/api/inbounds').set(keeper);
    expect(all.status).toBe(200);
    expect(all.body.data.pageSize).toBe(30);
    expect(all.body.data.total).toBeGreaterThan(3);
    const east1 = await t.http().get(`/api/inbounds?warehouseId=${east}&status=draft`).set(keeper);
    expect(
      east1.body.data.items.every((i: { warehouseId: number; status: string }) => i.warehouseId === east && i.status === 'draft'),
    ).toBe(true);
    expect(east1.body.data.items[0]).toMatchObject({ id: mine.id, lineCount: 1, totalQty: 1, total: 500, warehouseName: '城东服务站仓' });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const byDay = await t.http().get(`/api/inbounds?from=${today}&to=${today}`).set(keeper);
    expect(byDay.body.data.total).toBe(all.body.data.total);
    const old = await t.http().get('/api/inbounds?from=2020-01-01&to=2020-01-31').set(keeper);
    expect(old.body.data.total).toBe(0);
    const byNo = await t.http().get(`/api/inbounds?keyword=${mine.no}`).set(keeper);
    expect(byNo.body.data.items.map((i: { id: number }) => i.id)).toEqual([mine.id]);
    const paged = await t.http().get('/api/inbounds?pageSize=2&page=2').set(keeper);
    expect(paged.body.data.items).toHaveLength(2);
  });

  it('makes one document of 8 concurrent creates sent with one Idempotency-Key', async () => {
    const a = await newPart();
    const before = await tx.dataSource.getRepository(Inbound).count();
    const body = { warehouseId: main, lines: [{ partId: a, qty: 2, unitCost: 150 }] };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.http().post('/api/inbounds').set(keeper).set('Idempotency-Key', `inbound-${a}-key`).send(body)),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.data.no)).size).toBe(1);
    expect(await tx.dataSource.getRepository(Inbound).count()).toBe(before + 1);
  });

  it('takes a full 500-line delivery note (the same part may come at two prices) and confirms it in one go', async () => {
    const parts = await Promise.all(Array.from({ length: 25 }, () => newPart()));
    const lines = Array.from({ length: 500 }, (_, i) => ({ partId: parts[i % 25], qty: 1 + (i % 3), unitCost: 1000 + i }));
    const doc = await draft(keeper, main, lines);
    expect(doc.lines).toHaveLength(500);
    const expectedTotal = lines.reduce((s, l) => s + l.qty * l.unitCost, 0);
    expect(doc.total).toBe(expectedTotal);
    const ok = await t.http().post(`/api/inbounds/${doc.id}/confirm`).set(keeper).send({});
    expect(ok.status).toBe(200);
    const expectedQty = lines.filter((l) => l.partId === parts[0]).reduce((s, l) => s + l.qty, 0);
    expect(await qtyIn(parts[0], main)).toBe(expectedQty);
    expect(await tx.dataSource.getRepository(StockMove).countBy({ docType: 'inbound', docId: doc.id })).toBe(500);
    const tooMany = await t
      .http()
      .post('/api/inbounds')
      .set(keeper)
      .send({ warehouseId: main, lines: [...lines, lines[0]] });
    expect(tooMany.status).toBe(400);
  });
});
