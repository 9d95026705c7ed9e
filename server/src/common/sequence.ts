import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import { docDay, formatDocNumber } from '@hongyuan/shared';
import { DocSequence } from '../modules/stock/stock.entity';
import { Tx } from './tx';

/**
 * Document numbers of the day, e.g. LY-20231011-0035, from the doc_sequence table (not from
 * auto-increment order, which several API processes or TiDB would not keep).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class DocNumbers {
  @Inject() tx: Tx;
  private readonly ready = new Set<string>();

  /**
   * Creates the day's counter row in a tiny transaction of its own. Call it BEFORE the
   * document's transaction: two documents racing to insert the first row of a day inside
   * their own transactions would deadlock on MySQL.
   */
  async prepare(prefix: string, at: Date = new Date()): Promise<void> {
    const key = `${prefix}:${docDay(at)}`;
    if (this.ready.has(key)) return;
    await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(DocSequence)
        .values({ prefix, day: docDay(at), value: 0 })
        .orIgnore()
        .execute(),
    );
    this.ready.add(key);
  }

  /** Takes the next number inside the document's transaction; a rollback gives it back. */
  async next(m: EntityManager, prefix: string, at: Date = new Date()): Promise<string> {
    const day = docDay(at);
    const res = await m
      .createQueryBuilder()
      .update(DocSequence)
      .set({ value: () => 'value + 1' })
      .where('prefix = :prefix AND day = :day', { prefix, day })
      .execute();
    if (res.affected !== 1) {
      // The day turned between prepare() and now: this transaction starts the new day.
      await m.insert(DocSequence, { prefix, day, value: 1 });
      return formatDocNumber(prefix, day, 1);
    }
    const row = await m.findOneOrFail(DocSequence, { where: { prefix, day } });
    return formatDocNumber(prefix, day, row.value);
  }
}
