/** @jest-environment node */
/**
 * Each role opens the desk on its daily job, with the menu ordered by it; 工作台 shows today's
 * figures of the role, each opening its list; 客服 does 建单 and 回访; 工单绩效 is an ECharts
 * chart whose drill-down opens the orders (issue 10 §2).
 */
import type { Page } from 'playwright-core';
import { DEMO, DESKTOP, TEST_TIMEOUT, apiGet, describeBrowser, loginAs, saveScreenshot, waitForDesk } from './browser';
import { eventually, expectTextContaining, openView, success, useBrowser } from './desk';

jest.setTimeout(TEST_TIMEOUT);

/** The keys of the desk menu entries, top to bottom. */
async function deskMenu(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-testid^=desk-menu-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
  return ids.map((id) => id.replace('desk-menu-', ''));
}

/** The view the desk shows (its data-testid view-…) and the address's ?view=. */
async function currentView(page: Page): Promise<string> {
  return page.evaluate(() => new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('view') ?? '');
}

describeBrowser('the desk opens on each role’s daily job', () => {
  const world = useBrowser();

  const cases: [string, string, string, string[]][] = [
    [
      '客服',
      DEMO.service,
      'workOrders',
      ['home', 'workOrders', 'pendingFollowup', 'receivables', 'invoices', 'customers', 'vehicleHistory'],
    ],
    [
      '服务主管',
      DEMO.supervisor,
      'pendingDispatch',
      ['home', 'pendingDispatch', 'pendingSettle', 'receivables', 'workOrders', 'workOrderStats'],
    ],
    ['库管', DEMO.keeper, 'home', ['home', 'requisitions', 'returns', 'holdings', 'stock', 'inbounds', 'stocktakes', 'alerts']],
    ['回访', DEMO.followup, 'pendingFollowup', ['home', 'pendingFollowup', 'workOrders']],
  ];

  test.each(cases)('%s opens on his daily view and finds his job at the top of the menu', async (_role, phone, start, top) => {
    const s = await loginAs(world.browser, world.url, phone, DESKTOP);
    try {
      await waitForDesk(s.page);
      await s.page.locator(`[data-testid=view-${start}]`).waitFor();
      expect(await currentView(s.page)).toBe(start);
      const menu = await eventually(
        () => deskMenu(s.page),
        (m) => expect(m.slice(0, top.length)).toEqual(top),
      );
      expect(new Set(menu).size).toBe(menu.length);
      expect(s.errors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  test('工作台 shows the supervisor his figures, each opening its list with the same number of orders', async () => {
    const s = await loginAs(world.browser, world.url, DEMO.supervisor, DESKTOP);
    try {
      await waitForDesk(s.page);
      await openView(s.page, 'home');
      const figures = s.page.locator('[data-testid^=desk-home-figure-]');
      await s.page.locator('[data-testid=desk-home-figure-pendingDispatch]').waitFor();
      const keys = await figures.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('desk-home-figure-', '')));
      // No 待回访 or 待我审批 for a supervisor: not his permissions.
      expect(keys).toEqual(['pendingDispatch', 'pendingSettle', 'lowStock', 'overdueHoldings']);
      const summary = await apiGet<Record<string, number>>(s.page, '/api/desk/summary');
      await expectTextContaining(
        s.page.locator('[data-testid=desk-home-figure-pendingDispatch]'),
        '待派工',
        String(summary.pendingDispatch),
      );
      await saveScreenshot(s.page, 'desk-home-supervisor');

      await s.page.locator('[data-testid=desk-home-figure-pendingDispatch]').click();
      await s.page.locator('[data-testid=view-pendingDispatch]').waitFor();
      await s.page.waitForFunction(() => !document.querySelector('[data-testid=view-pendingDispatch] .ant-spin-spinning'));
      await expectTextContaining(
        s.page.locator('[data-testid=view-pendingDispatch] .ant-pagination-total-text'),
        `共 ${summary.pendingDispatch} 条`,
      );
      expect(await currentView(s.page)).toBe('pendingDispatch');

      await openView(s.page, 'home');
      await s.page.locator('[data-testid=desk-home-figure-lowStock]').click();
      await s.page.locator('[data-testid=view-alerts]').waitFor();
      expect(s.errors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  test('the keeper’s 工作台 lists the documents waiting for his decision, each opening it', async () => {
    const s = await loginAs(world.browser, world.url, DEMO.keeper, DESKTOP);
    try {
      await waitForDesk(s.page);
      await s.page.locator('[data-testid=view-home]').waitFor();
      const summary = await apiGet<Record<string, number>>(s.page, '/api/desk/summary');
      expect(Object.keys(summary).sort()).toEqual(['lowStock', 'overdueHoldings', 'pendingApproval']);
      await expectTextContaining(
        s.page.locator('[data-testid=desk-home-figure-pendingApproval]'),
        '待我审批',
        String(summary.pendingApproval),
      );
      const waiting = await apiGet<{ items: { id: number; no: string }[] }>(s.page, '/api/requisitions?mine=approve');
      expect(waiting.items.length).toBeGreaterThan(0);
      const doc = waiting.items[0];
      await s.page.locator(`[data-testid=desk-home-open-requisitions-${doc.id}]`).click();
      await s.page.locator('[data-testid=view-requisitions]').waitFor();
      await s.page.locator('.ant-drawer-open', { hasText: doc.no }).waitFor();
      expect(s.errors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  test('客服 has the 待回访 list and does the 回访 of an order waiting for it', async () => {
    const s = await loginAs(world.browser, world.url, DEMO.service, DESKTOP);
    try {
      await waitForDesk(s.page);
      const waiting = await apiGet<{ items: { no: string }[] }>(s.page, '/api/work-orders?state=pending_followup');
      expect(waiting.items.length).toBeGreaterThan(0);
      await openView(s.page, 'pendingFollowup');
      const no = waiting.items[0].no;
      await s.page.locator(`[data-testid=wo-open-${no}]`).click();
      await s.page.locator('[data-testid=wo-detail-body]').waitFor();
      // 回访 → the follow-up form → 确定: the order leaves 待回访.
      await s.page.locator('[data-testid=wo-followup]').click();
      await s.page.locator('[data-testid=wo-action-followup]').waitFor();
      await s.page.locator('[data-testid=wo-action-ok]').click();
      await success(s.page, '回访');
      await eventually(
        () => apiGet<{ items: { no: string }[] }>(s.page, '/api/work-orders?state=pending_followup'),
        (after) => expect(after.items.map((o) => o.no)).not.toContain(no),
      );
      expect(s.errors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  test('工单绩效 draws an ECharts bar chart with its legend, and the drill-down opens an order', async () => {
    const s = await loginAs(world.browser, world.url, DEMO.supervisor, DESKTOP);
    try {
      await waitForDesk(s.page);
      await openView(s.page, 'workOrderStats');
      const chart = s.page.locator('[data-testid=stats-chart]');
      await chart.locator('canvas').first().waitFor();
      // ECharts' aria description names the series of the legend.
      await eventually(
        () => chart.locator('[aria-label]').first().getAttribute('aria-label'),
        (label) => {
          expect(label).toContain('完工数');
          expect(label).toContain('返工数');
        },
      );
      const box = await chart.locator('canvas').first().boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(200);
      await saveScreenshot(s.page, 'desk-work-order-stats');

      const row = s.page.locator('[data-testid=stats-table] .ant-table-row', { hasText: '王建学' });
      await row.locator('[data-testid^=stats-drill-]').click();
      const first = s.page.locator('[data-testid^=stats-visit-open-]').first();
      await first.waitFor();
      const no = (await first.innerText()).trim();
      await first.click();
      await s.page.locator('[data-testid=wo-detail-body]').waitFor();
      await expectTextContaining(s.page.locator('.ant-drawer-open'), no);
      expect(s.errors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });
});
