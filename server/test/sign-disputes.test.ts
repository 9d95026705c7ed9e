import { Tx } from '../src/common/tx';
import { StockQuery } from '../src/modules/stock/stock-query.service';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { stockKit } from './support/stock';

type Auth = { Authorization: string };
const WH = 1;
const TECH = 4;
const KEEPER_A = 5;
const KEEPER_B = 9;

/**
 * 签收异议 (issue: no one person can make a part disappear). A technician's "未收到" no longer
 * puts parts back into the warehouse's books on his word: they wait in dispute until a keeper
 * listed on the requisition confirms they are back on the shelf, or records them as lost against
 * him with the reason. Runs on SQLite and on MariaDB.
 */
describe('sign-for disputes settled by a keeper', () => {
  let t: TestApp;
  let kit: ReturnType<typeof stockKit>;
  let tech: Auth, keeperA: Auth, keeperB: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    kit = stockKit(t);
    [tech, keeperA, keeperB] = await Promise.all([t.bearer(DEMO.technician), t.bearer(DEMO.keeper), t.bearer('13800000009')]);
  });
  afterAll(() => t.close());
  afterEach(() => kit.assertBooksBalance());

  const stock = async (kind: 'warehouse' | 'employee', refId: number, partId: number) =>
    (await (await t.app.getApplicationContext().getAsync(StockQuery)).quantities(kind, refId, [partId])).get(partId) ?? 0;

  const inDispute = async (partId: number) => {
    const tx = await t.app.getApplicationContext().getAsync(Tx);
    const rows: { qty: number | string }[] = await tx.dataSource.query(
      "SELECT b.qty AS qty FROM stock_balance b JOIN location l ON l.id = b.locationId WHERE l.kind = 'dispute' AND b.partId = ?",
      [partId],
    );
    return rows.reduce((s, r) => s + Number(r.qty), 0);
  };

  /** A requisition of `qty` approved by keeper A; the technician disputes `disputed` of it. */
  async function disputedDoc(qty: number, disputed: number, reason = '少发') {
    const partId = await kit.part('空调滤芯');
    await kit.receive(partId, WH, qty);
    const doc = (
      await t
        .http()
        .post('/api/requisitions')
        .set(tech)
        .send({ employeeId: TECH, warehouseId: WH, approverIds: [KEEPER_A, KEEPER_B], lines: [{ partId, qty }] })
    ).body.data;
    expect((await t.http().post(`/api/requisitions/${doc.id}/approve`).set(keeperA)).status).toBe(200);
    const signed = await t
      .http()
      .post(`/api/requisitions/${doc.id}/sign`)
      .set(tech)
      .send({ disputes: [{ lineId: doc.lines[0].id, qty: disputed, reason }] });
    expect(signed.status).toBe(200);
    return { partId, doc: signed.body.data, lineId: doc.lines[0].id as number };
  }

  const settle = (auth: Auth, id: number, lineId: number, body: object) =>
    t.http().post(`/api/requisitions/${id}/lines/${lineId}/dispute`).set(auth).send(body);

  it('keeps a disputed quantity out of the warehouse and out of his hands until a keeper settles it', async () => {
    const { partId, doc, lineId } = await disputedDoc(5, 2);
    expect(doc.lines[0]).toMatchObject({ disputedQty: 2, disputeReason: '少发', disputeStatus: 'open', disputeResolvedByName: null });
    expect(await stock('warehouse', WH, partId)).toBe(0);
    expect(await stock('employee', TECH, partId)).toBe(3);
    expect(await inDispute(partId)).toBe(2);

    // the keepers are asked, and 预警 lists it
    const notes = (await t.http().get('/api/notifications').set(keeperB)).body.data.items;
    expect(notes.find((n: { docId: number; kind: string }) => n.docId === doc.id && n.kind === 'dispute')).toMatchObject({
      todo: true,
      doneAt: null,
    });
    const alerts = (await t.http().get('/api/alerts').set(keeperA)).body.data;
    expect(alerts.openDisputes.find((d: { lineId: number }) => d.lineId === lineId)).toMatchObject({
      no: doc.no,
      employeeName: '王建学',
      qty: 2,
      reason: '少发',
    });

    // keeper B finds them on the shelf
    const res = await settle(keeperB, doc.id, lineId, { outcome: 'returned' });
    expect(res.status).toBe(200);
    expect(res.body.data.lines[0]).toMatchObject({ disputeStatus: 'returned', disputeResolvedByName: '季红' });
    expect(await stock('warehouse', WH, partId)).toBe(2);
    expect(await inDispute(partId)).toBe(0);
    expect(
      (await t.http().get('/api/alerts').set(keeperA)).body.data.openDisputes.some((d: { lineId: number }) => d.lineId === lineId),
    ).toBe(false);
    // the to-do closed for both keepers; the technician was told
    const after = (await t.http().get('/api/notifications').set(keeperA)).body.data.items;
    expect(after.find((n: { docId: number; kind: string }) => n.docId === doc.id && n.kind === 'dispute')).toMatchObject({
      doneNote: '已由季红核实',
    });
    const told = (await t.http().get('/api/notifications').set(tech)).body.data.items;
    expect(told.find((n: { docId: number; title: string }) => n.docId === doc.id && n.title.startsWith('签收异议'))).toMatchObject({
      title: '签收异议已核实退回仓库',
    });
    // settled once
    expect((await settle(keeperA, doc.id, lineId, { outcome: 'lost', note: '找不到' })).status).toBe(409);
  });

  it('records a lost quantity against the employee with the reason', async () => {
    const { partId, doc, lineId } = await disputedDoc(3, 1, '未收到');
    expect((await settle(keeperA, doc.id, lineId, { outcome: 'lost' })).status).toBe(400); // the reason is required
    const res = await settle(keeperA, doc.id, lineId, { outcome: 'lost', note: '仓库未找到，领用人确认遗失' });
    expect(res.status).toBe(200);
    expect(res.body.data.lines[0]).toMatchObject({ disputeStatus: 'lost', disputeNote: '仓库未找到，领用人确认遗失' });
    expect(await stock('warehouse', WH, partId)).toBe(0);
    const tx = await t.app.getApplicationContext().getAsync(Tx);
    const moves: { reason: string }[] = await tx.dataSource.query(
      "SELECT m.reason AS reason FROM stock_move m JOIN location l ON l.id = m.toLocationId WHERE l.kind = 'loss' AND m.partId = ?",
      [partId],
    );
    expect(moves.map((m) => m.reason)).toEqual(['签收异议核实：丢失，王建学承担（仓库未找到，领用人确认遗失）']);
  });

  it('lets neither the employee nor a keeper who is not listed settle it', async () => {
    const { doc, lineId } = await disputedDoc(2, 1);
    expect((await settle(tech, doc.id, lineId, { outcome: 'returned' })).status).toBe(403);
    // 季红 made the document for herself: she is the employee, so she cannot settle her own dispute
    const partId = await kit.part('雨刮');
    await kit.receive(partId, WH, 2);
    const own = (
      await t
        .http()
        .post('/api/requisitions')
        .set(keeperB)
        .send({ employeeId: KEEPER_B, warehouseId: WH, approverIds: [KEEPER_A, KEEPER_B], lines: [{ partId, qty: 2 }] })
    ).body.data;
    await t.http().post(`/api/requisitions/${own.id}/approve`).set(keeperA);
    await t
      .http()
      .post(`/api/requisitions/${own.id}/sign`)
      .set(keeperB)
      .send({ disputes: [{ lineId: own.lines[0].id, qty: 1, reason: '破损' }] });
    const self = await settle(keeperB, own.id, own.lines[0].id, { outcome: 'returned' });
    expect(self.status).toBe(403);
    expect(self.body.message).toBe('不能核实自己签收的异议，请由其他库管处理');
    expect((await settle(keeperA, own.id, own.lines[0].id, { outcome: 'returned' })).status).toBe(200);
    // an unknown line
    expect((await settle(keeperA, doc.id, 999999, { outcome: 'returned' })).status).toBe(404);
  });

  it('cannot put disputed parts back into a warehouse while it is being counted', async () => {
    const { partId, doc, lineId } = await disputedDoc(4, 1);
    const st = (await t.http().post('/api/stocktakes').set(keeperA).send({ warehouseId: WH, blind: true, remark: '抽盘' })).body.data;
    const refused = await settle(keeperA, doc.id, lineId, { outcome: 'returned' });
    expect(refused.status).toBe(409);
    expect(await stock('warehouse', WH, partId)).toBe(0);
    expect(await inDispute(partId)).toBe(1);
    await t.http().post(`/api/stocktakes/${st.id}/cancel`).set(keeperA).send({});
    expect((await settle(keeperA, doc.id, lineId, { outcome: 'returned' })).status).toBe(200);
    expect(await stock('warehouse', WH, partId)).toBe(1);
  });
});
