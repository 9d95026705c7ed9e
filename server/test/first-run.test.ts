import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from '../src/config/datasource';
import { parseDbUrl } from '../src/config/env';
import { sharedDatabase, startServer, type ServerProcess } from './support/processes';

/**
 * A fresh install is safe: the built server started for production (no DEMO_MODE, no SEED_DEMO,
 * as `npm run start -w server` does) on an empty database creates no account with a known
 * password. The first administrator comes from the one-time setup token it prints, or from
 * `npm run create-admin -w server`.
 */
const SERVER_DIR = resolve(__dirname, '..');
// The built server runs there, whatever an in-process app set here (MIDWAY_TS_MODE: TypeScript sources).
const production = { MIDWAY_TS_MODE: undefined, MIDWAY_HTTP_PORT: undefined, DEMO_MODE: undefined, SEED_DEMO: undefined };
const TOKEN_LINE = /初始化口令: (\S+)/;

const post = async (server: ServerProcess, path: string, body: unknown) => server.call('POST', path, body);

describe('a production start on an empty database', () => {
  const db = sharedDatabase();
  let server: ServerProcess;
  let token: string;
  beforeAll(async () => {
    server = await startServer('production', production);
  });
  afterAll(async () => {
    await server?.stop();
    await db.destroy();
  });

  it('creates no account and prints a one-time setup token, also kept in DATA_DIR/setup-token for its owner only', async () => {
    const printed = TOKEN_LINE.exec(server.output());
    expect(printed).not.toBeNull();
    token = printed![1];
    expect(token.length).toBeGreaterThanOrEqual(32);
    const file = join(process.env.DATA_DIR!, 'setup-token');
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const [{ n }] = await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM employee');
    expect(Number(n)).toBe(0);
    expect((await post(server, '/api/auth/login', { phone: '13800000001', password: 'hy123456', client: 'weapp' })).status).toBe(401);
    expect((await server.call('GET', '/api/setup/status')).body.data).toEqual({ pending: true });
  });

  it('refuses a wrong token and weak passwords, leaving the setup pending', async () => {
    const admin = { name: '周宏沅', phone: '13700000001', password: 'Qy-service-2024' };
    const wrong = await post(server, '/api/setup', { ...admin, token: `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}` });
    expect(wrong.status).toBe(403);
    expect(wrong.body.message).toMatch(/初始化口令不正确/);
    const weak = await post(server, '/api/setup', { ...admin, token, password: 'hy123456' });
    expect(weak.status).toBe(400);
    expect(weak.body.issues).toEqual([{ path: 'password', message: '这个密码太常见，容易被猜中，请换一个' }]);
    const phone = await post(server, '/api/setup', { ...admin, token, password: `a${admin.phone}` });
    expect(phone.status).toBe(400);
    expect(phone.body.issues).toEqual([{ path: 'password', message: '密码不能包含手机号' }]);
    expect((await server.call('GET', '/api/setup/status')).body.data).toEqual({ pending: true });
  });

  it('creates the first administrator once with the token, who then logs in; the token is gone', async () => {
    const admin = { name: '周宏沅', phone: '13700000001', password: 'Qy-service-2024' };
    const created = await post(server, '/api/setup', { ...admin, token });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ name: '周宏沅', phone: '13700000001' });

    const auth = await server.bearer(admin.phone, admin.password);
    const me = await server.call('GET', '/api/auth/me', undefined, auth);
    expect(me.body.data).toMatchObject({ name: '周宏沅', roles: ['admin'], mustChangePassword: false });
    expect((await server.call('GET', '/api/employees', undefined, auth)).status).toBe(200);

    expect((await server.call('GET', '/api/setup/status')).body.data).toEqual({ pending: false });
    expect(existsSync(join(process.env.DATA_DIR!, 'setup-token'))).toBe(false);
    const again = await post(server, '/api/setup', { name: '另一人', phone: '13700000002', password: 'Qy-service-2025', token });
    expect(again.status).toBe(409);
    const [{ n }] = await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM employee');
    expect(Number(n)).toBe(1);
    const audit = await db.query<{ action: string; after: string }>("SELECT action, after FROM audit_log WHERE action = 'setup.admin'");
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after)).toMatchObject({ phone: '13700000001', via: 'setup' });
  });

  it('prints no token when it starts again with the administrator in place', async () => {
    await server.stop();
    server = await startServer('production again', production);
    expect(server.output()).not.toMatch(TOKEN_LINE);
    expect((await server.call('GET', '/api/setup/status')).body.data).toEqual({ pending: false });
  });
});

/** A database of its own beside the test file's: DATA_DIR (SQLite) and, on MySQL, another database. */
function otherDatabase(): Record<string, string | undefined> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hy-test-cli-'));
  const url = process.env.DB_URL;
  return { DATA_DIR: dataDir, DB_URL: url ? `${url}_cli` : undefined };
}

/** Runs the create-admin command (server/dist) with `stdin` as its input; resolves its exit code and output. */
function createAdmin(
  env: Record<string, string | undefined>,
  args: string[],
  stdin: string,
): Promise<{ code: number | null; output: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  const child = spawn(process.execPath, [join(SERVER_DIR, 'dist/modules/auth/create-admin.command.js'), ...args], {
    cwd: SERVER_DIR,
    env: childEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.stdin.end(stdin);
  return new Promise((res) => child.once('exit', (code) => res({ code, output })));
}

/** Reads a database the servers and the command made (never migrates it); destroy drops it and its data directory. */
function databaseAt(env: Record<string, string | undefined>) {
  const settings = parseDbUrl(env.DB_URL, env.DATA_DIR!);
  let ds: DataSource | null = null;
  return {
    async query<T>(sql: string): Promise<T[]> {
      ds ??= await new DataSource({ ...dataSourceOptions(settings), migrationsRun: false } as DataSourceOptions).initialize();
      return (await ds.query(sql)) as T[];
    },
    async destroy() {
      await ds?.destroy();
      if (settings.kind === 'mysql') {
        const { host, port, user, password, database } = settings;
        const admin = await createConnection({ host, port, user, password });
        await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
        await admin.end();
      }
      rmSync(env.DATA_DIR!, { recursive: true, force: true });
    },
  };
}

describe('npm run create-admin', () => {
  const env = { ...production, ...otherDatabase() };
  const db = databaseAt(env);
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    await db.destroy();
  });

  it('creates the first administrator on a new database, the password read from stdin', async () => {
    const weak = await createAdmin(env, ['--phone', '13700000009', '--name', '周宏沅'], 'hy123456\n');
    expect(weak.code).toBe(1);
    expect(weak.output).toMatch(/未创建：.*这个密码太常见/);
    const usage = await createAdmin(env, ['--phone', '13700000009'], 'Cli-admin-2024\n');
    expect(usage.code).toBe(2);
    expect(usage.output).toMatch(/用法: npm run create-admin/);

    const made = await createAdmin(env, ['--phone', '13700000009', '--name', '周宏沅'], 'Cli-admin-2024\n');
    expect(made.output).toMatch(/已创建管理员 周宏沅（13700000009）/);
    expect(made.code).toBe(0);
    const again = await createAdmin(env, ['--phone=13700000008', '--name=另一人'], 'Cli-admin-2025\n');
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/未创建：系统已有管理员/);
    const rows = await db.query<{ phone: string; roles: string }>('SELECT phone, roles FROM employee');
    expect(rows).toEqual([{ phone: '13700000009', roles: 'admin' }]);
  });

  it('leaves the server nothing to set up: no token, and the administrator logs in', async () => {
    server = await startServer('after create-admin', env);
    expect(server.output()).not.toMatch(TOKEN_LINE);
    expect((await server.call('GET', '/api/setup/status')).body.data).toEqual({ pending: false });
    const auth = await server.bearer('13700000009', 'Cli-admin-2024');
    expect((await server.call('GET', '/api/auth/me', undefined, auth)).body.data).toMatchObject({ name: '周宏沅', roles: ['admin'] });
  });
});
