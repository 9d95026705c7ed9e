import { Tx } from '../../src/common/tx';
import { Part } from '../../src/modules/part/part.entity';
import { Reconciliation } from '../../src/modules/stock/reconciliation.service';
import { StockLedger } from '../../src/modules/stock/stock-ledger.service';
import type { TestApp } from './app';

let seq = 0;

/** Helpers for inventory tests: a fresh part, stock received into a warehouse, the books checked. */
export function stockKit(t: TestApp) {
  const c = () => t.app.getApplicationContext();
  return {
    async part(name = '测试配件'): Promise<number> {
      const tx = await c().getAsync(Tx);
      const now = new Date();
      seq++;
      return tx.run(async (m) => {
        const code = `T${process.pid}${seq}${Date.now() % 100000}`;
        const r = await m.insert(Part, {
          code,
          name: `${name}${seq}`,
          unit: '个',
          category: '其他',
          costPrice: 1000,
          salePrice: 2000,
          taxRate: 13,
          searchText: `${code}|${name}${seq}`,
          createdAt: now,
          updatedAt: now,
        });
        return r.identifiers[0].id as number;
      });
    },
    /** Puts stock into a warehouse the way an inbound does: supplier -> warehouse. */
    async receive(partId: number, warehouseId: number, qty: number): Promise<void> {
      const [tx, ledger] = await Promise.all([c().getAsync(Tx), c().getAsync(StockLedger)]);
      const [supplier, wh] = await Promise.all([ledger.virtualLocation('supplier'), ledger.locationOf('warehouse', warehouseId, '')]);
      await tx.run((m) =>
        ledger.post(
          m,
          [{ partId, qty, fromLocationId: supplier, toLocationId: wh, docType: 'inbound', docId: 1, docNo: 'RK-TEST', unitCost: 1000 }],
          null,
        ),
      );
    },
    /** Fails the test when the books do not balance. */
    async assertBooksBalance(): Promise<void> {
      const report = await (await c().getAsync(Reconciliation)).run();
      expect({ mismatches: report.mismatches, negatives: report.negatives, unexplained: report.unexplained }).toEqual({
        mismatches: [],
        negatives: [],
        unexplained: [],
      });
    },
  };
}
