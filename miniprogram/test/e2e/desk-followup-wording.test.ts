/** @jest-environment node */
/**
 * 回访 and 取消工单 on the desk, as a person does them (issue 10): the rating starts at 5 stars and
 * a click on the 5th keeps it (it used to clear it, and 结束 failed with "satisfaction：接通时请打满意度");
 * a rating taken back to nothing is caught by the form (请打满意度) before anything is sent; 取消工单
 * reports 工单已取消.
 */
import { apiAs } from '../support/api';
import { DEMO, SETUP_TIMEOUT, TEST_TIMEOUT, describeBrowser } from './browser';
import { eventually, expectTextContaining, openOrder, useDesk } from './desk';

jest.setTimeout(TEST_TIMEOUT * 2);

interface Order {
  id: number;
  no: string;
  state: string;
  followups: { satisfaction: number | null; result: string }[];
}

describeBrowser('desk: 回访 and 取消工单 say what happened', () => {
  // 管理员 may do both: 回访 (待回访) and 取消工单
  const callback = useDesk(DEMO.admin);
  let pending: Order;
  let fresh: Order;
  let service: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    const url = callback.url;
    const [desk, boss, wang] = await Promise.all([apiAs(url, DEMO.service), apiAs(url, DEMO.supervisor), apiAs(url, DEMO.technician)]);
    service = desk;
    const customers = await desk.get<{ items: { id: number }[] }>('/customers?pageSize=5');
    const c = await desk.get<{ id: number; contacts: { name: string; phone: string }[] }>(`/customers/${customers.items[0].id}`);
    const create = () =>
      desk.post<Order>('/work-orders', {
        customerId: c.id,
        contactName: c.contacts[0].name,
        contactPhone: c.contacts[0].phone,
        address: '庆元县松源街道新建路 18 号',
        problem: '空调不制冷',
      });
    pending = await create();
    fresh = await create();
    const workload = await boss.get<{ technicianId: number; name: string }[]>('/work-orders/workload');
    await boss.post(`/work-orders/${pending.id}/dispatch`, { technicianId: workload.find((w) => w.name === '王建学')!.technicianId });
    await wang.post(`/work-orders/${pending.id}/start`);
    await wang.post(`/work-orders/${pending.id}/labour`, { name: '空调检修', unitPrice: 8000, taxRate: 6 });
    await wang.post(`/work-orders/${pending.id}/finish`, { note: '补充冷媒，制冷恢复' });
    await boss.post(`/work-orders/${pending.id}/settle`, { paymentMethod: 'cash' });
  }, SETUP_TIMEOUT);

  test('回访 结束: the 5th star clicked again stays 5; a rating taken back is asked for before sending', async () => {
    const page = callback.page;
    await openOrder(page, 'pendingFollowup', pending.no);
    await page.locator('[data-testid=wo-followup]').click();
    const dialog = page.locator('[data-testid=wo-action-followup]');
    const rate = dialog.locator('[data-testid=wo-followup-satisfaction]');
    const full = rate.locator('.ant-rate-star-full');
    await eventually(
      () => full.count(),
      (n) => expect(n).toBe(5),
    );
    // What the office did: click the 5th star of a rating that already has 5.
    await rate.locator('.ant-rate-star').nth(4).locator('div[role=radio]').click();
    await eventually(
      () => full.count(),
      (n) => expect(n).toBe(5),
    );

    // Taken back to nothing with the keyboard, the form asks for it and nothing is sent.
    await rate.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    await eventually(
      () => full.count(),
      (n) => expect(n).toBe(0),
    );
    await page.locator('[data-testid=wo-action-ok]').click();
    await expectTextContaining(dialog.locator('.ant-form-item-explain-error'), '请打满意度');
    expect((await service.get<Order>(`/work-orders/${pending.id}`)).state).toBe('pending_followup');

    await rate.locator('.ant-rate-star').nth(3).locator('div[role=radio]').click();
    await page.locator('[data-testid=wo-action-ok]').click();
    await page.locator('.ant-message-success', { hasText: '回访成功' }).waitFor();
    await eventually(
      () => service.get<Order>(`/work-orders/${pending.id}`),
      (d) => {
        expect(d.state).toBe('closed');
        expect(d.followups.map((f) => [f.result, f.satisfaction])).toEqual([['close', 4]]);
      },
    );
  });

  test('取消工单 reports 工单已取消', async () => {
    const page = callback.page;
    await openOrder(page, 'workOrders', fresh.no);
    await page.locator('[data-testid=wo-cancel]').click();
    await page.locator('[data-testid=wo-cancel-note]').fill('客户自行处理');
    await page.locator('[data-testid=wo-action-ok]').click();
    await page.locator('.ant-message-success', { hasText: '工单已取消' }).waitFor();
    expect((await service.get<Order>(`/work-orders/${fresh.id}`)).state).toBe('cancelled');
  });
});
