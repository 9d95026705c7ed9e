import type { Role } from '@hongyuan/shared';
import type { Actor, RequestMeta } from '../../common/actor';
import type { Tx } from '../../common/tx';
import { Customer, CustomerAddress, CustomerContact, Vehicle } from '../customer/customer.entity';
import { Employee } from '../org/org.entity';
import type { StockQuery } from '../stock/stock-query.service';
import type { PaymentService } from '../payment/payment.service';
import { WorkOrderSettlement } from '../work-order/work-order.entity';
import type { WorkOrderService } from '../work-order/work-order.service';

export interface WorkOrderServices {
  tx: Tx;
  workOrders: WorkOrderService;
  payments: PaymentService;
  stock: StockQuery;
}

type Meta = RequestMeta & { actor: Actor };

const PROBLEMS = [
  '保养到期，更换机油机滤',
  '刹车异响，踩刹车有尖叫声',
  '空调不制冷，出风有异味',
  '电瓶亏电，早上打不着火',
  '雨刮刮不干净，有拖痕',
  '大灯不亮，左侧近光灯',
  '发动机故障灯亮，怠速抖动',
  '轮胎鼓包，需更换前轮',
  '仪表提示保养，车主要求上门',
  '异响：过减速带时底盘咯噔响',
];

/**
 * Work orders in every state, played through the real service after the warehouse story, so
 * parts used come out of the technicians' real holdings and the ledger stays balanced.
 */
export async function seedWorkOrders(s: WorkOrderServices): Promise<void> {
  const m = s.tx.dataSource.manager;
  const people = await m.find(Employee);
  const by = (name: string): Meta => meta(people.find((p) => p.name === name)!);
  const desk = by('林晓燕');
  const boss = by('叶建国');
  // 收款: the money of a settlement received at the desk (the 待回访 one is left owing, as at a real desk).
  const payInFull = async (orderId: number, channel: 'cash' | 'transfer', reference: string) => {
    const owed = await m.find(WorkOrderSettlement, { where: { workOrderId: orderId }, order: { id: 'DESC' }, take: 1 });
    if (owed[0]?.payable) await s.payments.record(owed[0].id, { channel, amount: owed[0].payable, reference, note: '' }, boss);
  };
  const callback = by('吴丽娟');
  const customers = await m.find(Customer, { order: { id: 'ASC' }, take: 14 });
  const vehicles = await m.find(Vehicle, { order: { id: 'ASC' } });
  const contacts = await m.find(CustomerContact, { order: { id: 'ASC' } });
  const addresses = await m.find(CustomerAddress, { order: { id: 'ASC' } });

  let n = 0;
  const create = (extra: { submit?: boolean; priority?: 'normal' | 'urgent'; appointmentAt?: string | null } = {}) => {
    const c = customers[n % customers.length];
    const v = vehicles.find((x) => x.customerId === c.id);
    const contact = contacts.find((x) => x.customerId === c.id && x.isPrimary) ?? contacts.find((x) => x.customerId === c.id)!;
    const problem = PROBLEMS[n % PROBLEMS.length];
    n++;
    return s.workOrders.create(
      {
        customerId: c.id,
        vehicleId: v?.id ?? null,
        contactName: contact.name,
        contactPhone: contact.phone,
        address: addresses.find((a) => a.customerId === c.id)?.address ?? '庆元县松源街道',
        problem,
        serviceType: n % 3 === 0 ? 'inshop' : 'onsite',
        priority: extra.priority ?? 'normal',
        appointmentAt: extra.appointmentAt ?? null,
        plannedParts: [],
        submit: extra.submit ?? true,
      },
      desk,
    );
  };
  const dispatch = (id: number, tech: string) =>
    s.workOrders.dispatch(id, { technicianId: by(tech).actor.id, helperIds: [], note: '' }, boss);
  const usePart = async (id: number, tech: string, index: number) => {
    const held = await s.stock.allHoldings(by(tech).actor.id);
    const h = held[index % Math.max(1, held.length)];
    if (h) await s.workOrders.useParts(id, { partId: h.partId, qty: 1, taxIncluded: true }, by(tech));
  };
  const work = async (id: number, tech: string, parts: number[], summary: string) => {
    await s.workOrders.start(id, '', by(tech));
    for (const p of parts) await usePart(id, tech, p);
    await s.workOrders.addLabour(id, { name: '上门服务工时', qty: 1, unitPrice: 8000, taxRate: 6, taxIncluded: true }, by(tech));
    await s.workOrders.finish(id, summary, by(tech));
  };

  // 已建单: an appointment next week, not yet sent to dispatch.
  await create({ submit: false, appointmentAt: new Date(Date.now() + 6 * 86400_000).toISOString() });
  // 待派工
  await create({ priority: 'urgent' });
  await create();
  // 已派工
  await dispatch(await create(), '王建学');
  // 处理中, with a part used from his hands
  const busy = await create();
  await dispatch(busy, '刘志强');
  await s.workOrders.start(busy, '27.6186,119.0625', by('刘志强'));
  await usePart(busy, '刘志强', 0);
  // 已完工, waiting for settlement
  const done = await create();
  await dispatch(done, '王建学');
  await work(done, '王建学', [0, 1], '更换机油机滤，复位保养灯');
  // 待回访 (settled)
  const settled = await create();
  await dispatch(settled, '张伟');
  await work(settled, '张伟', [], '检查电瓶充电系统，已搭电并交代客户');
  await s.workOrders.settle(settled, { discount: 0, paymentMethod: 'cash', free: false, note: '' }, boss);
  // 已结束, one of them through a rework
  const closed = await create();
  await dispatch(closed, '王建学');
  await work(closed, '王建学', [2], '更换雨刮片');
  await s.workOrders.settle(closed, { discount: 500, paymentMethod: 'transfer', free: false, note: '老客户优惠 5 元' }, boss);
  await payInFull(closed, 'transfer', '农商行转账 2025112800318');
  await s.workOrders.followup(
    closed,
    { reached: true, satisfaction: 5, comments: '师傅准时，很满意', result: 'close', reworkReason: '' },
    callback,
  );
  const reworked = await create();
  await dispatch(reworked, '王建学');
  await work(reworked, '王建学', [], '检查底盘，紧固螺丝');
  await s.workOrders.settle(reworked, { discount: 0, paymentMethod: 'cash', free: false, note: '' }, boss);
  await payInFull(reworked, 'cash', '');
  await s.workOrders.followup(
    reworked,
    { reached: true, satisfaction: 2, comments: '过坎仍有异响', result: 'rework', reworkReason: '异响未消除' },
    callback,
  );
  await dispatch(reworked, '刘志强');
  await work(reworked, '刘志强', [], '更换左前下摆臂胶套，试车无异响');
  await s.workOrders.settle(reworked, { discount: 0, free: true, note: '返工不另收费' }, boss);
  await s.workOrders.followup(
    reworked,
    { reached: true, satisfaction: 4, comments: '已解决', result: 'close', reworkReason: '' },
    callback,
  );
  // 已取消
  const cancelled = await create();
  await s.workOrders.cancel(cancelled, '客户自行到 4S 店处理', desk);
}

function meta(e: Employee): Meta {
  return {
    actor: { id: e.id, name: e.name, roles: e.roles as Role[], sessionId: 0, client: 'h5', csrfToken: '' },
    ip: '127.0.0.1',
    requestId: 'demo-data',
  };
}
