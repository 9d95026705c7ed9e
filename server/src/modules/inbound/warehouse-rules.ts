import type { EntityManager } from 'typeorm';
import { permissionsOf, shanghaiDayStart } from '@hongyuan/shared';
import type { Actor } from '../../common/actor';
import { DomainError, invalid } from '../../common/errors';
import { Warehouse, WarehouseKeeper } from '../org/org.entity';

/** Rules that inbound and stock-take share: which warehouse, and who may act on it. */

export async function enabledWarehouse(m: EntityManager, id: number): Promise<Warehouse> {
  const w = await m.findOneBy(Warehouse, { id });
  if (!w) throw invalid('warehouseId', '仓库不存在');
  if (!w.enabled) throw invalid('warehouseId', `仓库「${w.name}」已停用`);
  return w;
}

/** The warehouse of an existing document (enabled or not). */
export async function warehouseOf(m: EntityManager, id: number): Promise<Warehouse> {
  return m.findOneByOrFail(Warehouse, { id });
}

/**
 * Stock of a warehouse is changed only by one of its own keepers (or an admin): a keeper of
 * 城东服务站仓 does not confirm receipts into 总仓.
 */
export async function assertKeeperOf(
  m: EntityManager,
  actor: Actor,
  warehouse: { id: number; name: string },
  doing: string,
): Promise<void> {
  if (actor.roles.includes('admin')) return;
  const keeps =
    permissionsOf(actor.roles).has('stock.manage') &&
    (await m.findOneBy(WarehouseKeeper, { warehouseId: warehouse.id, employeeId: actor.id }));
  if (!keeps) throw new DomainError('FORBIDDEN', `只有「${warehouse.name}」的库管或管理员可以${doing}`);
}

/** [from, to] Shanghai days as a UTC half-open range on createdAt. */
export function dayRange(from?: string, to?: string): { since?: Date; before?: Date } {
  return {
    since: from ? shanghaiDayStart(from) : undefined,
    before: to ? new Date(shanghaiDayStart(to).getTime() + 86400_000) : undefined,
  };
}

export const iso = (d: Date | null) => (d ? d.toISOString() : null);
