/** @jest-environment node */
/**
 * 一车一档 and the order's drawer show every visit of a rework: an order done by 王建学, sent back
 * by 回访, and done again by 刘志强 lists both visits with their dates, technicians, results and
 * parts, and why the first came back; the visits stay in view on a 1366×768 screen.
 */
import { apiAs, type ApiUser } from '../support/api';
import { DEMO, SETUP_TIMEOUT, TEST_TIMEOUT, describeBrowser, saveScreenshot } from './browser';
import { eventually, expectCount, expectTextContaining, openOrder, openView, useDesk } from './desk';

jest.setTimeout(TEST_TIMEOUT * 2);

const TECHNICIAN2 = '13800000007';

interface Holding {
  partId: number;
  partName: string;
  qty: number;
}

/** A part `tech` holds at least one of, other than `except`. */
async function heldPart(tech: ApiUser, except = 0): Promise<Holding> {
  const held = await tech.get<{ items: Holding[] }>('/holdings?page=1&pageSize=100');
  const part = held.items.find((h) => Number(h.qty) >= 1 && h.partId !== except);
  if (!part) throw new Error(`no part held: ${JSON.stringify(held.items)}`);
  return part;
}

describeBrowser('desk: every visit of a rework (一车一档, 工单详情)', () => {
  const service = useDesk(DEMO.service);
  let no = '';
  let plate = '';
  const first = { summary: '更换前刹车片，试车无异响', part: '' };
  const second = { summary: '前刹车盘磨损，已更换', part: '' };

  beforeAll(async () => {
    const url = service.url;
    const [desk, boss, wang, liu, callback] = await Promise.all([
      apiAs(url, DEMO.service),
      apiAs(url, DEMO.supervisor),
      apiAs(url, DEMO.technician),
      apiAs(url, TECHNICIAN2),
      apiAs(url, DEMO.followup),
    ]);
    const customers = await desk.get<{ items: { id: number; plates: string[] }[] }>('/customers?keyword=浙K&pageSize=50');
    const c = await desk.get<{
      id: number;
      contacts: { name: string; phone: string }[];
      vehicles: { id: number; plate: string }[];
    }>(`/customers/${customers.items.find((x) => x.plates.length)!.id}`);
    plate = c.vehicles[0].plate;
    const order = await desk.post<{ id: number; no: string }>('/work-orders', {
      customerId: c.id,
      vehicleId: c.vehicles[0].id,
      contactName: c.contacts[0].name,
      contactPhone: c.contacts[0].phone,
      address: '庆元县松源街道新建路 18 号',
      problem: '刹车异响',
    });
    no = order.no;
    const workload = await boss.get<{ technicianId: number; name: string }[]>('/work-orders/workload');
    const idOf = (name: string) => workload.find((w) => w.name === name)!.technicianId;
    const visit = async (tech: ApiUser, name: string, v: { summary: string; part: string }) => {
      await boss.post(`/work-orders/${order.id}/dispatch`, { technicianId: idOf(name) });
      await tech.post(`/work-orders/${order.id}/start`);
      const part = await heldPart(tech);
      v.part = part.partName;
      await tech.post(`/work-orders/${order.id}/parts`, { partId: part.partId, qty: 1 });
      await tech.post(`/work-orders/${order.id}/labour`, { name: '制动系统检修', unitPrice: 5000, taxRate: 6 });
      await tech.post(`/work-orders/${order.id}/finish`, { note: v.summary });
      await boss.post(`/work-orders/${order.id}/settle`, { paymentMethod: 'cash' });
    };
    await visit(wang, '王建学', first);
    await callback.post(`/work-orders/${order.id}/followup`, {
      reached: true,
      satisfaction: 2,
      result: 'rework',
      reworkReason: '刹车仍有异响',
    });
    await visit(liu, '刘志强', second);
    await callback.post(`/work-orders/${order.id}/followup`, { reached: true, satisfaction: 5, result: 'close' });
  }, SETUP_TIMEOUT);

  test('一车一档 lists both visits of the reworked order with their technicians, results and parts', async () => {
    const page = service.page;
    await openView(page, 'vehicleHistory');
    const search = page.locator('[data-testid=vehicle-history-search]');
    await search.fill(plate);
    await search.press('Enter');
    await page.locator(`[data-testid=vh-order-${no}]`).waitFor();
    const visits = page.locator(`[data-testid=vh-visits-${no}] [data-testid=vh-visit]`);
    await expectCount(visits, 2);
    await expectTextContaining(
      visits.nth(0),
      '第1次',
      '王建学',
      `处理结果：${first.summary}`,
      first.part,
      '制动系统检修',
      '返工原因：刹车仍有异响',
    );
    await expectTextContaining(visits.nth(1), '返工第1次', '刘志强', `处理结果：${second.summary}`, second.part);

    // On the screen a county-town office has, the visits are in view, not squeezed to nothing.
    await page.setViewportSize({ width: 1366, height: 768 });
    try {
      await eventually(
        () => page.locator(`[data-testid=vh-visits-${no}]`).boundingBox(),
        (box) => expect(box!.width).toBeGreaterThan(250),
      );
      await saveScreenshot(page, 'desk-vehicle-history-visits');
    } finally {
      await page.setViewportSize({ width: 1920, height: 1080 });
    }
  });

  test("the order's drawer shows its visits as a table", async () => {
    const page = service.page;
    await openOrder(page, 'workOrders', no);
    const rows = page.locator('[data-testid=wo-detail-visits] .ant-table-row');
    await expectCount(rows, 2);
    await expectTextContaining(rows.nth(0), '第1次', '王建学', first.summary, first.part, '返工：刹车仍有异响');
    await expectTextContaining(rows.nth(1), '返工第1次', '刘志强', second.summary, second.part);
    expect(service.errors).toEqual([]);
  });
});
