import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import { WORK_ORDER_SETTING_DEFAULTS, workOrderSettingsInput, type WorkOrderSettings } from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import { Tx } from '../../common/tx';
import { Setting } from '../alerts/setting.entity';
import { AuditService } from '../audit/audit.service';

const LABOUR_MAX_KEY = 'workorder.labourMaxUnitPrice';

/** 工单设置 as read inside a transaction; a missing or unreadable value falls back to the default. */
export async function workOrderSettings(m: EntityManager): Promise<WorkOrderSettings> {
  const row = await m.findOneBy(Setting, { key: LABOUR_MAX_KEY });
  const parsed = workOrderSettingsInput.safeParse({ labourMaxUnitPrice: Number(row?.value) });
  return parsed.success ? parsed.data : WORK_ORDER_SETTING_DEFAULTS;
}

/** 工单设置: the labour price maximum (工时单价上限). Only an admin changes it, audit-logged. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WorkOrderSettingsService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  get(): Promise<WorkOrderSettings> {
    return workOrderSettings(this.tx.dataSource.manager);
  }

  async update(input: WorkOrderSettings, meta: RequestMeta): Promise<WorkOrderSettings> {
    return this.tx.run(async (m) => {
      const before = await workOrderSettings(m);
      await m.upsert(Setting, [{ key: LABOUR_MAX_KEY, value: String(input.labourMaxUnitPrice), updatedAt: new Date() }], ['key']);
      const after = await workOrderSettings(m);
      await this.audit.record(m, meta, { action: 'settings.workorder.update', entity: 'setting', entityId: 'workorder', before, after });
      return after;
    });
  }
}
