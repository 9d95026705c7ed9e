/** @jest-environment node */
/**
 * Scenario a): every demo role logs in through the H5 login page and lands where its work is:
 * the mobile tabs on a phone-sized window (technician, keeper, supervisor), the PC desk on a
 * 1920×1080 window (service, admin, follow-up), with the desk menu cut to the role's permissions.
 */
import type { Browser } from 'playwright-core';
import {
  DEMO,
  DESKTOP,
  PHONE,
  SETUP_TIMEOUT,
  TEST_TIMEOUT,
  describeBrowser,
  launchBrowser,
  loginAs,
  newSession,
  saveScreenshot,
  server,
  waitForDesk,
  waitForHash,
  type Server,
} from './browser';

jest.setTimeout(TEST_TIMEOUT);

const STOCK_VIEWS = ['requisitions', 'returns', 'holdings', 'stock', 'inbounds', 'stocktakes', 'alerts', 'reconciliation'];
const WORK_ORDER_VIEWS = ['workOrders', 'pendingDispatch', 'pendingSettle', 'pendingFollowup', 'workOrderStats', 'invoices'];
const ALL_VIEWS = [
  'customers',
  'vehicleHistory',
  'vehicleModels',
  'parts',
  'priceLevels',
  ...STOCK_VIEWS,
  'warehouses',
  'employees',
  'departments',
  ...WORK_ORDER_VIEWS,
];
/** Views that open without a table of rows: 员工持有 waits for an employee to be picked, 对账 is a report. */
const NO_ROWS_AT_FIRST = ['holdings', 'reconciliation', 'workOrderStats', 'vehicleHistory', 'invoices'];

describeBrowser('H5 login per role', () => {
  let srv: Server;
  let browser: Browser;

  beforeAll(async () => {
    srv = await server();
    browser = await launchBrowser();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });

  /** The keys of the desk menu entries the page shows. */
  async function deskMenu(page: import('playwright-core').Page): Promise<string[]> {
    const ids = await page.locator('[data-testid^=desk-menu-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
    return ids.map((id) => id.replace('desk-menu-', ''));
  }

  const mobileCases: [string, string, string, string[]][] = [
    ['技师', DEMO.technician, 'orders', ['工单', '配件', '我的']],
    ['库管', DEMO.keeper, 'approvals', ['审批', '库存', '我的']],
    ['服务主管', DEMO.supervisor, 'dispatch', ['派工', '统计', '我的']],
  ];

  test.each(mobileCases)('%s on a phone gets the mobile tabs', async (_label, phone, firstTab, labels) => {
    const s = await loginAs(browser, srv.url, phone, PHONE);
    try {
      await waitForHash(s.page, '#/pages/home');
      await s.page.locator(`[data-testid=tab-${firstTab}]`).waitFor();
      const bar = s.page.locator('.nut-tabbar');
      await bar.waitFor();
      const text = (await bar.innerText()).replace(/\s+/g, '');
      for (const l of labels) expect(text).toContain(l);
      expect(await s.page.locator('.nut-tabbar-item').count()).toBe(labels.length);
      if (firstTab === 'orders') {
        await s.page.waitForTimeout(300); // let the tab bar settle before the picture
        await saveScreenshot(s.page, 'mobile-home');
      }
      expect(s.errors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  const deskCases: [string, string, string[]][] = [
    ['管理员', DEMO.admin, ALL_VIEWS],
    ['客服', DEMO.service, ['customers', 'vehicleHistory', 'vehicleModels', 'parts', 'warehouses', 'employees', 'workOrders', 'invoices']],
    ['回访', DEMO.followup, ['customers', 'vehicleHistory', 'vehicleModels', 'parts', 'employees', 'workOrders', 'pendingFollowup']],
  ];

  test.each(deskCases)('%s on a 1920×1080 screen gets the desk with the right menu', async (label, phone, views) => {
    const s = await loginAs(browser, srv.url, phone, DESKTOP);
    try {
      await waitForHash(s.page, '#/pages/desk');
      await waitForDesk(s.page);
      expect(await deskMenu(s.page)).toEqual(views);
      await expect(s.page.locator('[data-testid=desk-roles]').innerText()).resolves.toContain(label);
      // The first view opens and its name goes into the URL (reload-safe).
      await s.page.locator('[data-testid=view-customers]').waitFor();
      expect(s.page.url()).toContain('view=customers');
      // Every view the menu offers opens without an error message.
      for (const v of views) {
        await s.page.locator(`[data-testid=desk-menu-${v}]`).click();
        await s.page.locator(`[data-testid=view-${v}]`).waitFor();
        await s.page.waitForFunction(() => !document.querySelector('.ant-table-wrapper .ant-spin-spinning'));
        expect(s.page.url()).toContain(`view=${v}`);
        expect(await s.page.locator('.ant-message-error').count()).toBe(0);
        if (NO_ROWS_AT_FIRST.includes(v)) continue;
        expect(await s.page.locator(`[data-testid=view-${v}] .ant-table-row`).count()).toBeGreaterThan(0);
      }
      expect(s.errors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  test('the desk keeps its view on reload, and 退出登录 ends the session', async () => {
    const s = await loginAs(browser, srv.url, DEMO.admin, DESKTOP);
    try {
      await waitForDesk(s.page);
      await s.page.locator('[data-testid=desk-menu-parts]').click();
      await s.page.locator('[data-testid=view-parts]').waitFor();
      await s.page.reload();
      await s.page.locator('[data-testid=view-parts]').waitFor();
      expect(s.page.url()).toContain('view=parts');

      await s.page.locator('[data-testid=desk-logout]').click();
      await waitForHash(s.page, '#/pages/login');
      // The cookie is gone: the desk sends us back to the login page.
      await s.page.goto(`${srv.url}/#/pages/desk/index?view=customers`);
      await waitForHash(s.page, '#/pages/login');
      await s.page.locator('input[name=phone]').waitFor();
      expect(await s.page.locator('[data-testid=desk]:visible').count()).toBe(0);
    } finally {
      await s.context.close();
    }
  });

  test('opening the desk without logging in goes to the login page', async () => {
    const s = await newSession(browser, DESKTOP);
    try {
      await s.page.goto(`${srv.url}/#/pages/desk/index`);
      await waitForHash(s.page, '#/pages/login');
      await s.page.locator('input[name=phone]').waitFor();
    } finally {
      await s.context.close();
    }
  });

  test('a wrong password stays on the login page with a message', async () => {
    const s = await newSession(browser, DESKTOP);
    try {
      await s.page.goto(`${srv.url}/#/pages/login/index`);
      await s.page.locator('input[name=phone]').fill(DEMO.service);
      await s.page.locator('input[name=password]').fill('wrong-password-1');
      await s.page.locator('.hy-login__form .nut-button').click();
      await s.page.waitForFunction(() => (document.querySelector('[data-testid=login-error]')?.textContent ?? '').length > 0);
      expect(await s.page.locator('[data-testid=login-error]').innerText()).toContain('手机号或密码错误');
      expect(s.page.url()).toContain('#/pages/login');
    } finally {
      await s.context.close();
    }
  });
});
