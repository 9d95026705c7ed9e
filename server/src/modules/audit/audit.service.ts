import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { InjectEntityModel } from '@midwayjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { Page } from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import type { XlsxFile } from '../../common/excel';
import { Tx } from '../../common/tx';
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

/** The most one before/after may hold, in UTF-8 bytes (the column is MEDIUMTEXT on MySQL, 16 MB). */
export const AUDIT_TEXT_MAX = 1_000_000;
const BATCH_BYTES = 4_000_000;

/**
 * A value as stored: its JSON, or past AUDIT_TEXT_MAX the start of it inside a note that says so
 * (still JSON, still readable), so a huge document never turns its change into an error.
 */
function stored(value: unknown): { text: string; bytes: number } | null {
  if (value === undefined) return null;
  const json = JSON.stringify(value);
  const bytes = Buffer.byteLength(json);
  if (bytes <= AUDIT_TEXT_MAX) return { text: json, bytes };
  // A UTF-16 unit is at most 3 bytes in UTF-8, twice that escaped again: a sixth always fits.
  const text = JSON.stringify({ truncated: `内容过长（${bytes} 字节），只保留开头部分`, start: json.slice(0, AUDIT_TEXT_MAX / 6) });
  return { text, bytes: Buffer.byteLength(text) };
}

/** Append-only audit trail. `record` is called inside the transaction of the change it describes. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class AuditService {
  @InjectEntityModel(AuditLog)
  repo: Repository<AuditLog>;
  @Inject() tx: Tx;

  async record(m: EntityManager, meta: RequestMeta, e: AuditEntry): Promise<void> {
    await this.recordMany(m, meta, [e]);
  }

  /**
   * Many entries in few statements (an import writes one per row): at most 200 rows and about
   * BATCH_BYTES of text per INSERT, so a statement stays within MySQL's packet limit.
   */
  async recordMany(m: EntityManager, meta: RequestMeta, entries: AuditEntry[]): Promise<void> {
    const createdAt = new Date();
    let batch: Partial<AuditLog>[] = [];
    let bytes = 0;
    for (const e of entries) {
      const before = stored(e.before);
      const after = stored(e.after);
      const size = (before?.bytes ?? 0) + (after?.bytes ?? 0);
      if (batch.length && (batch.length >= 200 || bytes + size > BATCH_BYTES)) {
        await m.insert(AuditLog, batch);
        batch = [];
        bytes = 0;
      }
      batch.push({
        employeeId: meta.actor?.id ?? null,
        employeeName: (meta.actor?.name ?? '').slice(0, 30),
        action: e.action.slice(0, 50),
        entity: e.entity.slice(0, 50),
        entityId: String(e.entityId).slice(0, 50),
        before: before?.text ?? null,
        after: after?.text ?? null,
        ip: meta.ip.slice(0, 64),
        requestId: meta.requestId.slice(0, 64),
        createdAt,
      });
      bytes += size;
    }
    if (batch.length) await m.insert(AuditLog, batch);
  }

  /**
   * An export of personal data (客户、开票、绩效): who took how many rows with which filters. Committed
   * before the file is sent, so no export leaves unrecorded.
   */
  async recordExport(meta: RequestMeta, action: string, file: XlsxFile, filters: Record<string, unknown>): Promise<void> {
    const { page: _page, pageSize: _pageSize, ...rest } = filters;
    const kept = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    const sheet = file.workbook.worksheets[0];
    const rows = sheet ? Math.max(0, sheet.rowCount - 1) : 0;
    const entity = action.split('.')[0];
    await this.tx.run((m) => this.record(m, meta, { action, entity, entityId: '', after: { rows, filters: kept, file: file.name } }));
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
