import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { permissionsOf, type Permission, type WorkOrderState } from '@hongyuan/shared';
import type { Actor } from '../../common/actor';
import { Tx } from '../../common/tx';
import { AlertSettingsService } from '../alerts/alert-settings.service';
import { AlertsService } from '../alerts/alerts.service';
import { DocumentApprover, Requisition } from '../requisition/requisition.entity';
import { REQUISITION } from '../requisition/requisition.views';
import { StockReturn } from '../stock-return/stock-return.entity';
import { RETURN } from '../stock-return/stock-return.views';
import { Location, StockBalance } from '../stock/stock.entity';
import { WorkOrder } from '../work-order/work-order.entity';

/**
 * 工作台 today's figures. Each is present only when the caller holds its permission, so a
 * keeper never sees work-order counts and a technician only his own holdings.
 */
export interface DeskSummary {
  /** 待派工 (workorder.dispatch) */
  pendingDispatch?: number;
  /** 待结算: finished, not yet settled (workorder.settle) */
  pendingSettle?: number;
  /** 待回访 (workorder.followup) */
  pendingFollowup?: number;
  /** requisitions and returns waiting for this keeper's decision (stock.approve, listed as 审批人) */
  pendingApproval?: number;
  /** parts under their minimum stock (stock.read) */
  lowStock?: number;
  /** holdings past the 预警 days: everyone's (stock.read), else one's own (stock.own) */
  overdueHoldings?: number;
}

const DAY = 86400_000;

@Provide()
@Scope(ScopeEnum.Singleton)
export class DeskSummaryService {
  @Inject() tx: Tx;
  @Inject() alerts: AlertsService;
  @Inject() alertSettings: AlertSettingsService;

  async summary(actor: Actor, now = new Date()): Promise<DeskSummary> {
    const has = (p: Permission) => permissionsOf(actor.roles).has(p);
    const out: DeskSummary = {};
    if (has('workorder.dispatch')) out.pendingDispatch = await this.ordersIn('pending_dispatch');
    if (has('workorder.settle')) out.pendingSettle = await this.ordersIn('finished');
    if (has('workorder.followup')) out.pendingFollowup = await this.ordersIn('pending_followup');
    if (has('stock.approve')) out.pendingApproval = await this.waitingFor(actor.id);
    if (has('stock.read')) {
      // The same numbers as 预警's badges (blind counts hide low stock from those who may not see the book).
      const { counts } = await this.alerts.alerts(now, actor);
      out.lowStock = counts.lowStock;
      out.overdueHoldings = counts.longHeld;
    } else if (has('stock.own')) {
      out.overdueHoldings = await this.ownOverdue(actor.id, now);
    }
    return out;
  }

  private ordersIn(state: WorkOrderState): Promise<number> {
    return this.tx.dataSource.getRepository(WorkOrder).countBy({ state });
  }

  /** Pending requisitions and returns that list this employee as 审批人 (the mobile 审批 tab's list). */
  private async waitingFor(employeeId: number): Promise<number> {
    const db = this.tx.dataSource;
    const count = (entity: typeof Requisition | typeof StockReturn, docType: string) =>
      db
        .createQueryBuilder(entity, 'd')
        .innerJoin(DocumentApprover, 'da', 'da.docType = :docType AND da.docId = d.id AND da.employeeId = :me', { docType, me: employeeId })
        .where("d.status = 'pending'")
        .getCount();
    const [requisitions, returns] = await Promise.all([count(Requisition, REQUISITION), count(StockReturn, RETURN)]);
    return requisitions + returns;
  }

  /** His own parts held longer than the 预警 days (stock_balance.heldSince, as 预警 counts them). */
  private async ownOverdue(employeeId: number, now: Date): Promise<number> {
    const { heldDays } = await this.alertSettings.get();
    return this.tx.dataSource
      .createQueryBuilder()
      .from(StockBalance, 'b')
      .innerJoin(Location, 'l', "l.id = b.locationId AND l.kind = 'employee' AND l.refId = :me", { me: employeeId })
      .where('b.qty > 0 AND b.heldSince IS NOT NULL AND b.heldSince < :cutoff', { cutoff: new Date(now.getTime() - heldDays * DAY) })
      .getCount();
  }
}
