import ExcelJS from 'exceljs';
import { Tx } from '../src/common/tx';
import { countEarlierSettlementsPaid } from '../src/migration/1733271100000-Payments';
import { Payment } from '../src/modules/payment/payment.entity';
import { WorkOrderSettlement } from '../src/modules/work-order/work-order.entity';
import { createTestApp, DEMO, type TestApp } from './support/app';

type Auth = { Authorization: string };
const TECH = 4;

interface Receivable {
  settlementId: number;
  payable: number;
  paid: number;
  refunded: number;
  outstanding: number;
  status: string;
  agreedMethod: string;
  payments: { id: number; channel: string; amount: number; refundable: number; reference: string; recordedBy: string | null }[];
  refunds: { paymentId: number; amount: number; reason: string; status: string; requestedBy: string }[];
}

/**
 * 收款: a settlement is what the customer owes for the visit (应收); payments are recorded against
 * it and never take it past what it owes, refunds never past what was paid, under any race.
 */
describe('payments (收款)', () => {
  let t: TestApp;
  let tx: Tx;
  let service: Auth, supervisor: Auth, tech: Auth, keeper: Auth;
  let customer: { id: number; contacts: { name: string; phone: string }[] };

  beforeAll(async () => {
    t = await createTestApp();
    tx = await t.app.getApplicationContext().getAsync(Tx);
    [service, supervisor, tech, keeper] = await Promise.all([
      t.bearer(DEMO.service),
      t.bearer(DEMO.supervisor),
      t.bearer(DEMO.technician),
      t.bearer(DEMO.keeper),
    ]);
    const list = await t.http().get('/api/customers').set(service);
    customer = (await t.http().get(`/api/customers/${list.body.data.items[0].id}`).set(service)).body.data;
  });
  afterAll(() => t.close());

  const act = (auth: Auth, id: number, action: string, body: object = {}) =>
    t.http().post(`/api/work-orders/${id}/${action}`).set(auth).send(body);

  /** An order worked with one labour line of `unitPrice` (6% VAT) and settled as `settle` says. */
  async function settledOrder(unitPrice: number, settle: object = { paymentMethod: 'cash' }): Promise<number> {
    const res = await t.http().post('/api/work-orders').set(service).send({
      customerId: customer.id,
      contactName: customer.contacts[0].name,
      contactPhone: customer.contacts[0].phone,
      address: '庆元县松源街道',
      problem: '空调不制冷',
    });
    const id = res.body.data.id as number;
    expect((await act(supervisor, id, 'dispatch', { technicianId: TECH })).status).toBe(200);
    expect((await act(tech, id, 'start')).status).toBe(200);
    if (unitPrice) expect((await act(tech, id, 'labour', { name: '空调检修', unitPrice, taxRate: 6 })).status).toBe(200);
    expect((await act(tech, id, 'finish', { note: '已处理' })).status).toBe(200);
    const settled = await act(supervisor, id, 'settle', settle);
    expect(settled.status).toBe(200);
    return id;
  }

  async function receivables(id: number, auth: Auth = service): Promise<{ settlements: Receivable[]; totals: Record<string, number> }> {
    const res = await t.http().get(`/api/work-orders/${id}/payments`).set(auth);
    expect(res.status).toBe(200);
    return res.body.data;
  }

  const pay = (auth: Auth, settlementId: number, body: object, key?: string) => {
    const req = t.http().post(`/api/settlements/${settlementId}/payments`).set(auth);
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };

  it('a settlement is owed until money is recorded: partly, then in full, never beyond; refunds never beyond what was paid', async () => {
    const id = await settledOrder(30000);
    let [r] = (await receivables(id)).settlements;
    // Choosing 现金 at settlement is the agreed way to pay, not money received.
    expect(r).toMatchObject({ payable: 30000, paid: 0, refunded: 0, outstanding: 30000, status: 'unpaid', agreedMethod: 'cash' });

    expect((await pay(tech, r.settlementId, { channel: 'cash', amount: 100 })).status).toBe(403);
    expect((await pay(keeper, r.settlementId, { channel: 'cash', amount: 100 })).status).toBe(403);
    const noChannel = await pay(service, r.settlementId, { amount: 100 });
    expect(noChannel.status).toBe(400);
    expect(noChannel.body.issues).toEqual([{ path: 'channel', message: '请选择收款方式（现金或转账）' }]);

    const cash = await pay(service, r.settlementId, { channel: 'cash', amount: 10000, note: '客户先付一部分' });
    expect(cash.status).toBe(200);
    expect(cash.body.data).toMatchObject({ channel: 'cash', amount: 10000, refundable: 10000, recordedBy: '林晓燕' });
    [r] = (await receivables(id)).settlements;
    expect(r).toMatchObject({ paid: 10000, outstanding: 20000, status: 'partial' });

    const over = await pay(service, r.settlementId, { channel: 'transfer', amount: 20001 });
    expect(over.status).toBe(400);
    expect(over.body.message).toBe('收款金额超过未收金额 200.00 元');
    const transfer = await pay(supervisor, r.settlementId, { channel: 'transfer', amount: 20000, reference: 'NS20261202001' });
    expect(transfer.status).toBe(200);
    const again = await pay(service, r.settlementId, { channel: 'cash', amount: 1 });
    expect(again.status).toBe(400);
    expect(again.body.message).toBe('这次结算已经收齐，不用再收款');
    [r] = (await receivables(id)).settlements;
    expect(r).toMatchObject({ paid: 30000, outstanding: 0, status: 'paid' });
    expect(r.payments.map((p) => [p.channel, p.amount, p.reference])).toEqual([
      ['cash', 10000, ''],
      ['transfer', 20000, 'NS20261202001'],
    ]);

    // Refunds: the supervisor only, with a reason, from one payment, never past it.
    const cashId = r.payments[0].id;
    const refund = (auth: Auth, body: object) => t.http().post(`/api/payments/${cashId}/refunds`).set(auth).send(body);
    expect((await refund(service, { amount: 100, reason: '多收' })).status).toBe(403);
    const noReason = await refund(supervisor, { amount: 100 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues[0].path).toBe('reason');
    const tooMuch = await refund(supervisor, { amount: 10001, reason: '多收' });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.message).toBe('退款金额超过这笔收款可退的 100.00 元');
    const part = await refund(supervisor, { amount: 2500, reason: '工时费按会员价优惠' });
    expect(part.status).toBe(200);
    expect(part.body.data).toMatchObject({ amount: 2500, status: 'success', requestedBy: '叶建国', channel: 'cash' });
    [r] = (await receivables(id)).settlements;
    // A refund gives money back; it does not make the customer owe it again.
    expect(r).toMatchObject({ paid: 30000, refunded: 2500, outstanding: 0, status: 'partRefunded' });
    expect(r.payments[0].refundable).toBe(7500);
    expect(r.refunds).toEqual([expect.objectContaining({ paymentId: cashId, amount: 2500, reason: '工时费按会员价优惠' })]);

    const audit = await t
      .http()
      .get('/api/audit-logs')
      .query({ entity: 'workorder', entityId: id })
      .set(await t.bearer(DEMO.admin));
    const actions = (audit.body.data.items as { action: string }[]).map((a) => a.action);
    expect(actions.filter((a) => a === 'payment.record')).toHaveLength(2);
    expect(actions.filter((a) => a === 'payment.refund')).toHaveLength(1);
  });

  it('ten clerks recording the full amount at once: one payment, the rest refused; a retried request is the same payment', async () => {
    const id = await settledOrder(12345);
    const [r] = (await receivables(id)).settlements;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => pay(i % 2 ? service : supervisor, r.settlementId, { channel: 'cash', amount: r.payable })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 400)).toHaveLength(9);
    expect(await tx.dataSource.getRepository(Payment).countBy({ settlementId: r.settlementId })).toBe(1);

    const other = await settledOrder(5000);
    const [o] = (await receivables(other)).settlements;
    const first = await pay(service, o.settlementId, { channel: 'cash', amount: 1000 }, 'pay-retry-1');
    const retry = await pay(service, o.settlementId, { channel: 'cash', amount: 1000 }, 'pay-retry-1');
    expect(retry.status).toBe(200);
    expect(retry.body.data.id).toBe(first.body.data.id);
    expect((await receivables(other)).settlements[0]).toMatchObject({ paid: 1000, status: 'partial' });

    // Ten refunds of what is left of the one payment at once: one goes through.
    const paymentId = answers.find((a) => a.status === 200)!.body.data.id;
    const refunds = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.http().post(`/api/payments/${paymentId}/refunds`).set(supervisor).send({ amount: r.payable, reason: '取消' }),
      ),
    );
    expect(refunds.filter((a) => a.status === 200)).toHaveLength(1);
    expect((await receivables(id)).settlements[0]).toMatchObject({ refunded: r.payable, status: 'refunded' });
  });

  it('a free visit owes nothing and takes no money; the 收款 list filters what is still owed', async () => {
    const free = await settledOrder(0, { free: true, note: '保修期内免费' });
    const [f] = (await receivables(free)).settlements;
    expect(f).toMatchObject({ payable: 0, status: 'free', outstanding: 0 });
    const refused = await pay(service, f.settlementId, { channel: 'cash', amount: 100 });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('这次结算是免费的，没有要收的款');

    const owing = await settledOrder(8800);
    const order = (await t.http().get(`/api/work-orders/${owing}`).set(service)).body.data;
    const list = (query: object) => t.http().get('/api/receivables').query(query).set(service);
    const outstanding = (await list({ status: 'outstanding', keyword: order.no })).body.data;
    expect(outstanding.items).toEqual([
      expect.objectContaining({
        workOrderId: owing,
        workOrderNo: order.no,
        payable: 8800,
        outstanding: 8800,
        status: 'unpaid',
        channels: [],
      }),
    ]);
    expect((await list({ status: 'paid', keyword: order.no })).body.data.items).toEqual([]);
    const [o] = (await receivables(owing)).settlements;
    await pay(service, o.settlementId, { channel: 'transfer', amount: o.payable });
    expect((await list({ status: 'paid', channel: 'transfer', keyword: order.no })).body.data.items).toEqual([
      expect.objectContaining({ status: 'paid', channels: ['transfer'], outstanding: 0 }),
    ]);
    expect((await list({ status: 'outstanding', keyword: order.no })).body.data.items).toEqual([]);
    expect((await t.http().get('/api/receivables').set(tech)).status).toBe(403);

    // The list as filtered, in Excel, and in the audit log with the filters and the row count.
    const file = await t
      .http()
      .get('/api/receivables/export')
      .query({ keyword: order.no })
      .set(service)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as Buffer);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.map((r) => r.slice(2))).toEqual([
      ['工单编号', '客户', '车牌', '上门', '应收(元)', '已收(元)', '已退(元)', '未收(元)', '状态', '收款方式'],
      [order.no, order.customerName, order.plate ?? '', '第1次', '88.00', '88.00', '0.00', '0.00', '已收款', '转账'],
    ]);
    expect((await t.http().get('/api/receivables/export').set(tech)).status).toBe(403);
    const logs = await t
      .http()
      .get('/api/audit-logs')
      .query({ entity: 'payment', pageSize: 50 })
      .set(await t.bearer(DEMO.admin));
    expect(logs.body.data.items).toEqual([
      expect.objectContaining({ action: 'payment.export', after: expect.objectContaining({ rows: 1, filters: { keyword: order.no } }) }),
    ]);
    const bad = await list({ status: 'owed' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('收款状态不对');
  });

  it('the migration counts settlements made before it as paid by the method chosen then; free ones as free', async () => {
    const cashOrder = await settledOrder(4000, { paymentMethod: 'transfer' });
    const freeOrder = await settledOrder(0, { free: true, note: '返工不另收费' });
    // As they were before the migration: nothing paid recorded, the column's default status.
    const repo = tx.dataSource.getRepository(WorkOrderSettlement);
    for (const workOrderId of [cashOrder, freeOrder]) await repo.update({ workOrderId }, { payStatus: 'unpaid' });
    const qr = tx.dataSource.createQueryRunner();
    try {
      await countEarlierSettlementsPaid(qr);
      await countEarlierSettlementsPaid(qr); // twice: a migration killed midway and run again
    } finally {
      await qr.release();
    }
    const paid = await repo.findOneByOrFail({ workOrderId: cashOrder });
    expect(paid).toMatchObject({ paid: paid.payable, refunded: 0, payStatus: 'paid' });
    expect(await tx.dataSource.getRepository(Payment).findBy({ settlementId: paid.id })).toEqual([
      expect.objectContaining({ channel: 'transfer', amount: paid.payable, note: '系统迁移：结算时登记的付款方式' }),
    ]);
    expect(await repo.findOneByOrFail({ workOrderId: freeOrder })).toMatchObject({ paid: 0, payStatus: 'free' });
  });
});
