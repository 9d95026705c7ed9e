import { Tx } from '../src/common/tx';
import { Employee } from '../src/modules/org/org.entity';
import { createTestApp, DEMO, type TestApp } from './support/app';

/**
 * Demo data outside demo mode (SEED_DEMO=1 without DEMO_MODE): the demo accounts' password is
 * published, so each must set his own before anything else; the API refuses every other route
 * with PASSWORD_CHANGE_REQUIRED until he has.
 */
describe('demo accounts outside demo mode', () => {
  let t: TestApp;
  const saved = { DEMO_MODE: process.env.DEMO_MODE, SEED_DEMO: process.env.SEED_DEMO };
  beforeAll(async () => {
    delete process.env.DEMO_MODE;
    process.env.SEED_DEMO = '1';
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  const login = (phone: string, password = DEMO.password) => t.http().post('/api/auth/login').send({ phone, password, client: 'weapp' });
  const bearer = async (phone: string, password = DEMO.password) => {
    const res = await login(phone, password);
    expect(res.status).toBe(200);
    return { Authorization: `Bearer ${res.body.data.token}`, employee: res.body.data.employee };
  };

  it('logs a demo account in, says he must change his password, and refuses everything else until he has', async () => {
    const { employee, ...auth } = await bearer(DEMO.technician);
    expect(employee.mustChangePassword).toBe(true);
    for (const [method, path] of [
      ['get', '/api/work-orders'],
      ['get', '/api/customers'],
      ['get', '/api/parts'],
    ] as const) {
      const res = await t.http()[method](path).set(auth);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED', message: '请先修改初始密码' });
    }
    const me = await t.http().get('/api/auth/me').set(auth);
    expect(me.status).toBe(200);
    expect(me.body.data.mustChangePassword).toBe(true);
    // public routes stay open
    expect((await t.http().get('/api/health')).status).toBe(200);
  });

  it('takes neither the demo password, nor a common one, nor one containing his phone as the new password', async () => {
    const { employee: _e, ...auth } = await bearer(DEMO.keeper);
    const change = (newPassword: string) => t.http().post('/api/auth/password').set(auth).send({ oldPassword: DEMO.password, newPassword });
    const refused = async (newPassword: string, message: string) => {
      const res = await change(newPassword);
      expect(res.status).toBe(400);
      expect(res.body.issues.map((i: { message: string }) => i.message)).toContain(message);
    };
    await refused('hy123456', '这个密码太常见，容易被猜中，请换一个');
    await refused('Password1', '这个密码太常见，容易被猜中，请换一个');
    await refused('qwer1234', '这个密码太常见，容易被猜中，请换一个');
    await refused('short1', '新密码至少 8 位');
    await refused('12345678', '新密码需同时包含字母和数字');
    await refused(`k${DEMO.keeper}`, '密码不能包含手机号');
    expect((await t.http().get('/api/stock').set(auth)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('opens everything once he has set his own password, for this session and the next', async () => {
    const { employee: _e, ...auth } = await bearer(DEMO.supervisor);
    const res = await t.http().post('/api/auth/password').set(auth).send({ oldPassword: DEMO.password, newPassword: 'ye-jianguo-2024' });
    expect(res.status).toBe(200);
    expect((await t.http().get('/api/work-orders').set(auth)).status).toBe(200);
    expect((await t.http().get('/api/auth/me').set(auth)).body.data.mustChangePassword).toBe(false);
    const again = await bearer(DEMO.supervisor, 'ye-jianguo-2024');
    expect(again.employee.mustChangePassword).toBe(false);
    expect((await login(DEMO.supervisor)).status).toBe(401);
    const tx = await t.app.getApplicationContext().getAsync(Tx);
    expect((await tx.dataSource.manager.findOneByOrFail(Employee, { phone: DEMO.supervisor })).mustChangePassword).toBe(false);
  });

  it('lets him log out while the change is pending', async () => {
    const { employee: _e, ...auth } = await bearer(DEMO.followup);
    expect((await t.http().post('/api/auth/logout').set(auth)).status).toBe(200);
    expect((await t.http().get('/api/auth/me').set(auth)).status).toBe(401);
  });

  it('holds the admin to the same, and then to the phone rule when he sets or resets passwords', async () => {
    const { employee: _e, ...first } = await bearer(DEMO.admin);
    expect((await t.http().get('/api/employees').set(first)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.http().post('/api/auth/password').set(first).send({ oldPassword: DEMO.password, newPassword: 'zhou-admin-77' }).expect(200);
    const { employee: _a, ...admin } = await bearer(DEMO.admin, 'zhou-admin-77');

    const created = await t
      .http()
      .post('/api/employees')
      .set(admin)
      .send({ name: '新员工', phone: '13900007777', roles: ['technician'], password: 'x13900007777' });
    expect(created.status).toBe(400);
    expect(created.body.issues).toEqual([{ path: 'password', message: '密码不能包含手机号' }]);
    const common = await t
      .http()
      .post('/api/employees')
      .set(admin)
      .send({ name: '新员工', phone: '13900007777', roles: ['technician'], password: 'abc12345' });
    expect(common.status).toBe(400);

    const tech = await t.http().get('/api/employees').query({ keyword: DEMO.technician }).set(admin);
    const id = tech.body.data.items[0].id;
    const reset = await t
      .http()
      .post(`/api/employees/${id}/password`)
      .set(admin)
      .send({ password: `w${DEMO.technician}` });
    expect(reset.status).toBe(400);
    expect(reset.body.issues).toEqual([{ path: 'password', message: '密码不能包含手机号' }]);
    expect((await t.http().post(`/api/employees/${id}/password`).set(admin).send({ password: 'hy123456' })).status).toBe(400);
  });

  it('makes an employee whose password the admin set or reset choose his own at his next login', async () => {
    const { employee: _a, ...admin } = await bearer(DEMO.admin, 'zhou-admin-77');
    const created = await t
      .http()
      .post('/api/employees')
      .set(admin)
      .send({ name: '新技师', phone: '13900007778', roles: ['technician'], password: 'start-pass-1' });
    expect(created.status).toBe(200);
    const fresh = await bearer('13900007778', 'start-pass-1');
    expect(fresh.employee.mustChangePassword).toBe(true);
    expect((await t.http().get('/api/work-orders').set({ Authorization: fresh.Authorization })).body.code).toBe('PASSWORD_CHANGE_REQUIRED');

    // 刘志强 set his own before; the admin's reset makes him choose again
    const tech = await t.http().get('/api/employees').query({ keyword: DEMO.technician2 }).set(admin);
    const id = tech.body.data.items[0].id;
    const own = await bearer(DEMO.technician2);
    await t
      .http()
      .post('/api/auth/password')
      .set({ Authorization: own.Authorization })
      .send({ oldPassword: DEMO.password, newPassword: 'own-pass-22' })
      .expect(200);
    expect((await bearer(DEMO.technician2, 'own-pass-22')).employee.mustChangePassword).toBe(false);
    await t.http().post(`/api/employees/${id}/password`).set(admin).send({ password: 'reset-pass-3' }).expect(200);
    const after = await bearer(DEMO.technician2, 'reset-pass-3');
    expect(after.employee.mustChangePassword).toBe(true);
    await t
      .http()
      .post('/api/auth/password')
      .set({ Authorization: after.Authorization })
      .send({ oldPassword: 'reset-pass-3', newPassword: 'own-pass-23' })
      .expect(200);
    expect((await t.http().get('/api/work-orders').set({ Authorization: after.Authorization })).status).toBe(200);
  });
});
