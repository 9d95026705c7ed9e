/** @jest-environment node */
/**
 * A fresh install is safe, in the browser: the server started for real (DEMO_MODE=0) on an empty
 * database offers 首次使用：创建管理员 on the login page (with the token it wrote to its data
 * directory); with demo data outside demo mode each demo account sets his own password first;
 * the admin reads refused requests and failed logins under 安全事件.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { buildIfNeeded } from '../support/build';
import { startServer, type RunningServer } from '../support/server';
import {
  DEMO,
  DESKTOP,
  PHONE,
  SETUP_TIMEOUT,
  TEST_TIMEOUT,
  describeBrowser,
  launchBrowser,
  newSession,
  pickOption,
  submitLogin,
  waitForDesk,
  waitForHash,
  waitForLoginError,
} from './browser';
import { eventually, expectTextContaining, openView } from './desk';

jest.setTimeout(TEST_TIMEOUT);

const PASSWORD_PAGE = '#/packages/account/password/index';

/** On 修改密码 (required): the notice, then old and new password, and on to where a login lands. */
async function setOwnPassword(page: Page, oldPassword: string, newPassword: string): Promise<void> {
  await waitForHash(page, PASSWORD_PAGE);
  await expectTextContaining(page.locator('[data-testid=password-required]'), '首次登录请先修改密码');
  await page.locator('input[name=oldPassword]').fill(oldPassword);
  await page.locator('input[name=newPassword]').fill(newPassword);
  await page.locator('input[name=confirm]').fill(newPassword);
  await page.locator('.hy-pwd__actions .nut-button').click();
  await page.waitForFunction((p) => !window.location.hash.startsWith(p), PASSWORD_PAGE, { timeout: 30_000 });
}

describeBrowser('a fresh install', () => {
  let browser: Browser | undefined;
  const servers: RunningServer[] = [];
  const start = async (env: Record<string, string>) => {
    const s = await startServer(env);
    servers.push(s);
    return s;
  };
  beforeAll(async () => {
    buildIfNeeded();
    browser = await launchBrowser();
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.stop();
  });

  test('without demo data: the login page creates the first administrator with the setup token', async () => {
    const srv = await start({ DEMO_MODE: '0', SEED_DEMO: '0' });
    const token = readFileSync(join(srv.dataDir, 'setup-token'), 'utf8').trim();
    const s = await newSession(browser!, DESKTOP);
    try {
      await s.page.goto(`${srv.url}/#/pages/login/index`);
      const form = s.page.locator('[data-testid=setup-form]');
      await expectTextContaining(form, '首次使用：创建管理员');
      await s.page.locator('input[name=setup-token]').fill('not-the-token');
      await s.page.locator('input[name=setup-name]').fill('周宏沅');
      await s.page.locator('input[name=setup-phone]').fill('13700000001');
      await s.page.locator('input[name=setup-password]').fill('Qy-service-2024');
      await s.page.locator('input[name=setup-confirm]').fill('Qy-service-2024');
      await form.locator('.nut-button').click();
      await expectTextContaining(s.page.locator('[data-testid=setup-error]'), '初始化口令不正确');

      await s.page.locator('input[name=setup-token]').fill(token);
      await form.locator('.nut-button').click();
      await waitForHash(s.page, '#/pages/desk');
      await waitForDesk(s.page);
      await expectTextContaining(s.page.locator('[data-testid=desk-user]'), '周宏沅');
      expect(s.errors).toEqual([]);
    } finally {
      await s.context.close();
    }
    // the form is gone for everyone else
    const other = await newSession(browser!, DESKTOP);
    try {
      await other.page.goto(`${srv.url}/#/pages/login/index`);
      await other.page.locator('input[name=phone]').waitFor();
      expect(await other.page.locator('[data-testid=setup-form]').count()).toBe(0);
    } finally {
      await other.context.close();
    }
  });

  test('demo data outside demo mode: own passwords first; refused requests and failed logins under 安全事件', async () => {
    const srv = await start({ DEMO_MODE: '0', SEED_DEMO: '1' });
    // a wrong password for the keeper
    const stranger = await newSession(browser!, PHONE);
    await submitLogin(stranger.page, srv.url, DEMO.keeper, 'guess-it-1');
    await waitForLoginError(stranger.page);
    await stranger.context.close();

    // the technician on his phone: 修改密码 first, then a request his role may not make
    const tech = await newSession(browser!, PHONE);
    try {
      await submitLogin(tech.page, srv.url, DEMO.technician, DEMO.password);
      await setOwnPassword(tech.page, DEMO.password, 'wang-jx-2024');
      await waitForHash(tech.page, '#/pages/home');
      await tech.page.locator('[data-testid=tab-orders]').waitFor();
      const refused = await tech.page.evaluate(async () => {
        const stored = JSON.parse(localStorage.getItem('hy.session') ?? '{}');
        const csrf = (stored.data ?? stored).csrfToken ?? '';
        const r = await fetch('/api/departments', {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
          body: JSON.stringify({ name: '越权部门' }),
        });
        return r.status;
      });
      expect(refused).toBe(403);
    } finally {
      await tech.context.close();
    }

    // the admin: his own password first, then the desk and 安全事件
    const admin = await newSession(browser!, DESKTOP);
    try {
      await submitLogin(admin.page, srv.url, DEMO.admin, DEMO.password);
      await setOwnPassword(admin.page, DEMO.password, 'zhou-admin-77');
      await waitForHash(admin.page, '#/pages/desk');
      await waitForDesk(admin.page);
      await openView(admin.page, 'securityEvents');
      const table = admin.page.locator('[data-testid=security-table]');
      await expectTextContaining(table, '越权请求被拒绝', '王建学', 'POST /api/departments', '缺少权限 department.manage');
      await expectTextContaining(table, '登录失败', '陈美华（13800000005）', '密码错误');

      await pickOption(admin.page, admin.page.locator('[data-testid=security-filter-kind]'), '越权请求被拒绝');
      await eventually(
        () => table.locator('.ant-table-row').allInnerTexts(),
        (rows) => {
          expect(rows.length).toBeGreaterThan(0);
          for (const r of rows) expect(r).toContain('越权请求被拒绝');
        },
      );
      expect(admin.errors).toEqual([]);
    } finally {
      await admin.context.close();
    }
  });
});
