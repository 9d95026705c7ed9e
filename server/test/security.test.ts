import { MidwayLogger } from '@midwayjs/logger';
import { createHash } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { sharedDatabase, startServer, waitFor, type ServerProcess } from './support/processes';
import { Tx } from '../src/common/tx';
import { readEnv } from '../src/config/env';
import { LoginAttempt } from '../src/modules/auth/auth.entity';

/**
 * A fresh install is safe on an office network: security headers on the H5 and on every API
 * answer (no-store), Swagger UI only when enabled, X-Forwarded-For believed for the configured
 * proxy hops only, COOKIE_SECURE either works behind an HTTPS proxy or refuses to start, and the
 * access log shows the status a refused request really got.
 */

/** Sets these environment variables (undefined: removed) for one app, and puts them back after. */
function withEnv(vars: Record<string, string | undefined>) {
  const saved: Record<string, string | undefined> = {};
  return {
    set() {
      for (const [k, v] of Object.entries(vars)) {
        saved[k] = process.env[k];
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
    restore() {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}

/** An H5 build's page as Taro writes it (one inline script: the rem sizing), served from this test's own directory. */
const INLINE = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
const INDEX_HTML = `<!doctype html><html lang="zh-CN"><head><title>宏沅汽车售后服务</title><script>${INLINE}</script><script defer="defer" src="/js/app.js"></script><link href="/css/app.css" rel="stylesheet"></head><body><div id="app"></div></body></html>`;

const csp = (header: string) =>
  Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );

async function attemptIp(t: TestApp, phone: string): Promise<string> {
  const { dataSource } = await t.app.getApplicationContext().getAsync(Tx);
  const rows = await dataSource.manager.findBy(LoginAttempt, { phone });
  expect(rows).toHaveLength(1);
  return rows[0].ip;
}

/**
 * One in-process app per test file cannot change its configuration, so the proxy settings are
 * shown on real server processes (the built server, as npm start runs it) on this file's database.
 */
describe('behind trusted proxies', () => {
  const db = sharedDatabase();
  // The built server runs there, whatever an in-process app set here (MIDWAY_TS_MODE: TypeScript sources).
  const built = { MIDWAY_TS_MODE: undefined, MIDWAY_HTTP_PORT: undefined };
  let one: ServerProcess;
  let two: ServerProcess;
  beforeAll(async () => {
    one = await startServer('one proxy', { ...built, TRUST_PROXY: '1', COOKIE_SECURE: '1', SWAGGER: '1' });
    two = await startServer('two proxies', { ...built, TRUST_PROXY: '2', COOKIE_SECURE: undefined, SWAGGER: undefined });
  });
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await db.destroy();
  });

  const login = (server: ServerProcess, body: object, headers: Record<string, string>) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const ipOf = async (phone: string) => {
    const rows = await db.query<{ ip: string }>('SELECT ip FROM login_attempt WHERE phone = ?', [phone]);
    expect(rows).toHaveLength(1);
    return rows[0].ip;
  };

  it('refuses to start with COOKIE_SECURE=1 and no TRUST_PROXY, saying what to set', async () => {
    await expect(startServer('insecure', { ...built, COOKIE_SECURE: '1', TRUST_PROXY: undefined })).rejects.toThrow(
      /COOKIE_SECURE=1 needs HTTPS.*set TRUST_PROXY.*X-Forwarded-Proto: https/,
    );
  });

  it('believes only the addresses the configured proxies added, not what the client wrote before them', async () => {
    await login(one, { phone: '13900000201', password: 'wrong-pass', client: 'weapp' }, { 'X-Forwarded-For': '6.6.6.6, 203.0.113.9' });
    expect(await ipOf('13900000201')).toBe('203.0.113.9');
    await login(
      two,
      { phone: '13900000202', password: 'wrong-pass', client: 'weapp' },
      { 'X-Forwarded-For': '6.6.6.6, 7.7.7.7, 203.0.113.20, 10.0.0.2' },
    );
    expect(await ipOf('13900000202')).toBe('203.0.113.20');
  });

  it('logs a browser in over HTTPS (X-Forwarded-Proto) with a Secure cookie', async () => {
    const res = await login(
      one,
      { phone: DEMO.service, password: DEMO.password, client: 'h5' },
      { 'X-Forwarded-For': '203.0.113.10', 'X-Forwarded-Proto': 'https' },
    );
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hy_session='));
    expect(cookie).toMatch(/; secure/i);
    expect(cookie).toMatch(/; httponly/i);
  });

  it('answers a browser login that did not come over HTTPS with a 400 that says why', async () => {
    for (const proto of [{}, { 'X-Forwarded-Proto': 'http' }] as Record<string, string>[]) {
      const res = await login(
        one,
        { phone: DEMO.service, password: DEMO.password, client: 'h5' },
        { 'X-Forwarded-For': '203.0.113.11', ...proto },
      );
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
      expect(body.message).toContain('HTTPS');
      expect(body.message).toContain('X-Forwarded-Proto');
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    // the mini-program's bearer login sets no cookie and is not concerned
    expect((await login(one, { phone: DEMO.service, password: DEMO.password, client: 'weapp' }, {})).status).toBe(200);
  });

  it('serves Swagger UI when enabled, under a policy that admits its inline script', async () => {
    const res = await fetch(`${one.url}/api/docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('swagger-ui');
    const inline = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
    const hash = createHash('sha256').update(inline, 'utf8').digest('base64');
    expect(csp(res.headers.get('content-security-policy')!)['script-src']).toEqual(["'self'", `'sha256-${hash}'`]);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Each body is read to its end: an unread answer keeps its socket busy, and the test worker
    // could not exit ("A worker process has failed to exit gracefully").
    const bundle = await fetch(`${one.url}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    const off = await fetch(`${two.url}/api/docs`);
    expect(off.status).toBe(404);
    await off.text();
  });
});

describe('COOKIE_SECURE=1 without a trusted proxy', () => {
  it('refuses to start, saying what to set', () => {
    expect(() => readEnv({ ...process.env, COOKIE_SECURE: '1', TRUST_PROXY: undefined })).toThrow(
      /COOKIE_SECURE=1 needs HTTPS.*set TRUST_PROXY.*X-Forwarded-Proto: https/,
    );
    expect(() => readEnv({ ...process.env, TRUST_PROXY: 'yes' })).toThrow('TRUST_PROXY must be an integer from 0 to 10, got yes');
  });
});

describe('a default install (no proxy, no Swagger)', () => {
  let t: TestApp;
  let h5Dir: string;
  const env = withEnv({ TRUST_PROXY: undefined, COOKIE_SECURE: undefined, SWAGGER: undefined, H5_DIR: undefined });
  let spy: jest.SpyInstance;
  /** What went through the app's loggers (the access log is below the tests' log level: read here). */
  const lines = () => spy.mock.calls.map((args: unknown[]) => args.slice(2).map(String).join(' '));

  beforeAll(async () => {
    h5Dir = join(process.env.DATA_DIR!, 'h5');
    mkdirSync(join(h5Dir, 'js'), { recursive: true });
    writeFileSync(join(h5Dir, 'index.html'), INDEX_HTML);
    writeFileSync(join(h5Dir, 'js/app.js'), 'console.log(1)');
    env.set();
    process.env.H5_DIR = h5Dir;
    spy = jest.spyOn(MidwayLogger.prototype, 'transit');
    t = await createTestApp();
  });
  afterAll(async () => {
    spy.mockRestore();
    await t.close();
    env.restore();
  });

  it('serves the H5 page with a policy it works under: its own scripts and inline script by hash, inline styles, no framing', async () => {
    const res = await t.http().get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="app">');
    const policy = csp(res.headers['content-security-policy']);
    const hash = createHash('sha256').update(INLINE, 'utf8').digest('base64');
    expect(policy['script-src']).toEqual(["'self'", `'sha256-${hash}'`]);
    expect(policy['script-src']).not.toContain("'unsafe-inline'");
    expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');

    // the single-page fallback (a deep link) is the same page under the same policy
    const deep = await t.http().get('/pages/desk/index');
    expect(deep.status).toBe(200);
    expect(deep.headers['content-security-policy']).toBe(res.headers['content-security-policy']);
    // assets are not pages, and are never sniffed into one
    const js = await t.http().get('/js/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers every API request with no-store and the headers, refusals and unknown routes included', async () => {
    const auth = await t.bearer(DEMO.technician);
    const answers = [
      await t.http().get('/api/health'),
      await t.http().get('/api/auth/me').set(auth),
      await t.http().get('/api/auth/me'),
      await t.http().get('/api/audit-logs').set(auth),
      await t.http().post('/api/auth/login').send({}),
      await t.http().get('/api/nope'),
      // refused by the body parser, before any route
      await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"phone":'),
      await t
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"x":"${'a'.repeat(13 * 1024 * 1024)}"}`),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 403, 400, 404, 400, 413]);
    expect(answers[7].body).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    for (const a of answers) {
      expect(a.headers['cache-control']).toBe('no-store');
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['referrer-policy']).toBe('no-referrer');
      expect(a.headers['x-frame-options']).toBe('DENY');
      expect(a.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('has no Swagger UI unless SWAGGER=1', async () => {
    for (const path of ['/api/docs', '/api/docs/swagger-ui-bundle.js']) {
      const res = await t.http().get(path);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ ok: false, code: 'ROUTE_NOT_FOUND' });
    }
  });

  it('ignores X-Forwarded-For without TRUST_PROXY', async () => {
    const phone = '13900000101';
    await t.http().post('/api/auth/login').set('X-Forwarded-For', '198.51.100.1').send({ phone, password: 'wrong-pass', client: 'weapp' });
    const ip = await attemptIp(t, phone);
    expect(ip).not.toBe('198.51.100.1');
    expect(ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it('logs the status each refused request really got', async () => {
    const auth = await t.bearer(DEMO.technician);
    const tries: [string, () => Promise<{ status: number }>][] = [
      ['sec-401', () => t.http().get('/api/auth/me').set('X-Request-Id', 'sec-401')],
      ['sec-403', () => t.http().get('/api/audit-logs').set(auth).set('X-Request-Id', 'sec-403')],
      ['sec-400', () => t.http().post('/api/auth/login').set('X-Request-Id', 'sec-400').send({ phone: '1' })],
      ['sec-404', () => t.http().get('/api/nope').set('X-Request-Id', 'sec-404')],
      // a body the parser refuses is logged too, with the id the client sent
      [
        'sec-400-json',
        () =>
          t.http().post('/api/auth/login').set('X-Request-Id', 'sec-400-json').set('Content-Type', 'application/json').send('{"phone":'),
      ],
      ['sec-200', () => t.http().get('/api/health').set('X-Request-Id', 'sec-200')],
    ];
    for (const [id, send] of tries) {
      const { status } = await send();
      const line = await waitFor(`the access log line of ${id}`, () => lines().find((l) => l.startsWith(`${id} `)));
      expect(line).toMatch(new RegExp(`^${id} (GET|POST) /api/\\S+ ${status} \\d+\\.\\dms`));
      expect(status).toBe(Number(id.slice(4, 7)));
    }
    expect(lines().find((l) => l.startsWith('sec-403 '))).toMatch(/ emp=\d+$/);
  });
});
