import { DEMO } from './support/app';
import { sharedDatabase, startServer, waitFor, type ServerProcess, type SharedDatabase } from './support/processes';
import { startStandin, type Standin } from './support/wechat-standin';

/**
 * The WeChat outbox with real server processes (the built server, as npm start runs it) on one
 * database, against the WeChat stand-in running in this test process: two workers racing over the
 * same rows send each message once and share one access token; a process killed -9 after the
 * commit loses no message, and a restart sends none twice. Runs on SQLite and on MariaDB.
 */
type Auth = { Authorization: string };
/** A WeChat call the stand-in received, with its URL query (the send's access_token). */
type Call = Standin['state']['calls'][number] & { query: Record<string, string> };
type OutboxRow = { id: number; status: string; attempts: number; workOrderId: number; wechat: string };

/** The demo dispatch template (tools/wechat-standin/demo-templates.js): character_string1 is the order number. */
const DISPATCH = 'demo-dispatch';
const N = 12;
/** Quota the technician allows: the N orders of the first test and the 2 of the second. */
const ALLOWED = N + 2;

describe('WeChat outbox across server processes on one database', () => {
  let standin: Standin;
  let db: SharedDatabase;
  const started: ServerProcess[] = [];
  let a: ServerProcess, b: ServerProcess;
  let openid: string;
  let technicianId: number;
  let supervisor: Auth, service: Auth;
  let customer: { id: number; contacts: { name: string; phone: string }[]; addresses: { address: string }[]; vehicles: { id: number }[] };

  beforeAll(async () => {
    standin = await startStandin();
    db = sharedDatabase();
  });
  afterAll(async () => {
    for (const p of started) await p.stop();
    await db?.destroy();
    await standin?.close();
  });

  /** A server process on this file's database, its worker polling every `intervalMs` (0 = off). */
  async function start(name: string, intervalMs: number, env: Record<string, string> = {}): Promise<ServerProcess> {
    const p = await startServer(name, {
      WECHAT_API_BASE: standin.url,
      WECHAT_APPID: undefined,
      WECHAT_SECRET: undefined,
      WECHAT_OUTBOX_INTERVAL_MS: String(intervalMs),
      ...env,
    });
    started.push(p);
    return p;
  }

  const ok = (res: { status: number; body: any }, what: string) => {
    if (res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };

  /** A new order, created at `p` by the service desk (waiting to be dispatched). */
  async function newOrder(p: ServerProcess): Promise<{ id: number; no: string }> {
    return ok(
      await p.call(
        'POST',
        '/api/work-orders',
        {
          customerId: customer.id,
          vehicleId: customer.vehicles[0].id,
          contactName: customer.contacts[0].name,
          contactPhone: customer.contacts[0].phone,
          address: customer.addresses[0]?.address ?? '庆元县松源街道',
          problem: '发动机异响，保养灯亮',
          serviceType: 'onsite',
        },
        service,
      ),
      `new order at ${p.name}`,
    );
  }
  const dispatch = (p: ServerProcess, orderId: number) =>
    p.call('POST', `/api/work-orders/${orderId}/dispatch`, { technicianId }, supervisor);

  /** The dispatch messages the technician's WeChat received: [order number, page]. */
  const received = () =>
    standin.state.inbox
      .filter((m) => m.touser === openid && m.template_id === DISPATCH)
      .map((m) => [m.data.character_string1.value, m.page]);
  const delivered = () => received().map(([no]) => no);
  const pageOf = (orderId: number) => `packages/work/order/index?id=${orderId}`;
  const times = (no: string) => delivered().filter((d) => d === no).length;
  const outbox = (orderIds: number[]) =>
    db.query<OutboxRow>(
      `SELECT o.id, o.status, o.attempts, n.workOrderId, n.wechat FROM wechat_outbox o JOIN notification n ON n.id = o.notificationId
       WHERE n.workOrderId IN (${orderIds.map(() => '?').join(', ')}) ORDER BY o.id`,
      orderIds,
    );
  const tokenFetches = () => standin.state.calls.filter((c) => c.path === '/cgi-bin/stable_token');

  it('two processes, both with the worker on, send each of N dispatches once with one access token', async () => {
    a = await start('A', 200); // creates the schema and the demo data
    b = await start('B', 200, { SEED_DEMO: '0' });
    const admin = await a.bearer(DEMO.admin);
    [service, supervisor] = [await b.bearer(DEMO.service), await a.bearer(DEMO.supervisor)];

    // The technician binds his WeChat: a code from the desk (A), the phone logs in at B.
    technicianId = ok(await a.call('GET', `/api/employees?keyword=${DEMO.technician}`, undefined, admin), 'employees').items[0].id;
    const { code: bindingCode } = ok(
      await a.call('POST', `/api/employees/${technicianId}/wechat-binding-code`, undefined, admin),
      'binding code',
    );
    const phone = standin.login('technician-phone');
    openid = phone.openid;
    const { ticket } = ok(await b.call('POST', '/api/auth/wechat', { code: phone.code }), 'wechat login');
    const bound = ok(await b.call('POST', '/api/auth/wechat/bind', { ticket, bindingCode }), 'bind');
    expect(bound.employee.id).toBe(technicianId);
    const tech = { Authorization: `Bearer ${bound.token}` };

    // He taps 允许 in the subscription dialog, and the phone reports each tap, to A or B.
    for (let i = 0; i < ALLOWED; i++) {
      expect(standin.subscribe({ openid, template_id: DISPATCH, accept: true }).quota).toBe(i + 1);
      ok(await [a, b][i % 2].call('POST', '/api/wechat/subscriptions', { results: { [DISPATCH]: 'accept' } }, tech), 'subscription');
    }
    const quota = async () =>
      ok(await a.call('GET', '/api/wechat/subscriptions', undefined, tech), 'subscriptions').templates.find(
        (t: { kind: string }) => t.kind === 'dispatch',
      ).quota;
    expect(await quota()).toBe(ALLOWED);

    const list = ok(await a.call('GET', `/api/customers?keyword=${encodeURIComponent('浙K')}`, undefined, service), 'customers');
    const withCar = list.items.find((c: { plates: string[] }) => c.plates.length > 0);
    customer = ok(await a.call('GET', `/api/customers/${withCar.id}`, undefined, service), 'customer');

    const orders: { id: number; no: string }[] = [];
    for (let i = 0; i < N; i++) orders.push(await newOrder([a, b][i % 2]));
    // All dispatched at once, alternately through A and B: both workers are woken and race for the rows.
    const answers = await Promise.all(orders.map((o, i) => dispatch([a, b][i % 2], o.id)));
    expect(answers.map((r) => r.status)).toEqual(orders.map(() => 200));

    const ids = orders.map((o) => o.id);
    const rows = await waitFor(
      `the ${N} outbox rows to be settled`,
      async () => {
        const r = await outbox(ids);
        return r.length === N && r.every((row) => row.status === 'sent' || row.status === 'failed') && r;
      },
      30_000,
    );
    expect(rows.map((r) => [r.status, r.attempts, r.wechat])).toEqual(rows.map(() => ['sent', 1, 'sent']));
    // Each order's message once, opening that order.
    expect(received().sort()).toEqual(orders.map((o) => [o.no, pageOf(o.id)]).sort());

    // One token, fetched by one process, stored for both, used for every send.
    const fetches = tokenFetches();
    expect(fetches).toHaveLength(1);
    const token = fetches[0].answer.access_token;
    const tokenRows = await db.query<{ token: string; leaseOwner: string | null }>('SELECT token, leaseOwner FROM wechat_token');
    expect(tokenRows).toEqual([{ token, leaseOwner: null }]);
    const sends = (standin.state.calls as Call[]).filter((c) => c.path === '/cgi-bin/message/subscribe/send');
    expect(sends.map((c) => [c.query.access_token, c.answer.errcode])).toEqual(orders.map(() => [token, 0]));

    // Each message took one of his subscriptions, here and at WeChat alike.
    expect(await quota()).toBe(ALLOWED - N);
    expect(standin.quota(openid, DISPATCH)).toBe(ALLOWED - N);
  });

  it('a process killed -9 between commit and send loses nothing; a restart sends nothing twice', async () => {
    await Promise.all([a.stop(), b.stop()]);
    const fetched = tokenFetches().length;

    // C's worker is off: the dispatch commits its outbox row and nothing sends it.
    const c = await start('C', 0, { SEED_DEMO: '0' });
    const order = await newOrder(c);
    expect((await dispatch(c, order.id)).status).toBe(200);
    expect(await outbox([order.id])).toEqual([expect.objectContaining({ status: 'pending', attempts: 0, wechat: 'pending' })]);
    await c.kill();
    expect(times(order.no)).toBe(0);

    // D finds the row on start and sends it; it is killed -9 once the row says sent.
    const d = await start('D', 200, { SEED_DEMO: '0' });
    await waitFor(`D to send ${order.no}`, async () => (await outbox([order.id]))[0].status === 'sent');
    await d.kill();
    expect(times(order.no)).toBe(1);

    // E starts on the same database: a second order's message proves its worker has been through the outbox.
    const e = await start('E', 200, { SEED_DEMO: '0' });
    const second = await newOrder(e);
    expect((await dispatch(e, second.id)).status).toBe(200);
    await waitFor(`E to send ${second.no}`, async () => (await outbox([second.id]))[0].status === 'sent');
    expect([times(order.no), times(second.no)]).toEqual([1, 1]);
    expect((await outbox([order.id, second.id])).map((r) => [r.status, r.attempts, r.wechat])).toEqual([
      ['sent', 1, 'sent'],
      ['sent', 1, 'sent'],
    ]);
    expect(delivered()).toHaveLength(N + 2);
    // The token cached in the database outlived every process: none of them fetched another.
    expect(tokenFetches()).toHaveLength(fetched);
    expect(standin.quota(openid, DISPATCH)).toBe(0);
  });
});
