import { Tx } from '../src/common/tx';
import { AuditLog } from '../src/modules/audit/audit.entity';
import { StockReturn } from '../src/modules/stock-return/stock-return.entity';
import { StockQuery } from '../src/modules/stock/stock-query.service';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { stockKit } from './support/stock';

type Auth = { Authorization: string };
type Note = {
  docType: string | null;
  docId: number;
  kind: string;
  title: string;
  body: string;
  todo: boolean;
  doneAt: string | null;
  doneNote: string;
};
const WH = 1;
const TECH = 4;
const KEEPER_A = 5; // 陈美华
const KEEPER_B = 9; // 季红

/**
 * 调回单 write-offs (issue: no one person can make a part disappear). A keeper's count that
 * writes off more than the technician declared would let the keeper keep parts and book them as
 * the technician's loss: it posts nothing until the technician confirms it (or a second listed
 * keeper does); the technician may object instead. Runs on SQLite and on MariaDB.
 */
describe('return write-offs beyond the declaration wait for a second person', () => {
  let t: TestApp;
  let kit: ReturnType<typeof stockKit>;
  let tx: Tx;
  let tech: Auth, tech2: Auth, keeperA: Auth, keeperB: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    kit = stockKit(t);
    tx = await t.app.getApplicationContext().getAsync(Tx);
    [tech, tech2, keeperA, keeperB] = await Promise.all([
      t.bearer(DEMO.technician),
      t.bearer(DEMO.technician2),
      t.bearer(DEMO.keeper),
      t.bearer('13800000009'),
    ]);
  });
  afterAll(() => t.close());
  afterEach(() => kit.assertBooksBalance());

  const stock = async (kind: 'warehouse' | 'employee', refId: number, partId: number) =>
    (await (await t.app.getApplicationContext().getAsync(StockQuery)).quantities(kind, refId, [partId])).get(partId) ?? 0;

  const lossOf = async (partId: number) => {
    const rows: { qty: number | string; reason: string }[] = await tx.dataSource.query(
      "SELECT m.qty AS qty, m.reason AS reason FROM stock_move m JOIN location l ON l.id = m.toLocationId WHERE l.kind = 'loss' AND m.partId = ?",
      [partId],
    );
    return rows.map((r) => [Number(r.qty), r.reason]);
  };

  const notes = async (auth: Auth, docId: number): Promise<Note[]> =>
    (await t.http().get('/api/notifications').query({ pageSize: 200 }).set(auth)).body.data.items.filter(
      (n: Note) => n.docType === 'return' && n.docId === docId,
    );

  const audit = async (id: number) =>
    (await tx.dataSource.getRepository(AuditLog).find({ where: { entity: 'return', entityId: String(id) }, order: { id: 'ASC' } })).map(
      (a) => a.action,
    );

  /** He holds 4; he returns 3 and declares 1 damaged; the listed approvers are keepers A and B. */
  async function declared(approverIds = [KEEPER_A, KEEPER_B]) {
    const partId = await kit.part('机油滤芯');
    await kit.receive(partId, WH, 4);
    const req = (
      await t
        .http()
        .post('/api/requisitions')
        .set(tech)
        .send({ employeeId: TECH, warehouseId: WH, approverIds: [KEEPER_A, KEEPER_B], lines: [{ partId, qty: 4 }] })
    ).body.data;
    expect((await t.http().post(`/api/requisitions/${req.id}/approve`).set(keeperA)).status).toBe(200);
    expect((await t.http().post(`/api/requisitions/${req.id}/sign`).set(tech).send({})).status).toBe(200);
    const doc = (
      await t
        .http()
        .post('/api/returns')
        .set(tech)
        .send({ employeeId: TECH, warehouseId: WH, approverIds, lines: [{ partId, qty: 3, problemQty: 1, problemReason: '损坏' }] })
    ).body.data;
    return { partId, doc, lineId: doc.lines[0].id as number };
  }

  /** Confirms the count as it is on the document now (the version the screen shows). */
  const confirmNow = async (id: number, auth: Auth) => {
    const seen = (await t.http().get(`/api/returns/${id}`).set(auth)).body.data;
    return t
      .http()
      .post(`/api/returns/${id}/variance/confirm`)
      .set(auth)
      .send({ countsVersion: seen?.countsVersion ?? 0 });
  };

  /** Keeper A counts only 1 back and writes 3 off as lost: 2 more than declared. */
  const countBeyond = (id: number, lineId: number, auth = keeperA) =>
    t
      .http()
      .post(`/api/returns/${id}/approve`)
      .set(auth)
      .send({ counts: [{ lineId, qty: 1, problemQty: 3, problemReason: '丢失' }] });

  it('posts nothing on the keeper count alone, asks the technician, and posts once he confirms', async () => {
    const { partId, doc, lineId } = await declared();
    const held = await countBeyond(doc.id, lineId);
    expect(held.status).toBe(200);
    expect(held.body.data).toMatchObject({ status: 'variance', decidedByName: '陈美华', confirmedById: null, countsVersion: 1 });
    expect(held.body.data.lines[0]).toMatchObject({
      qty: 1,
      problemQty: 3,
      problemReason: '丢失',
      declaredQty: 3,
      declaredProblemQty: 1,
      declaredProblemReason: '损坏',
    });
    // nothing moved: still in his hands, nothing written off
    expect(await stock('employee', TECH, partId)).toBe(4);
    expect(await stock('warehouse', WH, partId)).toBe(0);
    expect(await lossOf(partId)).toEqual([]);

    // he has a to-do with both figures; the keepers' approval to-dos are closed
    const mine = await notes(tech, doc.id);
    expect(mine.find((n) => n.kind === 'variance')).toMatchObject({ todo: true, doneAt: null, title: '调回单核对有差异，请确认' });
    expect(mine.find((n) => n.kind === 'variance')!.body).toContain('申报退还 3，核对 1、申报问题 1，核对 3（丢失）');
    expect((await notes(keeperB, doc.id)).find((n) => n.kind === 'approval')).toMatchObject({
      doneNote: '已由陈美华核对，差异待员工确认',
    });
    // the parts stay spoken for: he cannot send them back on another return meanwhile
    const again = await t
      .http()
      .post('/api/returns')
      .set(tech)
      .send({ employeeId: TECH, warehouseId: WH, approverIds: [KEEPER_A], lines: [{ partId, qty: 1 }] });
    expect(again.status).toBe(400);
    // a second approval or a rejection of the same return is refused
    expect((await countBeyond(doc.id, lineId, keeperB)).status).toBe(409);
    expect((await t.http().post(`/api/returns/${doc.id}/reject`).set(keeperB).send({ reason: '重新清点' })).status).toBe(409);

    const ok = await confirmNow(doc.id, tech);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ status: 'approved', confirmedByName: '王建学', decidedByName: '陈美华' });
    expect(await stock('employee', TECH, partId)).toBe(0);
    expect(await stock('warehouse', WH, partId)).toBe(1);
    expect(await lossOf(partId)).toEqual([[3, '丢失']]);
    const after = await notes(tech, doc.id);
    expect(after.find((n) => n.kind === 'variance')).toMatchObject({ doneNote: '已由员工本人确认' });
    expect(after.find((n) => n.kind === 'result')).toMatchObject({ title: '调回单已批准（含报损）' });
    expect(after.find((n) => n.kind === 'result')!.body).toContain('报损：');
    expect(after.find((n) => n.kind === 'result')!.body).toContain('×3（丢失）');
    expect(await audit(doc.id)).toEqual(['return.submit', 'return.variance', 'return.varianceConfirm']);
    // once
    expect((await confirmNow(doc.id, tech)).status).toBe(409);
  });

  it('sends the return back to pending with his objection, the declaration restored and the keepers asked again', async () => {
    const { partId, doc, lineId } = await declared();
    await countBeyond(doc.id, lineId);
    // only he may object, and he must say why
    expect((await t.http().post(`/api/returns/${doc.id}/variance/object`).set(keeperB).send({ note: '不对' })).status).toBe(403);
    expect((await t.http().post(`/api/returns/${doc.id}/variance/object`).set(tech2).send({ note: '不对' })).status).toBe(404);
    expect((await t.http().post(`/api/returns/${doc.id}/variance/object`).set(tech).send({ note: '' })).status).toBe(400);
    const res = await t.http().post(`/api/returns/${doc.id}/variance/object`).set(tech).send({ note: '交回时当面点过，3 个完好' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'pending', decidedById: null, varianceNote: '交回时当面点过，3 个完好' });
    expect(res.body.data.lines[0]).toMatchObject({ qty: 3, problemQty: 1, problemReason: '损坏', declaredQty: 3, declaredProblemQty: 1 });
    expect(await stock('employee', TECH, partId)).toBe(4);
    expect((await notes(tech, doc.id)).find((n) => n.kind === 'variance')).toMatchObject({ doneNote: '已提出异议' });
    const asked = (await notes(keeperB, doc.id)).filter((n) => n.kind === 'approval' && n.doneAt === null);
    expect(asked).toEqual([expect.objectContaining({ todo: true, title: '王建学对调回单核对结果有异议' })]);
    expect((await confirmNow(doc.id, tech)).status).toBe(409);
    const rows = await tx.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ entity: 'return', entityId: String(doc.id), action: 'return.varianceObject' });
    expect(JSON.parse(rows.before!)).toMatchObject({ counted: [[partId, 1, 3, '丢失']] });

    // keeper B approves without changing anything: the declaration posts as it is
    const ok = await t.http().post(`/api/returns/${doc.id}/approve`).set(keeperB).send({});
    expect(ok.body.data).toMatchObject({ status: 'approved', decidedByName: '季红' });
    expect(await stock('warehouse', WH, partId)).toBe(3);
    expect(await lossOf(partId)).toEqual([[1, '损坏']]);
  });

  it('lets a second listed keeper confirm instead, never the keeper who counted, and tells the technician', async () => {
    const { partId, doc, lineId } = await declared();
    await countBeyond(doc.id, lineId);
    const confirm = (auth: Auth) => t.http().post(`/api/returns/${doc.id}/variance/confirm`).set(auth).send({ countsVersion: 1 });
    const self = await confirm(keeperA);
    expect(self.status).toBe(403);
    expect(self.body.message).toBe('核对的库管不能自己确认差异，请由员工本人或另一位库管确认');
    expect((await confirm(tech2)).status).toBe(404);
    expect((await confirm(await t.bearer(DEMO.supervisor))).status).toBe(403);
    expect(await stock('employee', TECH, partId)).toBe(4);

    const ok = await confirm(keeperB);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ status: 'approved', confirmedByName: '季红' });
    expect(await lossOf(partId)).toEqual([[3, '丢失']]);
    const told = await notes(tech, doc.id);
    expect(told.find((n) => n.kind === 'variance')).toMatchObject({ doneNote: '已由季红确认' });
    expect(told.find((n) => n.kind === 'result')!.body).toMatch(/陈美华核对，季红确认。报损：机油滤芯\d+×3（丢失）/);
    const entry = await tx.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ entity: 'return', entityId: String(doc.id), action: 'return.varianceConfirm' });
    expect(entry.employeeName).toBe('季红');
    expect(JSON.parse(entry.after!)).toMatchObject({ confirmedBy: 'keeper' });
  });

  it('refuses a keeper who is not listed on the return', async () => {
    const { doc, lineId } = await declared([KEEPER_A]);
    await countBeyond(doc.id, lineId);
    const res = await confirmNow(doc.id, keeperB);
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('只有领用员工本人或单据上列出的另一位库管可以确认差异');
    expect((await confirmNow(doc.id, tech)).status).toBe(200);
  });

  it('posts once when he and a second keeper confirm at the same moment', async () => {
    const { partId, doc, lineId } = await declared();
    await countBeyond(doc.id, lineId);
    const results = await Promise.all(
      [tech, keeperB, tech, keeperB].map((auth) =>
        t.http().post(`/api/returns/${doc.id}/variance/confirm`).set(auth).send({ countsVersion: 1 }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    expect(await lossOf(partId)).toEqual([[3, '丢失']]);
    expect(await stock('warehouse', WH, partId)).toBe(1);
  });

  it('does not post a confirmation into a warehouse that is being counted', async () => {
    const { partId, doc, lineId } = await declared();
    await countBeyond(doc.id, lineId);
    const st = (await t.http().post('/api/stocktakes').set(keeperA).send({ warehouseId: WH, remark: '抽盘' })).body.data;
    const refused = await confirmNow(doc.id, tech);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('正在盘点');
    expect(await stock('employee', TECH, partId)).toBe(4);
    await t.http().post(`/api/stocktakes/${st.id}/cancel`).set(keeperA).send({});
    expect((await confirmNow(doc.id, tech)).status).toBe(200);
  });

  it('holds a count that takes back fewer than he declared, even with nothing written off', async () => {
    // He holds 4 and declares 3 back, 1 damaged; the keeper counts 1 back and the same 1 damaged: 2 would stay on his account.
    const { partId, doc, lineId } = await declared();
    const held = await t
      .http()
      .post(`/api/returns/${doc.id}/approve`)
      .set(keeperA)
      .send({ counts: [{ lineId, qty: 1, problemQty: 1, problemReason: '损坏' }] });
    expect(held.status).toBe(200);
    expect(held.body.data).toMatchObject({ status: 'variance', countsVersion: 1 });
    expect(await stock('employee', TECH, partId)).toBe(4);
    expect(await stock('warehouse', WH, partId)).toBe(0);
    const asked = (await notes(tech, doc.id)).find((n) => n.kind === 'variance');
    expect(asked!.body).toContain('申报退还 3，核对 1');
    expect(await audit(doc.id)).toEqual(['return.submit', 'return.variance']);
    // a count equal to the declaration, or one that takes back more, posts at once
    const ok = await confirmNow(doc.id, tech);
    expect(ok.status).toBe(200);
    expect(await stock('employee', TECH, partId)).toBe(2);
    expect(await stock('warehouse', WH, partId)).toBe(1);
  });

  it('refuses a confirmation of a count that was redone since the confirmer saw it, and keeps the objection note', async () => {
    const { partId, doc, lineId } = await declared();
    await countBeyond(doc.id, lineId);
    const seen = (await t.http().get(`/api/returns/${doc.id}`).set(tech)).body.data;
    expect(seen.countsVersion).toBe(1);
    await t.http().post(`/api/returns/${doc.id}/variance/object`).set(tech).send({ note: '我交回了 3 个' });
    // keeper B recounts and writes off even more: a new version
    const recount = await t
      .http()
      .post(`/api/returns/${doc.id}/approve`)
      .set(keeperB)
      .send({ counts: [{ lineId, qty: 0, problemQty: 4, problemReason: '丢失' }] });
    expect(recount.body.data).toMatchObject({ status: 'variance', countsVersion: 2, varianceNote: '我交回了 3 个' });
    // the old screen's confirmation does not accept the bigger write-off
    const stale = await t.http().post(`/api/returns/${doc.id}/variance/confirm`).set(tech).send({ countsVersion: seen.countsVersion });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe('差异已更新，请刷新后再确认');
    expect((await t.http().post(`/api/returns/${doc.id}/variance/confirm`).set(tech).send({})).status).toBe(400);
    expect(await lossOf(partId)).toEqual([]);
    expect(await stock('employee', TECH, partId)).toBe(4);
    const ok = await t.http().post(`/api/returns/${doc.id}/variance/confirm`).set(tech).send({ countsVersion: 2 });
    expect(ok.status).toBe(200);
    expect(await lossOf(partId)).toEqual([[4, '丢失']]);
  });

  it('shows a count waiting for his confirmation in 预警 as a waiting document, since the count', async () => {
    const { doc, lineId } = await declared();
    await countBeyond(doc.id, lineId);
    const waiting = async () =>
      ((await t.http().get('/api/alerts').set(keeperB)).body.data.waitingDocs as { docType: string; id: number; status: string }[]).filter(
        (d) => d.docType === 'return' && d.id === doc.id,
      );
    expect(await waiting()).toEqual([]); // counted just now
    const tenHoursAgo = new Date(Date.now() - 10 * 3600_000);
    await tx.dataSource.getRepository(StockReturn).update({ id: doc.id }, { decidedAt: tenHoursAgo, createdAt: tenHoursAgo });
    expect(await waiting()).toEqual([expect.objectContaining({ status: 'variance', hours: 10 })]);
    await confirmNow(doc.id, tech);
    expect(await waiting()).toEqual([]);
  });

  it('refuses a count that does not fit what he holds before asking him', async () => {
    const { doc, lineId } = await declared();
    const res = await t
      .http()
      .post(`/api/returns/${doc.id}/approve`)
      .set(keeperA)
      .send({ counts: [{ lineId, qty: 2, problemQty: 3, problemReason: '丢失' }] });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('员工现在只持有 4');
    expect((await t.http().get(`/api/returns/${doc.id}`).set(tech)).body.data.status).toBe('pending');
    await t.http().post(`/api/returns/${doc.id}/reject`).set(keeperA).send({ reason: '重新清点' });
  });
});
