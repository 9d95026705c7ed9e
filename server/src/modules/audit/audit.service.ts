import { Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { InjectEntityModel } from '@midwayjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { Page } from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import { AuditLog } from './audit.entity';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

export interface AuditLogView {
  id: number;
  employeeId: number | null;
  employeeName: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  ip: string;
  requestId: string;
  createdAt: string;
}

/** Append-only audit trail. `record` is called inside the transaction of the change it describes. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class AuditService {
  @InjectEntityModel(AuditLog)
  repo: Repository<AuditLog>;

  async record(m: EntityManager, meta: RequestMeta, e: AuditEntry): Promise<void> {
    await this.recordMany(m, meta, [e]);
  }

  /** Many entries in few statements (an import writes one per row). */
  async recordMany(m: EntityManager, meta: RequestMeta, entries: AuditEntry[]): Promise<void> {
    const createdAt = new Date();
    const rows = entries.map((e) => ({
      employeeId: meta.actor?.id ?? null,
      employeeName: meta.actor?.name ?? '',
      action: e.action,
      entity: e.entity,
      entityId: String(e.entityId),
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      ip: meta.ip.slice(0, 64),
      requestId: meta.requestId,
      createdAt,
    }));
    for (let i = 0; i < rows.length; i += 200) await m.insert(AuditLog, rows.slice(i, i + 200));
  }

  async list(q: { entity?: string; entityId?: string; page: number; pageSize: number }): Promise<Page<AuditLogView>> {
    const qb = this.repo.createQueryBuilder('a').orderBy('a.id', 'DESC');
    if (q.entity) qb.andWhere('a.entity = :entity', { entity: q.entity });
    if (q.entityId) qb.andWhere('a.entityId = :entityId', { entityId: q.entityId });
    const [rows, total] = await qb
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return {
      items: rows.map((r) => ({
        ...r,
        before: r.before ? JSON.parse(r.before) : null,
        after: r.after ? JSON.parse(r.after) : null,
        createdAt: r.createdAt.toISOString(),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}

/** "part.update", or "part.enable" / "part.disable" when the change switched the record on or off. */
export function changeAction(entity: string, wasEnabled: boolean, isEnabled: boolean): string {
  if (wasEnabled === isEnabled) return `${entity}.update`;
  return `${entity}.${isEnabled ? 'enable' : 'disable'}`;
}
