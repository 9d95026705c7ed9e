import { Tx } from '../src/common/tx';
import { DocNumbers } from '../src/common/sequence';
import { Part } from '../src/modules/part/part.entity';
import { Reconciliation } from '../src/modules/stock/reconciliation.service';
import { StockBalance, StockMove } from '../src/modules/stock/stock.entity';
import { StockLedger } from '../src/modules/stock/stock-ledger.service';
import { createTestApp, type TestApp } from './support/app';

describe('stock ledger', () => {
  let t: TestApp;
  let tx: Tx;
  let ledger: StockLedger;
  let reconciliation: Reconciliation;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const c = t.app.getApplicationContext();
    tx = await c.getAsync(Tx);
    ledger = await c.getAsync(StockLedger);
    reconciliation = await c.getAsync(Reconciliation);
  });
  afterAll(() => t.close());

  afterEach(async () => {
    const report = await reconciliation.run();
    expect(report.mismatches).toEqual([]);
    expect(report.negatives).toEqual([]);
    expect(report.unexplained).toEqual([]);
  });

  async function newPart(): Promise<number> {
    seq++;
    const now = new Date();
    return tx.run(async (m) => {
      const r = await m.insert(Part, {
        code: `LEDGER-${seq}-${Date.now()}`,
        name: `测试配件${seq}`,
        unit: '个',
        category: '其他',
        costPrice: 100,
        salePrice: 200,
        taxRate: 13,
        createdAt: now,
        updatedAt: now,
      });
      return r.identifiers[0].id as number;
    });
  }

  const locations = (warehouse = 1, employee = 4) =>
    Promise.all([
      ledger.locationOf('warehouse', warehouse, '总仓'),
      ledger.locationOf('employee', employee, '王建学'),
      ledger.virtualLocation('supplier'),
    ]);

  async function receive(partId: number, qty: number) {
    const [wh, , supplier] = await locations();
    await tx.run(async (m) => {
      await ledger.post(
        m,
        [{ partId, qty, fromLocationId: supplier, toLocationId: wh, docType: 'inbound', docId: 1, docNo: 'RK-TEST', unitCost: 100 }],
        null,
      );
    });
  }

  it('moves stock from the warehouse to an employee and keeps one balance row each', async () => {
    const partId = await newPart();
    await receive(partId, 5);
    const [wh, emp] = await locations();
    await tx.run(async (m) => {
      await ledger.post(
        m,
        [{ partId, qty: 2, fromLocationId: wh, toLocationId: emp, docType: 'requisition', docId: 1, docNo: 'LY-TEST' }],
        1,
      );
    });
    const rows = await tx.dataSource.getRepository(StockBalance).find({ where: { partId }, order: { qty: 'ASC' } });
    expect(rows.map((r) => r.qty)).toEqual([-5, 2, 3]);
    const held = rows.find((r) => r.qty === 2)!;
    expect(held.heldSince).toBeInstanceOf(Date);
  });

  it('refuses to take more than a location holds, with 409 and nothing written', async () => {
    const partId = await newPart();
    await receive(partId, 1);
    const before = await tx.dataSource.getRepository(StockMove).count();
    const [wh, emp] = await locations();
    await expect(
      tx.run(async (m) => {
        await ledger.post(
          m,
          [{ partId, qty: 2, fromLocationId: wh, toLocationId: emp, docType: 'requisition', docId: 2, docNo: 'LY-TEST' }],
          1,
        );
      }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK', status: 409 });
    expect(await tx.dataSource.getRepository(StockMove).count()).toBe(before);
  });

  it('rolls back every move of a document when one line fails', async () => {
    const partA = await newPart();
    const partB = await newPart();
    await receive(partA, 3);
    const [wh, emp] = await locations();
    await expect(
      tx.run(async (m) => {
        await ledger.post(
          m,
          [
            {
              partId: partA,
              qty: 3,
              fromLocationId: wh,
              toLocationId: emp,
              docType: 'requisition',
              docId: 3,
              docNo: 'LY-TEST',
              docLine: 1,
            },
            {
              partId: partB,
              qty: 1,
              fromLocationId: wh,
              toLocationId: emp,
              docType: 'requisition',
              docId: 3,
              docNo: 'LY-TEST',
              docLine: 2,
            },
          ],
          1,
        );
      }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    const balance = await tx.dataSource.getRepository(StockBalance).findOneOrFail({ where: { partId: partA, locationId: wh } });
    expect(balance.qty).toBe(3);
  });

  it('lets exactly 10 of 200 concurrent takes of the last 10 units through', async () => {
    const partId = await newPart();
    await receive(partId, 10);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, async (_, i) => {
        const [wh, emp] = await locations(1, 100 + (i % 7));
        return tx.run(async (m) => {
          await ledger.post(
            m,
            [{ partId, qty: 1, fromLocationId: wh, toLocationId: emp, docType: 'requisition', docId: 1000 + i, docNo: 'LY-RACE' }],
            1,
          );
        });
      }),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'INSUFFICIENT_STOCK').length;
    expect(ok).toBe(10);
    expect(refused).toBe(190);
    const wh = await ledger.locationOf('warehouse', 1, '总仓');
    const balance = await tx.dataSource.getRepository(StockBalance).findOneOrFail({ where: { partId, locationId: wh } });
    expect(balance.qty).toBe(0);
  });

  it('creates exactly one balance row when many requests race on a new (part, location)', async () => {
    const partId = await newPart();
    await Promise.all(Array.from({ length: 30 }, () => receive(partId, 1)));
    const wh = await ledger.locationOf('warehouse', 1, '总仓');
    const rows = await tx.dataSource.getRepository(StockBalance).find({ where: { partId, locationId: wh } });
    expect(rows).toHaveLength(1);
    expect(rows[0].qty).toBe(30);
  });

  it('numbers documents per day without gaps or repeats under concurrency', async () => {
    const docs = await t.app.getApplicationContext().getAsync(DocNumbers);
    const numbers = await Promise.all(
      Array.from({ length: 40 }, async () => {
        await docs.prepare('ZZ');
        return tx.run((m) => docs.next(m, 'ZZ'));
      }),
    );
    const n = numbers.map((s) => Number(s.split('-')[2])).sort((a, b) => a - b);
    expect(n).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(numbers[0]).toMatch(/^ZZ-\d{8}-\d{4}$/);
  });

  it('reports a balance that no longer matches its moves', async () => {
    const partId = await newPart();
    await receive(partId, 4);
    const wh = await ledger.locationOf('warehouse', 1, '总仓');
    await tx.run((m) => m.update(StockBalance, { partId, locationId: wh }, { qty: 7 }));
    const report = await reconciliation.run();
    expect(report.ok).toBe(false);
    expect(report.mismatches).toContainEqual({
      partId,
      locationId: wh,
      balance: 7,
      fromMoves: 4,
      part: expect.stringMatching(/^LEDGER-.* 测试配件/),
      location: '总仓',
    });
    await tx.run((m) => m.update(StockBalance, { partId, locationId: wh }, { qty: 4 }));
  });
});
