/**
 * npm run create-admin -w server -- --phone 13900000000 --name 张三
 *
 * Creates the first administrator from a shell, on the database the server would use (DB_URL,
 * DATA_DIR). The password comes from ADMIN_PASSWORD, else it is asked for twice (not echoed), or
 * read as the first line of stdin when stdin is not a terminal. Refused once an administrator exists.
 */
import { rmSync } from 'fs';
import { join } from 'path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { firstAdminInput, summarizeIssues, toFieldIssues } from '@hongyuan/shared';
import { DomainError } from '../../common/errors';
import { withStartupLock } from '../../common/startup-lock';
import { isUniqueViolation } from '../../common/tx';
import { dataSourceOptions } from '../../config/datasource';
import { readEnv, type DbSettings } from '../../config/env';
import { adminExists, createFirstAdmin } from './first-admin';
import { hashPassword } from './password';

const USAGE = '用法: npm run create-admin -w server -- --phone 手机号 --name 姓名   （密码: 环境变量 ADMIN_PASSWORD，或按提示输入）';

/** --phone 139... --name 张三 (or --phone=139...). */
export function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) continue;
    out[m[1]] = m[2] ?? argv[++i] ?? '';
  }
  return out;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args.phone || !args.name) {
    console.error(USAGE);
    return 2;
  }
  let password: string;
  try {
    password = await readPassword();
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
  const parsed = firstAdminInput.safeParse({ name: args.name, phone: args.phone, password });
  if (!parsed.success) {
    console.error(`未创建：${summarizeIssues(toFieldIssues(parsed.error))}`);
    return 1;
  }
  const env = readEnv();
  await createDatabaseIfMissing(env.db);
  const ds = new DataSource(dataSourceOptions(env.db));
  await ds.initialize();
  try {
    await withStartupLock(
      ds,
      env.db,
      () => ds.runMigrations({ transaction: 'each' }),
      (message) => console.log(message),
    );
    const { name, phone } = parsed.data;
    const passwordHash = await hashPassword(parsed.data.password);
    const meta = { actor: null, ip: '', requestId: 'create-admin' };
    try {
      await ds.transaction((m) => createFirstAdmin(m, { name, phone, passwordHash }, meta, 'command'));
    } catch (e) {
      throw isUniqueViolation(e) ? adminExists() : e;
    }
    // The server's setup token is of no use any more.
    rmSync(join(env.dataDir, 'setup-token'), { force: true });
    console.log(`已创建管理员 ${name}（${phone}）。请用该手机号和密码登录工作台。`);
    return 0;
  } catch (e) {
    if (e instanceof DomainError) {
      console.error(`未创建：${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await ds.destroy();
  }
}

/** As the server does at start (configuration.ts): a MySQL database named in DB_URL is created when missing. */
async function createDatabaseIfMissing(db: DbSettings): Promise<void> {
  if (db.kind !== 'mysql') return;
  const conn = await createConnection({ host: db.host, port: db.port, user: db.user, password: db.password });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${db.database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (!process.stdin.isTTY) {
    const first = (await readAll(process.stdin)).split(/\r?\n/)[0];
    if (!first) throw new Error('未创建：没有读到密码（设置 ADMIN_PASSWORD，或从标准输入给出一行密码）');
    return first;
  }
  const password = await askHidden('管理员密码（至少 8 位，含字母和数字）: ');
  if ((await askHidden('再输入一次: ')) !== password) throw new Error('未创建：两次输入的密码不一致');
  return password;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

/** A line typed without echo (raw mode): Enter ends it, Backspace deletes, Ctrl+C cancels. */
function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
    };
    const onData = (data: Buffer) => {
      for (const c of data.toString('utf8')) {
        if (c === '\r' || c === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (c === '\u0003') {
          finish();
          reject(new Error('已取消'));
          return;
        }
        value = c === '\u007f' || c === '\b' ? value.slice(0, -1) : value + c;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
