import { bigVarianceReason, isBigVariance } from '@hongyuan/shared';
import { Tx } from '../src/common/tx';
import { AuditLog } from '../src/modules/audit/audit.entity';
import { Warehouse } from '../src/modules/org/org.entity';
import { Part } from '../src/modules/part/part.entity';
import { Stocktake, StocktakeCount } from '../src/modules/stocktake/stocktake.entity';
import { createTestApp, DEMO, type TestApp } from './support/app';

const KEEPER_JI = '13800000009'; // 季红: keeper of 总仓 and 城东服务站仓
type Auth = { Authorization: string };

/**
 * Issue 10 §1/§5: 撤销 a count (the line gets its previous count back, or 未盘), the 发起盘点
 * picker lists only the warehouses the keeper keeps, and the big-variance rule both clients use.
 */
describe('盘点录入：撤销、可发起的仓库、差异较大', () => {
  let t: TestApp;
  let tx: Tx;
  let admin: Auth;
  let keeper: Auth; // 陈美华: keeper of 总仓 only
  let keeper2: Auth;
  let tech: Auth;
  let main: number;
  let east: number;

  beforeAll(async () => {
    t = await createTestApp();
    tx = await t.app.getApplicationContext().getAsync(Tx);
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

  async function newPart(): Promise<number> {
    const now = new Date();
    return tx.run(async (m) => {
      const r = await m.insert(Part, {
        code: `UNDO-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`,
        name: '撤销测试件',
        spec: '',
        unit: '个',
        category: '刹车',
        costPrice: 1000,
        salePrice: 2000,
        taxRate: 13,
        createdAt: now,
        updatedAt: now,
      });
      return r.identifiers[0].id as number;
    });
  }

  const count = (auth: Auth, id: number, partId: number, countedQty: number) =>
    t
      .http()
      .put(`/api/stocktakes/${id}/counts`)
      .set(auth)
      .send({ counts: [{ partId, countedQty }] });
  const undo = (auth: Auth, id: number, partId: number, countedQty: number) =>
    t.http().post(`/api/stocktakes/${id}/counts/undo`).set(auth).send({ partId, countedQty });

  it('offers each keeper only the warehouses he keeps (all for the admin, none for a technician) and refuses the others', async () => {
    const names = async (auth: Auth) => {
      const res = await t.http().get('/api/stocktakes/warehouses').set(auth);
      expect(res.status).toBe(200);
      return (res.body.data as { name: string; openNo: string }[]).map((w) => w.name);
    };
    expect(await names(keeper)).toEqual(['总仓']);
    expect((await names(keeper2)).sort()).toEqual(['城东服务站仓', '总仓'].sort());
    const enabled = await tx.dataSource.getRepository(Warehouse).findBy({ enabled: true });
    expect((await names(admin)).sort()).toEqual(enabled.map((w) => w.name).sort());
    expect((await t.http().get('/api/stocktakes/warehouses').set(tech)).status).toBe(403);

    // The server refuses a count of a warehouse the keeper does not keep, whatever the picker shows.
    const refused = await t.http().post('/api/stocktakes').set(keeper).send({ warehouseId: east, blind: false, remark: '' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('只有「城东服务站仓」的库管或管理员可以发起该仓库的盘点');
    expect(await tx.dataSource.getRepository(Stocktake).countBy({ warehouseId: east, status: 'counting' })).toBe(0);
  });

  it('撤销 gives the line its previous count back, or 未盘 after a first count; only one’s own last entry', async () => {
    const [a, b] = await Promise.all([newPart(), newPart()]);
    const started = await t.http().post('/api/stocktakes').set(keeper).send({ warehouseId: main, blind: false, remark: '撤销测试' });
    expect(started.status).toBe(200);
    const st = started.body.data;
    try {
      // The open count is shown next to its warehouse in the picker.
      const picker = await t.http().get('/api/stocktakes/warehouses').set(keeper);
      expect(picker.body.data).toEqual([{ id: main, name: '总仓', openNo: st.no }]);

      expect((await count(keeper, st.id, a, 4)).status).toBe(200);
      expect((await count(keeper, st.id, a, 31)).status).toBe(200);
      // Someone else's entry is not his to take back.
      const other = await undo(keeper2, st.id, a, 31);
      expect(other.status).toBe(403);
      expect(other.body.message).toBe('只能撤销自己录入的数量');
      // A stale undo (the line holds another count now) is refused.
      const stale = await undo(keeper, st.id, a, 4);
      expect(stale.status).toBe(409);
      expect(stale.body.message).toBe('这一行已被重新录入，不能撤销，请刷新后核对');

      const back = await undo(keeper, st.id, a, 31);
      expect(back.status).toBe(200);
      expect(back.body.data.lines).toEqual([expect.objectContaining({ partId: a, countedQty: 4, countEntries: 3 })]);
      // The history is honest: 4, 31, then 4 again (the restore is an entry of its own).
      const entries = await tx.dataSource
        .getRepository(StocktakeCount)
        .find({ where: { stocktakeId: st.id, partId: a }, order: { id: 'ASC' } });
      expect(entries.map((e) => e.countedQty)).toEqual([4, 31, 4]);

      // A first count taken back: the line is 未盘 again and the progress drops.
      const first = await count(keeper, st.id, b, 7);
      const progress = first.body.data.countedCount;
      const cleared = await undo(keeper, st.id, b, 7);
      expect(cleared.status).toBe(200);
      expect(cleared.body.data.countedCount).toBe(progress - 1);
      expect(cleared.body.data.lines).toEqual([expect.objectContaining({ partId: b, countedQty: null, countedByName: null })]);
      const logged = await tx.dataSource.getRepository(AuditLog).findBy({ action: 'stocktake.undoCount', entityId: st.id });
      expect(logged).toHaveLength(1);
      // Nothing left to take back.
      expect((await undo(keeper, st.id, b, 7)).status).toBe(409);
    } finally {
      expect((await t.http().post(`/api/stocktakes/${st.id}/cancel`).set(keeper).send({})).status).toBe(200);
    }
    // A decided count takes no undo.
    const late = await undo(keeper, st.id, a, 4);
    expect(late.status).toBe(409);
  });

  it('flags a variance that is large in pieces, in value or against the book', () => {
    expect(isBigVariance({ bookQty: 40, difference: -31 })).toBe(true);
    expect(bigVarianceReason({ bookQty: 40, difference: -31 })).toBe('差 -31');
    expect(isBigVariance({ bookQty: 100, difference: 9, differenceValue: 9 * 1000 })).toBe(false);
    expect(bigVarianceReason({ bookQty: 100, difference: -2, differenceValue: -2 * 30_000 })).toBe('金额较大');
    expect(bigVarianceReason({ bookQty: 6, difference: -3 })).toBe('账面的 50%');
    expect(isBigVariance({ bookQty: 1, difference: -1 })).toBe(false);
    expect(isBigVariance({ bookQty: 5, difference: null })).toBe(false);
    expect(isBigVariance({ bookQty: 5, difference: 0 })).toBe(false);
  });
});
