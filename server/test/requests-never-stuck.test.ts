import { createHash } from 'crypto';
import { gzipSync } from 'zlib';
import { customerCreateInput } from '@hongyuan/shared';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { countRows } from './support/db';
import { sharedDatabase, startServer, type ServerProcess, type SharedDatabase } from './support/processes';
import { stockKit } from './support/stock';
import { Idempotency, CLAIM_TTL_MS, KEEP_MS } from '../src/common/idempotency';
import { IdempotencyKey } from '../src/common/idempotency.entity';
import { Tx } from '../src/common/tx';
import { MIGRATIONS } from '../src/migration';
import { DEMO_DEPARTMENTS, DEMO_EMPLOYEES } from '../src/modules/demo/demo-org';
import { Customer } from '../src/modules/customer/customer.entity';
import { CustomerService } from '../src/modules/customer/customer.service';

/**
 * Requests that never get stuck: an Idempotency-Key survives a crash (an old claim is taken over,
 * the document is made once), a replay answers the document as it is now, every create route
 * honours the key, old keys are swept; a fake gzip body is a 400; server processes started
 * together on a new database migrate and seed it once. On SQLite and on MariaDB.
 */
type Auth = { Authorization: string };

describe('two server processes starting together on a new database', () => {
  let db: SharedDatabase;
  const started: ServerProcess[] = [];
  afterAll(async () => {
    for (const p of started) await p.stop();
    await db?.destroy();
  });

  it('both become healthy; the database is migrated and the demo seeded once', async () => {
    // This test file's database is new (setup-env.js): both processes find it empty.
    const [a, b] = await Promise.all([startServer('a'), startServer('b')]);
    started.push(a, b);
    for (const p of [a, b]) expect((await p.call('GET', '/api/health')).status).toBe(200);
    db = sharedDatabase();
    const count = async (sql: string) => Number((await db.query<{ n: number | string }>(sql))[0].n);
    expect(await count('SELECT COUNT(*) AS n FROM migrations')).toBe(MIGRATIONS.length);
    expect(await count('SELECT COUNT(*) AS n FROM department')).toBe(DEMO_DEPARTMENTS.length);
    expect(await count('SELECT COUNT(*) AS n FROM employee')).toBe(DEMO_EMPLOYEES.length);
    // Both serve the one seeded company.
    for (const p of [a, b]) await p.bearer(DEMO.admin);
  }, 180_000);
});

describe('requests that never get stuck', () => {
  let t: TestApp;
  let tx: Tx;
  let idem: Idempotency;
  let service: Auth, admin: Auth, keeper: Auth, tech: Auth;
  let serviceId: number;
  /** Eight digits, new at every call: names, codes, plates (last five) and phones (139 + these) never clash. */
  const base = 10_000 + Math.floor(Math.random() * 80_000);
  let seq = 0;
  const unique = () => String(base * 1000 + ++seq);
  const plate = () => `浙K${unique().slice(-5)}`;
  const keys = () => tx.dataSource.getRepository(IdempotencyKey);

  beforeAll(async () => {
    t = await createTestApp();
    tx = await t.app.getApplicationContext().getAsync(Tx);
    idem = await t.app.getApplicationContext().getAsync(Idempotency);
    [service, admin, keeper, tech] = await Promise.all([
      t.bearer(DEMO.service),
      t.bearer(DEMO.admin),
      t.bearer(DEMO.keeper),
      t.bearer(DEMO.technician),
    ]);
    serviceId = Number((await tx.dataSource.query('SELECT id FROM employee WHERE phone = ?', [DEMO.service]))[0].id);
  });
  afterAll(() => t?.close());

  const customer = (name: string) => ({
    kind: 'person',
    name,
    contacts: [{ name, phone: '13957100000' }],
    addresses: [{ address: '庆元县松源街道' }],
  });
  /** The request hash the server keeps with a key: the route and the body as sent. */
  const requestHash = (route: string, body: unknown) => createHash('sha256').update(route).update(JSON.stringify(body)).digest('hex');
  const ago = (ms: number) => new Date(Date.now() - ms);

  describe('a claim left by a request that never finished', () => {
    it('is taken over once it is older than a minute, and the customer is made once', async () => {
      const body = customer(`崩溃重试${unique()}`);
      const key = `crash-${unique()}`;
      const claimedAt = ago(CLAIM_TTL_MS + 5_000);
      // As kill -9 between "claimed" and "done" leaves it: claimed, no document.
      await keys().insert({
        employeeId: serviceId,
        key,
        route: 'POST /api/customers',
        requestHash: requestHash('POST /api/customers', body),
        status: 'p:0dead0ff',
        httpStatus: null,
        response: null,
        docId: null,
        createdAt: claimedAt,
        claimedAt,
      });
      const retry = await t.http().post('/api/customers').set(service).set('Idempotency-Key', key).send(body);
      expect(retry.status).toBe(200);
      expect(retry.body.data.name).toBe(body.name);
      const again = await t.http().post('/api/customers').set(service).set('Idempotency-Key', key).send(body);
      expect(again.status).toBe(200);
      expect(again.body.data.id).toBe(retry.body.data.id);
      expect(await countRows(t, 'customer', 'name = ?', [body.name])).toBe(1);
      const row = await keys().findOneByOrFail({ employeeId: serviceId, key });
      expect(row).toMatchObject({ docId: retry.body.data.id, status: expect.stringMatching(/^d:/) });
    });

    it('is still honoured while it is recent: the repeat waits, then says it is in progress', async () => {
      const body = customer(`处理中${unique()}`);
      const key = `busy-${unique()}`;
      const now = new Date();
      await keys().insert({
        employeeId: serviceId,
        key,
        route: 'POST /api/customers',
        requestHash: requestHash('POST /api/customers', body),
        status: 'p:0busy000',
        httpStatus: null,
        response: null,
        docId: null,
        createdAt: now,
        claimedAt: now,
      });
      const res = await t.http().post('/api/customers').set(service).set('Idempotency-Key', key).send(body);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'CONFLICT', message: '同一请求仍在处理中，请稍后刷新查看结果' });
      expect(await countRows(t, 'customer', 'name = ?', [body.name])).toBe(0);
    });

    it('a request whose key was taken over rolls back its document and answers the one the retry made', async () => {
      const taken = customer(`重试已完成${unique()}`);
      const made = (await t.http().post('/api/customers').set(service).send(taken)).body.data;
      const slow = customer(`过慢的请求${unique()}`);
      const key = `slow-${unique()}`;
      const ctx = {
        method: 'POST',
        path: '/api/customers',
        state: { actor: { id: serviceId } },
        get: (h: string) => (h.toLowerCase() === 'idempotency-key' ? key : ''),
      };
      const customers = await t.app.getApplicationContext().getAsync(CustomerService);
      const answer = await idem.run(ctx as never, slow, { entity: Customer, read: (id) => customers.get(id) }, async () => {
        // Meanwhile a retry took the key over and made its customer; this slow one carries on.
        await keys().update({ employeeId: serviceId, key }, { status: 'd:0retry00', docId: made.id });
        return customers.create(customerCreateInput.parse(slow), { actor: null, ip: '127.0.0.1', requestId: 'slow' });
      });
      expect(answer.id).toBe(made.id);
      expect(await countRows(t, 'customer', 'name = ?', [slow.name])).toBe(0);
    });
  });

  describe('a replay answers the document as it is now', () => {
    it('a requisition approved after it was made replays as approved', async () => {
      const kit = stockKit(t);
      const partId = await kit.part('重放配件');
      await kit.receive(partId, 1, 5);
      const body = { employeeId: 4, warehouseId: 1, approverIds: [5], lines: [{ partId, qty: 2 }], remark: '重放' };
      const key = `req-${unique()}`;
      const created = await t.http().post('/api/requisitions').set(tech).set('Idempotency-Key', key).send(body);
      expect(created.status).toBe(200);
      expect(created.body.data.status).toBe('pending');
      expect((await t.http().post(`/api/requisitions/${created.body.data.id}/approve`).set(keeper)).status).toBe(200);
      const replay = await t.http().post('/api/requisitions').set(tech).set('Idempotency-Key', key).send(body);
      expect(replay.status).toBe(200);
      expect(replay.body.data).toMatchObject({ id: created.body.data.id, no: created.body.data.no, status: 'approved' });
      await kit.assertBooksBalance();
    });

    it('a department renamed, and a vehicle re-plated, replay with their new names', async () => {
      const dept = { name: `重放部门${unique()}` };
      const dKey = `dept-${unique()}`;
      const d = (await t.http().post('/api/departments').set(admin).set('Idempotency-Key', dKey).send(dept)).body.data;
      expect(
        (
          await t
            .http()
            .put(`/api/departments/${d.id}`)
            .set(admin)
            .send({ name: `${dept.name}改` })
        ).status,
      ).toBe(200);
      const dReplay = await t.http().post('/api/departments').set(admin).set('Idempotency-Key', dKey).send(dept);
      expect(dReplay.body.data).toMatchObject({ id: d.id, name: `${dept.name}改` });

      const owner = (
        await t
          .http()
          .post('/api/customers')
          .set(service)
          .send(customer(`车主${unique()}`))
      ).body.data;
      const vehicle = { plate: plate() };
      const vKey = `veh-${unique()}`;
      const v = (await t.http().post(`/api/customers/${owner.id}/vehicles`).set(service).set('Idempotency-Key', vKey).send(vehicle)).body
        .data;
      const newPlate = plate();
      expect((await t.http().put(`/api/vehicles/${v.id}`).set(service).send({ plate: newPlate })).status).toBe(200);
      const vReplay = await t.http().post(`/api/customers/${owner.id}/vehicles`).set(service).set('Idempotency-Key', vKey).send(vehicle);
      expect(vReplay.body.data).toMatchObject({ id: v.id, plate: newPlate });
    });
  });

  describe('every create route honours Idempotency-Key', () => {
    const kinds: { what: string; table: string; path: () => Promise<string> | string; auth: () => Auth; body: () => object }[] = [
      {
        what: 'a customer',
        table: 'customer',
        path: () => '/api/customers',
        auth: () => service,
        body: () => customer(`并发客户${unique()}`),
      },
      {
        what: 'a vehicle',
        table: 'vehicle',
        path: async () =>
          `/api/customers/${
            (
              await t
                .http()
                .post('/api/customers')
                .set(service)
                .send(customer(`并发车主${unique()}`))
            ).body.data.id
          }/vehicles`,
        auth: () => service,
        body: () => ({ plate: plate() }),
      },
      {
        what: 'a part',
        table: 'part',
        path: () => '/api/parts',
        auth: () => keeper,
        body: () => ({
          code: `IDEM-${unique()}`,
          name: '并发配件',
          unit: '个',
          category: '其他',
          costPrice: 100,
          salePrice: 200,
          taxRate: 13,
        }),
      },
      {
        what: 'an employee',
        table: 'employee',
        path: () => '/api/employees',
        auth: () => admin,
        body: () => ({ name: '并发员工', phone: `139${unique()}`, roles: ['technician'], password: 'start2024' }),
      },
      {
        what: 'a department',
        table: 'department',
        path: () => '/api/departments',
        auth: () => admin,
        body: () => ({ name: `并发部门${unique()}` }),
      },
      {
        what: 'a warehouse',
        table: 'warehouse',
        path: () => '/api/warehouses',
        auth: () => admin,
        body: () => ({ name: `并发仓库${unique()}` }),
      },
      {
        what: 'a vehicle model',
        table: 'vehicle_model',
        path: () => '/api/vehicle-models',
        auth: () => admin,
        body: () => ({ brand: '并发', series: `车系${unique()}` }),
      },
      {
        what: 'a price level',
        table: 'price_level',
        path: () => '/api/price-levels',
        auth: () => admin,
        body: () => ({ name: `并发${unique()}` }),
      },
    ];

    it.each(kinds.map((k) => [k.what, k]))('20 parallel creates of %s with one key make one', async (_what, kind) => {
      const path = await kind.path();
      const body = kind.body();
      const key = `par-${unique()}`;
      const before = await countRows(t, kind.table);
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => t.http().post(path).set(kind.auth()).set('Idempotency-Key', key).send(body)),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(new Set(answers.map((a) => a.body.data.id)).size).toBe(1);
      expect(await countRows(t, kind.table)).toBe(before + 1);
      const replay = await t.http().post(path).set(kind.auth()).set('Idempotency-Key', key).send(body);
      expect(replay.body.data.id).toBe(answers[0].body.data.id);
    });
  });

  describe('old keys are swept', () => {
    const row = (key: string, createdAt: Date, claimedAt: Date | null, status = 'd:00000000') => ({
      employeeId: serviceId,
      key,
      route: 'POST /api/customers',
      requestHash: 'x'.repeat(64),
      status,
      httpStatus: 200,
      response: 'null',
      docId: null,
      createdAt,
      claimedAt,
    });

    it('deletes keys created and last claimed over a day ago, and keeps the rest', async () => {
      const tag = unique();
      const old = ago(KEEP_MS + 60_000);
      const recent = ago(KEEP_MS - 60_000);
      await keys().insert([
        row(`sweep-done-${tag}`, old, old),
        row(`sweep-stuck-${tag}`, old, old, 'p:00000000'),
        row(`sweep-legacy-${tag}`, old, null, 'done'),
        row(`sweep-recent-${tag}`, recent, recent),
        row(`sweep-retaken-${tag}`, old, new Date(), 'p:00000001'),
      ]);
      expect(await idem.sweep()).toBeGreaterThanOrEqual(3);
      const left = (await keys().find()).map((k) => k.key).filter((k) => k.endsWith(`-${tag}`));
      expect(left.sort()).toEqual([`sweep-recent-${tag}`, `sweep-retaken-${tag}`]);
    });

    it('a keyed request sweeps them when the last sweep is ten minutes old', async () => {
      const tag = unique();
      const old = ago(KEEP_MS + 60_000);
      await keys().insert(row(`sweep-later-${tag}`, old, old));
      idem.nextSweepAt = 0;
      const res = await t
        .http()
        .post('/api/customers')
        .set(service)
        .set('Idempotency-Key', `sweeper-${tag}`)
        .send(customer(`清理${tag}`));
      expect(res.status).toBe(200);
      expect(await keys().findOneBy({ key: `sweep-later-${tag}` })).toBeNull();
      expect(idem.nextSweepAt).toBeGreaterThan(Date.now());
    });
  });

  describe('a compressed body', () => {
    /** The bytes as given (superagent would otherwise turn a Buffer into JSON). */
    const post = (payload: Buffer) =>
      t
        .http()
        .post('/api/departments')
        .set(admin)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .serialize((bytes) => bytes)
        .send(payload);

    it('that is not gzip is a 400 with a message, not a 500', async () => {
      const before = await countRows(t, 'department');
      for (const payload of [
        Buffer.from(JSON.stringify({ name: '假压缩部门' })),
        gzipSync(JSON.stringify({ name: '截断部门' })).subarray(0, 12),
      ]) {
        const res = await post(payload);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          ok: false,
          code: 'BAD_REQUEST',
          message: '请求体无法按 Content-Encoding「gzip」解压，请发送有效的压缩数据或去掉该请求头',
        });
        expect(res.body.requestId).toBe(res.headers['x-request-id']);
        expect(res.body.requestId).toMatch(/^[\w-]{36}$/);
      }
      expect(await countRows(t, 'department')).toBe(before);
    });

    it('that is gzip is read as JSON', async () => {
      const name = `压缩部门${unique()}`;
      const res = await post(gzipSync(JSON.stringify({ name })));
      expect(res.status).toBe(200);
      expect(res.body.data.name).toBe(name);
    });
  });
});
