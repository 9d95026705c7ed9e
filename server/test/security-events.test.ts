import { Tx } from '../src/common/tx';
import { SecurityEvent } from '../src/modules/audit/security-event.entity';
import { SecurityEvents } from '../src/modules/audit/security-event.service';
import { LOGIN_LIMITS } from '../src/modules/auth/auth.service';
import { createTestApp, DEMO, type TestApp } from './support/app';

interface EventRow {
  kind: string;
  employeeName: string;
  phone: string;
  ip: string;
  route: string;
  reason: string;
  count: number;
}

/**
 * 安全事件: failed logins and requests refused for lack of permission are visible to the admin
 * (GET /api/security-events, the desk's 安全事件 view), repeats within a minute counted on one row.
 */
describe('security events', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    // Each test speaks from its own address (X-Forwarded-For), as clients behind a trusted proxy do.
    process.env.TRUST_PROXY = '1';
    t = await createTestApp();
    admin = await t.bearer(DEMO.admin);
  });
  afterAll(async () => {
    await t.close();
    delete process.env.TRUST_PROXY;
  });

  const events = async (query: Record<string, string | number>, auth = admin) => {
    const res = await t.http().get('/api/security-events').query(query).set(auth);
    expect(res.status).toBe(200);
    return res.body.data as { items: EventRow[]; total: number; page: number; pageSize: number };
  };
  const total = (rows: EventRow[]) => rows.reduce((n, r) => n + r.count, 0);

  it("shows the admin a technician's refused call to an admin route: who, from where, which route, why", async () => {
    const login = await t.http().post('/api/auth/login').set('X-Forwarded-For', '198.51.100.7').send({
      phone: DEMO.technician,
      password: DEMO.password,
      client: 'weapp',
    });
    const technician = { Authorization: `Bearer ${login.body.data.token}`, 'X-Forwarded-For': '198.51.100.7' };
    const refused = await t.http().post('/api/departments').set(technician).send({ name: '越权部门' });
    expect(refused.status).toBe(403);
    expect((await t.http().post('/api/departments').set(technician).send({ name: '越权部门' })).status).toBe(403);

    const { items } = await events({ kind: 'forbidden', ip: '198.51.100.7' });
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items[0]).toMatchObject({
      kind: 'forbidden',
      employeeName: '王建学',
      ip: '198.51.100.7',
      route: 'POST /api/departments',
      reason: '缺少权限 department.manage',
    });
    // the two refusals: one row, or two when a minute turned in between
    expect(total(items)).toBe(2);
    expect((await events({ kind: 'forbidden', keyword: '王建学' })).items.some((e) => e.ip === '198.51.100.7')).toBe(true);
  });

  it('shows a refusal a service made and a failed CSRF check as well, once each', async () => {
    const login = await t.http().post('/api/auth/login').set('X-Forwarded-For', '198.51.100.8').send({
      phone: DEMO.technician,
      password: DEMO.password,
      client: 'weapp',
    });
    const technician = { Authorization: `Bearer ${login.body.data.token}`, 'X-Forwarded-For': '198.51.100.8' };
    // the route is his (workorder.work); the service refuses the price he tries to set
    const priced = await t.http().post('/api/work-orders/1/parts').set(technician).send({ partId: 1, qty: 1, unitPrice: 1 });
    expect(priced.status).toBe(403);
    const { items } = await events({ kind: 'forbidden', ip: '198.51.100.8' });
    expect(items).toEqual([
      expect.objectContaining({ employeeName: '王建学', route: 'POST /api/work-orders/1/parts', reason: priced.body.message, count: 1 }),
    ]);

    // a browser session writing without its CSRF token
    const desk = await t.http().post('/api/auth/login').set('X-Forwarded-For', '198.51.100.9').send({
      phone: DEMO.service,
      password: DEMO.password,
      client: 'h5',
    });
    const cookie = desk.headers['set-cookie'];
    const forged = await t.http().post('/api/customers').set('Cookie', cookie).set('X-Forwarded-For', '198.51.100.9').send({});
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('CSRF');
    expect((await events({ kind: 'forbidden', ip: '198.51.100.9' })).items).toEqual([
      expect.objectContaining({ route: 'POST /api/customers', reason: '页面已过期，请刷新后重试', count: 1 }),
    ]);
    // the guard's own refusal is recorded once, not again by the error filter
    await t.http().post('/api/departments').set(technician).send({ name: '越权部门' });
    const guard = (await events({ kind: 'forbidden', ip: '198.51.100.8' })).items.filter((e) => e.route === 'POST /api/departments');
    expect(total(guard)).toBe(1);
  });

  it('shows wrong-password and unknown-phone logins, with the owner of a known phone', async () => {
    const tryLogin = (phone: string) =>
      t.http().post('/api/auth/login').set('X-Forwarded-For', '203.0.113.44').send({ phone, password: 'wrong-pass1', client: 'weapp' });
    expect((await tryLogin(DEMO.keeper)).status).toBe(401);
    expect((await tryLogin('13912345678')).status).toBe(401);

    const { items } = await events({ kind: 'login_failed', ip: '203.0.113.44' });
    const known = items.find((e) => e.phone === DEMO.keeper);
    expect(known).toMatchObject({ employeeName: '陈美华', reason: '密码错误', route: '', count: 1 });
    expect(items.find((e) => e.phone === '13912345678')).toMatchObject({ employeeName: '', reason: '手机号未登记', count: 1 });
  });

  it('keeps a flood of wrong passwords to a few rows that count every try', async () => {
    // the login limit counts in fixed windows: never start just before one ends
    const window = LOGIN_LIMITS.phoneIp.windowMs;
    const left = window - (Date.now() % window);
    if (left < 30_000) await new Promise((r) => setTimeout(r, left + 100));
    for (let i = 0; i < 12; i++) {
      await t
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', '203.0.113.99')
        .send({ phone: DEMO.followup, password: `guess-${i}-x`, client: 'weapp' });
    }
    const failed = (await events({ kind: 'login_failed', ip: '203.0.113.99' })).items;
    const limited = (await events({ kind: 'login_limited', ip: '203.0.113.99' })).items;
    expect(total(failed)).toBe(5);
    expect(total(limited)).toBe(7);
    expect(failed.length + limited.length).toBeLessThanOrEqual(4);
    expect(limited[0]).toMatchObject({ phone: DEMO.followup, reason: '同一手机号在此地址失败次数过多' });
  });

  it('counts repeats within one minute on one row, and starts a new row the next minute', async () => {
    const service = await t.app.getApplicationContext().getAsync(SecurityEvents);
    const tx = await t.app.getApplicationContext().getAsync(Tx);
    const minute = Math.floor(Date.UTC(2030, 0, 1, 8, 0) / 60_000) * 60_000;
    const event = {
      kind: 'forbidden' as const,
      employeeId: 4,
      employeeName: '王建学',
      ip: '192.0.2.1',
      route: 'GET /api/x',
      reason: 'test',
    };
    await tx.run((m) => service.record(m, event, new Date(minute + 1_000)));
    await tx.run((m) => service.record(m, event, new Date(minute + 59_000)));
    await tx.run((m) => service.record(m, event, new Date(minute + 61_000)));
    const rows = await tx.dataSource.manager.find(SecurityEvent, { where: { ip: '192.0.2.1' }, order: { id: 'ASC' } });
    expect(rows.map((r) => r.hits)).toEqual([2, 1]);
    expect(rows[0].firstAt.getTime()).toBe(minute + 1_000);
    expect(rows[0].lastAt.getTime()).toBe(minute + 59_000);

    // 20 at once, as a script would send them: one row that counts them all, no deadlock, no loss
    const burst = { ...event, ip: '192.0.2.2' };
    await Promise.all(Array.from({ length: 20 }, () => tx.run((m) => service.record(m, burst, new Date(minute + 5_000)))));
    const counted = await tx.dataSource.manager.find(SecurityEvent, { where: { ip: '192.0.2.2' } });
    expect(counted.map((r) => r.hits)).toEqual([20]);
  });

  it('pages and filters, newest first, and is for the admin only', async () => {
    const page = await events({ pageSize: 1, page: 2 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(4);
    const all = (await events({ pageSize: 200 })).items as (EventRow & { lastAt: string })[];
    const times = all.map((e) => e.lastAt);
    expect([...times].sort().reverse()).toEqual(times);
    const future = await events({ from: '2030-01-01', to: '2030-01-01' });
    expect(future.items.map((e) => e.ip).sort()).toEqual(['192.0.2.1', '192.0.2.1', '192.0.2.2']);

    const service = await t.bearer(DEMO.service);
    expect((await t.http().get('/api/security-events').set(service)).status).toBe(403);
    expect((await t.http().get('/api/security-events').query({ kind: 'nope' }).set(admin)).status).toBe(400);
  });
});
