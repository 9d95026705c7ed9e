import { spawn, type ChildProcess } from 'child_process';
import { existsSync, rmSync } from 'fs';
import { createServer } from 'net';
import { join, resolve } from 'path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from '../../src/config/datasource';
import { parseDbUrl } from '../../src/config/env';
import { DEMO } from './app';

/**
 * Real server processes (the built server: server/dist through server/bootstrap.js, as npm start
 * runs it) on the test file's database (DATA_DIR / DB_URL from setup-env.js), for what one
 * in-process app cannot show: several processes on one database, and a process killed -9.
 * `npm test` builds server/dist first; alone: npm run build -w server.
 */
const SERVER_DIR = resolve(__dirname, '../..');

// A file that starts server processes gets a larger budget per test and hook: on a loaded machine
// (CI beside other work) starting, migrating and seeding a process can take tens of seconds. Every
// wait inside stays a condition with a deadline (waitFor), never a timed assertion.
jest.setTimeout(240_000);

/** Every child still running: killed when the test process exits, whatever happened. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export interface Answer {
  status: number;
  body: any;
}

export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** What it printed so far (for failure messages). */
  output(): string;
  /** A JSON request; `auth` is a bearer header from bearer(). */
  call(method: 'GET' | 'POST', path: string, body?: unknown, auth?: { Authorization: string }): Promise<Answer>;
  /** Logs in with the weapp client and returns the bearer header to send. */
  bearer(phone: string, password?: string): Promise<{ Authorization: string }>;
  /** kill -9, and waits until it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (the server stops its worker and closes the database), SIGKILL if it hangs. */
  stop(): Promise<void>;
}

/**
 * A port for a child server, from this jest worker's own range below the ephemeral ports
 * (20000 + 1000 × worker). A port the OS hands out for `listen(0)` and that is closed again can be
 * handed to another worker before our child binds it: that child then dies of EADDRINUSE while the
 * health check is answered by the other worker's server (seen on a loaded CI machine).
 */
let nextPort = 0;
async function freePort(): Promise<number> {
  const base = 20000 + (Number(process.env.JEST_WORKER_ID) || 1) * 1000;
  for (let tries = 0; tries < 1000; tries++) {
    const port = base + (nextPort++ % 1000);
    const free = await new Promise<boolean>((res) => {
      const s = createServer();
      s.once('error', () => res(false));
      s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${base}–${base + 999}`);
}

/**
 * Starts `node server/bootstrap.js` on a free port with this process's environment plus `env`
 * (an undefined value removes a variable), and waits until /api/health answers.
 */
export async function startServer(name: string, env: Record<string, string | undefined> = {}): Promise<ServerProcess> {
  if (!existsSync(join(SERVER_DIR, 'dist/configuration.js'))) throw new Error('server/dist is missing: run npm run build -w server');
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1' };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  const child = spawn(process.execPath, [join(SERVER_DIR, 'bootstrap.js')], {
    cwd: SERVER_DIR,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  void exited.then(() => children.delete(child));
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const gone = () => child.exitCode !== null || child.signalCode !== null;

  const call: ServerProcess['call'] = async (method, path, body, auth) => {
    const res = await fetch(url + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...auth },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed };
  };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (gone()) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`);
    try {
      const health = await fetch(`${url}/api/health`);
      await health.text(); // read to the end, so the socket is free (an unread body keeps it busy)
      if (health.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer /api/health within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    name,
    url,
    pid: child.pid!,
    output: () => output,
    call,
    async bearer(phone, password = DEMO.password) {
      const res = await call('POST', '/api/auth/login', { phone, password, client: 'weapp' });
      if (res.status !== 200) throw new Error(`login ${phone} at ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { Authorization: `Bearer ${res.body.data.token}` };
    },
    async kill() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!gone()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      } else await exited;
    },
  };
}

/** Polls `check` until it answers something truthy; fails with `what` (and the last answer) at the deadline. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await check();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface SharedDatabase {
  kind: 'sqlite' | 'mysql';
  /** Reads the database the server processes share (its own connection: what they committed). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Closes the connection and removes the database: DROP DATABASE on MySQL, the data directory always. */
  destroy(): Promise<void>;
}

/**
 * The test file's database, as setup-env.js chose it (DATA_DIR/hongyuan.sqlite, or DB_URL on
 * MySQL), opened once a server process has created it. Never migrates: the servers do.
 */
export function sharedDatabase(): SharedDatabase {
  const settings = parseDbUrl(process.env.DB_URL, process.env.DATA_DIR!);
  let ds: DataSource | null = null;
  return {
    kind: settings.kind,
    async query<T>(sql: string, params: unknown[] = []) {
      if (!ds) {
        const options = dataSourceOptions(settings);
        ds = new DataSource({
          ...options,
          migrationsRun: false,
          ...(settings.kind === 'mysql' ? { extra: { connectionLimit: 2 } } : {}),
        } as DataSourceOptions);
        await ds.initialize();
      }
      return (await ds.query(sql, params)) as T[];
    },
    async destroy() {
      await ds?.destroy();
      if (settings.kind === 'mysql') {
        const { host, port, user, password, database } = settings;
        const admin = await createConnection({ host, port, user, password });
        await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
        await admin.end();
      }
      rmSync(process.env.DATA_DIR!, { recursive: true, force: true });
    },
  };
}
