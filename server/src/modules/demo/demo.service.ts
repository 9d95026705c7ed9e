import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { EntityManager } from 'typeorm';
import { Tx } from '../../common/tx';
import { InboundService } from '../inbound/inbound.service';
import { RequisitionService } from '../requisition/requisition.service';
import { StockReturnService } from '../stock-return/stock-return.service';
import { StocktakeService } from '../stocktake/stocktake.service';
import { hashPassword } from '../auth/password';
import { Department, Employee, Warehouse, WarehouseKeeper } from '../org/org.entity';
import { seedCatalog, seedCustomers } from './demo-catalog';
import { seedInventory } from './demo-inventory';
import { seedWorkOrders } from './demo-work-orders';
import { PaymentService } from '../payment/payment.service';
import { StockQuery } from '../stock/stock-query.service';
import { WorkOrderService } from '../work-order/work-order.service';
import { DEMO_DEPARTMENTS, DEMO_EMPLOYEES, DEMO_PASSWORD, DEMO_WAREHOUSES } from './demo-org';

/**
 * Demo data for a first start, only on an empty database (no employee yet). Master data goes
 * in one transaction; then a week of warehouse work and work orders in every state are played
 * through the real services, each step in its own transaction as on the pages.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class DemoService {
  @Inject() tx: Tx;
  @Inject() inbounds: InboundService;
  @Inject() requisitions: RequisitionService;
  @Inject() returns: StockReturnService;
  @Inject() stocktakes: StocktakeService;
  @Inject() workOrders: WorkOrderService;
  @Inject() payments: PaymentService;
  @Inject() stock: StockQuery;

  async seedIfEmpty(): Promise<boolean> {
    const count = await this.tx.dataSource.getRepository(Employee).count();
    if (count > 0) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await this.tx.run(async (m) => {
      await this.seedOrg(m, passwordHash);
      const now = new Date();
      await seedCustomers(m, now, await seedCatalog(m, now));
    });
    await seedInventory(this);
    await seedWorkOrders(this);
    return true;
  }

  private async seedOrg(m: EntityManager, passwordHash: string) {
    const now = new Date();
    const deptIds = new Map<string, number>();
    for (const name of DEMO_DEPARTMENTS) {
      const r = await m.insert(Department, { name, enabled: true, createdAt: now, updatedAt: now });
      deptIds.set(name, r.identifiers[0].id);
    }
    const empIds = new Map<string, number>();
    for (const e of DEMO_EMPLOYEES) {
      const r = await m.insert(Employee, {
        name: e.name,
        phone: e.phone,
        passwordHash,
        // The password is published: outside demo mode (DEMO_MODE) he sets his own at first login.
        mustChangePassword: true,
        departmentId: deptIds.get(e.department) ?? null,
        roles: e.roles,
        enabled: true,
        createdAt: now,
        updatedAt: now,
      });
      empIds.set(e.name, r.identifiers[0].id);
    }
    for (const w of DEMO_WAREHOUSES) {
      const r = await m.insert(Warehouse, { name: w.name, address: w.address, enabled: true, createdAt: now, updatedAt: now });
      for (const k of w.keepers) await m.insert(WarehouseKeeper, { warehouseId: r.identifiers[0].id, employeeId: empIds.get(k)! });
    }
  }
}
