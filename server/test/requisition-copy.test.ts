import { createTestApp, DEMO, type TestApp } from './support/app';
import { stockKit } from './support/stock';
import { Tx } from '../src/common/tx';
import { Requisition } from '../src/modules/requisition/requisition.entity';

/** Demo ids: warehouse 1 总仓 (keepers 5 陈美华, 9 季红); technicians 4 王建学, 7 刘志强. */
const WH = 1;
const KEEPER_A = 5;
const KEEPER_B = 9;
const TECH = 4;

/** Issue 10 §1: 复制 is a form until it is saved: the preview creates nothing, saving creates one copy. */
describe('复制领用单', () => {
  let t: TestApp;
  let kit: ReturnType<typeof stockKit>;
  let tx: Tx;
  let keeperA: { Authorization: string };
  let keeperB: { Authorization: string };
  let tech2: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    kit = stockKit(t);
    tx = await t.app.getApplicationContext().getAsync(Tx);
    [keeperA, keeperB, tech2] = await Promise.all([t.bearer(DEMO.keeper), t.bearer('13800000009'), t.bearer(DEMO.technician2)]);
  });
  afterAll(() => t.close());
  afterEach(() => kit.assertBooksBalance());

  it('previews a copy capped at today’s stock without saving anything, and saves it with 复制自 only when asked', async () => {
    // one after the other: the kit numbers part codes when its write runs
    const a = await kit.part('复制预览刹车片');
    const b = await kit.part('复制预览机滤');
    await kit.receive(a, WH, 5);
    await kit.receive(b, WH, 5);
    const doc = (
      await t
        .http()
        .post('/api/requisitions')
        .set(keeperA)
        .send({
          employeeId: TECH,
          warehouseId: WH,
          approverIds: [KEEPER_A, KEEPER_B],
          handlerId: KEEPER_A,
          remark: '外三补货',
          lines: [
            { partId: a, qty: 4 },
            { partId: b, qty: 2 },
          ],
        })
    ).body.data;
    expect((await t.http().post(`/api/requisitions/${doc.id}/approve`).set(keeperB)).status).toBe(200);
    const repo = tx.dataSource.getRepository(Requisition);
    const before = await repo.count();

    const preview = await t.http().get(`/api/requisitions/${doc.id}/copy`).set(keeperA);
    expect(preview.status).toBe(200);
    const p = preview.body.data;
    expect(p).toMatchObject({
      id: 0,
      no: '',
      status: 'draft',
      employeeId: TECH,
      warehouseId: WH,
      handlerId: KEEPER_A,
      copiedFromNo: doc.no,
    });
    expect(p.approvers.map((x: { id: number }) => x.id)).toEqual([KEEPER_A, KEEPER_B]);
    expect(p.lines.map((l: any) => [l.partId, l.qty, l.cappedFrom, l.available])).toEqual([
      [a, 1, 4, 1],
      [b, 2, null, 3],
    ]);
    // Nothing was written: closing the form leaves no 草稿.
    expect(await repo.count()).toBe(before);
    // Someone who may not see the source cannot preview it either.
    expect((await t.http().get(`/api/requisitions/${doc.id}/copy`).set(tech2)).status).toBe(404);

    const saved = await t
      .http()
      .post(`/api/requisitions/${doc.id}/copies`)
      .set(keeperA)
      .send({
        employeeId: TECH,
        warehouseId: WH,
        approverIds: [KEEPER_A, KEEPER_B],
        handlerId: KEEPER_A,
        remark: '外三补货',
        lines: p.lines.map((l: any) => ({ partId: l.partId, qty: l.qty })),
        submit: false,
      });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ status: 'draft', copiedFromNo: doc.no });
    expect(saved.body.data.no).toMatch(/^LY-\d{8}-\d{4}$/);
    expect(await repo.count()).toBe(before + 1);
  });
});
