// npm run bench: throughput and latency of the read paths the desk and the mini-program hit
// most, on the built server with demo data, on SQLite and (when reachable) MariaDB.
// Figures depend on the machine: compare ratios between runs on the same machine.
const { spawn } = require('child_process');
const { mkdtempSync, rmSync } = require('fs');
const { createServer } = require('net');
const { cpus, tmpdir, totalmem } = require('os');
const { join } = require('path');
const autocannon = require('autocannon');

const ROOT = join(__dirname, '../..');
const DURATION = Number(process.env.BENCH_SECONDS || 5);

const freePort = () =>
  new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

async function start(dbUrl) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'hy-bench-'));
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    DEMO_MODE: '1',
  };
  if (dbUrl) env.DB_URL = dbUrl;
  else delete env.DB_URL;
  const t0 = Date.now();
  const child = spawn(process.execPath, [join(ROOT, 'server/bootstrap.js')], { cwd: join(ROOT, 'server'), env, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > 60000) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, coldStartMs: Date.now() - t0, stop: () => (child.kill('SIGTERM'), rmSync(dataDir, { recursive: true, force: true })) };
}

async function run(url, path, headers) {
  const r = await autocannon({ url: url + path, connections: 10, duration: DURATION, headers });
  return { path, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

/**
 * First-load weight of the pages people open first, in a fresh Chromium profile (nothing
 * cached): bytes on the wire (after compression) and decoded, scripts and styles apart from
 * the API's answers. The phone's login on a 375 px screen, the desk's login at 1366×768, and
 * the desk's first screen after a 客服 login.
 */
async function pageWeight(url) {
  let chromium;
  try {
    chromium = require('playwright-core').chromium;
  } catch {
    console.log('\n(page weight skipped: playwright-core is not installed)');
    return;
  }
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  } catch (e) {
    console.log(`\n(page weight skipped: ${e.message.split('\n')[0]})`);
    return;
  }
  const kib = (n) => (n / 1024).toFixed(0);
  const measure = async (label, viewport, login, open, ready) => {
    const context = await browser.newContext({ viewport });
    if (login) {
      const r = await context.request.post(`${url}/api/auth/login`, { data: { phone: login, password: 'hy123456', client: 'h5' } });
      if (!r.ok()) throw new Error(`login ${login}: ${r.status()}`);
    }
    const page = await context.newPage();
    const seen = [];
    page.on('requestfinished', (req) => seen.push(req));
    await page.goto(`${url}${open}`);
    await page.locator(ready).first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const t = { assets: 0, assetsDecoded: 0, api: 0, apiDecoded: 0, requests: seen.length };
    for (const req of seen) {
      const res = await req.response();
      if (!res) continue;
      const sizes = await req.sizes();
      const decoded = (await res.body().catch(() => Buffer.alloc(0))).length;
      const api = new URL(req.url()).pathname.startsWith('/api');
      t[api ? 'api' : 'assets'] += sizes.responseBodySize;
      t[api ? 'apiDecoded' : 'assetsDecoded'] += decoded;
    }
    await context.close();
    return `| ${label} | ${kib(t.assets)} | ${kib(t.assetsDecoded)} | ${kib(t.api)} | ${t.requests} |`;
  };
  try {
    const rows = [
      await measure('手机登录页 (375×667)', { width: 375, height: 667 }, null, '/#/pages/login/index', 'input[name=phone]'),
      await measure('电脑登录页 (1366×768)', { width: 1366, height: 768 }, null, '/#/pages/login/index', 'input[name=phone]'),
      await measure('桌面首屏，客服 (1366×768)', { width: 1366, height: 768 }, '13800000002', '/#/pages/desk/index', '[data-testid=desk]'),
    ];
    console.log('\n## First load, nothing cached (KiB)');
    console.log('| page | scripts+styles on the wire | decoded | API on the wire | requests |\n|---|---|---|---|---|');
    for (const r of rows) console.log(r);
  } finally {
    await browser.close();
  }
}

async function suite(label, dbUrl) {
  const s = await start(dbUrl);
  try {
    const login = await fetch(`${s.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '13800000002', password: 'hy123456', client: 'weapp' }),
    });
    const token = (await login.json()).data.token;
    const headers = { authorization: `Bearer ${token}` };
    const rows = [];
    for (const path of [
      '/api/health',
      '/api/parts?page=1&pageSize=30',
      '/api/parts?keyword=jl&page=1&pageSize=30',
      '/api/customers?page=1&pageSize=30',
      '/api/customers?keyword=%E6%B5%99K&pageSize=30',
    ]) {
      rows.push(await run(s.url, path, headers));
    }
    console.log(`\n## ${label} (cold start to healthy: ${s.coldStartMs} ms)`);
    console.log('| path | req/s | p50 ms | p99 ms | non-2xx | errors |\n|---|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.path} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`);
    if (!dbUrl) await pageWeight(s.url);
  } finally {
    s.stop();
  }
}

(async () => {
  console.log(
    `# bench: ${cpus().length} × ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, 10 connections, ${DURATION} s per path`,
  );
  if (process.env.BENCH_ONLY === 'pages') {
    const s = await start();
    try {
      await pageWeight(s.url);
    } finally {
      s.stop();
    }
    return;
  }
  await suite('SQLite (better-sqlite3, WAL)');
  const mysqlUrl = process.env.BENCH_MYSQL_URL || 'mysql://root@127.0.0.1:3306/hy_bench';
  try {
    const mysql = require('mysql2/promise');
    const u = new URL(mysqlUrl);
    const c = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: u.username, password: u.password });
    await c.query(`DROP DATABASE IF EXISTS \`${u.pathname.slice(1)}\``);
    await c.end();
    await suite('MariaDB (mysql2)', mysqlUrl);
  } catch (e) {
    console.log(`\n(MariaDB skipped: ${e.message})`);
  }
})();
