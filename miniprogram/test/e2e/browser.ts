/**
 * Shared set-up of the browser tests (test/e2e/*.test.ts): Debian's Chromium driven by
 * playwright-core, the real built server (test/support/server.ts), logins through the H5
 * login page, and screenshots for the README.
 *
 * - Chromium missing: every browser suite fails with the install command (never a skip).
 * - E2E_URL=http://127.0.0.1:7001 runs against a server that is already running instead of
 *   starting a fresh one (handy while developing; the scenarios use fixed names and plates, so
 *   give them a fresh database each time). E2E_DEBUG=1 prints the pages' console and
 *   their /api calls.
 */
import { copyFileSync, existsSync, mkdirSync } from 'fs';
import NodeModule from 'module';
import { join } from 'path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { buildIfNeeded } from '../support/build';
import { DEMO, ROOT, startServer, type RunningServer } from '../support/server';

export { DEMO };

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const HAVE_BROWSER = existsSync(CHROMIUM);

/** Generous: a cold server and Chromium on a 2-core machine are slow. */
export const TEST_TIMEOUT = 120_000;
/** beforeAll may have to build server and H5 first (a no-op under `npm test`, which just did). */
export const SETUP_TIMEOUT = 600_000;

export const DESKTOP = { width: 1920, height: 1080 };
export const PHONE = { width: 390, height: 844 };

export const SCREENSHOT_DIRS = [join(__dirname, 'screenshots'), join(ROOT, 'docs', 'screenshots')];

/**
 * describe() when Chromium is there; otherwise a suite whose one test fails and says how to
 * install it. Browser tests are never skipped: a machine without Chromium cannot pass npm test.
 */
export function describeBrowser(name: string, fn: () => void): void {
  if (HAVE_BROWSER) {
    describe(name, fn);
    return;
  }
  describe(name, () => {
    test('Chromium is installed', () => {
      throw new Error(`Chromium is missing at ${CHROMIUM}: install it with apt-get install -y chromium (.ci/run does)`);
    });
  });
}

/**
 * Node's own require, not Jest's, for playwright-core. The mini-program's Jest config compiles
 * node_modules with Babel (Taro and NutUI ship ES modules), and that preset cannot parse
 * playwright-core ("Static class blocks are not enabled"). Jest hands out its own createRequire,
 * but its `Module` class extends Node's, whose prototype.require goes through Node's loader: a
 * module object made from it loads the package natively. (Only for packages whose objects do
 * not mix with the test's own: exceljs loaded this way writes empty sheets from the test's
 * arrays, so the tests import exceljs normally.)
 */
export function nodeRequire<T = unknown>(id: string): T {
  const M = ((NodeModule as unknown as { Module?: typeof NodeModule }).Module ?? NodeModule) as unknown as {
    new (id: string, parent: unknown): { filename: string; paths: string[]; require(id: string): unknown };
    _nodeModulePaths(dir: string): string[];
  };
  const m = new M(__filename, null);
  m.filename = __filename;
  m.paths = M._nodeModulePaths(__dirname);
  return m.require(id) as T;
}

function playwright(): typeof import('playwright-core') {
  return nodeRequire('playwright-core');
}

/** `extraArgs`: more Chromium switches (a fake camera for the H5 scan test). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  // Playwright starts Chromium with a fresh temporary --user-data-dir of its own (and refuses
  // one in args), so every launch is a clean profile.
  return playwright().chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/**
 * The real built server with a fresh SQLite database and demo data (or E2E_URL), after
 * building whatever changed since the last build (so `jest test/e2e` alone tests current code).
 */
export async function server(): Promise<Server> {
  if (process.env.E2E_URL) return { url: process.env.E2E_URL.replace(/\/+$/, ''), stop: async () => {} };
  buildIfNeeded();
  const s: RunningServer = await startServer();
  return s;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** uncaught page errors seen so far */
  errors: string[];
}

/** A fresh browser context (own cookies and storage) on the given viewport. */
export async function newSession(browser: Browser, viewport: { width: number; height: number }): Promise<Session> {
  const phone = viewport.width < 1024;
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (process.env.E2E_DEBUG) {
    page.on('console', (m) => console.log(`[page ${m.type()}] ${m.text()}`));
    page.on('response', (r) => r.url().includes('/api/') && console.log(`[api] ${r.status()} ${r.request().method()} ${r.url()}`));
  }
  return { context, page, errors };
}

/**
 * Logs in through the H5 login page (#/pages/login/index: phone, password, 登录) and waits until
 * the app has left it. Returns the session on whatever page the app chose.
 */
export async function loginAs(
  browser: Browser,
  baseUrl: string,
  phone: string,
  viewport: { width: number; height: number },
): Promise<Session> {
  const s = await newSession(browser, viewport);
  await submitLogin(s.page, baseUrl, phone, DEMO.password);
  await s.page.waitForFunction(() => !window.location.hash.startsWith('#/pages/login'), undefined, { timeout: 30_000 });
  // Then until the page he lands on has rendered (a desk view, a mobile tab, 修改密码, or the
  // desk's "no function" notice): a test's next page.goto changes the hash, and doing that while
  // Taro is still carrying out the login's reLaunch left two pages (two drawers of one document)
  // or none on a loaded machine.
  await s.page.waitForFunction(
    () =>
      !!document.querySelector(
        '[data-testid=desk] [data-testid^=view-]:not([data-testid=view-loading]), [data-testid^=tab-], .hy-pwd, [data-testid=desk] .ant-result',
      ),
    undefined,
    { timeout: 30_000 },
  );
  return s;
}

/**
 * Opens the H5 login page, types a phone and a password and presses 登录 (without waiting for
 * the answer: a wrong password stays on the page).
 */
export async function submitLogin(page: Page, baseUrl: string, phone: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`);
  await page.locator('input[name=phone]').fill(phone);
  await page.locator('input[name=password]').fill(password);
  // Taro's <taro-button-core> wrapper takes the pointer events: click NutUI's button itself.
  await page.locator('.hy-login__form .nut-button').click();
}

/** Waits until the login page shows its error line (any text). */
export async function waitForLoginError(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.querySelector('[data-testid=login-error]')?.textContent ?? '').length > 0);
}

/**
 * Waits until the hash route starts with `prefix` ('#/pages/desk'). The app navigates inside one
 * document (hash router), so this polls location instead of waiting for a load event.
 */
export async function waitForHash(page: Page, prefix: string): Promise<void> {
  await page.waitForFunction((p) => window.location.hash.startsWith(p), prefix);
}

/** Waits for the desk (after a desk login) and for its first view to finish loading. */
export async function waitForDesk(page: Page): Promise<void> {
  await page.locator('[data-testid=desk]').waitFor();
  await waitForTable(page);
}

/** Waits until no antd table on the page shows its loading spinner. */
export async function waitForTable(page: Page): Promise<void> {
  await page.locator('.ant-table-wrapper').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.ant-table-wrapper .ant-spin-spinning'));
}

/** Saves a screenshot to test/e2e/screenshots/ and docs/screenshots/ (for the README). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const [first, ...rest] = SCREENSHOT_DIRS;
  mkdirSync(first, { recursive: true });
  const file = join(first, `${name}.png`);
  // No hover tooltip in the picture: park the mouse and let tooltips fade.
  await page.mouse.move(0, page.viewportSize()?.height ? page.viewportSize()!.height - 1 : 0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: file });
  for (const dir of rest) {
    mkdirSync(dir, { recursive: true });
    copyFileSync(file, join(dir, `${name}.png`));
  }
}

/** GET an /api route with the page's cookies; resolves with the `data` of the envelope. */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  const body = await page.evaluate(async (p) => {
    const r = await fetch(p, { credentials: 'include', headers: { Accept: 'application/json' } });
    return r.json();
  }, path);
  if (!body || body.ok !== true) throw new Error(`GET ${path} failed: ${JSON.stringify(body)}`);
  return body.data as T;
}

/** POST an /api route with the page's cookie and CSRF token (as the app sends it); resolves with `data`. */
export async function apiPost<T>(page: Page, path: string, body: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ path, body }) => {
      const stored = JSON.parse(localStorage.getItem('hy.session') ?? '{}');
      const csrf = (stored.data ?? stored).csrfToken ?? '';
      const r = await fetch(path, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify(body),
      });
      return r.json();
    },
    { path, body },
  );
  if (!res || res.ok !== true) throw new Error(`POST ${path} failed: ${JSON.stringify(res)}`);
  return res.data as T;
}

/** Opens an antd Select and picks the option whose text contains `text`. */
export async function pickOption(page: Page, select: Locator, text: string): Promise<void> {
  // A multiple select stays open after a pick: clicking it again would close it.
  const open = await select.evaluate((el) => el.classList.contains('ant-select-open'));
  if (!open) await select.locator('.ant-select-selector').click();
  // The option list is virtual (only a window of it is rendered): filter when the select can.
  const search = select.locator('.ant-select-selection-search-input');
  if ((await search.count()) && (await search.getAttribute('readonly')) === null) await search.fill(text);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();
  await option.waitFor();
  await option.click();
}

/** Types into a view's search box, presses Enter, and waits for the table to reload. */
export async function searchView(page: Page, view: string, keyword: string): Promise<void> {
  const box = page.locator(`[data-testid=view-${view}] .ant-input-search input`).first();
  await box.fill(keyword);
  await box.press('Enter');
  await page.waitForTimeout(150);
  await page.waitForFunction((v) => !document.querySelector(`[data-testid=view-${v}] .ant-spin-spinning`), view);
}

/**
 * Closes any modal or drawer a failed test left open (Escape, then the close buttons), so one
 * failure does not cascade into the next test. For afterEach.
 */
export async function closeOverlays(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const open = page.locator('.ant-modal-wrap:visible, .ant-drawer-open');
    if ((await open.count()) === 0) return;
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    const close = page.locator('.ant-modal-wrap:visible .ant-modal-close, .ant-drawer-open .ant-drawer-close');
    if (await close.count())
      await close
        .first()
        .click({ timeout: 2000 })
        .catch(() => undefined);
    await page.waitForTimeout(300);
  }
}
