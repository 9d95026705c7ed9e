import { Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { createHash } from 'crypto';
import type { EntityManager } from 'typeorm';
import { shanghaiDayStart, type Page, type SecurityEventKind, type SecurityEventQuery, type SecurityEventView } from '@hongyuan/shared';
import { likeContains, likeSql, paginate } from '../../common/paging';
import { Tx } from '../../common/tx';
import { SecurityEvent } from './security-event.entity';

export interface SecurityEventInput {
  kind: SecurityEventKind;
  /** the employee behind it: the caller of a refused request, the owner of a phone that failed to log in */
  employeeId?: number | null;
  employeeName?: string;
  phone?: string;
  ip: string;
  /** "POST /api/employees"; empty for a login */
  route?: string;
  reason: string;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * 安全事件 for the admin: failed and limited logins, requests the guard refused. A repeat of the
 * same event (kind, person, address, route, reason) within its minute raises the row's count,
 * so a password spray or a script hammering a route stays a handful of rows.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SecurityEvents {
  @Inject() tx: Tx;
  @Logger() logger: ILogger;

  /** Inside the caller's transaction. */
  async record(m: EntityManager, e: SecurityEventInput, now = new Date()): Promise<void> {
    const subject = e.employeeId ? `employee:${e.employeeId}` : `phone:${e.phone ?? ''}`;
    const route = (e.route ?? '').slice(0, 200);
    const ip = e.ip.slice(0, 64);
    const reason = e.reason.slice(0, 100);
    const key = {
      dedupeKey: createHash('sha256').update([e.kind, subject, ip, route, reason].join('\n')).digest('hex'),
      minute: Math.floor(now.getTime() / MINUTE_MS),
    };
    const row: Omit<SecurityEvent, 'id'> = {
      ...key,
      kind: e.kind,
      employeeId: e.employeeId ?? null,
      employeeName: (e.employeeName ?? '').slice(0, 30),
      phone: (e.phone ?? '').slice(0, 20),
      ip,
      route,
      reason,
      hits: 1,
      firstAt: now,
      lastAt: now,
    };
    // One upsert statement: it locks the row exclusively at once, so parallel repeats queue up
    // instead of deadlocking as a separate insert-if-new and update did on MySQL.
    const { driver } = m.connection;
    const meta = m.connection.getMetadata(SecurityEvent);
    const columns = Object.keys(row) as (keyof typeof row)[];
    const q = (name: string) => driver.escape(name);
    const values = columns.map((c) => driver.preparePersistentValue(row[c], meta.findColumnWithPropertyName(c)!));
    const insert = `INSERT INTO ${q('security_event')} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    const bump = `${q('hits')} = ${q('hits')} + 1`;
    await m.query(
      driver.options.type === 'mysql'
        ? `${insert} ON DUPLICATE KEY UPDATE ${bump}, ${q('lastAt')} = VALUES(${q('lastAt')})`
        : `${insert} ON CONFLICT (${q('dedupeKey')}, ${q('minute')}) DO UPDATE SET ${bump}, ${q('lastAt')} = excluded.${q('lastAt')}`,
      values,
    );
  }

  /** In a transaction of its own; a failure to record is logged and never changes the request's answer. */
  async recordQuietly(e: SecurityEventInput): Promise<void> {
    try {
      await this.tx.run((m) => this.record(m, e));
    } catch (err) {
      this.logger.warn(`security event not recorded (${e.kind} ${e.route ?? e.phone ?? ''}): ${(err as Error).message}`);
    }
  }

  /** Newest first; keyword matches a phone or a name, from/to are Shanghai days (both included). */
  async list(q: SecurityEventQuery): Promise<Page<SecurityEventView>> {
    const qb = this.tx.dataSource.manager.createQueryBuilder(SecurityEvent, 's').orderBy('s.lastAt', 'DESC').addOrderBy('s.id', 'DESC');
    if (q.kind) qb.andWhere('s.kind = :kind', { kind: q.kind });
    if (q.keyword) qb.andWhere(`(${likeSql('s.phone', 'kw')} OR ${likeSql('s.employeeName', 'kw')})`, { kw: likeContains(q.keyword) });
    if (q.ip) qb.andWhere(likeSql('s.ip', 'ip'), { ip: likeContains(q.ip) });
    if (q.from) qb.andWhere('s.lastAt >= :from', { from: shanghaiDayStart(q.from) });
    if (q.to) qb.andWhere('s.firstAt < :to', { to: new Date(shanghaiDayStart(q.to).getTime() + DAY_MS) });
    return paginate(qb, q, (rows) =>
      rows.map((r) => ({
        id: r.id,
        kind: r.kind as SecurityEventKind,
        employeeId: r.employeeId,
        employeeName: r.employeeName,
        phone: r.phone,
        ip: r.ip,
        route: r.route,
        reason: r.reason,
        count: r.hits,
        firstAt: r.firstAt.toISOString(),
        lastAt: r.lastAt.toISOString(),
      })),
    );
  }
}
