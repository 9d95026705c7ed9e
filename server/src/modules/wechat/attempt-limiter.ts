import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Tx } from '../../common/tx';
import { AttemptCounter } from './wechat.entity';

/** A limit: at most `max` tries per subject in each fixed window of `windowMs`. */
export interface AttemptLimit {
  scope: string;
  max: number;
  windowMs: number;
}

/**
 * Counts tries atomically, on SQLite and on MySQL alike: a try is taken by
 * `UPDATE attempt_counter SET tries = tries + 1 WHERE ... AND tries < max` and granted only when a
 * row was affected, never by reading a count first. So N parallel tries get at most `max`.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class AttemptLimiter {
  @Inject() tx: Tx;
  /** Per scope: when this process next removes the counters of windows that have ended. */
  private readonly nextPrune = new Map<string, number>();

  /** Takes one try from every limit in turn; false as soon as one has none left. */
  async take(limits: [AttemptLimit, string][]): Promise<boolean> {
    for (const [limit, subject] of limits) if (!(await this.takeOne(limit, subject))) return false;
    return true;
  }

  /**
   * Gives back a try that `take` granted and that turned out not to count (a right password):
   * only what went wrong uses up a limit. Never below zero.
   */
  async giveBack(limits: [AttemptLimit, string][]): Promise<void> {
    for (const [limit, subject] of limits) {
      await this.tx.run((m) =>
        m
          .createQueryBuilder()
          .update(AttemptCounter)
          .set({ tries: () => 'tries - 1' })
          .where('scope = :scope AND subject = :subject AND bucket = :bucket AND tries > 0', keyOf(limit, subject))
          .execute(),
      );
    }
  }

  private async takeOne(limit: AttemptLimit, rawSubject: string): Promise<boolean> {
    const key = keyOf(limit, rawSubject);
    await this.pruneSometimes(limit, key.bucket);
    await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(AttemptCounter)
        .values({ ...key, tries: 0 })
        .orIgnore()
        .updateEntity(false)
        .execute(),
    );
    const res = await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .update(AttemptCounter)
        .set({ tries: () => 'tries + 1' })
        .where('scope = :scope AND subject = :subject AND bucket = :bucket AND tries < :max', { ...key, max: limit.max })
        .execute(),
    );
    return res.affected === 1;
  }

  /**
   * Only the current window's counter is ever read: once per window and scope, the rows of ended
   * windows go, so a stream of guesses from ever new addresses does not grow the table for good.
   */
  private async pruneSometimes(limit: AttemptLimit, bucket: number): Promise<void> {
    const now = Date.now();
    if (now < (this.nextPrune.get(limit.scope) ?? 0)) return;
    this.nextPrune.set(limit.scope, now + limit.windowMs);
    try {
      await this.tx.run((m) =>
        m
          .createQueryBuilder()
          .delete()
          .from(AttemptCounter)
          .where('scope = :scope AND bucket < :bucket', { scope: limit.scope, bucket })
          .execute(),
      );
    } catch {
      /* a failed clean-up never fails the try: the next window tries again */
    }
  }
}

function keyOf(limit: AttemptLimit, rawSubject: string) {
  return { scope: limit.scope, subject: rawSubject.slice(0, 100), bucket: Math.floor(Date.now() / limit.windowMs) };
}
