import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHash, randomBytes } from 'crypto';
import type { Context } from '@midwayjs/koa';
import { DomainError } from './errors';
import { IdempotencyKey } from './idempotency.entity';
import { Tx } from './tx';

const WAIT_MS = 15_000;
const POLL_MS = 40;

/**
 * Makes a write safe to repeat: the same `Idempotency-Key` header (per employee) gives one
 * document and the same answer however often, and however concurrently, it is sent. The first
 * request claims the key; the others wait for its answer. A failed attempt releases the key,
 * so the client may correct and retry.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class Idempotency {
  @Inject() tx: Tx;

  async run<T>(ctx: Context, employeeId: number, body: unknown, work: () => Promise<T>): Promise<T> {
    const key = ctx.get('idempotency-key');
    if (!key) return work();
    if (!/^[\w.:-]{8,100}$/.test(key)) throw new DomainError('BAD_REQUEST', 'Idempotency-Key 应为 8-100 位字母、数字或 - _ . :');
    const route = `${ctx.method} ${ctx.path}`.slice(0, 100);
    const requestHash = createHash('sha256')
      .update(route)
      .update(JSON.stringify(body ?? null))
      .digest('hex');
    const claim = `p:${randomBytes(4).toString('hex')}`;
    const repo = this.tx.dataSource.getRepository(IdempotencyKey);

    const deadline = Date.now() + WAIT_MS;
    let tryClaim = true;
    for (;;) {
      if (tryClaim) {
        await this.tx.run((m) =>
          m
            .createQueryBuilder()
            .insert()
            .into(IdempotencyKey)
            .values({ employeeId, key, route, requestHash, status: claim, httpStatus: null, response: null, createdAt: new Date() })
            .orIgnore()
            .execute(),
        );
        tryClaim = false;
      }
      const row = await repo.findOne({ where: { employeeId, key } });
      if (!row) {
        tryClaim = true; // the first attempt failed and released the key: claim it
        continue;
      }
      if (row.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_CONFLICT');
      if (row.status === 'done') return JSON.parse(row.response ?? 'null') as T;
      if (row.status === claim) break;
      if (Date.now() > deadline) throw new DomainError('CONFLICT', '同一请求仍在处理中，请稍后刷新查看结果');
      await new Promise((r) => setTimeout(r, POLL_MS));
    }

    try {
      const result = await work();
      await this.tx.run((m) =>
        m.update(IdempotencyKey, { employeeId, key }, { status: 'done', httpStatus: 200, response: JSON.stringify(result ?? null) }),
      );
      return result;
    } catch (e) {
      await this.tx.run((m) => m.delete(IdempotencyKey, { employeeId, key, status: claim }));
      throw e;
    }
  }
}
