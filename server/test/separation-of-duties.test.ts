import { createTestApp, DEMO, type TestApp } from './support/app';
import { stockKit } from './support/stock';
import { Tx } from '../src/common/tx';
import { AuditLog } from '../src/modules/audit/audit.entity';

/** Demo ids: warehouse 1 总仓 (keepers 5 陈美华, 9 季红), warehouse 2 城东服务站仓 (keeper 9 only); technician 4 王建学. */
const WH = 1;
const EAST = 2;
const KEEPER_A = 5;
const KEEPER_B = 9;
const TECH = 4;
const OWN = '不能审批自己的单据，请由单据上列出的其他库管审批';

type Auth = { Authorization: string };

/**
 * 分工: a keeper approves others' requisitions and returns, never his own (nor what he wrote for
 * someone else); a document only the requester could approve is refused. An admin may allow it
 * for a company with a single keeper, and then every such decision is marked in the audit log.
 */
describe('separation of duties on requisitions and returns', () => {
  let t: TestApp;
  let kit: ReturnType<typeof stockKit>;
  let admin: Auth;
  let tech: Auth;
  let keeperA: Auth;
  let keeperB: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    kit = stockKit(t);
    [admin, tech, keeperA, keeperB] = await Promise.all([
      t.bearer(DEMO.admin),
      t.bearer(DEMO.technician),
      t.bearer(DEMO.keeper),
      t.bearer('13800000009'),
    ]);
  });
  afterAll(() => t.close());
  afterEach(() => kit.assertBooksBalance());

  const requisition = (partId: number, extra: object = {}) => ({
    employeeId: KEEPER_A,
    warehouseId: WH,
    approverIds: [KEEPER_A, KEEPER_B],
    lines: [{ partId, qty: 1 }],
    remark: '库管自用',
    ...extra,
  });
  const stockReturn = (partId: number, extra: object = {}) => ({
    employeeId: KEEPER_A,
    warehouseId: WH,
    approverIds: [KEEPER_A, KEEPER_B],
    lines: [{ partId, qty: 1, problemQty: 0, problemReason: '' }],
    remark: '用剩',
    ...extra,
  });
  const post = (path: string, auth: Auth, body: object = {}) => t.http().post(path).set(auth).send(body);
  const audit = async (entity: string, id: number) =>
    (
      await (await t.app.getApplicationContext().getAsync(Tx)).dataSource.getRepository(AuditLog).find({
        where: { entity, entityId: String(id) },
        order: { id: 'ASC' },
      })
    ).map((a) => ({ action: a.action, employeeName: a.employeeName, after: a.after ? JSON.parse(a.after) : null }));
  const count = async (table: string) =>
    Number((await (await t.app.getApplicationContext().getAsync(Tx)).dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  /** Keeper A holds one of a new part: his own requisition, approved by keeper B, signed for. */
  async function keeperHolds(name: string): Promise<number> {
    const partId = await kit.part(name);
    await kit.receive(partId, WH, 5);
    const doc = (await post('/api/requisitions', keeperA, requisition(partId))).body.data;
    expect((await post(`/api/requisitions/${doc.id}/approve`, keeperB)).status).toBe(200);
    expect((await post(`/api/requisitions/${doc.id}/sign`, keeperA)).status).toBe(200);
    return partId;
  }

  it('refuses a requisition or return whose only approver is its requester, saving nothing', async () => {
    const partId = await keeperHolds('机油滤芯');
    const [requisitions, returns] = [await count('requisition'), await count('stock_return')];

    const own = await post('/api/requisitions', keeperA, requisition(partId, { approverIds: [KEEPER_A] }));
    expect(own.status).toBe(400);
    expect(own.body).toMatchObject({
      code: 'VALIDATION',
      message: '审批人不能只有申请人本人（不能审批自己的单据），请另选一位「总仓」的库管',
      issues: [{ path: 'approverIds' }],
    });
    // written by the keeper for a technician: the keeper is the requester too
    const forTech = await post('/api/requisitions', keeperA, requisition(partId, { employeeId: TECH, approverIds: [KEEPER_A] }));
    expect(forTech.status).toBe(400);
    expect(forTech.body.issues[0].path).toBe('approverIds');
    // even as a draft
    const draft = await post('/api/requisitions', keeperA, requisition(partId, { approverIds: [KEEPER_A], submit: false }));
    expect(draft.status).toBe(400);
    // 城东服务站仓 has no other keeper: the message says what to do
    await kit.receive(partId, EAST, 2);
    const alone = await post(
      '/api/requisitions',
      keeperB,
      requisition(partId, { employeeId: KEEPER_B, warehouseId: EAST, approverIds: [KEEPER_B] }),
    );
    expect(alone.status).toBe(400);
    expect(alone.body.message).toBe(
      '「城东服务站仓」除申请人外没有在职的库管，而申请人不能审批自己的单据：请为该仓库增加库管，或请管理员在「预警 → 审批设置」中允许库管审批自己的单据',
    );

    const ownReturn = await post('/api/returns', keeperA, stockReturn(partId, { approverIds: [KEEPER_A] }));
    expect(ownReturn.status).toBe(400);
    expect(ownReturn.body.issues[0]).toMatchObject({ path: 'approverIds', message: expect.stringContaining('不能审批自己的单据') });
    expect([await count('requisition'), await count('stock_return')]).toEqual([requisitions, returns]);

    // a draft that was valid cannot be submitted with the requester as its only approver
    const valid = (await post('/api/requisitions', keeperA, requisition(partId, { submit: false }))).body.data;
    const submit = await t
      .http()
      .put(`/api/requisitions/${valid.id}`)
      .set(keeperA)
      .send(requisition(partId, { approverIds: [KEEPER_A], submit: true }));
    expect(submit.status).toBe(400);
    expect(submit.body.issues[0].path).toBe('approverIds');
    expect((await t.http().get(`/api/requisitions/${valid.id}`).set(keeperA)).body.data).toMatchObject({ status: 'draft' });
  });

  it('keeps a requester listed among other approvers, but only another keeper decides his requisition', async () => {
    const partId = await kit.part('刹车片');
    await kit.receive(partId, WH, 3);
    const doc = (await post('/api/requisitions', keeperA, requisition(partId))).body.data;
    expect(doc.approvers.map((a: { id: number }) => a.id)).toEqual([KEEPER_A, KEEPER_B]);

    const approve = await post(`/api/requisitions/${doc.id}/approve`, keeperA);
    expect(approve.status).toBe(403);
    expect(approve.body).toMatchObject({ code: 'FORBIDDEN', message: OWN });
    const reject = await post(`/api/requisitions/${doc.id}/reject`, keeperA, { reason: '不要了' });
    expect(reject.status).toBe(403);
    expect(reject.body.message).toBe(OWN);
    expect((await t.http().get(`/api/requisitions/${doc.id}`).set(keeperA)).body.data.status).toBe('pending');
    // the to-do and 待我审批 go to the other keeper only
    const todos = async (auth: Auth) =>
      ((await t.http().get('/api/notifications').set(auth)).body.data.items as { docId: number; kind: string }[]).filter(
        (n) => n.docId === doc.id && n.kind === 'approval',
      );
    expect(await todos(keeperA)).toHaveLength(0);
    expect(await todos(keeperB)).toHaveLength(1);
    const waiting = async (auth: Auth) =>
      (
        (await t.http().get('/api/requisitions').query({ mine: 'approve', pageSize: 100 }).set(auth)).body.data.items as { id: number }[]
      ).some((r) => r.id === doc.id);
    expect(await waiting(keeperA)).toBe(false);
    expect(await waiting(keeperB)).toBe(true);

    const byOther = await post(`/api/requisitions/${doc.id}/approve`, keeperB);
    expect(byOther.status).toBe(200);
    expect(byOther.body.data).toMatchObject({ status: 'approved', decidedByName: '季红' });
    expect((await audit('requisition', doc.id)).some((a) => a.action === 'requisition.selfApproval')).toBe(false);

    // what a keeper wrote for a technician is his too
    const written = (await post('/api/requisitions', keeperA, requisition(partId, { employeeId: TECH }))).body.data;
    expect((await post(`/api/requisitions/${written.id}/approve`, keeperA)).body.message).toBe(OWN);
    expect((await post(`/api/requisitions/${written.id}/reject`, keeperB, { reason: '库存留作急用' })).status).toBe(200);
  });

  it('lets only another keeper decide a keeper’s return', async () => {
    const partId = await keeperHolds('火花塞');
    const doc = (await post('/api/returns', keeperA, stockReturn(partId))).body.data;
    const own = await post(`/api/returns/${doc.id}/approve`, keeperA);
    expect(own.status).toBe(403);
    expect(own.body.message).toBe(OWN);
    const byOther = await post(`/api/returns/${doc.id}/approve`, keeperB);
    expect(byOther.status).toBe(200);
    expect(byOther.body.data).toMatchObject({ status: 'approved', decidedByName: '季红' });
  });

  it('lets a keeper approve a technician’s requisition as before', async () => {
    const partId = await kit.part('雨刮片');
    await kit.receive(partId, WH, 2);
    const doc = (await post('/api/requisitions', tech, requisition(partId, { employeeId: TECH, approverIds: [KEEPER_A] }))).body.data;
    const approved = await post(`/api/requisitions/${doc.id}/approve`, keeperA);
    expect(approved.status).toBe(200);
    expect(approved.body.data.decidedByName).toBe('陈美华');
  });

  it('lets an admin allow self-approval for a single keeper, marking each such decision in the audit log', async () => {
    expect((await t.http().get('/api/settings/approval').set(keeperB)).body.data).toEqual({ allowSelfApproval: false });
    // a keeper cannot allow it himself; bad bodies change nothing
    const byKeeper = await t.http().put('/api/settings/approval').set(keeperB).send({ allowSelfApproval: true });
    expect(byKeeper.status).toBe(403);
    for (const bad of [{}, { allowSelfApproval: 'yes' }, { allowSelfApproval: true, extra: 1 }, []]) {
      const res = await t.http().put('/api/settings/approval').set(admin).send(bad);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await t.http().get('/api/settings/approval').set(admin)).body.data).toEqual({ allowSelfApproval: false });

    const partId = await kit.part('空调滤芯');
    await kit.receive(partId, EAST, 3);
    await kit.receive(partId, WH, 3);
    const alone = requisition(partId, { employeeId: KEEPER_B, warehouseId: EAST, approverIds: [KEEPER_B] });
    const pendingBefore = (
      await post('/api/requisitions', keeperA, requisition(partId, { employeeId: TECH, approverIds: [KEEPER_A, KEEPER_B] }))
    ).body.data;

    const on = await t.http().put('/api/settings/approval').set(admin).send({ allowSelfApproval: true });
    expect(on.status).toBe(200);
    expect(on.body.data).toEqual({ allowSelfApproval: true });
    const settingLog = (
      await (
        await t.app.getApplicationContext().getAsync(Tx)
      ).dataSource
        .getRepository(AuditLog)
        .findBy({ action: 'settings.approval.update' })
    ).map((a) => [JSON.parse(a.before!), JSON.parse(a.after!)]);
    expect(settingLog).toEqual([[{ allowSelfApproval: false }, { allowSelfApproval: true }]]);

    // 季红 alone keeps 城东服务站仓: she takes two parts, approving herself
    const doc = await post('/api/requisitions', keeperB, alone);
    expect(doc.status).toBe(200);
    const approved = await post(`/api/requisitions/${doc.body.data.id}/approve`, keeperB);
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ status: 'approved', decidedByName: '季红' });
    expect(await audit('requisition', doc.body.data.id)).toEqual(
      expect.arrayContaining([
        {
          action: 'requisition.selfApproval',
          employeeName: '季红',
          after: { selfApproved: true, decision: 'approved', employeeId: KEEPER_B, createdById: KEEPER_B },
        },
        expect.objectContaining({ action: 'requisition.approve', employeeName: '季红' }),
      ]),
    );
    expect((await post(`/api/requisitions/${doc.body.data.id}/sign`, keeperB)).status).toBe(200);

    // her return, and a rejection of what keeper A wrote, are marked the same way
    const ret = (
      await post('/api/returns', keeperB, stockReturn(partId, { employeeId: KEEPER_B, warehouseId: EAST, approverIds: [KEEPER_B] }))
    ).body.data;
    expect((await post(`/api/returns/${ret.id}/approve`, keeperB)).status).toBe(200);
    expect((await audit('return', ret.id)).find((a) => a.action === 'return.selfApproval')?.after).toMatchObject({
      selfApproved: true,
      decision: 'approved',
    });
    expect((await post(`/api/requisitions/${pendingBefore.id}/reject`, keeperA, { reason: '重复' })).status).toBe(200);
    expect((await audit('requisition', pendingBefore.id)).find((a) => a.action === 'requisition.selfApproval')?.after).toMatchObject({
      selfApproved: true,
      decision: 'rejected',
    });

    // turned off again: a pending document of her own waits for someone else
    const waiting = (
      await post('/api/requisitions', keeperB, requisition(partId, { employeeId: KEEPER_B, approverIds: [KEEPER_A, KEEPER_B] }))
    ).body.data;
    expect((await t.http().put('/api/settings/approval').set(admin).send({ allowSelfApproval: false })).body.data).toEqual({
      allowSelfApproval: false,
    });
    expect((await post(`/api/requisitions/${waiting.id}/approve`, keeperB)).body.message).toBe(OWN);
    expect((await post('/api/requisitions', keeperB, alone)).status).toBe(400);
    expect((await post(`/api/requisitions/${waiting.id}/approve`, keeperA)).status).toBe(200);
  });
});
