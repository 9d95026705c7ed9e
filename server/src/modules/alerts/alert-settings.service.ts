import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { type EntityManager, In } from 'typeorm';
import { type AlertSettings, z } from '@hongyuan/shared';
import { Tx } from '../../common/tx';
import { AuditService } from '../audit/audit.service';
import type { Who } from '../inbound/inbound.service';
import { Setting } from './setting.entity';

/** Stored as rows of the setting table; a missing or unreadable value falls back to the default. */
const KEYS: Record<keyof AlertSettings, string> = { heldDays: 'alerts.heldDays', pendingHours: 'alerts.pendingHours' };
export const ALERT_DEFAULTS: AlertSettings = { heldDays: 7, pendingHours: 4 };

/**
 * 审批设置. Off (the default): nobody decides his own requisition or return, so moving parts
 * takes two people. A company with a single keeper has no second one; an admin may allow it there,
 * and every such decision is marked in the audit log.
 */
export const approvalSettingsInput = z
  .object({
    allowSelfApproval: z.boolean({
      required_error: '请选择是否允许库管审批自己的单据',
      invalid_type_error: '是否允许库管审批自己的单据应为是或否',
    }),
  })
  .strict();
export type ApprovalSettings = z.infer<typeof approvalSettingsInput>;
const SELF_APPROVAL_KEY = 'approval.allowSelfApproval';

/** Whether a keeper may decide his own documents (审批设置); off unless an admin turned it on. */
export async function selfApprovalAllowed(m: EntityManager): Promise<boolean> {
  return (await m.findOneBy(Setting, { key: SELF_APPROVAL_KEY }))?.value === 'true';
}

/** 预警设置: how many days of holding, and how many hours of waiting, make an alert. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class AlertSettingsService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  get(m: EntityManager = this.tx.dataSource.manager): Promise<AlertSettings> {
    return read(m);
  }

  async update(input: AlertSettings, who: Who): Promise<AlertSettings> {
    return this.tx.run(async (m) => {
      const before = await read(m);
      const updatedAt = new Date();
      await m.upsert(
        Setting,
        (Object.keys(KEYS) as (keyof AlertSettings)[]).map((k) => ({ key: KEYS[k], value: String(input[k]), updatedAt })),
        ['key'],
      );
      const after = await read(m);
      await this.audit.record(m, who, { action: 'settings.alerts.update', entity: 'setting', entityId: 'alerts', before, after });
      return after;
    });
  }

  async getApproval(m: EntityManager = this.tx.dataSource.manager): Promise<ApprovalSettings> {
    return { allowSelfApproval: await selfApprovalAllowed(m) };
  }

  /** Only an admin changes it (a keeper may not allow himself); audit-logged with before and after. */
  async updateApproval(input: ApprovalSettings, who: Who): Promise<ApprovalSettings> {
    return this.tx.run(async (m) => {
      const before = await this.getApproval(m);
      await m.upsert(Setting, [{ key: SELF_APPROVAL_KEY, value: String(input.allowSelfApproval), updatedAt: new Date() }], ['key']);
      const after = await this.getApproval(m);
      await this.audit.record(m, who, { action: 'settings.approval.update', entity: 'setting', entityId: 'approval', before, after });
      return after;
    });
  }
}

async function read(m: EntityManager): Promise<AlertSettings> {
  const rows = await m.findBy(Setting, { key: In(Object.values(KEYS)) });
  const valueOf = (k: keyof AlertSettings) => {
    const n = Number(rows.find((r) => r.key === KEYS[k])?.value);
    return Number.isInteger(n) && n > 0 ? n : ALERT_DEFAULTS[k];
  };
  return { heldDays: valueOf('heldDays'), pendingHours: valueOf('pendingHours') };
}
