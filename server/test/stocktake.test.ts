import { Tx } from '../src/common/tx';
import { AuditLog } from '../src/modules/audit/audit.entity';
import { Warehouse } from '../src/modules/org/org.entity';
import { Part } from '../src/modules/part/part.entity';
import { Reconciliation } from '../src/modules/stock/reconciliation.service';
import { StockBalance, StockMove } from '../src/modules/stock/stock.entity';
import { StockLedger } from '../src/modules/stock/stock-ledger.service';
import { Stocktake, StocktakeCount, StocktakeLine } from '../src/modules/stocktake/stocktake.entity';
import { createTestApp, DEMO, type TestApp } from './support/app';

const KEEPER_JI = '13800000009'; // 季红: keeper of 总仓 and 城东服务站仓
type Auth = { Authorization: string };

describe('盘点 stock-take', () => {
  let t: TestApp;
  let tx: Tx;
  let ledger: StockLedger;
  let reconciliation: Reconciliation;
  let admin: Auth;
  let keeper: Auth; // 陈美华: keeper of 总仓 only
  let keeper2: Auth;
  let tech: Auth;
  let main: number;
  let east: number;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const c = t.app.getApplicationContext();
    tx = await c.getAsync(Tx);
    ledger = await c.getAsync(StockLedger);
    reconciliation = await c.getAsync(Reconciliation);
    [admin, keeper, keeper2, tech] = await Promise.all([
      t.bearer(DEMO.admin),
      t.bearer(DEMO.keeper),
      t.bearer(KEEPER_JI),
      t.bearer(DEMO.technician),
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
    // Every test leaves no count open, so the next one may start its own.
    expect(await tx.dataSource.getRepository(Stocktake).countBy({ status: 'counting' })).toBe(0);
  });

  async function newPart(costPrice = 1000): Promise<number> {
    const n = ++seq; // taken before the queued write runs: parts created together get distinct codes
    const now = new Date();
    return tx.run(async (m) => {
      const r = await m.insert(Part, {
        code: `PD-${n}-${Date.now()}`,
        name: `盘点测试件${n}`,
        spec: '前轮',
        unit: '个',
        category: '刹车',
        costPrice,
        salePrice: costPrice * 2,
        taxRate: 13,
        createdAt: now,
        updatedAt: now,
      });
      return r.identifiers[0].id as number;
    });
  }

  const whLoc = (warehouseId: number) => ledger.locationOf('warehouse', warehouseId, 'x');

  /** Receives stock through the inbound API, as a keeper would. */
  async function receive(warehouseId: number, lines: [number, number][]) {
    const doc = await t
      .http()
      .post('/api/inbounds')
      .set(admin)
      .send({ warehouseId, lines: lines.map(([partId, qty]) => ({ partId, qty, unitCost: 1000 })) });
    expect((await t.http().post(`/api/inbounds/${doc.body.data.id}/confirm`).set(admin).send({})).status).toBe(200);
  }

  /** Stock leaving the warehouse to a technician, as an approved requisition would post it. */
  async function issue(warehouseId: number, partId: number, qty: number) {
    const [from, to] = await Promise.all([whLoc(warehouseId), ledger.locationOf('employee', 4, '王建学')]);
    await tx.run((m) =>
      ledger.post(
        m,
        [{ partId, qty, fromLocationId: from, toLocationId: to, docType: 'requisition', docId: 900000 + partId, docNo: 'LY-TEST' }],
        1,
      ),
    );
  }

  async function qtyIn(partId: number, warehouseId: number): Promise<number> {
    const b = await tx.dataSource.getRepository(StockBalance).findOneBy({ partId, locationId: await whLoc(warehouseId) });
    return b?.qty ?? 0;
  }

  async function start(auth: Auth, warehouseId: number, blind = false) {
    const res = await t.http().post('/api/stocktakes').set(auth).send({ warehouseId, blind, remark: '月末盘点' });
    expect(res.status).toBe(200);
    return res.body.data;
  }

  const count = (auth: Auth, id: number, counts: { partId: number; countedQty: number }[]) =>
    t.http().put(`/api/stocktakes/${id}/counts`).set(auth).send({ counts });

  /** Waits until the clock is past a count's time, so a move made next is after it to the millisecond. */
  async function after(res: { body: { data: { lines: { countedAt: string }[] } } }) {
    const at = Date.parse(res.body.data.lines[0].countedAt);
    while (Date.now() <= at) await new Promise((r) => setImmediate(r));
  }

  it('runs a blind count: freezes the book, hides it from counters, adjusts differences on approval', async () => {
    const [a, b, c, found] = await Promise.all([newPart(2500), newPart(800), newPart(), newPart(4000)]);
    await receive(main, [
      [a, 10],
      [b, 5],
      [c, 1],
    ]);
    await issue(main, c, 1); // c: a balance row with 0 left, still on the sheet

    const st = await start(keeper, main, true);
    expect(st.no).toMatch(/^PD-\d{8}-\d{4}$/);
    expect(st).toMatchObject({ status: 'counting', blind: true, bookVisible: true, warehouseName: '总仓', createdByName: '陈美华' });
    const sheet = new Map(st.lines.map((l: { partId: number }) => [l.partId, l]));
    expect(sheet.get(a)).toMatchObject({ bookQty: 10, countedQty: null, added: false });
    expect(sheet.get(c)).toMatchObject({ bookQty: 0 });

    // The technician counting sees no book quantity and no variance while it is blind.
    const seen = await t.http().get(`/api/stocktakes/${st.id}`).set(tech);
    expect(seen.status).toBe(200);
    expect(seen.body.data.bookVisible).toBe(false);
    expect(seen.body.data.lines.every((l: { bookQty: unknown; difference: unknown }) => l.bookQty === null && l.difference === null)).toBe(
      true,
    );
    expect((await t.http().get(`/api/stocktakes/${st.id}/variance`).set(tech)).status).toBe(403);

    // Scanner style: one line at a time, re-entered, plus a part found on the shelf.
    const one = await count(tech, st.id, [{ partId: a, countedQty: 7 }]);
    expect(one.status).toBe(200);
    expect(one.body.data.lines).toEqual([
      expect.objectContaining({ partId: a, countedQty: 7, bookQty: null, difference: null, countedByName: '王建学' }),
    ]);
    expect((await count(tech, st.id, [{ partId: a, countedQty: 8 }])).body.data.countedCount).toBe(1);
    // The keeper sees the book: he may not enter counts of a blind count (he could copy the book as the count).
    const byKeeper = await count(keeper, st.id, [{ partId: b, countedQty: 5 }]);
    expect(byKeeper.status).toBe(403);
    expect(byKeeper.body.message).toBe('盲盘须由看不到账面数量的人员录入（如技师、主管）');
    const more = await count(tech, st.id, [
      { partId: b, countedQty: 5 },
      { partId: c, countedQty: 0 },
      { partId: found, countedQty: 2 },
    ]);
    expect(more.status).toBe(200);
    expect(more.body.data.lines.find((l: { partId: number }) => l.partId === found)).toMatchObject({
      bookQty: null,
      countedQty: 2,
      difference: null,
      added: true,
    });

    const variance = await t.http().get(`/api/stocktakes/${st.id}/variance`).set(keeper);
    expect(variance.status).toBe(200);
    const v = variance.body.data;
    expect(v.lines.find((l: { partId: number }) => l.partId === a)).toMatchObject({
      bookQty: 10,
      countedQty: 8,
      difference: -2,
      currentQty: 10,
      unitCost: 2500,
      differenceValue: -5000,
    });
    expect(v).toMatchObject({
      gainQty: 2,
      lossQty: 2,
      gainValue: 8000,
      lossValue: 5000,
      netValue: 3000,
      movedCount: 0,
      uncountedCount: v.lines.length - 4,
    });

    const byTech = await t.http().post(`/api/stocktakes/${st.id}/approve`).set(tech).send({});
    expect(byTech.status).toBe(403);
    const approved = await t.http().post(`/api/stocktakes/${st.id}/approve`).set(keeper).send({});
    expect(approved.status).toBe(200);
    const r = approved.body.data;
    expect(r.stocktake).toMatchObject({ status: 'approved', decidedByName: '陈美华' });
    expect(r.adjusted).toEqual(
      expect.arrayContaining([
        { partId: a, partName: expect.any(String), difference: -2, reason: `盘亏 ${st.no}` },
        { partId: found, partName: expect.any(String), difference: 2, reason: `盘盈 ${st.no}` },
      ]),
    );
    expect(r.adjusted).toHaveLength(2);
    expect(r.uncounted.map((u: { partId: number }) => u.partId)).not.toContain(a);
    expect(await qtyIn(a, main)).toBe(8);
    expect(await qtyIn(b, main)).toBe(5);
    expect(await qtyIn(found, main)).toBe(2);
    const moves = await tx.dataSource.getRepository(StockMove).findBy({ docType: 'stocktake', docId: st.id });
    expect(moves).toHaveLength(2);
    expect(moves.find((m) => m.partId === a)).toMatchObject({ qty: 2, reason: `盘亏 ${st.no}`, unitCost: 2500 });

    // After approval the counter sees the book too; nothing more may be counted.
    const after = await t.http().get(`/api/stocktakes/${st.id}`).set(tech);
    expect(after.body.data.bookVisible).toBe(true);
    expect(after.body.data.lines.find((l: { partId: number }) => l.partId === a)).toMatchObject({ bookQty: 10, difference: -2 });
    const late = await count(tech, st.id, [{ partId: a, countedQty: 1 }]);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ALREADY_DECIDED');
    const twice = await t.http().post(`/api/stocktakes/${st.id}/approve`).set(keeper).send({});
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('已审核');
    const audit = await tx.dataSource.getRepository(AuditLog).findBy({ entity: 'stocktake', entityId: String(st.id) });
    // three entries of counts (all by the technician; the keeper's refused one left nothing) are in the audit log too
    expect(audit.map((x) => x.action).sort()).toEqual([
      'stocktake.approve',
      'stocktake.count',
      'stocktake.count',
      'stocktake.count',
      'stocktake.start',
    ]);
  });

  it('shows book quantities to counters of an open count that is not blind', async () => {
    const a = await newPart();
    await receive(east, [[a, 3]]);
    const st = await start(keeper2, east);
    const seen = await t.http().get(`/api/stocktakes/${st.id}`).set(tech);
    expect(seen.body.data.lines.find((l: { partId: number }) => l.partId === a)).toMatchObject({ bookQty: 3 });
    const v = await t.http().get(`/api/stocktakes/${st.id}/variance`).set(tech);
    expect(v.status).toBe(200);
    expect(v.body.data.lines[0].unitCost).toBeUndefined(); // technicians never see cost prices
    expect(v.body.data.gainValue).toBeUndefined();
    expect((await t.http().post(`/api/stocktakes/${st.id}/cancel`).set(keeper2).send({})).status).toBe(200);
  });

  it('lets only a keeper of that warehouse or an admin start, approve or cancel', async () => {
    const a = await newPart();
    await receive(east, [[a, 4]]);
    expect((await t.http().post('/api/stocktakes').set(keeper).send({ warehouseId: east })).status).toBe(403);
    expect((await t.http().post('/api/stocktakes').set(tech).send({ warehouseId: east })).status).toBe(403);
    const st = await start(keeper2, east);
    expect((await count(keeper, st.id, [{ partId: a, countedQty: 3 }])).status).toBe(200);
    const byOther = await t.http().post(`/api/stocktakes/${st.id}/approve`).set(keeper).send({});
    expect(byOther.status).toBe(403);
    expect(byOther.body.message).toContain('城东服务站仓');
    expect((await t.http().post(`/api/stocktakes/${st.id}/cancel`).set(keeper).send({})).status).toBe(403);
    expect((await t.http().post(`/api/stocktakes/${st.id}/cancel`).set(tech).send({})).status).toBe(403);
    expect(await qtyIn(a, east)).toBe(4);
    const ok = await t.http().post(`/api/stocktakes/${st.id}/approve`).set(admin).send({});
    expect(ok.status).toBe(200);
    expect(await qtyIn(a, east)).toBe(3);
  });

  it('allows one open count per warehouse, also when 6 keepers start at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => t.http().post('/api/stocktakes').set(keeper2).send({ warehouseId: east })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(5);
    expect(refused[0].body.message).toContain('已有进行中的盘点单');
    const id = results.find((r) => r.status === 200)!.body.data.id;
    const cancelled = await t.http().post(`/api/stocktakes/${id}/cancel`).set(keeper2).send({});
    expect(cancelled.body.data.status).toBe('cancelled');
    expect((await t.http().post(`/api/stocktakes/${id}/cancel`).set(keeper2).send({})).body.code).toBe('ALREADY_DECIDED');
    expect((await t.http().post(`/api/stocktakes/${id}/approve`).set(keeper2).send({})).status).toBe(409);
    expect(
      await tx.dataSource.getRepository(AuditLog).countBy({ entity: 'stocktake', entityId: String(id), action: 'stocktake.cancel' }),
    ).toBe(1);
    const again = await start(keeper2, east); // the warehouse is free again
    await t.http().post(`/api/stocktakes/${again.id}/cancel`).set(keeper2).send({});
  });

  it('refuses to post a variance whose ledger moved since the count, and a recount freezes the book again', async () => {
    const a = await newPart();
    await receive(main, [[a, 5]]);
    const st = await start(keeper, main);
    expect((await count(keeper, st.id, [{ partId: a, countedQty: 1 }])).status).toBe(200); // 盘亏 4 against the book of 5
    await issue(main, a, 3); // a requisition posted from the warehouse while it is counted: 2 left in the books
    const v = await t.http().get(`/api/stocktakes/${st.id}/variance`).set(keeper);
    expect(v.body.data.movedCount).toBe(1);
    expect(v.body.data.lines.find((l: { partId: number }) => l.partId === a)).toMatchObject({ bookQty: 5, currentQty: 2, moved: true });
    const movesBefore = await tx.dataSource.getRepository(StockMove).count();
    // 季红 approves: 陈美华 counted the loss herself.
    const res = await t.http().post(`/api/stocktakes/${st.id}/approve`).set(keeper2).send({});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFLICT');
    expect(res.body.message).toContain('盘点时账面 5，现在 2');
    expect(res.body.message).toContain('请对这些配件复盘');
    expect(await tx.dataSource.getRepository(StockMove).count()).toBe(movesBefore);
    expect(await qtyIn(a, main)).toBe(2);
    expect((await tx.dataSource.getRepository(Stocktake).findOneByOrFail({ id: st.id })).status).toBe('counting');
    // Recounted after the issue: 3 on the shelf against the 2 the ledger says now is 1 over, not 2 short of the old book.
    const recount = await count(keeper, st.id, [{ partId: a, countedQty: 3 }]);
    expect(recount.body.data.lines[0]).toMatchObject({ bookQty: 2, countedQty: 3, difference: 1 });
    const after = await t.http().get(`/api/stocktakes/${st.id}/variance`).set(keeper);
    expect(after.body.data.movedCount).toBe(0);
    const ok = await t.http().post(`/api/stocktakes/${st.id}/approve`).set(keeper2).send({});
    expect(ok.status).toBe(200);
    expect(ok.body.data.adjusted).toEqual([expect.objectContaining({ partId: a, difference: 1 })]);
    expect(await qtyIn(a, main)).toBe(3);
  });

  it('also refuses a count after which stock left and came back (the books agree, the count may not)', async () => {
    const a = await newPart();
    await receive(main, [[a, 5]]);
    const st = await start(keeper, main);
    await after(await count(keeper, st.id, [{ partId: a, countedQty: 4 }]));
    await issue(main, a, 2);
    const [wh, hands] = await Promise.all([whLoc(main), ledger.locationOf('employee', 4, '王建学')]);
    await tx.run((m) =>
      ledger.post(
        m,
        [{ partId: a, qty: 2, fromLocationId: hands, toLocationId: wh, docType: 'return', docId: 990000 + a, docNo: 'TH-TEST' }],
        1,
      ),
    );
    expect(await qtyIn(a, main)).toBe(5);
    const res = await t.http().post(`/api/stocktakes/${st.id}/approve`).set(keeper2).send({});
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('盘点时账面 5，现在 5');
    await count(keeper, st.id, [{ partId: a, countedQty: 4 }]);
    expect((await t.http().post(`/api/stocktakes/${st.id}/approve`).set(keeper2).send({})).status).toBe(200);
    expect(await qtyIn(a, main)).toBe(4);
  });

  it('keeps every count of a line with who counted what and when', async () => {
    const a = await newPart();
    await receive(east, [[a, 6]]);
    const st = await start(keeper2, east, true);
    await count(tech, st.id, [{ partId: a, countedQty: 4 }]);
    const second = await count(await t.bearer(DEMO.supervisor), st.id, [{ partId: a, countedQty: 5 }]);
    const line = second.body.data.lines[0];
    expect(line).toMatchObject({ countedQty: 5, countedByName: '叶建国', countEntries: 2 });
    const history = await t.http().get(`/api/stocktakes/${st.id}/lines/${line.id}/counts`).set(keeper2);
    expect(history.status).toBe(200);
    expect(
      history.body.data.map((e: { countedQty: number; countedByName: string; bookQty: number }) => [
        e.countedQty,
        e.countedByName,
        e.bookQty,
      ]),
    ).toEqual([
      [5, '叶建国', 6],
      [4, '王建学', 6],
    ]);
    expect(history.body.data[0].countedAt >= history.body.data[1].countedAt).toBe(true);
    // the counter sees the history of a blind count without the book
    const seen = await t.http().get(`/api/stocktakes/${st.id}/lines/${line.id}/counts`).set(tech);
    expect(seen.body.data.map((e: { bookQty: unknown }) => e.bookQty)).toEqual([null, null]);
    const sheet = (await t.http().get(`/api/stocktakes/${st.id}`).set(tech)).body.data.lines;
    expect(sheet.find((l: { partId: number }) => l.partId === a)).toMatchObject({ countEntries: 2, bookQty: null });
    expect(sheet.filter((l: { countEntries: number }) => l.countEntries > 0)).toHaveLength(1);
    expect((await t.http().get(`/api/stocktakes/${st.id}/lines/999999/counts`).set(keeper2)).status).toBe(404);
    const audit = await tx.dataSource
      .getRepository(AuditLog)
      .find({ where: { entity: 'stocktake', entityId: String(st.id), action: 'stocktake.count' }, order: { id: 'ASC' } });
    expect(audit.map((x) => [x.employeeName, JSON.parse(x.before!), JSON.parse(x.after!)])).toEqual([
      ['王建学', { counts: [[a, null]] }, { counts: [[a, 4]], total: 1 }],
      ['叶建国', { counts: [[a, 4]] }, { counts: [[a, 5]], total: 1 }],
    ]);
    await t.http().post(`/api/stocktakes/${st.id}/cancel`).set(keeper2).send({});
  });

  it('reports in the reconciliation a posted count whose ledger moved during the count', async () => {
    const a = await newPart();
    await receive(main, [[a, 5]]);
    const st = await start(keeper, main);
    await after(await count(keeper, st.id, [{ partId: a, countedQty: 4 }]));
    await issue(main, a, 2); // a requisition approved from the warehouse while it was counted
    expect((await t.http().post(`/api/stocktakes/${st.id}/approve`).set(keeper2).send({})).status).toBe(409);
    // Posted the way approval did before it looked at the ledger (counts posted before this release):
    // the 1 short against the old book of 5 is taken off the 3 left, so the books say 2 and the shelf 4 − 2.
    const [wh, adj] = await Promise.all([whLoc(main), ledger.virtualLocation('adjustment')]);
    await tx.run(async (m) => {
      await m.update(Stocktake, { id: st.id }, { status: 'approved', openWarehouseId: null, decidedById: 5, decidedAt: new Date() });
      await ledger.post(
        m,
        [
          {
            partId: a,
            qty: 1,
            fromLocationId: wh,
            toLocationId: adj,
            docType: 'stocktake',
            docId: st.id,
            docNo: st.no,
            reason: `盘亏 ${st.no}`,
          },
        ],
        5,
      );
    });
    const report = await reconciliation.run();
    expect(report.mismatches).toEqual([]); // moves and balances agree: only this section sees it
    expect(report.movedDuringCount).toEqual([
      {
        stocktakeId: st.id,
        no: st.no,
        warehouseName: '总仓',
        partId: a,
        part: expect.stringContaining('盘点测试件'),
        bookQty: 5,
        countedQty: 4,
        difference: -1,
        movedIn: 0,
        movedOut: 2,
        docs: ['LY-TEST'],
      },
    ]);
    expect(report.ok).toBe(false);
    const res = await t.http().get('/api/stock/reconciliation').set(admin);
    expect(res.body.data.movedDuringCount.map((x: { no: string }) => x.no)).toEqual([st.no]);
  });

  it('posts exactly once when 10 approvals of the same count arrive together', async () => {
    const [a, b] = await Promise.all([newPart(), newPart()]);
    await receive(main, [
      [a, 6],
      [b, 2],
    ]);
    const st = await start(keeper, main);
    await count(tech, st.id, [
      { partId: a, countedQty: 4 },
      { partId: b, countedQty: 3 },
    ]);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t
          .http()
          .post(`/api/stocktakes/${st.id}/approve`)
          .set(i % 2 ? keeper : keeper2)
          .send({}),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'ALREADY_DECIDED')).toHaveLength(9);
    expect(await qtyIn(a, main)).toBe(4);
    expect(await qtyIn(b, main)).toBe(3);
    expect(await tx.dataSource.getRepository(StockMove).countBy({ docType: 'stocktake', docId: st.id })).toBe(2);
  });

  it('takes 20 scanner submissions at once, the same part found by two phones making one line', async () => {
    const parts = await Promise.all(Array.from({ length: 8 }, () => newPart()));
    const found = await newPart();
    await receive(
      east,
      parts.map((p) => [p, 2] as [number, number]),
    );
    const st = await start(keeper2, east, true);
    const supervisor = await t.bearer(DEMO.supervisor);
    const sends = [
      ...parts.map((p, i) => count(i % 2 ? tech : supervisor, st.id, [{ partId: p, countedQty: 2 }])),
      ...parts.map((p) => count(tech, st.id, [{ partId: p, countedQty: 1 }])),
      ...Array.from({ length: 4 }, (_, i) => count(i % 2 ? tech : supervisor, st.id, [{ partId: found, countedQty: 3 }])),
    ];
    const results = await Promise.all(sends);
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const lines = await tx.dataSource.getRepository(StocktakeLine).findBy({ stocktakeId: st.id });
    expect(lines.filter((l) => l.partId === found)).toEqual([expect.objectContaining({ bookQty: 0, countedQty: 3, added: true })]);
    expect(lines.filter((l) => parts.includes(l.partId)).every((l) => l.countedQty === 1 || l.countedQty === 2)).toBe(true);
    expect((await t.http().post(`/api/stocktakes/${st.id}/cancel`).set(keeper2).send({})).status).toBe(200);
    expect(await qtyIn(found, east)).toBe(0); // a cancelled count changes nothing
  });

  it('refuses the approval of a loss its approver counted himself, unless the admin allowed self-approval (then audited)', async () => {
    const [a, b] = await Promise.all([newPart(), newPart()]);
    await receive(main, [
      [a, 5],
      [b, 2],
    ]);
    const st = await start(keeper, main);
    await count(keeper, st.id, [{ partId: a, countedQty: 3 }]); // 盘亏 2, counted by 陈美华
    await count(keeper2, st.id, [{ partId: b, countedQty: 3 }]); // 盘盈 1, counted by 季红
    const own = await t.http().post(`/api/stocktakes/${st.id}/approve`).set(keeper).send({});
    expect(own.status).toBe(403);
    expect(own.body.message).toBe('不能审批自己录入的盘点差异，请由另一位库管或管理员审批');
    expect((await tx.dataSource.getRepository(Stocktake).findOneByOrFail({ id: st.id })).status).toBe('counting');
    expect(await qtyIn(a, main)).toBe(5);
    // 季红 counted only a gain: she may approve 陈美华's loss
    const ok = await t.http().post(`/api/stocktakes/${st.id}/approve`).set(keeper2).send({});
    expect(ok.status).toBe(200);
    expect(await qtyIn(a, main)).toBe(3);

    // a one-keeper company: the admin allows it, and the approval is marked in the audit log
    const c = await newPart();
    await receive(main, [[c, 4]]);
    const st2 = await start(keeper, main);
    await count(keeper, st2.id, [{ partId: c, countedQty: 1 }]);
    expect((await t.http().put('/api/settings/approval').set(admin).send({ allowSelfApproval: true })).status).toBe(200);
    try {
      const self = await t.http().post(`/api/stocktakes/${st2.id}/approve`).set(keeper).send({});
      expect(self.status).toBe(200);
    } finally {
      await t.http().put('/api/settings/approval').set(admin).send({ allowSelfApproval: false });
    }
    expect(await qtyIn(c, main)).toBe(1);
    const marked = await tx.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ entity: 'stocktake', entityId: String(st2.id), action: 'stocktake.selfApproval' });
    expect(marked.employeeName).toBe('陈美华');
    expect(JSON.parse(marked.after!)).toMatchObject({ selfApproved: true, lossLines: 1 });
    expect(
      await tx.dataSource
        .getRepository(AuditLog)
        .countBy({ entity: 'stocktake', entityId: String(st.id), action: 'stocktake.selfApproval' }),
    ).toBe(0);
  });

  it('lets a keeper enter blind counts only as the admin exception, marked on the entry and in the audit log', async () => {
    const a = await newPart();
    await receive(east, [[a, 3]]);
    const st = await start(keeper2, east, true);
    const refused = await count(keeper2, st.id, [{ partId: a, countedQty: 2 }]);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('盲盘须由看不到账面数量的人员录入（如技师、主管）');
    expect((await count(admin, st.id, [{ partId: a, countedQty: 2 }])).status).toBe(403);
    expect(await tx.dataSource.getRepository(StocktakeCount).countBy({ stocktakeId: st.id })).toBe(0);
    expect((await t.http().put('/api/settings/approval').set(admin).send({ allowSelfApproval: true })).status).toBe(200);
    try {
      expect((await count(keeper2, st.id, [{ partId: a, countedQty: 2 }])).status).toBe(200);
    } finally {
      await t.http().put('/api/settings/approval').set(admin).send({ allowSelfApproval: false });
    }
    expect(await tx.dataSource.getRepository(StocktakeCount).findBy({ stocktakeId: st.id })).toEqual([
      expect.objectContaining({ countedQty: 2, bookSeen: true }),
    ]);
    const marked = await tx.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ entity: 'stocktake', entityId: String(st.id), action: 'stocktake.blindCountException' });
    expect(marked.employeeName).toBe('季红');
    // a technician's entry is an ordinary one
    await count(tech, st.id, [{ partId: a, countedQty: 3 }]);
    const rows = await tx.dataSource.getRepository(StocktakeCount).find({ where: { stocktakeId: st.id }, order: { id: 'ASC' } });
    expect(rows.map((r) => r.bookSeen)).toEqual([true, false]);
    // and the line's history says which entry was made seeing the book
    const history = await t.http().get(`/api/stocktakes/${st.id}/lines/${rows[0].lineId}/counts`).set(keeper2);
    expect(history.body.data.map((e: { countedQty: number; bookSeen: boolean }) => [e.countedQty, e.bookSeen])).toEqual([
      [3, false],
      [2, true],
    ]);
    await t.http().post(`/api/stocktakes/${st.id}/cancel`).set(keeper2).send({});
  });

  it('refuses bad counts and unknown fields with 400 and changes nothing', async () => {
    const a = await newPart();
    await receive(main, [[a, 2]]);
    const st = await start(keeper, main);
    await count(keeper, st.id, [{ partId: a, countedQty: 2 }]);
    const snapshot = async () =>
      JSON.stringify(await tx.dataSource.getRepository(StocktakeLine).find({ where: { stocktakeId: st.id }, order: { id: 'ASC' } }));
    const before = await snapshot();
    const bodies: unknown[] = [
      { counts: [] },
      { counts: [{ partId: a, countedQty: -1 }] },
      { counts: [{ partId: a, countedQty: 1.5 }] },
      { counts: [{ partId: a, countedQty: '3' }] },
      { counts: [{ partId: a, countedQty: 1e9 }] },
      { counts: [{ partId: a, countedQty: 1, bookQty: 1 }] },
      { counts: [{ partId: 999999, countedQty: 1 }] },
      {
        counts: [
          { partId: a, countedQty: 1 },
          { partId: a, countedQty: 2 },
        ],
      },
      { counts: [{ partId: a, countedQty: 1 }], status: 'approved' },
      { counts: 'all' },
      {},
    ];
    for (const body of bodies) {
      const res = await t
        .http()
        .put(`/api/stocktakes/${st.id}/counts`)
        .set(keeper)
        .send(body as object);
      expect([res.status, body]).toEqual([400, body]);
    }
    expect(await snapshot()).toBe(before);
    expect(
      (
        await t
          .http()
          .put('/api/stocktakes/999999/counts')
          .set(keeper)
          .send({ counts: [{ partId: a, countedQty: 1 }] })
      ).status,
    ).toBe(404);
    const stray = await t.http().post(`/api/stocktakes/${st.id}/approve`).set(keeper).send({ qty: 5 });
    expect(stray.status).toBe(400);
    const badStart = [
      { warehouseId: main, blind: 'yes' },
      { warehouseId: 999999 },
      { warehouseId: main, status: 'approved' },
      { blind: true },
    ];
    for (const body of badStart) expect((await t.http().post('/api/stocktakes').set(keeper).send(body)).status).toBe(400);
    expect((await t.http().get('/api/stocktakes?status=open').set(keeper)).status).toBe(400);
    expect((await tx.dataSource.getRepository(Stocktake).findOneByOrFail({ id: st.id })).status).toBe('counting');
    await t.http().post(`/api/stocktakes/${st.id}/cancel`).set(keeper).send({});
  });

  it('lists stock-takes with progress for counters and filters them', async () => {
    const res = await t.http().get(`/api/stocktakes?warehouseId=${east}&status=cancelled`).set(tech);
    expect(res.status).toBe(200);
    expect(res.body.data.pageSize).toBe(30);
    expect(res.body.data.total).toBeGreaterThan(0);
    expect(
      res.body.data.items.every((i: { warehouseId: number; status: string }) => i.warehouseId === east && i.status === 'cancelled'),
    ).toBe(true);
    expect(res.body.data.items[0]).toEqual(
      expect.objectContaining({ lineCount: expect.any(Number), countedCount: expect.any(Number), warehouseName: '城东服务站仓' }),
    );
    const old = await t.http().get('/api/stocktakes?to=2020-01-01').set(tech);
    expect(old.body.data.total).toBe(0);
    expect(
      (
        await t
          .http()
          .get('/api/stocktakes')
          .set(await t.bearer(DEMO.service))
      ).status,
    ).toBe(403);
  });
});
