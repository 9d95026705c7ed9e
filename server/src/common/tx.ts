import { Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { InjectDataSource } from '@midwayjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

const RETRYABLE_MYSQL = new Set([1213 /* deadlock */, 1205 /* lock wait timeout */]);
const MAX_ATTEMPTS = 5;

/**
 * The one way to write. On SQLite, TypeORM shares a single connection, so overlapping
 * transactions would nest and one request's rollback could undo another's commit: writes are
 * queued one at a time. A deadlock or lock-wait timeout (MySQL), or a busy database (another
 * process on the same SQLite file) is retried a bounded number of times with jitter. Nothing that waits on the network belongs inside `work` (use an outbox).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class Tx {
  @InjectDataSource()
  dataSource: DataSource;

  private tail: Promise<unknown> = Promise.resolve();
  /** Work to do once a transaction has committed (e.g. wake the outbox worker), per transaction. */
  private readonly hooks = new WeakMap<EntityManager, (() => void)[]>();

  get dbKind(): 'sqlite' | 'mysql' {
    return this.dataSource.options.type === 'mysql' ? 'mysql' : 'sqlite';
  }

  run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (this.dbKind === 'sqlite') {
      const result = this.tail.then(() => this.withRetry(work));
      this.tail = result.catch(() => undefined);
      return result;
    }
    return this.withRetry(work);
  }

  /**
   * Runs `fn` after the transaction of `m` commits; never when it rolls back. Outside a
   * transaction of this class it runs on the next tick.
   */
  afterCommit(m: EntityManager, fn: () => void): void {
    const list = this.hooks.get(m);
    if (list) list.push(fn);
    else setImmediate(fn);
  }

  private async once<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    let hooks: (() => void)[] = [];
    const result = await this.dataSource.transaction((m) => {
      hooks = [];
      this.hooks.set(m, hooks);
      return work(m);
    });
    for (const fn of hooks) {
      try {
        fn();
      } catch {
        /* a hook must not turn a committed change into an error */
      }
    }
    return result;
  }

  private async withRetry<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (e) {
        if (!retryable(e) || attempt >= MAX_ATTEMPTS) throw e;
        await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 40));
      }
    }
  }
}

/**
 * A deadlock or lock-wait timeout on MySQL; on SQLite a busy database, which another process on
 * the same file causes (a transaction that read first cannot upgrade to a writer once the other
 * committed: SQLITE_BUSY_SNAPSHOT, answered at once, whatever the busy timeout).
 */
function retryable(e: unknown): boolean {
  const err = e as { errno?: number; code?: string; driverError?: { errno?: number; code?: string } };
  const errno = err.errno ?? err.driverError?.errno;
  const code = err.code ?? err.driverError?.code ?? '';
  return (!!errno && RETRYABLE_MYSQL.has(errno)) || code.startsWith('SQLITE_BUSY');
}

/** True when a write failed on a unique index (SQLite or MySQL). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; errno?: number; driverError?: { code?: string } };
  const code = err.code ?? err.driverError?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err.errno === 1062;
}

/**
 * Awaits a write and turns a unique-index violation into the domain error `toError` builds:
 * the pre-check inside the transaction gives the clear message, this covers the race it
 * cannot close (two processes on MySQL) with the same message.
 */
export async function unlessDuplicate<T>(work: Promise<T>, toError: () => Error | Promise<Error>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isUniqueViolation(e)) throw await toError();
    throw e;
  }
}
