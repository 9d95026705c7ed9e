import { Tx } from '../src/common/tx';
import { AuditLog } from '../src/modules/audit/audit.entity';
import { Employee, Warehouse } from '../src/modules/org/org.entity';
import { Part } from '../src/modules/part/part.entity';
import { Reconciliation } from '../src/modules/stock/reconciliation.service';
import { StockBalance } from '../src/modules/stock/stock.entity';
import { StockLedger } from '../src/modules/stock/stock-ledger.service';
import { Setting } from '../src/modules/alerts/setting.entity';
import { createTestApp, DEMO, type TestApp } from './support/app';

type Auth = { Authorization: string };
const DAY = 86400_000;

describe('预警 alerts and their settings', () => {
  let t: TestApp;
  let tx: Tx;
  let ledger: StockLedger;
  let reconciliation: Reconciliation;
  let admin: Auth;
  let keeper: Auth;
  let tech: Auth;
  let supervisor: Auth;
  let main: number;
  let techId: number;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const c = t.app.getApplicationContext();
    tx = await c.getAsync(Tx);
    ledger = await c.getAsync(StockLedger);
    reconciliation = await c.getAsync(Reconciliation);
    [admin, keeper, tech, supervisor] = await Promise.all([
      t.bearer(DEMO.admin),
      t.bearer(DEMO.keeper),
      t.bearer(DEMO.technician),
      t.bearer(DEMO.supervisor),
    ]);
    main = (await tx.dataSource.getRepository(Warehouse).findOneByOrFail({ name: '总仓' })).id;
    techId = (await tx.dataSource.getRepository(Employee).findOneByOrFail({ phone: DEMO.technician })).id;
  });
  afterAll(() => t.close());

  afterEach(async () => {
    const report = await reconciliation.run();
    expect(report.mismatches).toEqual([]);
    expect(report.negatives).toEqual([]);
    expect(report.unexplained).toEqual([]);
  });

  async function newPart(minStock: number): Promise<number> {
    const n = ++seq;
    const now = new Date();
    return tx.run(async (m) => {
      const r = await m.insert(Part, {
        code: `AL-${n}-${Date.now()}`,
        name: `预警测试件${n}`,
        unit: '只',
        category: '滤清器',
        costPrice: 500,
        salePrice: 900,
        taxRate: 13,
        minStock,
        createdAt: now,
        updatedAt: now,
      });
      return r.identifiers[0].id as number;
    });
  }

  async function receive(partId: number, qty: number) {
    const doc = await t
      .http()
      .post('/api/inbounds')
      .set(keeper)
      .send({ warehouseId: main, lines: [{ partId, qty, unitCost: 500 }] });
    expect((await t.http().post(`/api/inbounds/${doc.body.data.id}/confirm`).set(keeper).send({})).status).toBe(200);
  }

  const alerts = async (auth: Auth = keeper) => {
    const res = await t.http().get('/api/alerts').set(auth);
    expect(res.status).toBe(200);
    return res.body.data;
  };

  it('keeps default thresholds of 7 days and 4 hours until changed, and audits the change', async () => {
    const first = await t.http().get('/api/settings/alerts').set(keeper);
    expect(first.body.data).toEqual({ heldDays: 7, pendingHours: 4 });
    const put = await t.http().put('/api/settings/alerts').set(keeper).send({ heldDays: 10, pendingHours: 2 });
    expect(put.status).toBe(200);
    expect(put.body.data).toEqual({ heldDays: 10, pendingHours: 2 });
    expect((await t.http().get('/api/settings/alerts').set(admin)).body.data).toEqual({ heldDays: 10, pendingHours: 2 });
    const again = await t.http().put('/api/settings/alerts').set(admin).send({ heldDays: 7, pendingHours: 4 });
    expect(again.status).toBe(200);
    const logs = await tx.dataSource.getRepository(AuditLog).find({ where: { action: 'settings.alerts.update' }, order: { id: 'ASC' } });
    expect(logs).toHaveLength(2);
    expect(JSON.parse(logs[0].before!)).toEqual({ heldDays: 7, pendingHours: 4 });
    expect(JSON.parse(logs[0].after!)).toEqual({ heldDays: 10, pendingHours: 2 });
    expect(logs[0].employeeName).toBe('陈美华');
  });

  it('refuses bad settings and non-keepers, changing nothing', async () => {
    const before = JSON.stringify(await tx.dataSource.getRepository(Setting).find({ order: { key: 'ASC' } }));
    const bodies: unknown[] = [
      { heldDays: 0, pendingHours: 4 },
      { heldDays: 7, pendingHours: -1 },
      { heldDays: 1.5, pendingHours: 4 },
      { heldDays: '7', pendingHours: 4 },
      { heldDays: 7 },
      { heldDays: 7, pendingHours: 4, lowStockFactor: 2 },
      { heldDays: 100000, pendingHours: 4 },
    ];
    for (const body of bodies) {
      const res = await t
        .http()
        .put('/api/settings/alerts')
        .set(keeper)
        .send(body as object);
      expect([res.status, body]).toEqual([400, body]);
    }
    expect((await t.http().put('/api/settings/alerts').set(tech).send({ heldDays: 1, pendingHours: 1 })).status).toBe(403);
    expect((await t.http().put('/api/settings/alerts').set(supervisor).send({ heldDays: 1, pendingHours: 1 })).status).toBe(403);
    expect((await t.http().get('/api/settings/alerts').set(tech)).status).toBe(403);
    expect((await t.http().get('/api/alerts').set(tech)).status).toBe(403);
    expect((await t.http().get('/api/alerts?heldDays=1').set(keeper)).status).toBe(400);
    expect(JSON.stringify(await tx.dataSource.getRepository(Setting).find({ order: { key: 'ASC' } }))).toBe(before);
  });

  it('lists parts under their minimum per warehouse, and a part with a minimum never received', async () => {
    const low = await newPart(5);
    const fine = await newPart(2);
    const never = await newPart(3);
    const noMin = await newPart(0);
    await receive(low, 2);
    await receive(fine, 2);
    await receive(noMin, 1);
    const data = await alerts(supervisor);
    const rows = data.lowStock.filter((r: { partId: number }) => [low, fine, never, noMin].includes(r.partId));
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ partId: low, warehouseId: main, warehouseName: '总仓', qty: 2, minStock: 5, unit: '只' }),
        expect.objectContaining({ partId: never, warehouseId: null, warehouseName: '尚未入库', qty: 0, minStock: 3 }),
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(data.counts.lowStock).toBe(data.lowStock.length);
    expect(data.counts.total).toBe(data.counts.lowStock + data.counts.longHeld + data.counts.waitingDocs + data.counts.openDisputes);
  });

  it('lists what an employee has held longer than the set number of days', async () => {
    const p = await newPart(0);
    const q = await newPart(0);
    await receive(p, 4);
    await receive(q, 4);
    const [wh, emp] = await Promise.all([ledger.locationOf('warehouse', main, '总仓'), ledger.locationOf('employee', techId, '王建学')]);
    await tx.run((m) =>
      ledger.post(
        m,
        [
          { partId: p, qty: 2, fromLocationId: wh, toLocationId: emp, docType: 'requisition', docId: 1, docNo: 'LY-TEST' },
          { partId: q, qty: 1, fromLocationId: wh, toLocationId: emp, docType: 'requisition', docId: 1, docNo: 'LY-TEST' },
        ],
        1,
      ),
    );
    // Time passes: p has been in his hands for 9 days, q for 2. (Only heldSince changes, not a quantity.)
    await tx.run((m) => m.update(StockBalance, { partId: p, locationId: emp }, { heldSince: new Date(Date.now() - 9 * DAY - 60_000) }));
    await tx.run((m) => m.update(StockBalance, { partId: q, locationId: emp }, { heldSince: new Date(Date.now() - 2 * DAY) }));

    const held = (await alerts()).longHeld.filter((r: { partId: number }) => [p, q].includes(r.partId));
    expect(held).toEqual([expect.objectContaining({ employeeId: techId, employeeName: '王建学', partId: p, qty: 2, days: 9 })]);
    expect(new Date(held[0].heldSince).getTime()).toBeLessThan(Date.now() - 9 * DAY);

    await t.http().put('/api/settings/alerts').set(admin).send({ heldDays: 1, pendingHours: 4 });
    const both = (await alerts()).longHeld.filter((r: { partId: number }) => [p, q].includes(r.partId));
    expect(both.map((r: { partId: number }) => r.partId)).toEqual([p, q]); // longest held first
    await t.http().put('/api/settings/alerts').set(admin).send({ heldDays: 7, pendingHours: 4 });
  });

  it('lists requisitions and returns pending longer than the set number of hours', async () => {
    const ds = tx.dataSource;
    const insert = async (table: string, no: string, status: string, hoursAgo: number, extra: Record<string, unknown>) => {
      const at = new Date(Date.now() - hoursAgo * 3600_000);
      const row: Record<string, unknown> = {
        no,
        employeeId: techId,
        warehouseId: main,
        remark: '',
        status,
        createdById: techId,
        rejectReason: '',
        createdAt: at,
        updatedAt: at,
        ...extra,
      };
      const cols = Object.keys(row);
      const [sql, params] = ds.driver.escapeQueryWithParameters(
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `:${c}`).join(', ')})`,
        row,
        {},
      );
      await tx.run((m) => m.query(sql, params));
    };
    await insert('requisition', 'LY-20200101-0901', 'pending', 6, { signStatus: 'unsigned' });
    await insert('requisition', 'LY-20200101-0902', 'pending', 1, { signStatus: 'unsigned' });
    await insert('requisition', 'LY-20200101-0903', 'approved', 30, { signStatus: 'unsigned' });
    await insert('stock_return', 'TH-20200101-0901', 'pending', 26, { inboundAt: new Date() });

    const data = await alerts();
    const mine = data.waitingDocs.filter((d: { no: string }) => d.no.startsWith('LY-20200101') || d.no.startsWith('TH-20200101'));
    expect(mine).toEqual([
      expect.objectContaining({ docType: 'return', no: 'TH-20200101-0901', employeeName: '王建学', hours: 26 }),
      expect.objectContaining({ docType: 'requisition', no: 'LY-20200101-0901', employeeId: techId, hours: 6 }),
    ]);
    expect(data.counts.waitingDocs).toBe(data.waitingDocs.length);
  });
});
