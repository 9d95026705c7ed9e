/** @jest-environment node */
/**
 * 收款 at the desk: a settled order is owed until money is recorded. 客服 finds it in 收款 (未结清),
 * records part of it in cash, the rest by transfer with its reference; the supervisor refunds part
 * of the cash with a reason; the order and the list show each step, and nothing goes past what is
 * owed or was paid.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { apiAs } from '../support/api';
import { DEMO, SETUP_TIMEOUT, TEST_TIMEOUT, describeBrowser, saveScreenshot } from './browser';
import { expectTextContaining, logInAt, openView, success, useDesk } from './desk';

jest.setTimeout(TEST_TIMEOUT * 2);

/** Picks a status in the 收款 list's status filter. */
async function pickStatus(page: Page, label: string): Promise<void> {
  await page.locator('[data-testid=recv-filter-status]').click();
  await page.locator('.ant-select-item-option', { hasText: label }).click();
  await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
}

/** Opens the order from the 收款 list (under `status` when given), searched by its number. */
async function openFromReceivables(page: Page, no: string, status?: string): Promise<void> {
  await openView(page, 'receivables');
  if (status) await pickStatus(page, status);
  const box = page.locator('[data-testid=view-receivables] .ant-input-search input').first();
  await box.fill(no);
  await box.press('Enter');
  await page.locator(`[data-testid=recv-open-${no}]`).click();
  await page.locator('[data-testid=wo-detail-body]').waitFor();
}

describeBrowser('desk: 收款 (record cash and transfer, refund part of it)', () => {
  const service = useDesk(DEMO.service);
  let no = '';

  beforeAll(async () => {
    const url = service.url;
    const [desk, boss, tech] = await Promise.all([apiAs(url, DEMO.service), apiAs(url, DEMO.supervisor), apiAs(url, DEMO.technician)]);
    const customers = await desk.get<{ items: { id: number }[] }>('/customers?pageSize=5');
    const c = await desk.get<{ id: number; contacts: { name: string; phone: string }[] }>(`/customers/${customers.items[0].id}`);
    const order = await desk.post<{ id: number; no: string }>('/work-orders', {
      customerId: c.id,
      contactName: c.contacts[0].name,
      contactPhone: c.contacts[0].phone,
      address: '庆元县松源街道新建路 18 号',
      problem: '空调不制冷',
    });
    no = order.no;
    const techId = (await tech.get<{ id: number }>('/auth/me')).id;
    await boss.post(`/work-orders/${order.id}/dispatch`, { technicianId: techId });
    await tech.post(`/work-orders/${order.id}/start`);
    // 300.00 of labour, tax included: what the customer owes.
    await tech.post(`/work-orders/${order.id}/labour`, { name: '空调系统检修', unitPrice: 30000, taxRate: 6 });
    await tech.post(`/work-orders/${order.id}/finish`, { note: '更换空调滤芯，补充冷媒' });
    await boss.post(`/work-orders/${order.id}/settle`, { paymentMethod: 'cash' });
  }, SETUP_TIMEOUT);

  test('客服 records 100 in cash, then the rest by transfer; the supervisor refunds 25 of the cash with a reason', async () => {
    const page = service.page;
    await openFromReceivables(page, no);
    const first = page.locator('[data-testid=wo-pay-0]');
    await expectTextContaining(first, '未收款');
    await expectTextContaining(first, '未收 ¥300.00');
    await expectTextContaining(first, '约定现金');

    // The way the money came in is chosen every time; the amount starts at what is owed.
    await page.locator('[data-testid=wo-pay-collect-0]').click();
    const amount = page.locator('[data-testid=wo-pay-amount]');
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=wo-pay-amount]') as HTMLInputElement | null)?.value === '300.00',
    );
    await amount.fill('300.01');
    await page.locator('[data-testid=wo-pay-save]').click();
    await page.locator('.ant-modal .ant-form-item-explain-error', { hasText: '请选择收款方式' }).waitFor();
    await page.locator('.ant-modal .ant-form-item-explain-error', { hasText: '不能超过未收金额 ¥300.00' }).waitFor();
    await page.locator('[data-testid=wo-pay-channel] label', { hasText: '现金' }).click();
    await amount.fill('100');
    await page.locator('[data-testid=wo-pay-save]').click();
    await success(page, '已登记收款');
    await expectTextContaining(first, '部分收款');
    await expectTextContaining(first, '未收 ¥200.00');
    await expectTextContaining(page.locator('[data-testid=wo-pay-list-0]'), '现金');

    await page.locator('[data-testid=wo-pay-collect-0]').click();
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=wo-pay-amount]') as HTMLInputElement | null)?.value === '200.00',
    );
    await page.locator('[data-testid=wo-pay-channel] label', { hasText: '转账' }).click();
    await page.locator('[data-testid=wo-pay-reference]').fill('NS20261202118');
    await page.locator('[data-testid=wo-pay-save]').click();
    await success(page, '已登记收款');
    await expectTextContaining(first, '已收款');
    await expectTextContaining(page.locator('[data-testid=wo-pay-list-0]'), 'NS20261202118');
    await expectTextContaining(page.locator('[data-testid=wo-pay-totals]'), '¥300.00');
    // Nothing left to collect; 客服 may not refund.
    expect(await page.locator('[data-testid=wo-pay-collect-0]').count()).toBe(0);
    expect(await page.locator('[data-testid^=wo-pay-refund-]').count()).toBe(0);
    await saveScreenshot(page, 'desk-payments-order');

    // The supervisor refunds part of the cash, with a reason, after a confirmation.
    const boss = await logInAt(service, DEMO.supervisor, 'view=receivables');
    try {
      const bp = boss.page;
      await bp.locator('[data-testid=view-receivables]').waitFor();
      // Paid in full: no longer under 未结清, where the list opens.
      await openFromReceivables(bp, no, '已收款');
      const cashRow = bp.locator('[data-testid=wo-pay-list-0] .ant-table-row', { hasText: '现金' });
      await cashRow.locator('[data-testid^=wo-pay-refund-]').click();
      const refundAmount = bp.locator('[data-testid=wo-refund-amount]');
      await bp.waitForFunction(
        () => (document.querySelector('[data-testid=wo-refund-amount]') as HTMLInputElement | null)?.value === '100.00',
      );
      await refundAmount.fill('100.5');
      await bp.locator('[data-testid=wo-refund-save]').click();
      await bp.locator('.ant-modal .ant-form-item-explain-error', { hasText: '不能超过可退金额 ¥100.00' }).waitFor();
      await bp.locator('.ant-modal .ant-form-item-explain-error', { hasText: '请填写退款原因' }).waitFor();
      await refundAmount.fill('25');
      await bp.locator('[data-testid=wo-refund-reason]').fill('空调滤芯按会员价优惠');
      await bp.locator('[data-testid=wo-refund-save]').click();
      await bp.locator('.ant-modal-confirm-btns .ant-btn', { hasText: '确认退款' }).click();
      await success(bp, '已登记退款');
      const row = bp.locator('[data-testid=wo-pay-0]');
      await expectTextContaining(row, '部分退款');
      await expectTextContaining(row, '已退 ¥25.00');
      await expectTextContaining(bp.locator('[data-testid=wo-pay-refunds-0]'), '空调滤芯按会员价优惠');
      await expectTextContaining(cashRow, '¥75.00');
      expect(boss.errors).toEqual([]);
    } finally {
      await boss.context.close();
    }
    expect(service.errors).toEqual([]);
  });

  test('收款 opens on what is still owed; the paid and partly refunded order shows under 部分退款', async () => {
    const page = service.page;
    await openView(page, 'receivables');
    const box = page.locator('[data-testid=view-receivables] .ant-input-search input').first();
    await box.fill(no);
    await box.press('Enter');
    // Fully paid (then partly refunded): not among what is owed.
    await page.locator('[data-testid=recv-table] .ant-empty, [data-testid=recv-table] .ant-table-placeholder').first().waitFor();
    expect(await page.locator(`[data-testid=recv-open-${no}]`).count()).toBe(0);
    await pickStatus(page, '部分退款');
    await page.locator(`[data-testid=recv-open-${no}]`).waitFor();
    await expectTextContaining(page.locator('[data-testid=recv-table] .ant-table-row', { hasText: no }), '现金、转账');

    // 导出 Excel: the list as filtered, the one row of this order.
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=recv-export]').click()]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await file.path())!));
    const rows = (wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(2));
    expect(rows).toEqual([
      ['工单编号', '客户', '车牌', '上门', '应收(元)', '已收(元)', '已退(元)', '未收(元)', '状态', '收款方式'],
      [no, expect.any(String), expect.any(String), '第1次', '300.00', '300.00', '25.00', '0.00', '部分退款', '现金、转账'],
    ]);
    expect(service.errors).toEqual([]);
  });
});
