import { createRequire } from 'module';
import type { DataSource } from 'typeorm';
import type { DbSettings } from '../config/env';

/** How long one process waits for another to finish migrating before it gives up. */
const WAIT_MAX_MS = 10 * 60_000;
/** MySQL: each GET_LOCK waits this long (seconds) before the wait is logged and renewed. */
const WAIT_STEP_S = 60;
const SQLITE_POLL_MS = 100;

/** The two calls of better-sqlite3 (the driver TypeORM uses, which ships no types) the SQLite lock needs. */
type LockFile = { exec(sql: string): void; close(): void };
type OpenLockFile = new (file: string, options: { timeout: number }) => LockFile;

/**
 * Runs `work` (migrations and the demo seed) holding a lock on the database, so server processes
 * started together on a new database take turns: the first migrates and seeds, the next finds
 * nothing left to do. MySQL: a named lock (GET_LOCK) on a connection of its own; SQLite: an
 * exclusive transaction on a lock file beside the database. The database, or the OS, drops the
 * lock of a process that dies, so a crash never leaves the next start waiting.
 */
export async function withStartupLock<T>(
  dataSource: DataSource,
  db: DbSettings,
  work: () => Promise<T>,
  onWait: (message: string) => void,
): Promise<T> {
  return db.kind === 'mysql' ? mysqlLock(dataSource, db.database, work, onWait) : sqliteLock(db.file, work, onWait);
}

async function mysqlLock<T>(dataSource: DataSource, database: string, work: () => Promise<T>, onWait: (m: string) => void): Promise<T> {
  // Named locks are server-wide: one name per database.
  const name = `hongyuan-migrate:${database}`.slice(0, 64);
  const qr = dataSource.createQueryRunner();
  try {
    const deadline = Date.now() + WAIT_MAX_MS;
    for (;;) {
      const [row] = (await qr.query('SELECT GET_LOCK(?, ?) AS got', [name, WAIT_STEP_S])) as { got: number | string | null }[];
      if (Number(row?.got) === 1) break;
      if (Date.now() > deadline)
        throw new Error(`另一个服务进程迁移数据库 ${database} 已超过 ${WAIT_MAX_MS / 60_000} 分钟，本进程不再等待`);
      onWait(`另一个服务进程正在迁移数据库 ${database}，继续等待…`);
    }
    try {
      return await work();
    } finally {
      await qr.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await qr.release();
  }
}

async function sqliteLock<T>(file: string, work: () => Promise<T>, onWait: (m: string) => void): Promise<T> {
  const Open = createRequire(__filename)('better-sqlite3') as OpenLockFile;
  const lock = new Open(`${file}.startup-lock`, { timeout: 0 });
  try {
    const deadline = Date.now() + WAIT_MAX_MS;
    let told = false;
    for (;;) {
      try {
        lock.exec('BEGIN EXCLUSIVE');
        break;
      } catch (e) {
        if (!String((e as { code?: string }).code).startsWith('SQLITE_BUSY')) throw e;
      }
      if (Date.now() > deadline) throw new Error(`另一个服务进程迁移数据库 ${file} 已超过 ${WAIT_MAX_MS / 60_000} 分钟，本进程不再等待`);
      if (!told) onWait(`另一个服务进程正在迁移数据库 ${file}，等待中…`);
      told = true;
      await new Promise((r) => setTimeout(r, SQLITE_POLL_MS));
    }
    try {
      return await work();
    } finally {
      lock.exec('COMMIT');
    }
  } finally {
    lock.close();
  }
}
