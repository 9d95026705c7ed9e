import { AMOUNT_MAX } from '@hongyuan/shared';
import { Tx } from '../src/common/tx';
import { PerVisitSettlements1733270600000, settleLegacyOrders } from '../src/migration/1733270600000-per-visit-settlements';
import { addReceivableColumns, countEarlierSettlementsPaid } from '../src/migration/1733271100000-Payments';
import { AUDIT_TEXT_MAX, AuditService } from '../src/modules/audit/audit.service';
import { Part } from '../src/modules/part/part.entity';
import { StockBalance } from '../src/modules/stock/stock.entity';
import { WorkOrderEvent } from '../src/modules/work-order/work-order.entity';
import { StockLedger } from '../src/modules/stock/stock-ledger.service';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { stockKit } from './support/stock';

type Auth = { Authorization: string };
const WH = 1;
const TECH = 4;
const TECH2 = 7;

interface Line {
  id: number;
  partId?: number;
  name?: string;
  qty: number;
  unitPrice: number;
  taxIncluded: boolean;
  settlementId: number | null;
}
interface Settlement {
  id: number;
  visit: number;
  label: string;
  gross: number;
  discount: number;
  payable: number;
  paymentMethod: string;
  free: boolean;
  note: string;
}

/**
 * 结算 per visit (第1次, 返工第n次): each settlement bills only the lines no earlier one billed,
 * a visit with nothing new is settled as free with a reason, the payment method is always
 * chosen; parts keep their fixed tax-included price; labour stays under a maximum the admin sets
 * and the supervisor may correct it before settling; amounts a column cannot hold are 400s.
 */
describe('settlements per visit (结算)', () => {
  let t: TestApp;
  let kit: ReturnType<typeof stockKit>;
  let tx: Tx;
  let service: Auth, supervisor: Auth, tech: Auth, tech2: Auth, followup: Auth, keeper: Auth, admin: Auth;
  let customer: { id: number; contacts: { name: string; phone: string }[]; vehicles: { id: number }[] };

  beforeAll(async () => {
    t = await createTestApp();
    kit = stockKit(t);
    tx = await t.app.getApplicationContext().getAsync(Tx);
    [service, supervisor, tech, tech2, followup, keeper, admin] = await Promise.all([
      t.bearer(DEMO.service),
      t.bearer(DEMO.supervisor),
      t.bearer(DEMO.technician),
      t.bearer(DEMO.technician2),
      t.bearer(DEMO.followup),
      t.bearer(DEMO.keeper),
      t.bearer(DEMO.admin),
    ]);
    const list = await t.http().get('/api/customers').query({ keyword: '浙K' }).set(service);
    const withCar = list.body.data.items.find((c: { plates: string[]; priceLevelName: string | null }) => c.plates.length > 0);
    customer = (await t.http().get(`/api/customers/${withCar.id}`).set(service)).body.data;
  });
  afterAll(() => t.close());
  afterEach(() => kit.assertBooksBalance());

  /** A new part selling at `salePrice` (13% VAT), `qty` of it in the technician's hands. */
  async function hold(auth: Auth, employeeId: number, qty: number, salePrice = 2000): Promise<number> {
    const partId = await kit.part('刹车片');
    await tx.run((m) => m.update(Part, { id: partId }, { salePrice }));
    await kit.receive(partId, WH, qty);
    const r = (
      await t
        .http()
        .post('/api/requisitions')
        .set(auth)
        .send({ employeeId, warehouseId: WH, approverIds: [5], lines: [{ partId, qty }] })
    ).body.data;
    expect((await t.http().post(`/api/requisitions/${r.id}/approve`).set(keeper)).status).toBe(200);
    expect((await t.http().post(`/api/requisitions/${r.id}/sign`).set(auth).send({})).status).toBe(200);
    return partId;
  }

  const act = (auth: Auth, id: number, action: string, body: object = {}) =>
    t.http().post(`/api/work-orders/${id}/${action}`).set(auth).send(body);

  async function newOrder(): Promise<number> {
    const res = await t.http().post('/api/work-orders').set(service).send({
      customerId: customer.id,
      contactName: customer.contacts[0].name,
      contactPhone: customer.contacts[0].phone,
      address: '庆元县松源街道',
      problem: '刹车异响',
    });
    expect(res.status).toBe(200);
    return res.body.data.id;
  }

  /** Dispatch to `techId`, start, use each part once, add the labour, finish. */
  async function visit(id: number, auth: Auth, techId: number, parts: number[], labour: number[]) {
    expect((await act(supervisor, id, 'dispatch', { technicianId: techId })).status).toBe(200);
    expect((await act(auth, id, 'start')).status).toBe(200);
    for (const partId of parts) expect((await act(auth, id, 'parts', { partId, qty: 1 })).status).toBe(200);
    for (const unitPrice of labour)
      expect((await act(auth, id, 'labour', { name: '制动系统检修', unitPrice, taxRate: 6 })).status).toBe(200);
    const done = await act(auth, id, 'finish', { note: '已处理' });
    expect(done.status).toBe(200);
    return done.body.data;
  }

  const rework = (id: number) =>
    act(followup, id, 'followup', { reached: true, satisfaction: 2, result: 'rework', reworkReason: '仍有异响' });

  it('bills a rework visit only for its own lines; the first settlement stays as it was and both show', async () => {
    const id = await newOrder();
    const [a, b] = [await hold(tech, TECH, 1), await hold(tech2, TECH2, 1)];
    // 20.00 + 347.95 = 367.95 the first visit.
    const first = await visit(id, tech, TECH, [a], [34795]);
    expect(first.unsettled.gross).toBe(36795);

    const noMethod = await act(supervisor, id, 'settle', {});
    expect(noMethod.status).toBe(400);
    expect(noMethod.body.issues).toEqual([{ path: 'paymentMethod', message: '请选择付款方式' }]);
    const settled = (await act(supervisor, id, 'settle', { paymentMethod: 'cash' })).body.data;
    expect(settled.settlements).toEqual([
      expect.objectContaining({ visit: 0, label: '第1次', gross: 36795, discount: 0, payable: 36795, paymentMethod: 'cash', free: false }),
    ]);
    const firstSettlement: Settlement = settled.settlements[0];
    expect([...settled.parts.filter((p: Line) => p.partId === a), ...settled.labour].map((l: Line) => l.settlementId)).toEqual([
      firstSettlement.id,
      firstSettlement.id,
    ]);

    expect((await rework(id)).status).toBe(200);
    expect((await act(supervisor, id, 'dispatch', { technicianId: TECH2 })).status).toBe(200);
    const started = (await act(tech2, id, 'start')).body.data;
    expect(started.unsettled.gross).toBe(0);
    // The first visit's lines belong to its settlement: nobody removes or changes them now.
    const oldPart = started.parts.find((p: Line) => p.partId === a);
    const removePart = await t.http().delete(`/api/work-orders/${id}/parts/${oldPart.id}`).set(tech2);
    expect(removePart.status).toBe(409);
    expect(removePart.body.message).toBe('这一项已在第1次结算中结清，不能再修改或删除');
    const removeLabour = await t.http().delete(`/api/work-orders/${id}/labour/${started.labour[0].id}`).set(tech2);
    expect(removeLabour.status).toBe(409);

    expect((await act(tech2, id, 'parts', { partId: b, qty: 1 })).status).toBe(200);
    expect((await act(tech2, id, 'labour', { name: '更换刹车片', unitPrice: 35850, taxRate: 6 })).status).toBe(200);
    const second = (await act(tech2, id, 'finish', { note: '更换刹车片' })).body.data;
    // The old code billed 746.45 here: both visits' lines again.
    expect(second.unsettled.gross).toBe(37850);
    expect(
      (await t.http().put(`/api/work-orders/${id}/labour/${started.labour[0].id}`).set(supervisor).send({ unitPrice: 1 })).status,
    ).toBe(409);

    const tooMuch = await act(supervisor, id, 'settle', { paymentMethod: 'transfer', discount: 37851 });
    expect(tooMuch.body).toMatchObject({ code: 'VALIDATION', message: '优惠金额不能超过本次合计 378.50 元' });
    const done = (await act(supervisor, id, 'settle', { paymentMethod: 'transfer', discount: 850, note: '老客户' })).body.data;
    expect(done.settlements).toEqual([
      firstSettlement,
      expect.objectContaining({
        visit: 1,
        label: '返工第1次',
        gross: 37850,
        discount: 850,
        payable: 37000,
        paymentMethod: 'transfer',
        note: '老客户',
        settledBy: '叶建国',
      }),
    ]);
    expect(done.totals).toMatchObject({ gross: 36795 + 37850, discount: 850, payable: 36795 + 37000 });
    expect(done.unsettled.gross).toBe(0);
    expect(done.paymentMethod).toBe('transfer');

    // The invoice is the sum of the settlements: every line once.
    const inv = await t.http().post(`/api/work-orders/${id}/invoice`).set(service).send({ buyerTitle: '庆元县百山祖旅游客运有限公司' });
    expect(inv.status).toBe(200);
    const row = (await t.http().get('/api/invoices').set(service)).body.data.items.find((i: { id: number }) => i.id === inv.body.data.id);
    expect(row.total).toBe(36795 + 37000);
    // Per rate what was paid: the discount spread over the rates, adding up to the total.
    expect(row.byRate.reduce((s: number, r: { gross: number }) => s + r.gross, 0)).toBe(36795 + 37000);
  });

  it('settles what the lines are at the moment of settling, and refuses a total the supervisor did not see (409)', async () => {
    const id = await newOrder();
    await visit(id, tech, TECH, [], [10000]);
    // The desk reads the order: 100.00 元 for this visit.
    const seen = (await t.http().get(`/api/work-orders/${id}`).set(supervisor)).body.data;
    expect(seen.unsettled.gross).toBe(10000);
    // Another supervisor lowers the labour meanwhile.
    expect(
      (await t.http().put(`/api/work-orders/${id}/labour/${seen.labour[0].id}`).set(supervisor).send({ unitPrice: 5000 })).status,
    ).toBe(200);
    const stale = await act(supervisor, id, 'settle', { paymentMethod: 'cash', discount: 9000, expectedGross: seen.unsettled.gross });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe('结算内容已变化（本次合计现为 50.00 元），请刷新后再结算');
    const after = (await t.http().get(`/api/work-orders/${id}`).set(supervisor)).body.data;
    expect([after.state, after.settlements, after.labour[0].settlementId]).toEqual(['finished', [], null]);
    // Without what he saw, the amounts are still those of the lines now: the old discount no longer fits.
    const noExpect = await act(supervisor, id, 'settle', { paymentMethod: 'cash', discount: 9000 });
    expect(noExpect.status).toBe(400);
    expect(noExpect.body.message).toBe('优惠金额不能超过本次合计 50.00 元');
    const ok = await act(supervisor, id, 'settle', { paymentMethod: 'cash', discount: 4000, expectedGross: 5000 });
    expect(ok.status).toBe(200);
    expect(ok.body.data.settlements).toEqual([expect.objectContaining({ gross: 5000, discount: 4000, payable: 1000 })]);

    // Settling while the labour is changed at the same moment: whichever comes first, the
    // settlement is the lines it stamped, and the page opens.
    for (let round = 0; round < 4; round++) {
      const o = await newOrder();
      const done = await visit(o, tech, TECH, [], [10000]);
      const [settle, edit] = await Promise.all([
        act(supervisor, o, 'settle', { paymentMethod: 'cash', discount: 9000 }),
        t.http().put(`/api/work-orders/${o}/labour/${done.labour[0].id}`).set(supervisor).send({ unitPrice: 5000 }),
      ]);
      const page = await t.http().get(`/api/work-orders/${o}`).set(supervisor);
      expect(page.status).toBe(200);
      const d = page.body.data;
      if (settle.status === 200) {
        expect(edit.status).toBe(409);
        expect(d.settlements).toEqual([expect.objectContaining({ gross: 10000, discount: 9000, payable: 1000 })]);
      } else {
        expect([settle.status, edit.status, d.settlements, d.unsettled.gross]).toEqual([400, 200, [], 5000]);
      }
    }

    // A discount the rows cannot carry (data from elsewhere) does not break the page.
    await tx.run((m) => m.query('UPDATE work_order_settlement SET discount = 999999 WHERE workOrderId = ?', [id]));
    const broken = await t.http().get(`/api/work-orders/${id}`).set(supervisor);
    expect(broken.status).toBe(200);
    expect(broken.body.data.totals).toMatchObject({ gross: 5000, discount: 5000, payable: 0 });
  });

  it('invoices what was paid per rate, leaves free visits out, and a later settlement gets its own request', async () => {
    const id = await newOrder();
    const a = await hold(tech, TECH, 1);
    // 20.00 元 at 13% and 100.00 元 at 6%, 10.01 元 off.
    await visit(id, tech, TECH, [a], [10000]);
    expect((await act(supervisor, id, 'settle', { paymentMethod: 'cash', discount: 1001 })).status).toBe(200);
    await rework(id);
    await visit(id, tech, TECH, [], []);
    expect((await act(supervisor, id, 'settle', { free: true, note: '返工不另收费' })).status).toBe(200);
    const before = (await t.http().get(`/api/work-orders/${id}`).set(service)).body.data;
    // 10.01 元 spread as 1.67 + 8.34 (the last fen to the larger remainder).
    const first = [
      { taxRate: 13, net: 1622, tax: 211, gross: 1833 },
      { taxRate: 6, net: 8647, tax: 519, gross: 9166 },
    ];
    expect(before.invoiceable).toMatchObject({ payable: 10999, gross: 10999, byRate: first });

    const request = () => t.http().post(`/api/work-orders/${id}/invoice`).set(service).send({ buyerTitle: '庆元县百山祖旅游客运有限公司' });
    const one = await request();
    expect(one.status).toBe(200);
    const again = await request();
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('该工单已结算的费用都已申请过开票');

    await rework(id);
    await visit(id, tech, TECH, [], [5000]);
    expect((await act(supervisor, id, 'settle', { paymentMethod: 'transfer' })).status).toBe(200);
    const two = await request();
    expect(two.status).toBe(200);
    const rows = (await t.http().get('/api/invoices').set(service)).body.data.items;
    const find = (rid: number) => rows.find((i: { id: number }) => i.id === rid);
    expect(find(one.body.data.id)).toMatchObject({ total: 10999, byRate: first });
    expect(find(two.body.data.id)).toMatchObject({ total: 5000, byRate: [{ taxRate: 6, net: 4717, tax: 283, gross: 5000 }] });
    const after = (await t.http().get(`/api/work-orders/${id}`).set(service)).body.data;
    expect(after.settlements.map((s: { invoiceRequestId: number | null }) => s.invoiceRequestId)).toEqual([
      one.body.data.id,
      null,
      two.body.data.id,
    ]);
    expect(after.invoiceable.payable).toBe(0);

    // An order settled only as free has nothing to invoice.
    const free = await newOrder();
    await visit(free, tech, TECH, [], []);
    expect((await act(supervisor, free, 'settle', { free: true, note: '保修期内' })).status).toBe(200);
    const none = await t.http().post(`/api/work-orders/${free}/invoice`).set(service).send({ buyerTitle: '个人' });
    expect(none.status).toBe(409);
    expect(none.body.message).toBe('该工单没有需要开票的金额（免费结算不开票）');
  });

  it("counts a technician's revenue per visit: a rework in another period brings only its own lines", async () => {
    const id = await newOrder();
    const [a, b] = [await hold(tech, TECH, 1), await hold(tech, TECH, 1)];
    await visit(id, tech, TECH, [a], [10000]);
    await act(supervisor, id, 'settle', { paymentMethod: 'cash' });
    await rework(id);
    await visit(id, tech, TECH, [b], [20000]);
    await act(supervisor, id, 'settle', { paymentMethod: 'cash' });
    // The first visit was yesterday (Shanghai): its start and finish move back a day.
    const dayAgo = new Date(Date.now() - 86400_000);
    await tx.run(async (m) => {
      const finish = await m.findOneOrFail(WorkOrderEvent, { where: { workOrderId: id, action: 'finish' }, order: { id: 'ASC' } });
      await m
        .createQueryBuilder()
        .update(WorkOrderEvent)
        .set({ createdAt: dayAgo })
        .where("workOrderId = :id AND action IN ('start', 'finish') AND id <= :last", { id, last: finish.id })
        .execute();
    });
    const day = new Date(dayAgo.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const stats = (await t.http().get('/api/work-order-stats').query({ from: day, to: day }).set(supervisor)).body.data;
    const wang = stats.find((x: { technicianId: number }) => x.technicianId === TECH);
    expect(wang.visits.map((v: { orderId: number }) => v.orderId)).toEqual([id]);
    expect([wang.partsRevenue, wang.labourRevenue]).toEqual([2000, 10000]);
  });

  it('settles a visit with nothing new only as free, with a reason, and records 0', async () => {
    const id = await newOrder();
    const a = await hold(tech, TECH, 1);
    await visit(id, tech, TECH, [a], []);
    expect((await act(supervisor, id, 'settle', { paymentMethod: 'wechat' })).status).toBe(200);
    await rework(id);
    await visit(id, tech, TECH, [], []);

    const charged = await act(supervisor, id, 'settle', { paymentMethod: 'cash' });
    expect(charged.status).toBe(400);
    expect(charged.body.issues[0].path).toBe('free');
    expect(charged.body.message).toContain('本次上门没有新的用料或工时');
    const noReason = await act(supervisor, id, 'settle', { free: true });
    expect(noReason.body.issues).toEqual([{ path: 'note', message: '免费结算请填写原因，如：返工不另收费' }]);
    expect((await act(supervisor, id, 'settle', { free: true, note: '返工', paymentMethod: 'cash' })).status).toBe(400);
    expect((await act(supervisor, id, 'settle', { free: true, note: '返工', discount: 100 })).status).toBe(400);

    const free = await act(supervisor, id, 'settle', { free: true, note: '返工不另收费' });
    expect(free.status).toBe(200);
    expect(free.body.data.settlements).toEqual([
      expect.objectContaining({ visit: 0, gross: 2000, payable: 2000, paymentMethod: 'wechat', free: false }),
      expect.objectContaining({ visit: 1, label: '返工第1次', gross: 0, payable: 0, paymentMethod: '', free: true, note: '返工不另收费' }),
    ]);
    expect(free.body.data.totals.payable).toBe(2000);
  });

  it("charges a part at its fixed tax-included price whatever the technician's 含税 choice", async () => {
    const id = await newOrder();
    const a = await hold(tech, TECH, 2);
    await act(supervisor, id, 'dispatch', { technicianId: TECH });
    await act(tech, id, 'start');
    const used = await act(tech, id, 'parts', { partId: a, qty: 2, taxIncluded: false });
    expect(used.status).toBe(200);
    expect(used.body.data.parts.find((p: Line) => p.partId === a)).toMatchObject({ unitPrice: 2000, taxIncluded: true });
    expect(used.body.data.unsettled).toMatchObject({ gross: 4000, tax: 460 });
  });

  it('keeps labour under the maximum the admin sets, and lets the supervisor correct it before settling (audited)', async () => {
    expect((await t.http().get('/api/work-order-settings').set(tech)).body.data).toEqual({ labourMaxUnitPrice: 500000 });
    const id = await newOrder();
    await act(supervisor, id, 'dispatch', { technicianId: TECH });
    await act(tech, id, 'start');
    const over = await act(tech, id, 'labour', { name: '大修', unitPrice: 500001 });
    expect(over.status).toBe(400);
    expect(over.body.issues).toEqual([{ path: 'unitPrice', message: '工时单价不能超过 5,000.00 元（工单设置中的工时单价上限）' }]);
    // The maximum is what the customer pays: 4,500.00 元 without 13% tax is 5,085.00 元 with it.
    const untaxed = await act(tech, id, 'labour', { name: '大修', unitPrice: 450000, taxRate: 13, taxIncluded: false });
    expect(untaxed.body.issues).toEqual([
      {
        path: 'unitPrice',
        message: '工时单价不能超过 5,000.00 元（工单设置中的工时单价上限），不含税单价 4,500.00 元加 13% 税后为 5,085.00 元',
      },
    ]);
    const big = await act(tech, id, 'labour', { name: '大修', unitPrice: 500000 });
    expect(big.status).toBe(200);
    const lineId = big.body.data.labour[0].id as number;

    expect((await t.http().put('/api/work-order-settings').set(supervisor).send({ labourMaxUnitPrice: 30000 })).status).toBe(403);
    expect((await t.http().put('/api/work-order-settings').set(admin).send({ labourMaxUnitPrice: 50 })).status).toBe(400);
    expect((await t.http().put('/api/work-order-settings').set(admin).send({ labourMaxUnitPrice: '300' })).status).toBe(400);
    try {
      const set = await t.http().put('/api/work-order-settings').set(admin).send({ labourMaxUnitPrice: 30000 });
      expect(set.body.data).toEqual({ labourMaxUnitPrice: 30000 });
      expect((await act(tech, id, 'labour', { name: '检测', unitPrice: 30001 })).body.message).toBe(
        '工时单价不能超过 300.00 元（工单设置中的工时单价上限）',
      );
      expect((await act(tech, id, 'labour', { name: '检测', unitPrice: 30000 })).status).toBe(200);

      const edit = (auth: Auth, body: object) => t.http().put(`/api/work-orders/${id}/labour/${lineId}`).set(auth).send(body);
      expect((await edit(tech, { unitPrice: 20000 })).status).toBe(403);
      expect((await edit(supervisor, { unitPrice: 20000 })).body.message).toBe('工单处理中，完工后、结算前才能修改工时');
      await act(tech, id, 'finish', { note: '已处理' });
      expect((await edit(supervisor, {})).status).toBe(400);
      expect((await edit(supervisor, { unitPrice: 40000 })).status).toBe(400);
      // Only the quantity changes, but the line's price (5,000.00 元) is above today's maximum.
      const qtyOnly = await edit(supervisor, { qty: 2 });
      expect(qtyOnly.status).toBe(400);
      expect(qtyOnly.body.message).toBe('工时单价不能超过 300.00 元（工单设置中的工时单价上限）');
      const fixed = await edit(supervisor, { unitPrice: 25000, qty: 2 });
      expect(fixed.status).toBe(200);
      expect(fixed.body.data.labour.find((l: Line) => l.id === lineId)).toMatchObject({ unitPrice: 25000, qty: 2, settlementId: null });
      expect(fixed.body.data.unsettled.gross).toBe(50000 + 30000);

      const log = (
        await t
          .http()
          .get('/api/audit-logs')
          .query({ entity: 'workorder', entityId: String(id) })
          .set(admin)
      ).body.data.items;
      expect(log.find((e: { action: string }) => e.action === 'workorder.labour.edit')).toMatchObject({
        employeeName: '叶建国',
        before: { lineId, qty: 1, unitPrice: 500000 },
        after: { lineId, qty: 2, unitPrice: 25000 },
      });
      const settingLog = (await t.http().get('/api/audit-logs').query({ entity: 'setting', entityId: 'workorder' }).set(admin)).body.data
        .items;
      expect(settingLog[0]).toMatchObject({ before: { labourMaxUnitPrice: 500000 }, after: { labourMaxUnitPrice: 30000 } });

      expect((await act(supervisor, id, 'settle', { paymentMethod: 'cash' })).body.data.settlements[0].gross).toBe(80000);
      expect((await edit(supervisor, { unitPrice: 100 })).status).toBe(409);
    } finally {
      await t.http().put('/api/work-order-settings').set(admin).send({ labourMaxUnitPrice: 500000 });
    }
  });

  it('refuses amounts a database column cannot hold with a message, not a 500', async () => {
    // 10,000,000.00 元 a piece: two fit in one settlement (21,474,836.47 元 at most), three do not.
    const id = await newOrder();
    const dear = await hold(tech, TECH, 4, 1_000_000_000);
    await act(supervisor, id, 'dispatch', { technicianId: TECH });
    await act(tech, id, 'start');
    const line = await act(tech, id, 'parts', { partId: dear, qty: 3 });
    expect(line.status).toBe(400);
    expect(line.body.message).toBe('这一行金额 30,000,000.00 元过大，单行不能超过 21,474,836.47 元');
    expect((await act(tech, id, 'parts', { partId: dear, qty: 2 })).status).toBe(200);
    const total = await act(tech, id, 'parts', { partId: dear, qty: 1 });
    expect(total.status).toBe(400);
    expect(total.body.message).toBe('本次上门合计将达 30,000,000.00 元，超过单次结算上限 21,474,836.47 元');
    expect((await act(tech, id, 'labour', { name: '检测', unitPrice: 500000, qty: 300 })).status).toBe(400);
    await act(tech, id, 'finish', { note: '已更换' });
    expect((await act(supervisor, id, 'settle', { paymentMethod: 'transfer', discount: 1_000_000_001 })).status).toBe(400);
    expect((await act(supervisor, id, 'settle', { paymentMethod: 'transfer' })).body.data.settlements[0].payable).toBe(2_000_000_000);

    // Two settlements of 20,000,000.00 元 each: one invoice request cannot hold their sum.
    await rework(id);
    await act(supervisor, id, 'dispatch', { technicianId: TECH });
    await act(tech, id, 'start');
    expect((await act(tech, id, 'parts', { partId: dear, qty: 2 })).status).toBe(200);
    await act(tech, id, 'finish', { note: '再次更换' });
    expect((await act(supervisor, id, 'settle', { paymentMethod: 'transfer' })).status).toBe(200);
    const invoice = await t.http().post(`/api/work-orders/${id}/invoice`).set(service).send({ buyerTitle: '庆元县百山祖旅游客运有限公司' });
    expect(invoice.status).toBe(400);
    expect(invoice.body.message).toBe('开票金额 40,000,000.00 元超过单张申请上限 21,474,836.47 元');
    expect(AMOUNT_MAX).toBe(2 ** 31 - 1);
  });

  it('refuses a stock balance past 2³¹ − 1 with a message and leaves the books as they were', async () => {
    const partId = await kit.part('螺栓');
    await kit.receive(partId, WH, 2_147_483_000);
    const draft = await t
      .http()
      .post('/api/inbounds')
      .set(keeper)
      .send({ warehouseId: WH, lines: [{ partId, qty: 1000, unitCost: 1 }] });
    expect(draft.status).toBe(200);
    const confirm = await t.http().post(`/api/inbounds/${draft.body.data.id}/confirm`).set(keeper).send({});
    expect(confirm.status).toBe(400);
    expect(confirm.body.message).toBe('数量过大：入账后库存结存将超过 2147483647，请核对数量');
    const ledger = await t.app.getApplicationContext().getAsync(StockLedger);
    const wh = await ledger.locationOf('warehouse', WH, '');
    expect((await tx.dataSource.manager.findOneByOrFail(StockBalance, { partId, locationId: wh })).qty).toBe(2_147_483_000);
    // Within the column it posts.
    const small = await t
      .http()
      .post('/api/inbounds')
      .set(keeper)
      .send({ warehouseId: WH, lines: [{ partId, qty: 647, unitCost: 1 }] });
    expect((await t.http().post(`/api/inbounds/${small.body.data.id}/confirm`).set(keeper).send({})).status).toBe(200);
  });

  it('keeps a long audit entry whole, and the start of one past the limit, instead of failing the change', async () => {
    const audit = await t.app.getApplicationContext().getAsync(AuditService);
    const meta = { actor: null, ip: '127.0.0.1', requestId: 'audit-long' };
    // 200 lines with a long remark each: about 180 KB, more than a TEXT column's 64 KB on MySQL.
    const lines = Array.from({ length: 200 }, (_, i) => ({ line: i + 1, remark: '配件外包装破损需退回供应商'.repeat(23) }));
    const huge = 'x'.repeat(AUDIT_TEXT_MAX + 10);
    await tx.run(async (m) => {
      await audit.record(m, meta, { action: 'test.long', entity: 'test-audit', entityId: 1, after: { lines } });
      await audit.record(m, meta, { action: 'test.huge', entity: 'test-audit', entityId: 2, before: huge });
    });
    const read = async (entityId: string) =>
      (await t.http().get('/api/audit-logs').query({ entity: 'test-audit', entityId }).set(admin)).body.data.items[0];
    expect((await read('1')).after).toEqual({ lines });
    const cut = await read('2');
    expect(cut.before.truncated).toBe(`内容过长（${AUDIT_TEXT_MAX + 12} 字节），只保留开头部分`);
    expect(cut.before.start).toBe(JSON.stringify(huge).slice(0, AUDIT_TEXT_MAX / 6));
  });

  it('gives orders settled before settlements were kept one settlement of their lines (migration)', async () => {
    // A settled order, and one reworked since whose new visit is finished but not settled.
    const closed = await newOrder();
    const reworked = await newOrder();
    const [a, b, c] = [await hold(tech, TECH, 1), await hold(tech, TECH, 1), await hold(tech, TECH, 1)];
    await visit(closed, tech, TECH, [a], [8000]);
    await act(supervisor, closed, 'settle', { paymentMethod: 'cash', discount: 500, note: '老客户' });
    await visit(reworked, tech, TECH, [b], []);
    await act(supervisor, reworked, 'settle', { paymentMethod: 'transfer' });
    await rework(reworked);
    await visit(reworked, tech, TECH, [c], [3000]);

    // Invoiced before the change: its request covered everything the order had settled.
    const invoiced = await t
      .http()
      .post(`/api/work-orders/${closed}/invoice`)
      .set(service)
      .send({ buyerTitle: '庆元县百山祖旅游客运有限公司' });
    expect(invoiced.status).toBe(200);

    // As the old code left them: no settlement rows, no line stamped.
    const legacy = async (orderId: number) => {
      await tx.run(async (m) => {
        for (const table of ['work_order_part', 'work_order_labour'])
          await m.query(`UPDATE ${table} SET settlementId = NULL WHERE workOrderId = ?`, [orderId]);
        await m.query('DELETE FROM work_order_settlement WHERE workOrderId = ?', [orderId]);
      });
    };
    await legacy(closed);
    await legacy(reworked);
    const qr = tx.dataSource.createQueryRunner();
    try {
      await settleLegacyOrders(qr);
      await settleLegacyOrders(qr);
    } finally {
      await qr.release();
    }

    const one = (await t.http().get(`/api/work-orders/${closed}`).set(supervisor)).body.data;
    expect(one.settlements).toEqual([
      expect.objectContaining({
        visit: 0,
        gross: 10000,
        discount: 500,
        payable: 9500,
        paymentMethod: 'cash',
        note: '老客户',
        settledBy: '叶建国',
      }),
    ]);
    expect(
      [...one.parts.filter((p: Line) => p.partId === a), ...one.labour].every((l: Line) => l.settlementId === one.settlements[0].id),
    ).toBe(true);

    const two = (await t.http().get(`/api/work-orders/${reworked}`).set(supervisor)).body.data;
    expect(two.settlements).toEqual([expect.objectContaining({ visit: 0, gross: 2000, payable: 2000, paymentMethod: 'transfer' })]);
    expect(two.parts.find((p: Line) => p.partId === c).settlementId).toBeNull();
    expect(two.unsettled.gross).toBe(5000);
    const settled = (await act(supervisor, reworked, 'settle', { paymentMethod: 'cash' })).body.data;
    expect(settled.settlements.map((s: Settlement) => [s.visit, s.gross])).toEqual([
      [0, 2000],
      [1, 5000],
    ]);

    // The whole migration, down and up again over this database: the settled order comes back the same.
    const migration = new PerVisitSettlements1733270600000();
    const runner = tx.dataSource.createQueryRunner();
    try {
      // As the migration runner does: SQLite rebuilds a table to add a column, with foreign keys off.
      await runner.beforeMigration();
      await runner.startTransaction();
      await migration.down(runner);
      await migration.up(runner);
      // What later migrations added to the table it rebuilt (收款).
      await addReceivableColumns(runner);
      await countEarlierSettlementsPaid(runner);
      await runner.commitTransaction();
    } catch (e) {
      await runner.rollbackTransaction();
      throw e;
    } finally {
      await runner.afterMigration();
      await runner.release();
    }
    const again = (await t.http().get(`/api/work-orders/${closed}`).set(supervisor)).body.data;
    expect(again.settlements).toEqual([
      expect.objectContaining({ visit: 0, gross: 10000, discount: 500, payable: 9500, paymentMethod: 'cash' }),
    ]);
    expect(again.totals.payable).toBe(9500);
    expect([again.settlements[0].invoiceRequestId, again.invoiceable.payable]).toEqual([invoiced.body.data.id, 0]);
    const twice = await t
      .http()
      .post(`/api/work-orders/${closed}/invoice`)
      .set(service)
      .send({ buyerTitle: '庆元县百山祖旅游客运有限公司' });
    expect(twice.status).toBe(409);
  });
});
