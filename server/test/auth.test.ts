import { createTestApp, DEMO, type TestApp } from './support/app';
import { MIGRATIONS } from '../src/migration';
import { Tx } from '../src/common/tx';
import { Employee } from '../src/modules/org/org.entity';

// The module object password.ts calls scrypt on (an `import * as` copy would not see the spy).
const nodeCrypto = require('crypto') as typeof import('crypto');

describe('auth and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports health with the database kind and the applied migration', async () => {
    const res = await t.http().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.data.db).toBe(process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite');
    expect(res.body.data.migration).toBe(MIGRATIONS[MIGRATIONS.length - 1].name);
  });

  it('logs in a weapp client with a bearer token and answers me', async () => {
    const auth = await t.bearer(DEMO.technician);
    const me = await t.http().get('/api/auth/me').set(auth);
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ name: '王建学', roles: ['technician'], departmentName: '售后服务部' });
    expect(me.body.data.csrfToken).toBeUndefined();
  });

  it('refuses a wrong password with a Chinese message and no token', async () => {
    const res = await t.http().post('/api/auth/login').send({ phone: DEMO.service, password: 'wrong-pass1', client: 'weapp' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ ok: false, code: 'LOGIN_FAILED', message: '手机号或密码错误' });
  });

  it('h5 login sets an HttpOnly SameSite cookie and requires the CSRF token on writes', async () => {
    const login = await t.http().post('/api/auth/login').send({ phone: DEMO.admin, password: DEMO.password, client: 'h5' });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/hy_session=/);
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=lax/i);
    expect(login.body.data.token).toBeUndefined();
    const csrf = login.body.data.csrfToken;
    const sessionCookie = cookie.split(';')[0];

    const me = await t.http().get('/api/auth/me').set('Cookie', sessionCookie);
    expect(me.body.data.csrfToken).toBe(csrf);

    const noCsrf = await t.http().post('/api/auth/logout').set('Cookie', sessionCookie);
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('CSRF');

    const out = await t.http().post('/api/auth/logout').set('Cookie', sessionCookie).set('X-CSRF-Token', csrf);
    expect(out.status).toBe(200);
    const after = await t.http().get('/api/auth/me').set('Cookie', sessionCookie);
    expect(after.status).toBe(401);
  });

  it('asks for login on protected routes', async () => {
    const res = await t.http().get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message: '请先登录' });
  });

  it('refuses unknown fields and bad types in the login body', async () => {
    const res = await t.http().post('/api/auth/login').send({ phone: DEMO.admin, password: DEMO.password, client: 'weapp', role: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION');
    expect(res.body.message).toContain('不接受的字段');
    const bad = await t
      .http()
      .post('/api/auth/login')
      .send({ phone: 12345, password: 'x'.repeat(10000) });
    expect(bad.status).toBe(400);
  });

  it('rate-limits failed logins per phone and logs them', async () => {
    const phone = DEMO.followup;
    for (let i = 0; i < 5; i++) {
      const r = await t
        .http()
        .post('/api/auth/login')
        .send({ phone, password: `bad-${i}-pw`, client: 'weapp' });
      expect(r.status).toBe(401);
    }
    const limited = await t.http().post('/api/auth/login').send({ phone, password: DEMO.password, client: 'weapp' });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
  });

  it('changes the password, ending the other sessions', async () => {
    const first = await t.bearer(DEMO.keeper);
    const second = await t.bearer(DEMO.keeper);
    const weak = await t.http().post('/api/auth/password').set(second).send({ oldPassword: DEMO.password, newPassword: 'short' });
    expect(weak.status).toBe(400);
    const wrongOld = await t.http().post('/api/auth/password').set(second).send({ oldPassword: 'nope12345', newPassword: 'newpass2024' });
    expect(wrongOld.body.message).toBe('原密码不正确');
    const ok = await t.http().post('/api/auth/password').set(second).send({ oldPassword: DEMO.password, newPassword: 'newpass2024' });
    expect(ok.status).toBe(200);
    expect((await t.http().get('/api/auth/me').set(first)).status).toBe(401);
    expect((await t.http().get('/api/auth/me').set(second)).status).toBe(200);
    await t.bearer(DEMO.keeper, 'newpass2024');
  });

  it('refuses common passwords and ones containing the phone as a new password', async () => {
    const auth = await t.bearer(DEMO.supervisor);
    const change = (newPassword: string) => t.http().post('/api/auth/password').set(auth).send({ oldPassword: DEMO.password, newPassword });
    for (const common of ['hy123456', 'HY123456', 'abc12345', 'password1', 'admin123']) {
      const res = await change(common);
      expect(res.status).toBe(400);
      expect(res.body.issues).toContainEqual({ path: 'newPassword', message: '这个密码太常见，容易被猜中，请换一个' });
    }
    const withPhone = await change(`ye${DEMO.supervisor}`);
    expect(withPhone.status).toBe(400);
    expect(withPhone.body.issues).toEqual([{ path: 'newPassword', message: '密码不能包含手机号' }]);
    await t.bearer(DEMO.supervisor);
  });

  it('spends the same password hashing on an unknown phone as on a wrong password', async () => {
    const scrypt = jest.spyOn(nodeCrypto, 'scrypt');
    try {
      const wrong = (phone: string) => t.http().post('/api/auth/login').send({ phone, password: 'wrong-pass1', client: 'weapp' });
      await wrong('13900000999'); // the stand-in hash for unknown phones is made once
      scrypt.mockClear();
      expect((await wrong('13900000998')).status).toBe(401);
      const forUnknown = scrypt.mock.calls.length;
      scrypt.mockClear();
      expect((await wrong(DEMO.technician2)).status).toBe(401);
      const forKnown = scrypt.mock.calls.length;
      expect(forUnknown).toBe(1);
      expect(forKnown).toBe(1);
      // and the answers are the same
      const unknown = await wrong('13900000997');
      const known = await wrong(DEMO.technician2);
      expect(unknown.body.message).toBe(known.body.message);
    } finally {
      scrypt.mockRestore();
    }
  });

  it('in demo mode, lets the demo accounts keep the published password', async () => {
    const tx = await t.app.getApplicationContext().getAsync(Tx);
    expect((await tx.dataSource.manager.findOneByOrFail(Employee, { phone: DEMO.service })).mustChangePassword).toBe(true);
    const login = await t.http().post('/api/auth/login').send({ phone: DEMO.service, password: DEMO.password, client: 'weapp' });
    expect(login.body.data.employee.mustChangePassword).toBe(false);
    const auth = { Authorization: `Bearer ${login.body.data.token}` };
    expect((await t.http().get('/api/customers').set(auth)).status).toBe(200);
    expect((await t.http().get('/api/auth/me').set(auth)).body.data.mustChangePassword).toBe(false);
  });

  it('answers unknown api routes with a 404 envelope', async () => {
    const res = await t.http().get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.ok).toBe(false);
  });

  it('serves the OpenAPI description with a permission on every operation', async () => {
    const res = await t.http().get('/api/openapi.json');
    expect(res.status).toBe(200);
    const ops = Object.values(res.body.data.paths).flatMap((p: any) => Object.values(p)) as any[];
    expect(ops.length).toBeGreaterThan(5);
    for (const op of ops) expect(op['x-permission']).not.toBe('UNDECLARED');
    // Swagger UI itself is off unless SWAGGER=1 (security.test.ts covers it both ways)
    expect((await t.http().get('/api/docs')).status).toBe(404);
  });
});
