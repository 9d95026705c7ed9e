import { createTestApp, DEMO, type TestApp } from './support/app';
import { Tx } from '../src/common/tx';
import { LoginAttempt } from '../src/modules/auth/auth.entity';
import { LOGIN_LIMITS } from '../src/modules/auth/auth.service';
import { AttemptCounter } from '../src/modules/wechat/wechat.entity';

const TOO_MANY = '登录失败次数过多，请 15 分钟后再试';
const TOO_MANY_FROM_HERE = '此网络登录失败次数过多，请 15 分钟后再试';
const WINDOW = LOGIN_LIMITS.phoneIp.windowMs;

/**
 * Login limits are counted atomically and cannot be used to lock others out: 5 failures per
 * phone from one address, 100 from one address, in a 15-minute window; a right password gives
 * its try back.
 */
describe('login limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Each test speaks from its own address (X-Forwarded-For), as clients behind a trusted proxy do.
    process.env.TRUST_PROXY = '1';
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    delete process.env.TRUST_PROXY;
  });

  // The limits count in fixed 15-minute windows: a test never starts just before a window ends,
  // so its tries all fall into one window.
  beforeEach(async () => {
    const left = WINDOW - (Date.now() % WINDOW);
    if (left < 30_000) await new Promise((r) => setTimeout(r, left + 100));
  });

  const login = (phone: string, password: string, ip: string) =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ phone, password, client: 'weapp' });
  const manager = async () => (await t.app.getApplicationContext().getAsync(Tx)).dataSource.manager;
  const attempts = async (ip: string) => (await (await manager()).findBy(LoginAttempt, { ip })).map((a) => a.reason);
  const tally = (xs: (string | number)[]) => xs.reduce<Record<string, number>>((n, x) => ({ ...n, [x]: (n[x] ?? 0) + 1 }), {});

  it('lets exactly 5 of 10 parallel wrong passwords for one phone reach the password check', async () => {
    const ip = '203.0.113.10';
    const guesses = await Promise.all(Array.from({ length: 10 }, (_, i) => login(DEMO.followup, `wrong-pass-${i}`, ip)));
    expect(tally(guesses.map((g) => g.status))).toEqual({ 401: 5, 429: 5 });
    for (const g of guesses.filter((x) => x.status === 429))
      expect(g.body).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: TOO_MANY });
    expect(tally(await attempts(ip))).toEqual({ bad_password: 5, rate_limited: 5 });
    const counter = await (await manager()).findOneByOrFail(AttemptCounter, { scope: 'login-phone-ip', subject: `${DEMO.followup}@${ip}` });
    expect(counter.tries).toBe(5);

    // the limit holds for the right password from the same address too
    const right = await login(DEMO.followup, DEMO.password, ip);
    expect(right.status).toBe(429);
    expect(right.body.message).toBe(TOO_MANY);
  });

  it('does not refuse the right password from another address because someone guessed wrong elsewhere', async () => {
    for (let i = 0; i < 6; i++) await login(DEMO.supervisor, `wrong-pass-${i}`, '198.51.100.7');
    expect((await login(DEMO.supervisor, DEMO.password, '198.51.100.7')).status).toBe(429);
    const mine = await login(DEMO.supervisor, DEMO.password, '192.0.2.44');
    expect(mine.status).toBe(200);
    expect(mine.body.data.employee).toMatchObject({ name: '叶建国' });
    expect(await attempts('192.0.2.44')).toEqual(['weapp']);
  });

  it('counts only failures: right passwords give their try back', async () => {
    const ip = '192.0.2.60';
    for (let i = 0; i < 7; i++) expect((await login(DEMO.service, DEMO.password, ip)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(DEMO.service, `wrong-pass-${i}`, ip)).status).toBe(401);
    expect((await login(DEMO.service, DEMO.password, ip)).status).toBe(429);
  });

  it('does not lock every phone of one address after a few failures, only after 100', async () => {
    const office = '198.51.100.99';
    // 7 phones × 5 failures: more than the old limit of 30 for the whole address
    const phones = Array.from({ length: 7 }, (_, i) => `1390000${String(i).padStart(4, '0')}`);
    for (const phone of phones) {
      const tries = await Promise.all(Array.from({ length: 5 }, (_, i) => login(phone, `wrong-pass-${i}`, office)));
      expect(tries.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    }
    expect((await login(phones[0], 'wrong-pass-x', office)).body.message).toBe(TOO_MANY);
    const colleague = await login(DEMO.technician, DEMO.password, office);
    expect(colleague.status).toBe(200);

    // spraying many phones from one address stops at 100 failures; elsewhere nobody notices
    const more = Array.from({ length: 13 }, (_, i) => `1391000${String(i).padStart(4, '0')}`);
    for (const phone of more) {
      const tries = await Promise.all(Array.from({ length: 5 }, (_, i) => login(phone, `wrong-pass-${i}`, office)));
      expect(tries.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    }
    const refused = await login(DEMO.technician2, DEMO.password, office);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', message: TOO_MANY_FROM_HERE });
    expect((await attempts(office)).filter((r) => r === 'rate_limited_ip')).toHaveLength(1);
    expect((await login(DEMO.technician2, DEMO.password, '192.0.2.77')).status).toBe(200);
    // the refusal by address did not use up that phone's own tries there
    const counter = await (
      await manager()
    ).findOneBy(AttemptCounter, { scope: 'login-phone-ip', subject: `${DEMO.technician2}@${office}` });
    expect(counter?.tries ?? 0).toBe(0);
  });

  it('limits wrong old passwords on 修改密码 to 5 per employee in the window; a right one gives its try back', async () => {
    const auth = await t.bearer(DEMO.technician2);
    const change = (oldPassword: string) =>
      t.http().post('/api/auth/password').set(auth).send({ oldPassword, newPassword: 'liu-zhiqiang-9' });
    // a right old password with a refused new one: checked, not counted
    for (let i = 0; i < 6; i++) {
      const res = await t
        .http()
        .post('/api/auth/password')
        .set(auth)
        .send({ oldPassword: DEMO.password, newPassword: `a${DEMO.technician2}` });
      expect(res.body.issues).toEqual([{ path: 'newPassword', message: '密码不能包含手机号' }]);
    }
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => change(`not-it-${i}x`)));
    expect(tally(answers.map((r) => r.status))).toEqual({ 400: 5, 429: 3 });
    const limited = await change(DEMO.password);
    expect(limited.status).toBe(429);
    expect(limited.body.message).toBe('原密码错误次数过多，请 15 分钟后再试');
    // his login is a limit of its own
    await t.bearer(DEMO.technician2);
  });
});
