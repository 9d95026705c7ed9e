import { createTestApp, DEMO, type TestApp } from './support/app';
import { auditOf, dbSnapshot } from './support/db';

describe('organisation: departments, employees, warehouses', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer(DEMO.admin);
  });
  afterAll(() => t.close());

  const employee = (over: object = {}) => ({
    name: '钟小伟',
    phone: '13811112222',
    departmentId: 3,
    roles: ['technician'],
    password: 'start2024',
    ...over,
  });

  it('lists departments with their head counts and refuses a duplicate name', async () => {
    const list = await t.http().get('/api/departments').set(admin);
    expect(list.status).toBe(200);
    expect(list.body.data.items).toEqual(expect.arrayContaining([{ id: 3, name: '售后服务部', enabled: true, employeeCount: 4 }]));
    const created = await t.http().post('/api/departments').set(admin).send({ name: '钣喷车间' });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ name: '钣喷车间', enabled: true, employeeCount: 0 });

    const before = await dbSnapshot(t);
    const dup = await t.http().post('/api/departments').set(admin).send({ name: '客服部' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'DUPLICATE', message: '部门“客服部”已存在' });
    const renameClash = await t.http().put(`/api/departments/${created.body.data.id}`).set(admin).send({ name: '仓储部' });
    expect(renameClash.status).toBe(409);
    expect(await dbSnapshot(t)).toBe(before);

    const disabled = await t.http().put(`/api/departments/${created.body.data.id}`).set(admin).send({ name: '钣喷车间', enabled: false });
    expect(disabled.body.data.enabled).toBe(false);
    const log = await auditOf(t, admin, 'department', created.body.data.id);
    expect(log.map((e) => e.action)).toEqual(['department.disable', 'department.create']);
    expect(log[0].before).toEqual({ name: '钣喷车间', enabled: true });
  });

  it('filters employees by keyword, role, department and status', async () => {
    const keepers = await t.http().get('/api/employees?role=keeper&enabled=true').set(admin);
    expect(keepers.body.data.items.map((e: { name: string }) => e.name)).toEqual(['陈美华', '季红']);
    const byPhone = await t.http().get('/api/employees?keyword=13800000004').set(admin);
    expect(byPhone.body.data.items).toHaveLength(1);
    expect(byPhone.body.data.items[0]).toMatchObject({ name: '王建学', departmentName: '售后服务部', roles: ['technician'] });
    expect(byPhone.body.data.items[0].passwordHash).toBeUndefined();
    const dept = await t.http().get('/api/employees?departmentId=4').set(admin);
    expect(dept.body.data.total).toBe(2);
    const byName = await t
      .http()
      .get(`/api/employees?keyword=${encodeURIComponent('建')}`)
      .set(admin);
    expect(byName.body.data.items.map((e: { name: string }) => e.name).sort()).toEqual(['叶建国', '王建学'].sort());
    const badRole = await t.http().get('/api/employees?role=boss').set(admin);
    expect(badRole.status).toBe(400);
  });

  it('creates an employee who can log in, never showing the hash, and refuses a phone in use', async () => {
    const res = await t.http().post('/api/employees').set(admin).send(employee());
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      name: '钟小伟',
      phone: '13811112222',
      departmentName: '售后服务部',
      roles: ['technician'],
      enabled: true,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|password/i);
    await t.bearer('13811112222', 'start2024');

    const log = await auditOf(t, admin, 'employee', res.body.data.id);
    expect(log[0]).toMatchObject({ action: 'employee.create', employeeName: '周宏沅' });
    expect(JSON.stringify(log)).not.toMatch(/scrypt|passwordHash|start2024/);

    const before = await dbSnapshot(t);
    const dup = await t
      .http()
      .post('/api/employees')
      .set(admin)
      .send(employee({ name: '另一个', phone: DEMO.service }));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'DUPLICATE', message: `手机号 ${DEMO.service} 已被员工 林晓燕 使用` });
    expect(dup.body.issues).toEqual([{ path: 'phone', message: dup.body.message }]);
    const update = await t
      .http()
      .put(`/api/employees/${res.body.data.id}`)
      .set(admin)
      .send({ name: '钟小伟', phone: DEMO.keeper, roles: ['technician'] });
    expect(update.status).toBe(409);
    expect(await dbSnapshot(t)).toBe(before);
  });

  it('refuses fields the route does not take, bad types and unknown departments, changing nothing', async () => {
    const before = await dbSnapshot(t);
    const cases: [string, object][] = [
      ['passwordHash', employee({ phone: '13811113333', passwordHash: 'scrypt$1$1$1$x$y' })],
      ['status', employee({ phone: '13811113334', status: 'active' })],
      ['roles', employee({ phone: '13811113335', roles: 'admin' })],
      ['roles', employee({ phone: '13811113336', roles: ['root'] })],
      ['name', employee({ phone: '13811113337', name: '长'.repeat(10000) })],
      ['phone', employee({ phone: 13811113338 })],
      ['password', employee({ phone: '13811113339', password: 'short' })],
      ['departmentId', employee({ phone: '13811113340', departmentId: 99999 })],
      ['departmentId', employee({ phone: '13811113341', departmentId: 'abc' })],
    ];
    for (const [field, body] of cases) {
      const res = await t.http().post('/api/employees').set(admin).send(body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.issues.map((i: { path: string }) => i.path.split('.')[0])).toContain(
        field === 'passwordHash' || field === 'status' ? '' : field,
      );
    }
    const missing = await t.http().post('/api/employees').set(admin).send({ name: '缺手机号' });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('手机号');
    const unknown = await t
      .http()
      .put('/api/employees/99999')
      .set(admin)
      .send({ name: '无此人', phone: '13811113350', roles: ['service'] });
    expect(unknown.status).toBe(404);
    const badId = await t
      .http()
      .put('/api/employees/abc')
      .set(admin)
      .send({ name: '无此人', phone: '13811113350', roles: ['service'] });
    expect(badId.status).toBe(400);
    expect(await dbSnapshot(t)).toBe(before);
  });

  it('keeps an admin from locking himself out', async () => {
    const me = { name: '周宏沅', phone: DEMO.admin, departmentId: 1 };
    const disable = await t
      .http()
      .put('/api/employees/1')
      .set(admin)
      .send({ ...me, roles: ['admin'], enabled: false });
    expect(disable.status).toBe(400);
    expect(disable.body.message).toBe('不能停用自己的账号');
    const demote = await t
      .http()
      .put('/api/employees/1')
      .set(admin)
      .send({ ...me, roles: ['service'] });
    expect(demote.status).toBe(400);
    expect(demote.body.message).toBe('不能取消自己的管理员角色');
    const extraRole = await t
      .http()
      .put('/api/employees/1')
      .set(admin)
      .send({ ...me, roles: ['admin', 'keeper'] });
    expect(extraRole.status).toBe(200);
    expect(extraRole.body.data.roles).toEqual(['admin', 'keeper']);
  });

  it('disabling an employee ends his sessions at once; re-enabling lets him log in again', async () => {
    const tech2 = await t.bearer(DEMO.technician2);
    expect((await t.http().get('/api/auth/me').set(tech2)).status).toBe(200);
    const body = { name: '刘志强', phone: DEMO.technician2, departmentId: 3, roles: ['technician'] };
    const off = await t
      .http()
      .put('/api/employees/7')
      .set(admin)
      .send({ ...body, enabled: false });
    expect(off.status).toBe(200);
    expect((await t.http().get('/api/auth/me').set(tech2)).status).toBe(401);
    const login = await t.http().post('/api/auth/login').send({ phone: DEMO.technician2, password: DEMO.password, client: 'weapp' });
    expect(login.body.code).toBe('ACCOUNT_DISABLED');
    await t
      .http()
      .put('/api/employees/7')
      .set(admin)
      .send({ ...body, enabled: true });
    await t.bearer(DEMO.technician2);
    const log = await auditOf(t, admin, 'employee', 7);
    expect(log.map((e) => e.action)).toEqual(['employee.enable', 'employee.disable']);
    expect(log[1].before.enabled).toBe(true);
    expect(log[1].after.enabled).toBe(false);
  });

  it('an admin resets a password: the old one stops working and his sessions end', async () => {
    const follow = await t.bearer(DEMO.followup);
    const res = await t.http().post('/api/employees/6/password').set(admin).send({ password: 'reset2024a' });
    expect(res.status).toBe(200);
    expect((await t.http().get('/api/auth/me').set(follow)).status).toBe(401);
    await t.bearer(DEMO.followup, 'reset2024a');
    const weak = await t.http().post('/api/employees/6/password').set(admin).send({ password: '123' });
    expect(weak.status).toBe(400);
    const log = await auditOf(t, admin, 'employee', 6);
    expect(log[0]).toMatchObject({ action: 'employee.password.reset', before: null, after: null });
  });

  it('warehouse keepers must be enabled employees holding the keeper role', async () => {
    const before = await dbSnapshot(t);
    const tech = await t
      .http()
      .post('/api/warehouses')
      .set(admin)
      .send({ name: '竹口服务点仓', keeperIds: [4] });
    expect(tech.status).toBe(400);
    expect(tech.body.message).toBe('王建学 没有库管角色，请先在员工管理中为其添加库管角色');
    const ghost = await t
      .http()
      .post('/api/warehouses')
      .set(admin)
      .send({ name: '竹口服务点仓', keeperIds: [99999] });
    expect(ghost.status).toBe(400);
    const dup = await t.http().post('/api/warehouses').set(admin).send({ name: '总仓' });
    expect(dup.status).toBe(409);
    expect(await dbSnapshot(t)).toBe(before);

    const ok = await t
      .http()
      .post('/api/warehouses')
      .set(admin)
      .send({ name: '竹口服务点仓', address: '庆元县竹口镇竹口村 1 号', keeperIds: [5, 5, 9] });
    expect(ok.status).toBe(200);
    expect(ok.body.data.keepers).toEqual([
      { id: 5, name: '陈美华' },
      { id: 9, name: '季红' },
    ]);
    const changed = await t
      .http()
      .put(`/api/warehouses/${ok.body.data.id}`)
      .set(admin)
      .send({ name: '竹口服务点仓', keeperIds: [9] });
    expect(changed.body.data.keepers).toEqual([{ id: 9, name: '季红' }]);
    const log = await auditOf(t, admin, 'warehouse', ok.body.data.id);
    expect(log[0].before.keepers).toHaveLength(2);
    expect(log[0].after.keepers).toHaveLength(1);

    const keeperHeld = await t
      .http()
      .put('/api/employees/9')
      .set(admin)
      .send({ name: '季红', phone: '13800000009', departmentId: 4, roles: ['service'] });
    expect(keeperHeld.status).toBe(400);
    expect(keeperHeld.body.message).toContain('仍是仓库');

    const technician = await t.bearer(DEMO.technician);
    const seen = await t.http().get('/api/warehouses').set(technician);
    expect(seen.status).toBe(200);
    expect((await t.http().post('/api/warehouses').set(technician).send({ name: '偷建仓' })).status).toBe(403);
  });

  it('guards the organisation routes by permission', async () => {
    const service = await t.bearer(DEMO.service);
    expect((await t.http().get('/api/employees').set(service)).status).toBe(200);
    expect(
      (
        await t
          .http()
          .post('/api/employees')
          .set(service)
          .send(employee({ phone: '13811119999' }))
      ).status,
    ).toBe(403);
    expect((await t.http().post('/api/departments').set(service).send({ name: '新部门' })).status).toBe(403);
    expect((await t.http().get('/api/audit-logs').set(service)).status).toBe(403);
    const technician = await t.bearer(DEMO.technician);
    expect((await t.http().get('/api/employees').set(technician)).status).toBe(403);
  });
});
