/** @jest-environment node */
/**
 * 服务开票 and 一车一档 on the desk, end to end: 客服 opens a settled demo order, requests an
 * invoice with a tax number, finds it under 开票 with the amounts of each tax rate (as the order's
 * invoiceable.byRate: what was paid), registers the invoice number and exports the list; then opens the vehicle's
 * history from the order and from the plate search box, and sees the order with its parts.
 */
import { readFileSync } from 'fs';
import { formatYuan } from '@hongyuan/shared';
import { DEMO, TEST_TIMEOUT, apiGet, closeOverlays, describeBrowser, saveScreenshot } from './browser';
import { expectNone, expectTextContaining, expectValue, openOrder, openView, useDesk } from './desk';

jest.setTimeout(TEST_TIMEOUT * 2);

const TAX_NUMBER = '91331126MA2E8K7Q3X';
const INVOICE_NO = '33002611223344';

interface Order {
  id: number;
  no: string;
  customerName: string;
  vehicleId: number | null;
  plate: string | null;
  invoiceable: { byRate: { taxRate: number; net: number; tax: number; gross: number }[]; payable: number };
}
interface HistoryRow {
  id: number;
  no: string;
  parts: { partCode: string; partName: string }[];
}

describeBrowser('desk: 服务开票 and 一车一档 (客服)', () => {
  const service = useDesk(DEMO.service);

  let order: Order;
  let history: HistoryRow;

  test('a settled order is invoiced, the number registered, the list exported', async () => {
    const page = service.page;
    // A settled demo order with a vehicle and parts used (待回访 or 已结束).
    const candidates = [
      ...(await apiGet<{ items: Order[] }>(page, '/api/work-orders?state=closed&pageSize=50')).items,
      ...(await apiGet<{ items: Order[] }>(page, '/api/work-orders?state=pending_followup&pageSize=50')).items,
    ];
    for (const c of candidates) {
      if (!c.vehicleId) continue;
      const rows = await apiGet<HistoryRow[]>(page, `/api/vehicle-history/${c.vehicleId}`);
      const mine = rows.find((r) => r.id === c.id);
      if (!mine || !mine.parts.length) continue;
      const full = await apiGet<Order>(page, `/api/work-orders/${c.id}`);
      if (!full.invoiceable.byRate.length) continue;
      order = full;
      history = mine;
      break;
    }
    expect(order).toBeDefined();

    // 申请开票 from the order's drawer: 抬头 is the customer's name; amounts by tax rate shown.
    await openOrder(page, 'workOrders', order.no);
    await page.locator('[data-testid=wo-invoice]').click();
    await page.locator('[data-testid=invoice-buyer]').waitFor();
    await expectValue(page.locator('[data-testid=invoice-buyer]'), order.customerName);
    const rates = page.locator('[data-testid=invoice-request-rates]');
    for (const r of order.invoiceable.byRate)
      await rates
        .locator('tr', { hasText: `${r.taxRate}%` })
        .filter({ hasText: formatYuan(r.gross) })
        .waitFor();
    await page.locator('[data-testid=invoice-tax-number]').fill(TAX_NUMBER);
    await page.locator('[data-testid=invoice-remark]').fill('请寄送纸质发票');
    await page.locator('[data-testid=invoice-request-save]').click();
    await page.locator('.ant-message', { hasText: '已提交开票申请' }).waitFor();
    await closeOverlays(page);

    // 开票: the request with the amounts of each rate, as GET /work-orders/:id invoiceable.byRate.
    await openView(page, 'invoices');
    const row = page.locator('[data-testid=invoices-table] tr', { hasText: order.no });
    await row.waitFor();
    await row.filter({ hasText: TAX_NUMBER }).filter({ hasText: '待开票' }).waitFor();
    await expectTextContaining(
      page.locator(`[data-testid=invoice-rates-${order.no}]`),
      ...order.invoiceable.byRate.map(
        (r) => `${r.taxRate}%：不含税 ${formatYuan(r.net)}，税额 ${formatYuan(r.tax)}，合计 ${formatYuan(r.gross)}`,
      ),
    );
    const api = await apiGet<{ items: { workOrderNo: string; byRate: Order['invoiceable']['byRate']; total: number }[] }>(
      page,
      `/api/invoices?keyword=${TAX_NUMBER}`,
    );
    const inv = api.items.find((i) => i.workOrderNo === order.no)!;
    expect(inv.byRate).toEqual(order.invoiceable.byRate);
    await expectTextContaining(row, formatYuan(inv.total));

    // 登记发票号码: required.
    await page.locator(`[data-testid=invoice-issue-${order.no}]`).click();
    await page.locator('[data-testid=invoice-issue-save]').click();
    await page.locator('.ant-modal .ant-form-item-explain-error', { hasText: '请填写发票号码' }).waitFor();
    await page.locator('[data-testid=invoice-no]').fill(INVOICE_NO);
    await page.locator('[data-testid=invoice-issue-save]').click();
    await row.filter({ hasText: '已开票' }).filter({ hasText: INVOICE_NO }).waitFor();
    await saveScreenshot(page, 'desk-invoices');

    // 导出 Excel.
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=invoices-export]').click()]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = readFileSync((await file.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(service.errors).toEqual([]);
  });

  test("一车一档 from the order's vehicle and from the plate search box", async () => {
    const page = service.page;
    expect(order).toBeDefined();
    await openOrder(page, 'workOrders', order.no);
    await page.locator('[data-testid=wo-vehicle-link]').click();
    await page.locator('[data-testid=view-vehicleHistory]').waitFor();
    await page.locator(`[data-testid=vh-order-${order.no}]`).waitFor();
    const parts = page.locator(`[data-testid=vh-parts-${order.no}]`);
    for (const p of history.parts) await parts.filter({ hasText: p.partName }).waitFor();

    // From elsewhere, by plate.
    await openView(page, 'invoices');
    await openView(page, 'vehicleHistory');
    await expectNone(page.locator(`[data-testid=vh-order-${order.no}]`));
    const search = page.locator('[data-testid=vehicle-history-search]');
    await search.fill(order.plate!);
    await search.press('Enter');
    await page.locator(`[data-testid=vh-order-${order.no}]`).waitFor();
    await page.locator(`[data-testid=vh-parts-${order.no}]`).filter({ hasText: history.parts[0].partName }).waitFor();

    // From the vehicle row of the customer's detail.
    const full = await apiGet<{ customerId: number }>(page, `/api/work-orders/${order.id}`);
    await openView(page, 'customers');
    const cs = page.locator('[data-testid=customer-search]');
    await cs.fill(order.customerName);
    await cs.press('Enter');
    await page.locator(`[data-testid=customer-open-${full.customerId}]`).click();
    await page.locator(`[data-testid=customer-vehicle-history-${order.plate}]`).click();
    await page.locator('[data-testid=view-vehicleHistory]').waitFor();
    await page.locator(`[data-testid=vh-order-${order.no}]`).waitFor();
    expect(service.errors).toEqual([]);
  });
});
