import { IsNull } from 'typeorm';
import { Tx } from '../src/common/tx';
import { WechatClient } from '../src/modules/wechat/wechat.client';
import { AttemptCounter, WechatBindingCode } from '../src/modules/wechat/wechat.entity';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { startStandin, type Standin } from './support/wechat-standin';

const nodeCrypto = require('crypto') as typeof import('crypto');

/**
 * WeChat login and binding against the WeChat stand-in: wx.login codes are minted by the stand-in,
 * the app's client calls its jscode2session. Runs on SQLite and on MariaDB.
 */
describe('WeChat login and binding', () => {
  let standin: Standin;
  let t: TestApp;
  let admin: { Authorization: string };
  /** every answer of the app in this file, to prove no session_key ever leaves the server */
  const answers: unknown[] = [];

  beforeAll(async () => {
    standin = await startStandin();
    t = await createTestApp();
    admin = await t.bearer(DEMO.admin);
  });
  afterAll(async () => {
    await t.close();
    await standin.close();
  });

  const keep = <R extends { body: unknown }>(res: R): R => {
    answers.push(res.body);
    return res;
  };
  /** The phone starts: wx.login for a WeChat user, then POST /auth/wechat with the code. */
  const wxStart = async (user: string) =>
    keep(
      await t
        .http()
        .post('/api/auth/wechat')
        .send({ code: standin.login(user).code }),
    );
  const ticketOf = async (user: string): Promise<string> => {
    const res = await wxStart(user);
    expect(res.body.data).toMatchObject({ bound: false });
    return res.body.data.ticket;
  };
  const bind = async (body: Record<string, unknown>) => keep(await t.http().post('/api/auth/wechat/bind').send(body));
  const issueCode = async (employeeId: number) =>
    keep(await t.http().post(`/api/employees/${employeeId}/wechat-binding-code`).set(admin)).body.data as {
      code: string;
      qrText: string;
      expiresAt: string;
    };
  const employee = async (phone: string) => {
    const res = keep(await t.http().get('/api/employees').query({ keyword: phone }).set(admin));
    return res.body.data.items[0] as { id: number; name: string; wechatBound: boolean; wechatBoundAt: string | null };
  };
  const me = (token: string) =>
    t
      .http()
      .get('/api/auth/me')
      .set({ Authorization: `Bearer ${token}` });
  const manager = async () => (await t.app.getApplicationContext().getAsync(Tx)).dataSource.manager;
  const audit = async () => {
    const res = await t.http().get('/api/audit-logs').query({ entity: 'employee', pageSize: 100 }).set(admin);
    return res.body.data.items as { action: string; entityId: string; employeeName: string; before: any; after: any }[];
  };

  it('gives an unbound WeChat a ticket, never a session', async () => {
    const res = await wxStart('unbound-user');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ bound: false, ticket: expect.any(String), expiresAt: expect.any(String) });
    const ttl = Date.parse(res.body.data.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
  });

  it('binds by a desk code (text or QR), logs in, and logs in silently on the next start', async () => {
    const tech = await employee(DEMO.technician);
    expect(tech).toMatchObject({ wechatBound: false, wechatBoundAt: null });
    const issued = await issueCode(tech.id);
    expect(issued.code).toMatch(/^\d{8}$/);
    expect(issued.qrText).toBe(`HONGYUAN-BIND:${issued.code}`);
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);

    const ticket = await ticketOf('tech-phone');
    // the phone sends what it scanned: the QR's text
    const bound = await bind({ ticket, bindingCode: issued.qrText });
    expect(bound.status).toBe(200);
    expect(bound.body.data).toMatchObject({ bound: true, employee: { id: tech.id, name: '王建学' }, token: expect.any(String) });
    expect(bound.body.data.csrfToken).toBeUndefined();
    expect((await me(bound.body.data.token)).body.data.name).toBe('王建学');

    const again = await wxStart('tech-phone');
    expect(again.body.data).toMatchObject({ bound: true, employee: { id: tech.id }, token: expect.any(String) });
    expect((await me(again.body.data.token)).status).toBe(200);
    expect(await employee(DEMO.technician)).toMatchObject({ wechatBound: true, wechatBoundAt: expect.any(String) });

    // the ticket and the code were single-use
    expect((await bind({ ticket, bindingCode: issued.code })).body).toMatchObject({
      code: 'BAD_REQUEST',
      message: '微信登录已过期，请重新进入小程序再绑定',
    });
    const other = await bind({ ticket: await ticketOf('someone-else'), bindingCode: issued.code });
    expect(other.status).toBe(400);
    expect(other.body.message).toBe('绑定码已使用，请让管理员重新生成');
  });

  it('refuses wrong, superseded and expired codes with a Chinese message on the field', async () => {
    const service = await employee(DEMO.service);
    const first = await issueCode(service.id);
    const second = await issueCode(service.id);
    const ticket = await ticketOf('service-phone');

    const wrong = await bind({ ticket, bindingCode: first.code === '00000000' ? '00000001' : '00000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'VALIDATION', message: '绑定码不正确，请核对后重试' });
    expect(wrong.body.issues).toEqual([{ path: 'bindingCode', message: '绑定码不正确，请核对后重试' }]);
    expect((await bind({ ticket, bindingCode: first.code })).body.message).toBe('绑定码已作废，请使用最新生成的绑定码');

    await (
      await manager()
    ).update(
      WechatBindingCode,
      { employeeId: service.id, usedAt: IsNull(), voidedAt: IsNull() },
      { expiresAt: new Date(Date.now() - 1000) },
    );
    expect((await bind({ ticket, bindingCode: second.code })).body.message).toBe('绑定码已过期，请让管理员重新生成');

    const issue = async (body: Record<string, unknown>) => (await bind({ ticket, ...body })).body.issues;
    expect(await issue({ bindingCode: '1234' })).toEqual([{ path: 'bindingCode', message: '绑定码应为 8 位数字' }]);
    expect(await issue({ bindingCode: second.code, phone: DEMO.service, password: DEMO.password })).toEqual([
      { path: 'bindingCode', message: '绑定码与密码只能选一种' },
    ]);
    expect(await issue({ phone: DEMO.service })).toEqual([{ path: 'password', message: '请填写密码' }]);
    expect((await bind({ ticket: 'no-such-ticket', bindingCode: second.code })).status).toBe(400);
    expect(await employee(DEMO.service)).toMatchObject({ wechatBound: false });
  });

  it("turns WeChat's answer to a reused code into a Chinese message, and an unreachable WeChat into a 503", async () => {
    const { code } = standin.login('reuser');
    expect((await t.http().post('/api/auth/wechat').send({ code })).status).toBe(200);
    const reused = keep(await t.http().post('/api/auth/wechat').send({ code }));
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ ok: false, code: 'BAD_REQUEST', message: '微信登录凭证已失效，请重试' });
    expect(standin.state.calls.at(-1)!.answer.errcode).toBe(40029);

    const client = await t.app.getApplicationContext().getAsync(WechatClient);
    const base = client.env.wechat.apiBase;
    client.env.wechat.apiBase = 'http://127.0.0.1:9';
    try {
      const down = await t
        .http()
        .post('/api/auth/wechat')
        .send({ code: standin.login('reuser').code });
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ code: 'WECHAT_UNAVAILABLE', message: '无法连接微信服务器，请稍后重试' });
    } finally {
      client.env.wechat.apiBase = base;
    }
  });

  it('counts parallel guesses atomically: 10 wrong codes at once get at most 5 tries', async () => {
    const { openid } = standin.login('guesser');
    const ticket = await ticketOf('guesser');
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => bind({ ticket, bindingCode: `9${String(i).padStart(7, '0')}` })),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(guesses.find((g) => g.status === 429)!.body.message).toBe('绑定尝试次数过多，请 15 分钟后再试');
    const counter = await (await manager()).findOneByOrFail(AttemptCounter, { scope: 'wx-bind-openid', subject: openid });
    expect(counter.tries).toBe(5);

    // the limit holds for a right code too, and a new ticket of the same WeChat does not reset it
    const keeper = await employee(DEMO.keeper);
    const right = await issueCode(keeper.id);
    const refused = await bind({ ticket: await ticketOf('guesser'), bindingCode: right.code });
    expect(refused.status).toBe(429);
    const fails = (await audit()).filter((a) => a.action === 'wechat.bind.fail' && a.after.openid === `…${openid.slice(-6)}`);
    expect(fails.filter((a) => a.after.reason === 'bad_code')).toHaveLength(5);
    expect(fails.filter((a) => a.after.reason === 'rate_limited')).toHaveLength(6);
  });

  it('spends the same password hashing on an unknown phone as on a wrong password when binding', async () => {
    const scrypt = jest.spyOn(nodeCrypto, 'scrypt');
    try {
      const ticket = await ticketOf('timing-phone');
      const wrong = (phone: string) => bind({ ticket, phone, password: 'wrong-pass1' });
      await wrong('13900000899'); // the stand-in hash for unknown phones is made once
      scrypt.mockClear();
      const unknown = await wrong('13900000898');
      const forUnknown = scrypt.mock.calls.length;
      scrypt.mockClear();
      const known = await wrong(DEMO.followup);
      const forKnown = scrypt.mock.calls.length;
      expect([unknown.status, known.status]).toEqual([401, 401]);
      expect(unknown.body.message).toBe(known.body.message);
      expect(forUnknown).toBe(1);
      expect(forKnown).toBe(1);
    } finally {
      scrypt.mockRestore();
    }
  });

  it('binds once with the employee’s own password; a second WeChat must go through an admin', async () => {
    const keeper = await employee(DEMO.keeper);
    const ticket = await ticketOf('keeper-phone');
    const wrong = await bind({ ticket, phone: DEMO.keeper, password: 'wrong-pass1' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'LOGIN_FAILED', message: '手机号或密码错误' });

    const ok = await bind({ ticket, phone: DEMO.keeper, password: DEMO.password });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ bound: true, employee: { id: keeper.id, name: keeper.name }, token: expect.any(String) });
    expect((await wxStart('keeper-phone')).body.data).toMatchObject({ bound: true, employee: { id: keeper.id } });

    const second = await bind({ ticket: await ticketOf('keeper-second-phone'), phone: DEMO.keeper, password: DEMO.password });
    expect(second.status).toBe(409);
    expect(second.body.message).toBe('该账号已绑定其他微信，请联系管理员解除绑定后再绑定');
    const log = await audit();
    expect(log.find((a) => a.action === 'wechat.bind' && a.entityId === String(keeper.id))).toMatchObject({
      employeeName: keeper.name,
      after: { method: 'password', boundById: keeper.id },
    });
    expect(log.find((a) => a.action === 'wechat.bind.fail' && a.after.reason === 'already_bound')).toBeTruthy();
  });

  it('a new desk code moves an employee to a new WeChat and ends the old phone’s sessions', async () => {
    const tech = await employee(DEMO.technician);
    const old = (await wxStart('tech-phone')).body.data.token;
    const moved = await bind({ ticket: await ticketOf('tech-new-phone'), bindingCode: (await issueCode(tech.id)).code });
    expect(moved.body.data).toMatchObject({ bound: true, employee: { id: tech.id } });
    expect((await me(old)).status).toBe(401);
    expect((await me(moved.body.data.token)).status).toBe(200);
    expect((await wxStart('tech-phone')).body.data.bound).toBe(false);
  });

  it('unbinding on the desk ends the WeChat login and the mini-program sessions', async () => {
    const keeper = await employee(DEMO.keeper);
    const token = (await wxStart('keeper-phone')).body.data.token;
    const res = await t.http().delete(`/api/employees/${keeper.id}/wechat-binding`).set(admin);
    expect(res.status).toBe(200);
    expect((await me(token)).status).toBe(401);
    expect((await wxStart('keeper-phone')).body.data.bound).toBe(false);
    expect(await employee(DEMO.keeper)).toMatchObject({ wechatBound: false, wechatBoundAt: null });
    const again = await t.http().delete(`/api/employees/${keeper.id}/wechat-binding`).set(admin);
    expect(again.status).toBe(404);
    expect(again.body.message).toBe('微信绑定不存在');
    const forbidden = await t
      .http()
      .post(`/api/employees/${keeper.id}/wechat-binding-code`)
      .set(await t.bearer(DEMO.service));
    expect(forbidden.status).toBe(403);
    expect((await audit()).find((a) => a.action === 'wechat.unbind')).toMatchObject({
      entityId: String(keeper.id),
      before: { method: 'password' },
    });
  });

  it('disabling an employee unbinds his WeChat and ends his sessions', async () => {
    const followup = await employee(DEMO.followup);
    const bound = await bind({ ticket: await ticketOf('followup-phone'), bindingCode: (await issueCode(followup.id)).code });
    expect(bound.body.data.bound).toBe(true);
    const full = (await t.http().get('/api/employees').query({ keyword: DEMO.followup }).set(admin)).body.data.items[0];
    const body = { name: full.name, phone: full.phone, departmentId: full.departmentId, roles: full.roles };
    const off = await t
      .http()
      .put(`/api/employees/${followup.id}`)
      .set(admin)
      .send({ ...body, enabled: false });
    expect(off.status).toBe(200);
    expect(off.body.data).toMatchObject({ enabled: false, wechatBound: false });
    expect((await me(bound.body.data.token)).status).toBe(401);
    expect((await wxStart('followup-phone')).body.data.bound).toBe(false);
    const refused = await t.http().post(`/api/employees/${followup.id}/wechat-binding-code`).set(admin);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('员工 ' + full.name + ' 已停用，不能绑定微信');
    await t
      .http()
      .put(`/api/employees/${followup.id}`)
      .set(admin)
      .send({ ...body, enabled: true });
  });

  it('writes the audit log and never lets a session_key out', async () => {
    const actions = new Set((await audit()).map((a) => a.action));
    expect([...actions]).toEqual(expect.arrayContaining(['wechat.code.issue', 'wechat.bind', 'wechat.bind.fail', 'wechat.unbind']));
    const keys = standin.state.calls.map((c) => c.answer.session_key).filter((k): k is string => typeof k === 'string');
    expect(keys.length).toBeGreaterThan(10);
    const everything = JSON.stringify([answers, await audit()]);
    for (const key of keys) expect(everything).not.toContain(key);
    expect(everything).not.toMatch(/session_?key/i);
  });
});
