import type { Role } from '@hongyuan/shared';
import type { Actor, RequestMeta } from '../../common/actor';
import type { Tx } from '../../common/tx';
import type { InboundService } from '../inbound/inbound.service';
import { Employee, Warehouse } from '../org/org.entity';
import { Part } from '../part/part.entity';
import type { RequisitionService } from '../requisition/requisition.service';
import type { StockReturnService } from '../stock-return/stock-return.service';
import type { StocktakeService } from '../stocktake/stocktake.service';
import { seededRandom } from './demo-random';

export interface InventoryServices {
  tx: Tx;
  inbounds: InboundService;
  requisitions: RequisitionService;
  returns: StockReturnService;
  stocktakes: StocktakeService;
}

/**
 * A working week of the warehouse, told through the real services (so every number, move and
 * audit entry is what the pages would have made): opening stock, requisitions in every state,
 * parts in technicians' hands, a return with a damaged part, a finished stock-take.
 */
export async function seedInventory(s: InventoryServices): Promise<void> {
  const m = s.tx.dataSource.manager;
  const people = await m.find(Employee);
  const by = (name: string): Meta => meta(people.find((p) => p.name === name)!);
  const [main, east] = await m.find(Warehouse, { order: { id: 'ASC' } });
  const parts = await m.find(Part, { where: { enabled: true }, order: { id: 'ASC' } });
  const rnd = seededRandom(20261128);
  const keeperA = by('陈美华');
  const keeperB = by('季红');
  const approvers = [keeperA.actor.id, keeperB.actor.id];

  // 期初入库: most parts into 总仓, the fast movers also into 城东服务站仓. A few stay under their minimum.
  const opening = await s.inbounds.create(
    {
      warehouseId: main.id,
      supplier: '丽水市宏达汽配有限公司',
      remark: '期初库存',
      lines: parts.map((p, i) => ({
        partId: p.id,
        qty: i % 17 === 0 ? Math.max(1, Math.floor(p.minStock / 2)) : p.minStock + 4 + Math.floor(rnd() * 30),
        unitCost: p.costPrice,
      })),
    },
    keeperA,
  );
  await s.inbounds.confirm(opening.id, keeperA);
  const eastParts = parts.filter((_, i) => i % 3 === 0).slice(0, 40);
  const eastIn = await s.inbounds.create(
    {
      warehouseId: east.id,
      supplier: '庆元县松源汽配商行',
      remark: '城东站补货',
      lines: eastParts.map((p) => ({ partId: p.id, qty: 3 + Math.floor(rnd() * 10), unitCost: p.costPrice })),
    },
    keeperB,
  );
  await s.inbounds.confirm(eastIn.id, keeperB);
  await s.inbounds.create(
    {
      warehouseId: main.id,
      supplier: '丽水市宏达汽配有限公司',
      remark: '下周到货，待核对',
      lines: parts.slice(0, 5).map((p) => ({ partId: p.id, qty: 10, unitCost: p.costPrice })),
    },
    keeperA,
  );

  const pick = (n: number, offset: number) =>
    parts.slice(offset, offset + n).map((p, i) => ({ partId: p.id, qty: 1 + ((i + offset) % 3) }));
  const requisition = (
    who: string,
    lines: { partId: number; qty: number }[],
    remark: string,
    warehouseId = main.id,
    approverIds = approvers,
  ) =>
    s.requisitions.create(
      { employeeId: by(who).actor.id, warehouseId, handlerId: keeperA.actor.id, remark, approverIds, lines, submit: true },
      by(who),
    );

  // 王建学: two signed for (his holdings), one approved and not yet signed, one pending, one rejected.
  for (const [offset, remark] of [
    [0, '外三补货'],
    [6, '二三院-补货'],
  ] as const) {
    const r = await requisition('王建学', pick(4, offset), remark);
    await s.requisitions.approve(r.id, keeperA);
    await s.requisitions.sign(r.id, { disputes: [] }, by('王建学'));
  }
  const unsigned = await requisition('王建学', pick(2, 12), '外四补货');
  await s.requisitions.approve(unsigned.id, keeperB);
  await requisition('王建学', pick(3, 20), '明日上门用料');
  const rejected = await requisition('王建学', pick(2, 0), '外三补货');
  await s.requisitions.reject(rejected.id, '与上午的领用重复，请核对', keeperA);

  // 刘志强 works from 城东服务站仓; one of his lines was disputed on sign-for.
  const east1 = await requisition(
    '刘志强',
    eastParts.slice(0, 3).map((p) => ({ partId: p.id, qty: 2 })),
    '城东站上门',
    east.id,
    [keeperB.actor.id],
  );
  await s.requisitions.approve(east1.id, keeperB);
  const signed = await s.requisitions.sign(east1.id, { disputes: [] }, by('刘志强'));
  const east2 = await requisition(
    '刘志强',
    eastParts.slice(3, 5).map((p) => ({ partId: p.id, qty: 1 })),
    '城东站补货',
    east.id,
    [keeperB.actor.id],
  );
  await s.requisitions.approve(east2.id, keeperB);
  const east2View = await s.requisitions.get(east2.id, keeperB.actor);
  await s.requisitions.sign(
    east2.id,
    { disputes: [{ lineId: east2View.lines[0].id, qty: 1, reason: '外包装破损，退回仓库' }] },
    by('刘志强'),
  );
  await s.returns.create(
    {
      employeeId: by('刘志强').actor.id,
      warehouseId: east.id,
      handlerId: null,
      remark: '用剩',
      approverIds: [keeperB.actor.id],
      lines: [{ partId: signed.lines[0].partId, qty: 1, problemQty: 0, problemReason: '' }],
      submit: true,
    },
    by('刘志强'),
  );

  // 张伟 returned yesterday's leftovers; one part came back damaged and was written off.
  const zw = await requisition('张伟', pick(3, 30), '黄田镇客户上门');
  await s.requisitions.approve(zw.id, keeperA);
  await s.requisitions.sign(zw.id, { disputes: [] }, by('张伟'));
  const leftovers = await s.returns.leftovers(by('张伟').actor.id, main.id, by('张伟'));
  const counted = await s.returns.approve(
    leftovers.id,
    {
      counts: leftovers.lines.map((l, i) => ({
        lineId: l.id,
        qty: i === 0 ? l.qty - 1 : l.qty,
        problemQty: i === 0 ? 1 : 0,
        problemReason: i === 0 ? '损坏' : '',
      })),
    },
    keeperA,
  );
  // The damaged one was not on his declaration: it is written off once he confirms the count.
  await s.returns.variance.confirm(leftovers.id, counted.countsVersion, by('张伟'));
  await s.requisitions.copy(zw.id, by('张伟'));

  // A finished stock-take of 城东服务站仓 with one shortage, counted by a technician: the keeper does not approve his own count.
  const count = await s.stocktakes.start({ warehouseId: east.id, blind: false, remark: '月末盘点' }, keeperB);
  await s.stocktakes.count(
    count.id,
    {
      counts: count.lines.map((l, i) => ({ partId: l.partId, countedQty: i === 1 ? Math.max(0, (l.bookQty ?? 0) - 1) : (l.bookQty ?? 0) })),
    },
    by('刘志强'),
  );
  await s.stocktakes.approve(count.id, keeperB);
}

type Meta = RequestMeta & { actor: Actor };

function meta(e: Employee): Meta {
  return {
    actor: { id: e.id, name: e.name, roles: e.roles as Role[], sessionId: 0, client: 'h5', csrfToken: '' },
    ip: '127.0.0.1',
    requestId: 'demo-data',
  };
}
