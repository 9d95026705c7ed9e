import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { Tx } from '../src/common/tx';
import { Part } from '../src/modules/part/part.entity';
import { Notifier } from '../src/modules/notification/notifier.service';
import { DailyReminders } from '../src/modules/notification/daily-reminders';
import { OutboxWorker } from '../src/modules/wechat/outbox-worker';
import { fitValue } from '../src/modules/wechat/template-values';
import { WechatOutbox, WechatSubscription, WechatToken } from '../src/modules/wechat/wechat.entity';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { countRows } from './support/db';
import { stockKit } from './support/stock';
import { startStandin, type Standin, type StandinMessage } from './support/wechat-standin';

type Auth = { Authorization: string };
const WH = 1;
const TECH = 4;
const TECH2 = 7;
const KEEPER = 5;
const KEEPER2 = 9;
const TPL = { dispatch: 'demo-dispatch', approval: 'demo-approval-request', result: 'demo-approval-result', sign: 'demo-parts-sign' };
const SEND = '/cgi-bin/message/subscribe/send';

interface Note {
  id: number;
  kind: string;
  title: string;
  body: string;
  page: string;
  todo: boolean;
  doneAt: string | null;
  doneNote: string;
  readAt: string | null;
  wechat: string;
  wechatError: string;
  workOrderId: number | null;
  docId: number | null;
}

/**
 * Messages (站内消息 + WeChat subscription messages) against the WeChat stand-in: who hears of
 * what, with which template data and page; quotas; the outbox worker's rule for every error;
 * the shared access token. Runs on SQLite and on MariaDB. The worker is driven by hand here
 * (WECHAT_OUTBOX_INTERVAL_MS=0 in tests): drain() sends what is due.
 */
describe('WeChat messages', () => {
  let standin: Standin;
  let t: TestApp;
  let kit: ReturnType<typeof stockKit>;
  let admin: Auth, service: Auth, supervisor: Auth, tech: Auth, tech2: Auth, keeper: Auth, keeper2: Auth;
  let worker: OutboxWorker;
  const openids: Record<number, string> = {};
  let customerId: number;

  beforeAll(async () => {
    standin = await startStandin();
    t = await createTestApp();
    kit = stockKit(t);
    [admin, service, supervisor, tech, tech2, keeper, keeper2] = await Promise.all([
      t.bearer(DEMO.admin),
      t.bearer(DEMO.service),
      t.bearer(DEMO.supervisor),
      t.bearer(DEMO.technician),
      t.bearer(DEMO.technician2),
      t.bearer(DEMO.keeper),
      t.bearer('13800000009'),
    ]);
    worker = await t.app.getApplicationContext().getAsync(OutboxWorker);
    for (const id of [TECH, TECH2, KEEPER]) openids[id] = await bind(id);
    const list = await t.http().get('/api/customers').query({ pageSize: 1 }).set(service);
    customerId = list.body.data.items[0].id;
  });
  afterAll(async () => {
    await t.close();
    await standin.close();
  });

  /** Binds an employee's WeChat with a desk code; answers his openid. */
  async function bind(employeeId: number): Promise<string> {
    const code = (await t.http().post(`/api/employees/${employeeId}/wechat-binding-code`).set(admin)).body.data.code;
    const login = standin.login(`user-${employeeId}`);
    const ticket = (await t.http().post('/api/auth/wechat').send({ code: login.code })).body.data.ticket;
    const res = await t.http().post('/api/auth/wechat/bind').send({ ticket, bindingCode: code });
    expect(res.status).toBe(200);
    return login.openid;
  }

  /** He taps 允许 for a template n times: WeChat's quota and ours go up together. */
  async function allow(auth: Auth, employeeId: number, templateId: string, n = 1) {
    for (let i = 0; i < n; i++) {
      standin.subscribe({ openid: openids[employeeId], template_id: templateId, accept: true });
      const res = await t
        .http()
        .post('/api/wechat/subscriptions')
        .set(auth)
        .send({ results: { [templateId]: 'accept' } });
      expect(res.status).toBe(200);
    }
  }

  const quota = async (auth: Auth, kind: keyof typeof TPL) =>
    ((await t.http().get('/api/wechat/subscriptions').set(auth)).body.data.templates as { kind: string; quota: number }[]).find(
      (x) => x.kind === kind,
    )!.quota;

  const inbox = async (auth: Auth): Promise<{ items: Note[]; unread: number }> =>
    (await t.http().get('/api/notifications').query({ pageSize: 100 }).set(auth)).body.data;

  const delivered = (employeeId: number, templateId?: string): StandinMessage[] =>
    standin.state.inbox.filter((msg) => msg.touser === openids[employeeId] && (!templateId || msg.template_id === templateId));

  const fields = (msg: StandinMessage) => Object.fromEntries(Object.entries(msg.data).map(([k, v]) => [k, v.value]));

  /** Sends whatever an earlier test left due, so each test sees only its own message. */
  async function drainAll() {
    await worker.drain(() => new Date(Date.now() + 86400_000));
  }

  async function newOrder(problem = '发动机异响，保养灯亮') {
    const res = await t.http().post('/api/work-orders').set(service).send({
      customerId,
      contactName: '李先生',
      contactPhone: '13912345678',
      address: '庆元县松源街道',
      problem,
      serviceType: 'onsite',
    });
    expect(res.status).toBe(200);
    return res.body.data as { id: number; no: string };
  }

  const act = (auth: Auth, id: number, action: string, body: object = {}) =>
    t.http().post(`/api/work-orders/${id}/${action}`).set(auth).send(body);

  async function requisition(auth: Auth, employeeId: number, approverIds: number[], qty = 2) {
    const partId = await kit.part('机油滤清器');
    await kit.receive(partId, WH, qty);
    const res = await t
      .http()
      .post('/api/requisitions')
      .set(auth)
      .send({ employeeId, warehouseId: WH, approverIds, remark: '外出补货', lines: [{ partId, qty }] });
    expect(res.status).toBe(200);
    return res.body.data as { id: number; no: string };
  }

  it('dispatch: the technician gets a to-do and the 派工通知 with the order, customer, problem and its page', async () => {
    await allow(tech, TECH, TPL.dispatch);
    expect(await quota(tech, 'dispatch')).toBe(1);
    const order = await newOrder('发动机异响，冷车启动时尤其明显，保养灯一直亮着，客户希望今天下午上门处理');
    expect((await act(supervisor, order.id, 'dispatch', { technicianId: TECH })).status).toBe(200);

    const mine = (await inbox(tech)).items.find((n) => n.workOrderId === order.id)!;
    expect(mine).toMatchObject({ kind: 'dispatch', title: '新工单派给你', todo: true, page: `packages/work/order/index?id=${order.id}` });
    expect(mine.wechat).toBe('pending');
    expect(await quota(tech, 'dispatch')).toBe(0);

    expect(await worker.drain()).toBe(1);
    const [msg] = delivered(TECH, TPL.dispatch).filter((m) => fields(m).character_string1 === order.no);
    expect(msg.page).toBe(`packages/work/order/index?id=${order.id}`);
    expect(msg.miniprogram_state).toBe('developer');
    const f = fields(msg);
    expect(f.thing3).toHaveLength(20); // cut to thing's limit, ending with …
    expect(f.thing3.endsWith('…')).toBe(true);
    expect(f).toMatchObject({ phrase5: '已派工' });
    expect(f.time4).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect((await inbox(tech)).items.find((n) => n.id === mine.id)!.wechat).toBe('sent');
    expect(standin.quota(openids[TECH], TPL.dispatch)).toBe(0);
  });

  it('reassign: the new technician hears 改派, the previous one 已改派 and his to-do closes; finishing closes the new one', async () => {
    await allow(tech, TECH, TPL.dispatch);
    await allow(tech2, TECH2, TPL.dispatch);
    const order = await newOrder();
    await act(supervisor, order.id, 'dispatch', { technicianId: TECH });
    expect(await worker.drain()).toBe(1);
    const before = (await inbox(tech)).unread;
    expect((await act(supervisor, order.id, 'reassign', { technicianId: TECH2, note: '王师傅今天请假' })).status).toBe(200);

    const old = (await inbox(tech)).items.filter((n) => n.workOrderId === order.id);
    expect(old.find((n) => n.kind === 'dispatch')).toMatchObject({ doneNote: '已改派他人', doneAt: expect.any(String) });
    expect(old.find((n) => n.kind === 'reassign')).toMatchObject({ title: '工单已改派他人', wechat: 'no_quota', todo: false });
    // the closed to-do left the badge; the unread 已改派 notice is in it
    expect((await inbox(tech)).unread).toBe(before);

    const fresh = (await inbox(tech2)).items.find((n) => n.workOrderId === order.id)!;
    expect(fresh).toMatchObject({ kind: 'dispatch', title: '工单改派给你', wechat: 'pending' });
    await worker.drain();
    expect(fields(delivered(TECH2, TPL.dispatch).at(-1)!)).toMatchObject({ character_string1: order.no, phrase5: '改派' });

    await act(tech2, order.id, 'start', {});
    const unread = (await inbox(tech2)).unread;
    expect((await act(tech2, order.id, 'finish', { note: '更换火花塞，试车正常' })).status).toBe(200);
    const done = (await inbox(tech2)).items.find((n) => n.id === fresh.id)!;
    expect(done).toMatchObject({ doneNote: '已完成处理', readAt: null });
    expect((await inbox(tech2)).unread).toBe(unread - 1);
  });

  it('dispatch with a helper: the helper hears 请协助处理工单', async () => {
    const order = await newOrder();
    await act(supervisor, order.id, 'dispatch', { technicianId: TECH, helperIds: [TECH2] });
    const helperNotes = async () => (await inbox(tech2)).items.filter((n) => n.workOrderId === order.id);
    expect(await helperNotes()).toEqual([expect.objectContaining({ kind: 'dispatch', title: '请协助处理工单', todo: false })]);
  });

  it('rework: the order dispatched again after a follow-up reaches the technician as 返工', async () => {
    await allow(tech, TECH, TPL.dispatch, 2);
    const order = await newOrder();
    await act(supervisor, order.id, 'dispatch', { technicianId: TECH });
    await act(tech, order.id, 'start', {});
    expect((await act(tech, order.id, 'finish', { note: '已处理' })).status).toBe(200);
    expect((await act(supervisor, order.id, 'settle', { free: true, note: '上门检查，未收费' })).status).toBe(200);
    const followup = await t.bearer(DEMO.followup);
    const rework = await act(followup, order.id, 'followup', {
      reached: true,
      satisfaction: 2,
      result: 'rework',
      reworkReason: '仍有异响',
    });
    expect(rework.status).toBe(200);
    await act(supervisor, order.id, 'dispatch', { technicianId: TECH });
    await worker.drain();
    const n = (await inbox(tech)).items.find((x) => x.workOrderId === order.id && x.title === '返工工单派给你');
    expect(n).toMatchObject({ kind: 'dispatch', todo: true, doneAt: null });
    expect(fields(delivered(TECH, TPL.dispatch).at(-1)!)).toMatchObject({ character_string1: order.no, phrase5: '返工' });
  });

  it('without a subscription left or a bound WeChat the message is in-app only, and marked so', async () => {
    expect(await quota(tech, 'dispatch')).toBe(0);
    const a = await newOrder();
    await act(supervisor, a.id, 'dispatch', { technicianId: TECH });
    expect((await inbox(tech)).items.find((n) => n.workOrderId === a.id)).toMatchObject({ wechat: 'no_quota', todo: true });
    expect(await countRows(t, 'wechat_outbox', 'notificationId IN (SELECT id FROM notification WHERE workOrderId = ?)', [a.id])).toBe(0);

    // 季红 (keeper 9) never bound her WeChat
    const doc = await requisition(tech, TECH, [KEEPER2]);
    expect((await inbox(keeper2)).items.find((n) => n.docId === doc.id)).toMatchObject({ kind: 'approval', wechat: 'unbound' });
  });

  it('requisition: every listed keeper gets the to-do; the first decision closes the others (已由 X 处理) and the requester hears the result and 待签收', async () => {
    await allow(keeper, KEEPER, TPL.approval);
    await allow(tech, TECH, TPL.result);
    await allow(tech, TECH, TPL.sign);
    const doc = await requisition(tech, TECH, [KEEPER, KEEPER2], 3);

    const mineK1 = (await inbox(keeper)).items.find((n) => n.docId === doc.id)!;
    const mineK2 = (await inbox(keeper2)).items.find((n) => n.docId === doc.id)!;
    for (const n of [mineK1, mineK2])
      expect(n).toMatchObject({
        kind: 'approval',
        title: '王建学的领用单待审批',
        todo: true,
        page: `packages/stock/requisition/index?id=${doc.id}`,
      });
    await worker.drain();
    const request = delivered(KEEPER, TPL.approval).at(-1)!;
    expect(request.page).toBe(`packages/stock/requisition/index?id=${doc.id}`);
    expect(fields(request)).toMatchObject({ name2: '王建学', character_string3: doc.no, thing5: '外出补货' });
    expect(fields(request).thing1).toMatch(/^领用单 机油滤清器/);

    const k2unread = (await inbox(keeper2)).unread;
    expect((await t.http().post(`/api/requisitions/${doc.id}/approve`).set(keeper)).status).toBe(200);
    expect((await inbox(keeper2)).items.find((n) => n.id === mineK2.id)).toMatchObject({ doneNote: '已由陈美华处理（已批准）' });
    expect((await inbox(keeper2)).unread).toBe(k2unread - 1);
    // a late tap on the closed to-do
    const late = await t.http().post(`/api/requisitions/${doc.id}/approve`).set(keeper2);
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('已由陈美华处理');

    const techNotes = (await inbox(tech)).items.filter((n) => n.docId === doc.id);
    expect(techNotes.find((n) => n.kind === 'result')).toMatchObject({ title: '领用单已批准', todo: false });
    const sign = techNotes.find((n) => n.kind === 'sign')!;
    expect(sign).toMatchObject({ title: '配件已出库，请签收', todo: true, doneAt: null });
    await worker.drain();
    expect(fields(delivered(TECH, TPL.result).at(-1)!)).toMatchObject({ thing1: `领用单 ${doc.no}`, phrase2: '已批准', name3: '陈美华' });
    const signMsg = delivered(TECH, TPL.sign).at(-1)!;
    expect(fields(signMsg)).toMatchObject({ character_string1: doc.no, number3: '3', phrase5: '待签收' });
    expect(fields(signMsg).date4).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    expect((await t.http().post(`/api/requisitions/${doc.id}/sign`).set(tech).send({})).status).toBe(200);
    expect((await inbox(tech)).items.find((n) => n.id === sign.id)).toMatchObject({ doneNote: '已签收' });
  });

  it('rejection carries the reason to the requester; a dispute at sign-for reaches the keepers', async () => {
    await allow(tech, TECH, TPL.result);
    const doc = await requisition(tech, TECH, [KEEPER]);
    await t.http().post(`/api/requisitions/${doc.id}/reject`).set(keeper).send({ reason: '本月配额已用完' });
    const result = (await inbox(tech)).items.find((n) => n.docId === doc.id && n.kind === 'result')!;
    expect(result).toMatchObject({ title: '领用单被驳回', body: `${doc.no} 由陈美华驳回：本月配额已用完` });
    await worker.drain();
    expect(fields(delivered(TECH, TPL.result).at(-1)!)).toMatchObject({ phrase2: '已驳回', thing5: '本月配额已用完' });

    const second = await requisition(tech, TECH, [KEEPER], 2);
    await t.http().post(`/api/requisitions/${second.id}/approve`).set(keeper);
    const view = (await t.http().get(`/api/requisitions/${second.id}`).set(tech)).body.data;
    await t
      .http()
      .post(`/api/requisitions/${second.id}/sign`)
      .set(tech)
      .send({ disputes: [{ lineId: view.lines[0].id, qty: 1, reason: '包装破损' }] });
    const dispute = (await inbox(keeper)).items.find((n) => n.docId === second.id && n.kind === 'dispute')!;
    expect(dispute.title).toBe(`王建学签收${second.no}有异议`);
    expect(dispute.body).toMatch(/×1（包装破损）/);
    expect((await inbox(tech)).items.find((n) => n.docId === second.id && n.kind === 'sign')).toMatchObject({
      doneNote: '已签收（有异议）',
    });
  });

  it('returns: the keepers get the to-do, the employee the result', async () => {
    // technician 2 holds two parts
    const partId = await kit.part('刹车片');
    await kit.receive(partId, WH, 2);
    const req = (
      await t
        .http()
        .post('/api/requisitions')
        .set(tech2)
        .send({ employeeId: TECH2, warehouseId: WH, approverIds: [KEEPER], lines: [{ partId, qty: 2 }] })
    ).body.data;
    await t.http().post(`/api/requisitions/${req.id}/approve`).set(keeper);
    await t.http().post(`/api/requisitions/${req.id}/sign`).set(tech2).send({});
    await allow(keeper, KEEPER, TPL.approval);
    const ret = await t
      .http()
      .post('/api/returns')
      .set(tech2)
      .send({ employeeId: TECH2, warehouseId: WH, approverIds: [KEEPER], lines: [{ partId, qty: 2, problemQty: 0, problemReason: '' }] });
    expect(ret.status).toBe(200);
    const todo = (await inbox(keeper)).items.find((n) => n.docId === ret.body.data.id && n.kind === 'approval')!;
    expect(todo).toMatchObject({
      title: '刘志强的调回单待审批',
      page: `packages/stock/return/index?id=${ret.body.data.id}`,
      wechat: 'pending',
    });
    const lines = ret.body.data.lines.map((l: { id: number; qty: number }) => ({
      lineId: l.id,
      qty: l.qty,
      problemQty: 0,
      problemReason: '',
    }));
    expect((await t.http().post(`/api/returns/${ret.body.data.id}/approve`).set(keeper).send({ counts: lines })).status).toBe(200);
    expect((await inbox(keeper)).items.find((n) => n.id === todo.id)!.doneNote).toBe('已由陈美华处理（已批准）');
    expect((await inbox(tech2)).items.find((n) => n.docId === ret.body.data.id && n.kind === 'result')).toMatchObject({
      title: '调回单已批准',
      wechat: 'no_quota',
    });
  });

  it('a rolled-back change leaves no message and sends nothing', async () => {
    await allow(tech, TECH, TPL.dispatch);
    const [tx, notifier] = await Promise.all([
      t.app.getApplicationContext().getAsync(Tx),
      t.app.getApplicationContext().getAsync(Notifier),
    ]);
    await drainAll();
    const sentBefore = standin.state.inbox.length;
    const notesBefore = await countRows(t, 'notification');
    await expect(
      tx.run(async (m) => {
        await notifier.notify(m, {
          to: [TECH],
          kind: 'dispatch',
          title: '不会发出的消息',
          body: '',
          page: 'pages/home/index',
          todo: true,
          wechat: {
            template: 'dispatch',
            values: { character_string1: 'X', thing2: '客户', thing3: '问题', time4: new Date(), phrase5: '已派工' },
          },
        });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(await worker.drain()).toBe(0);
    expect(standin.state.inbox.length).toBe(sentBefore);
    expect(await countRows(t, 'notification')).toBe(notesBefore);
    // and the quota taken inside the rolled-back transaction is still his
    expect(await quota(tech, 'dispatch')).toBe(1);
  });

  describe('the outbox worker', () => {
    /** One dispatch message queued for the technician; answers its notification id. */
    async function queued(): Promise<{ noteId: number; no: string }> {
      await allow(tech, TECH, TPL.dispatch);
      const order = await newOrder();
      await act(supervisor, order.id, 'dispatch', { technicianId: TECH });
      const note = (await inbox(tech)).items.find((n) => n.workOrderId === order.id)!;
      expect(note.wechat).toBe('pending');
      return { noteId: note.id, no: order.no };
    }
    const rowOf = async (noteId: number) => (await manager()).findOneByOrFail(WechatOutbox, { notificationId: noteId });
    const manager = async () => (await t.app.getApplicationContext().getAsync(Tx)).dataSource.manager;
    const noteOf = async (noteId: number) => (await inbox(tech)).items.find((n) => n.id === noteId)!;
    const sentTo = (no: string) => delivered(TECH, TPL.dispatch).filter((m) => fields(m).character_string1 === no).length;

    it.each([43108, -1])('retries %s with back-off and sends once', async (errcode) => {
      const { noteId, no } = await queued();
      standin.fail({ path: SEND, errcode, times: 2 });
      const before = Date.now();
      await worker.drain();
      let row = await rowOf(noteId);
      expect(row).toMatchObject({ status: 'pending', attempts: 1, lastErrcode: errcode });
      expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 5_000); // the first back-off
      expect(await worker.drain()).toBe(0); // not due yet
      const later = (s: number) => () => new Date(Date.now() + s * 1000);
      await worker.drain(later(10));
      row = await rowOf(noteId);
      expect(row).toMatchObject({ status: 'pending', attempts: 2 });
      await worker.drain(later(60));
      expect(await rowOf(noteId)).toMatchObject({ status: 'sent', attempts: 3 });
      expect((await noteOf(noteId)).wechat).toBe('sent');
      expect(sentTo(no)).toBe(1);
    });

    it('gives up after the last back-off and says why', async () => {
      const { noteId, no } = await queued();
      standin.fail({ path: SEND, errcode: -1, times: 6 });
      for (let i = 0; i < 8; i++) await worker.drain(() => new Date(Date.now() + (i + 1) * 3600_000));
      expect(await rowOf(noteId)).toMatchObject({ status: 'failed', attempts: 6 });
      expect(await noteOf(noteId)).toMatchObject({ wechat: 'failed', wechatError: '-1 微信系统繁忙' });
      expect(sentTo(no)).toBe(0);
    });

    it.each([
      [40003, '40003 openid 无效（员工需重新绑定微信）'],
      [40037, '40037 模板 ID 无效（检查 WECHAT_TPL_* 配置）'],
      [47003, '47003 模板参数不符合要求'],
      [45168, '45168 内容含敏感词'],
    ])('stops on %s and flags it on the message', async (errcode, text) => {
      await drainAll();
      const { noteId, no } = await queued();
      const left = await quota(tech, 'dispatch');
      standin.fail({ path: SEND, errcode });
      await worker.drain();
      expect(await rowOf(noteId)).toMatchObject({ status: 'failed', attempts: 1, lastErrcode: errcode });
      expect(await noteOf(noteId)).toMatchObject({ wechat: 'failed', wechatError: text });
      // WeChat used no subscription for it: his is given back
      expect(await quota(tech, 'dispatch')).toBe(left + 1);
      await worker.drain(() => new Date(Date.now() + 86400_000));
      expect(sentTo(no)).toBe(0);
      const log = await t.http().get('/api/notifications/log').query({ wechat: 'failed', employeeId: TECH }).set(admin);
      expect(log.body.data.items.find((n: Note) => n.id === noteId)).toMatchObject({ wechatError: text, employeeName: '王建学' });
    });

    it('on 43101 empties his quota and keeps the message in-app', async () => {
      await drainAll();
      const left = await quota(tech, 'dispatch');
      await allow(tech, TECH, TPL.dispatch, 2);
      const { noteId } = await queued(); // one more allowed, one taken
      expect(await quota(tech, 'dispatch')).toBe(left + 2);
      standin.fail({ path: SEND, errcode: 43101 });
      await worker.drain();
      expect(await noteOf(noteId)).toMatchObject({ wechat: 'no_quota' });
      expect(await quota(tech, 'dispatch')).toBe(0);
    });

    it('refreshes the token once on 40001 and on 42001, and keeps one token in the database for all', async () => {
      await drainAll();
      const m = await manager();
      const first = await m.findOneByOrFail(WechatToken, { appid: 'wx0123456789abcdef' });
      expect(first.token).toBeTruthy();
      // someone forces a new stable token: ours is retired (40001)
      const forced = await fetch(`${standin.url}/cgi-bin/stable_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credential',
          appid: 'wx0123456789abcdef',
          secret: '0123456789abcdef0123456789abcdef',
          force_refresh: true,
        }),
      }).then((r) => r.json());
      const a = await queued();
      await worker.drain();
      expect(await rowOf(a.noteId)).toMatchObject({ status: 'sent', attempts: 1 });
      const second = await m.findOneByOrFail(WechatToken, { appid: 'wx0123456789abcdef' });
      expect(second.token).toBe(forced.access_token);
      const sends = standin.state.calls.filter((c) => c.path === SEND);
      expect(sends.at(-2)!.answer.errcode).toBe(40001);
      expect(sends.at(-1)!.answer.errcode).toBe(0);

      // WeChat's clock passes the token's 7,200 s while our cache still holds it: 42001, refresh, sent
      standin.advance(7300);
      const b = await queued();
      await worker.drain();
      expect(await rowOf(b.noteId)).toMatchObject({ status: 'sent' });
      const after = standin.state.calls.filter((c) => c.path === SEND);
      expect(after.at(-2)!.answer.errcode).toBe(42001);
      expect((await m.findOneByOrFail(WechatToken, { appid: 'wx0123456789abcdef' })).token).not.toBe(second.token);
    });

    it('marks a send interrupted by a crash as failed instead of sending it twice', async () => {
      await drainAll();
      const { noteId, no } = await queued();
      const tx = await t.app.getApplicationContext().getAsync(Tx);
      // a process claimed it and died before WeChat answered
      await tx.run((m) =>
        m.update(
          WechatOutbox,
          { notificationId: noteId },
          { status: 'sending', claimedBy: 'dead', claimedUntil: new Date(Date.now() - 1000) },
        ),
      );
      await worker.drain();
      expect(await rowOf(noteId)).toMatchObject({ status: 'failed', lastError: '发送中断，结果未知（为免重复未重发）' });
      expect((await noteOf(noteId)).wechat).toBe('failed');
      expect(sentTo(no)).toBe(0);
    });

    /** Points the worker at another server for the duration of `work` (the token stays cached). */
    async function viaServer(onRequest: (req: IncomingMessage, res: ServerResponse) => void, work: (url: string) => Promise<void>) {
      const server = createServer(onRequest);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const wechat = worker.env.wechat;
      const base = wechat.apiBase;
      wechat.apiBase = url;
      try {
        await work(url);
      } finally {
        wechat.apiBase = base;
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    }

    it('does not resend when the connection broke after the request left (WeChat may have it), but retries one that never left', async () => {
      await drainAll();
      const cut = await queued();
      await viaServer(
        (req) => req.socket.destroy(),
        async () => {
          await worker.drain();
        },
      );
      expect(await rowOf(cut.noteId)).toMatchObject({ status: 'failed', attempts: 1 });
      expect((await noteOf(cut.noteId)).wechatError).toMatch(/^发送结果未知（.+），为免重复未重发$/);
      expect(sentTo(cut.no)).toBe(0);

      const refused = await queued();
      let closedUrl = '';
      await viaServer(
        () => undefined,
        async (url) => {
          closedUrl = url;
        },
      );
      // that port is closed now: the connection is refused, the request never left
      const wechat = worker.env.wechat;
      const base = wechat.apiBase;
      wechat.apiBase = closedUrl;
      try {
        await worker.drain();
      } finally {
        wechat.apiBase = base;
      }
      expect(await rowOf(refused.noteId)).toMatchObject({ status: 'pending', attempts: 1, lastErrcode: null });
      await worker.drain(() => new Date(Date.now() + 60_000));
      expect(await rowOf(refused.noteId)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(sentTo(refused.no)).toBe(1);
    });

    it('does not send to a WeChat the employee no longer has: unbound after it was queued', async () => {
      await drainAll();
      await allow(tech2, TECH2, TPL.dispatch);
      const order = await newOrder();
      await act(supervisor, order.id, 'dispatch', { technicianId: TECH2 });
      const note = (await inbox(tech2)).items.find((n) => n.workOrderId === order.id)!;
      expect(note.wechat).toBe('pending');
      expect((await t.http().delete(`/api/employees/${TECH2}/wechat-binding`).set(admin)).status).toBe(200);
      await worker.drain();
      const after = (await t.http().get('/api/notifications/log').query({ employeeId: TECH2 }).set(admin)).body.data.items as Note[];
      expect(after.find((n) => n.id === note.id)).toMatchObject({ wechat: 'unbound', wechatError: '员工已解绑或更换微信，未发送' });
      expect(delivered(TECH2).filter((m) => fields(m).character_string1 === order.no)).toHaveLength(0);
      // his subscriptions belonged to that WeChat
      const m = await manager();
      const subs = await m.findBy(WechatSubscription, { employeeId: TECH2 });
      expect(subs.length).toBeGreaterThan(0);
      expect(subs.every((s) => s.quota === 0)).toBe(true);
      openids[TECH2] = await bind(TECH2);
    });
  });

  describe('subscriptions', () => {
    it('counts 允许, remembers 总是拒绝 until he turns it back on, and ignores unknown templates', async () => {
      const sum = async () => (await t.http().get('/api/wechat/subscriptions').set(keeper2)).body.data;
      expect(await sum()).toMatchObject({ bound: false });
      const post = (body: object) => t.http().post('/api/wechat/subscriptions').set(keeper2).send(body);
      let res = await post({ results: { [TPL.approval]: 'accept', 'not-ours': 'accept' } });
      expect(res.body.data.templates.find((x: { kind: string }) => x.kind === 'approval')).toMatchObject({
        title: '审批提醒',
        templateId: TPL.approval,
        quota: 1,
        alwaysReject: false,
      });
      res = await post({ results: { [TPL.approval]: 'reject' }, alwaysRejected: [TPL.approval] });
      expect(res.body.data.templates.find((x: { kind: string }) => x.kind === 'approval')).toMatchObject({ quota: 1, alwaysReject: true });
      res = await t
        .http()
        .post('/api/wechat/subscriptions/reset')
        .set(keeper2)
        .send({ kinds: ['approval'] });
      expect(res.body.data.templates.find((x: { kind: string }) => x.kind === 'approval')).toMatchObject({ alwaysReject: false });
      expect((await post({ results: { [TPL.approval]: 'maybe' } })).status).toBe(400);
      expect(await countRows(t, 'wechat_subscription', 'templateId = ?', ['not-ours'])).toBe(0);
    });

    it('never takes a quota below zero when messages race for the last one', async () => {
      const m = (await t.app.getApplicationContext().getAsync(Tx)).dataSource.manager;
      await m.update(WechatSubscription, { employeeId: TECH, templateId: TPL.dispatch }, { quota: 1 });
      const orders = await Promise.all([newOrder(), newOrder(), newOrder()]);
      await Promise.all(orders.map((o) => act(supervisor, o.id, 'dispatch', { technicianId: TECH })));
      const notes = (await inbox(tech)).items.filter((n) => orders.some((o) => o.id === n.workOrderId));
      expect(notes.filter((n) => n.wechat === 'pending')).toHaveLength(1);
      expect(notes.filter((n) => n.wechat === 'no_quota')).toHaveLength(2);
      expect(await quota(tech, 'dispatch')).toBe(0);
    });
  });

  describe('the in-app list', () => {
    it('全部已读 reads everything; the badge counts only what still needs action', async () => {
      const before = await inbox(tech);
      expect(before.unread).toBeGreaterThan(0);
      expect(before.unread).toBe(before.items.filter((n) => !n.readAt && !n.doneAt).length);
      const res = await t.http().post('/api/notifications/read-all').set(tech);
      expect(res.body.data.updated).toBe(before.items.filter((n) => !n.readAt).length);
      expect((await inbox(tech)).unread).toBe(0);
    });

    it('keeps the message log and the WeChat inbox to admins', async () => {
      expect((await t.http().get('/api/notifications/log').set(tech)).status).toBe(403);
      expect((await t.http().get('/api/wechat/standin-inbox').set(keeper)).status).toBe(403);
      const log = await t.http().get('/api/notifications/log').query({ kind: 'sign' }).set(admin);
      expect(log.status).toBe(200);
      expect(log.body.data.items.length).toBeGreaterThan(0);
      expect(log.body.data.items.every((n: Note) => n.kind === 'sign')).toBe(true);
      const sent = (await t.http().get('/api/notifications/log').query({ wechat: 'sent', pageSize: 100 }).set(admin)).body.data.items;
      expect(sent[0]).toMatchObject({ attempts: expect.any(Number), sentAt: expect.any(String) });
    });

    it('shows on the desk what each phone received, with the template labels', async () => {
      const res = await t.http().get('/api/wechat/standin-inbox').query({ employeeId: TECH }).set(admin);
      expect(res.status).toBe(200);
      const items = res.body.data.items as { employeeName: string; title: string; fields: { label: string; value: string }[] }[];
      expect(items.length).toBe(delivered(TECH).length);
      expect(items.every((i) => i.employeeName === '王建学')).toBe(true);
      const sign = items.find((i) => i.title === '待签收')!;
      expect(sign.fields.map((f) => f.label)).toEqual(['领用单号', '配件名称', '数量', '出库日期', '状态']);
    });
  });

  it('sends the daily reminders once a day: parts held too long, and low stock to the keepers', async () => {
    const reminders = await t.app.getApplicationContext().getAsync(DailyReminders);
    // a part under its minimum in 总仓 (陈美华 keeps it)
    const lowId = await kit.part('雨刮片');
    await kit.receive(lowId, WH, 1);
    const tx = await t.app.getApplicationContext().getAsync(Tx);
    await tx.run((m) => m.update(Part, { id: lowId }, { minStock: 5 }));
    const lowName = (await tx.dataSource.manager.findOneByOrFail(Part, { id: lowId })).name;
    const inAMonth = new Date(Date.now() + 40 * 86400_000);
    expect(await reminders.run('2099-01-01', inAMonth)).toBe(true);
    expect(await reminders.run('2099-01-01', inAMonth)).toBe(false);
    const held = (await inbox(tech)).items.find((n) => n.kind === 'held')!;
    expect(held.title).toMatch(/^\d+ 种配件持有超过 \d+ 天$/);
    expect(held).toMatchObject({ page: 'packages/stock/return-form/index', wechat: 'none' });
    const low = (await inbox(keeper)).items.find((n) => n.kind === 'low_stock')!;
    expect(low.title).toMatch(/^\d+ 种配件低于安全库存$/);
    expect(low.body).toContain(`${lowName}（总仓 1/5）`);
    expect(low.page).toBe('packages/stock/alerts/index?kind=lowStock');
  });

  it('fits values to their type before they are queued', () => {
    expect(fitValue('thing1', '一二三四五六七八九十一二三四五六七八九十一')).toBe('一二三四五六七八九十一二三四五六七八九…');
    expect(fitValue('phrase2', '已批准 ok')).toBe('已批准');
    expect(fitValue('name3', '陈美华 (库管)')).toBe('陈美华库管');
    expect(fitValue('character_string1', 'LY-20261202-0001 号')).toBe('LY-20261202-0001');
    expect(fitValue('thing5', '')).toBe('无');
    expect(fitValue('thing5', '第一行\n第二行')).toBe('第一行 第二行');
    expect(fitValue('number3', 12)).toBe('12');
    expect(fitValue('date4', new Date('2026-12-01T17:00:00Z'))).toBe('2026-12-02');
    expect(fitValue('time4', new Date('2026-12-01T17:05:00Z'))).toBe('2026-12-02 01:05');
  });
});
