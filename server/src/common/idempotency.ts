import { AsyncLocalStorage } from 'async_hooks';
import { Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHash, randomBytes } from 'crypto';
import type { Context } from '@midwayjs/koa';
import type { EntitySubscriberInterface, InsertEvent, ObjectLiteral } from 'typeorm';
import { DomainError } from './errors';
import { IdempotencyKey } from './idempotency.entity';
import { actorOf } from './request';
import { Tx } from './tx';

/** A claim older than this may be taken over: the request that holds it died (kill -9) or hangs. */
export const CLAIM_TTL_MS = 60_000;
/** Keys are kept this long; a retry after that makes a new document. */
export const KEEP_MS = 24 * 60 * 60_000;
/** Old keys are swept at most this often, by the next keyed request. */
const SWEEP_EVERY_MS = 10 * 60_000;
/** How long a repeat waits for the first request before answering 409 (the client retries later). */
const WAIT_MS = 15_000;
const POLL_MS = 40;

/** What a create route makes, and how it reads it. */
export interface Creates<T> {
  /** The document's entity: its first row inserted under the key names the document. */
  entity: new () => object;
  /** The document as the route answers it, read now: a replay answers its current state. */
  read: (id: number) => Promise<T>;
}

const pending = (claim: string) => `p:${claim}`;
const done = (claim: string) => `d:${claim}`;
const isDone = (status: string) => status === 'done' || status.startsWith('d:');

/** The key a request works under, seen by the insert subscriber through the request's async context. */
interface Claim {
  rowId: number;
  claim: string;
  entity: new () => object;
  docId: number | null;
  active: boolean;
}
const working = new AsyncLocalStorage<Claim>();

/** Raised in the transaction of a request whose key a retry took over: it rolls back, no second document. */
class TakenOver extends Error {}

/**
 * When a keyed request inserts its document, the key is marked done with the document's id in
 * the same transaction: the key is done exactly when the document is committed, so a crash at
 * any point leaves either both or neither. A request whose claim was taken over (it was too
 * slow) finds the key no longer its own and rolls back.
 */
class NameTheDocument implements EntitySubscriberInterface<ObjectLiteral> {
  async afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> {
    const c = working.getStore();
    if (!c?.active || event.metadata.target !== c.entity) return;
    const id = Number(event.entity?.id);
    const m = event.manager;
    const res = await m
      .createQueryBuilder()
      .update(IdempotencyKey)
      .set({ status: done(c.claim), docId: id, httpStatus: 200 })
      .where('id = :id AND status = :status', { id: c.rowId, status: pending(c.claim) })
      .execute();
    if (res.affected === 1) {
      c.docId = id;
      return;
    }
    // Already named by an earlier row of this request (a second row of the kind), or taken over.
    const qb = m.createQueryBuilder(IdempotencyKey, 'k').where('k.id = :id', { id: c.rowId });
    if (m.connection.options.type === 'mysql') qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (row?.status !== done(c.claim)) throw new TakenOver('idempotency key taken over by a retry');
  }
}

/**
 * Makes a create safe to repeat: the same `Idempotency-Key` header (per employee) gives one
 * document however often, and however concurrently, it is sent, and every repeat answers the
 * document as it is now. The first request claims the key; the others wait for its document.
 * A failed attempt releases the key, so the client may correct and retry; a claim left by a
 * process that died is taken over after CLAIM_TTL_MS. Keys older than KEEP_MS are deleted.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class Idempotency {
  @Inject() tx: Tx;
  /** When the next keyed request sweeps old keys (0: the first one does). */
  nextSweepAt = 0;

  @Init()
  init() {
    const subscribers = this.tx.dataSource.subscribers;
    if (!subscribers.some((s) => s instanceof NameTheDocument)) subscribers.push(new NameTheDocument());
  }

  async run<T>(ctx: Context, body: unknown, creates: Creates<T>, work: () => Promise<T>): Promise<T> {
    const key = ctx.get('idempotency-key');
    if (!key) return work();
    if (!/^[\w.:-]{8,100}$/.test(key)) throw new DomainError('BAD_REQUEST', 'Idempotency-Key 应为 8-100 位字母、数字或 - _ . :');
    const employeeId = actorOf(ctx).id;
    const route = `${ctx.method} ${ctx.path}`.slice(0, 100);
    const requestHash = createHash('sha256')
      .update(route)
      .update(JSON.stringify(body ?? null))
      .digest('hex');
    await this.sweepSometimes();

    for (;;) {
      const claim = randomBytes(4).toString('hex');
      const row = await this.claim({ employeeId, key, route, requestHash }, claim);
      if (isDone(row.status)) return row.docId != null ? creates.read(row.docId) : (JSON.parse(row.response ?? 'null') as T);

      const c: Claim = { rowId: row.id, claim, entity: creates.entity, docId: null, active: true };
      let result: T;
      try {
        result = await working.run(c, work);
      } catch (e) {
        c.active = false;
        if (e instanceof TakenOver) continue; // a retry holds the key now: wait for its document
        await this.tx.run((m) => m.delete(IdempotencyKey, { id: row.id, status: pending(claim) }));
        throw e;
      }
      c.active = false;
      if (c.docId === null) {
        // Nothing of the kind was inserted: keep the answer itself.
        await this.tx.run((m) =>
          m.update(
            IdempotencyKey,
            { id: row.id, status: pending(claim) },
            { status: done(claim), httpStatus: 200, response: JSON.stringify(result ?? null) },
          ),
        );
      }
      return result;
    }
  }

  /**
   * Claims the key for `claim`, or waits for the request that holds it: answers the row once it
   * is done or ours. A claim older than CLAIM_TTL_MS is taken over.
   */
  private async claim(k: Pick<IdempotencyKey, 'employeeId' | 'key' | 'route' | 'requestHash'>, claim: string): Promise<IdempotencyKey> {
    const deadline = Date.now() + WAIT_MS;
    let insert = true;
    for (;;) {
      if (insert) {
        const now = new Date();
        await this.tx.run((m) =>
          m
            .createQueryBuilder()
            .insert()
            .into(IdempotencyKey)
            .values({ ...k, status: pending(claim), httpStatus: null, response: null, docId: null, createdAt: now, claimedAt: now })
            .orIgnore()
            .execute(),
        );
        insert = false;
      }
      // Through the transaction queue: on SQLite a plain read could see another request's uncommitted mark.
      const row = await this.tx.run((m) => m.findOneBy(IdempotencyKey, { employeeId: k.employeeId, key: k.key }));
      if (!row) {
        insert = true; // the request that held it failed and released it: claim it
        continue;
      }
      if (row.requestHash !== k.requestHash) throw new DomainError('IDEMPOTENCY_CONFLICT');
      if (isDone(row.status) || row.status === pending(claim)) return row;
      const claimedAt = row.claimedAt ?? row.createdAt;
      if (Date.now() - claimedAt.getTime() >= CLAIM_TTL_MS) {
        const now = new Date();
        const res = await this.tx.run((m) =>
          m
            .createQueryBuilder()
            .update(IdempotencyKey)
            .set({ status: pending(claim), claimedAt: now })
            .where('id = :id AND status = :status', { id: row.id, status: row.status })
            .execute(),
        );
        if (res.affected === 1) return { ...row, status: pending(claim), claimedAt: now };
        continue; // someone else took it over or finished first: look again
      }
      if (Date.now() > deadline) throw new DomainError('CONFLICT', '同一请求仍在处理中，请稍后刷新查看结果');
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /** Deletes the keys created and last claimed before KEEP_MS ago; answers how many. */
  async sweep(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - KEEP_MS);
    const res = await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .delete()
        .from(IdempotencyKey)
        .where('createdAt < :cutoff AND (claimedAt IS NULL OR claimedAt < :cutoff)', { cutoff })
        .execute(),
    );
    return res.affected ?? 0;
  }

  private async sweepSometimes(): Promise<void> {
    if (Date.now() < this.nextSweepAt) return;
    this.nextSweepAt = Date.now() + SWEEP_EVERY_MS;
    try {
      await this.sweep();
    } catch {
      /* a failed sweep never fails the request: the next sweep tries again */
    }
  }
}
