/**
 * The user's steps for the browser tests (test/e2e/*.test.ts), on top of browser.ts: a suite's
 * server, Chromium and logged-in sessions (useBrowser / useDesk), opening a desk view from its
 * menu, the success message, a confirmation, an order's drawer, a print sheet; and reads that
 * wait for their condition (eventually, expectText...), so a slow re-render never fails a test
 * that would pass a moment later.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { DESKTOP, SETUP_TIMEOUT, closeOverlays, launchBrowser, loginAs, server, waitForDesk, type Server, type Session } from './browser';

/** How long a waiting read waits for its condition (the contexts' own action timeout). */
export const READ_TIMEOUT = 20_000;

/** What a suite shares: the server, Chromium, and the sessions it logged in (closed after all tests). */
export interface BrowserWorld {
  readonly url: string;
  readonly browser: Browser;
  /** Logs someone in on the H5 login page; the session is closed after the suite. */
  logIn(phone: string, viewport?: { width: number; height: number }): Promise<Session>;
  /** Logs a desk role in on a 1920×1080 window and waits for the desk's first view. */
  openDesk(phone: string): Promise<Session>;
}

/**
 * Registers the suite's beforeAll (the server, Chromium) and afterAll (the sessions, Chromium,
 * the server). Call it inside describeBrowser(); the world's fields are there once beforeAll ran.
 */
export function useBrowser(): BrowserWorld {
  let srv: Server | undefined;
  let browser: Browser | undefined;
  const sessions: Session[] = [];
  const world: BrowserWorld = {
    get url() {
      if (!srv) throw new Error('the server is not started yet (use the world inside a test or a hook)');
      return srv.url;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not launched yet (use the world inside a test or a hook)');
      return browser;
    },
    async logIn(phone, viewport = DESKTOP) {
      const s = await loginAs(world.browser, world.url, phone, viewport);
      sessions.push(s);
      return s;
    },
    async openDesk(phone) {
      const s = await world.logIn(phone, DESKTOP);
      await waitForDesk(s.page);
      return s;
    },
  };
  beforeAll(async () => {
    srv = await server();
    browser = await launchBrowser();
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    for (const s of sessions) await s.context.close();
    await browser?.close();
    await srv?.stop();
  });
  return world;
}

/** A suite in which one desk role works: its session, and its page. */
export interface DeskWorld extends BrowserWorld {
  readonly session: Session;
  readonly page: Page;
  /** uncaught page errors of the desk session so far */
  readonly errors: string[];
}

/**
 * useBrowser() with `phone` logged in on the desk before the tests; after each test whatever
 * modal or drawer a failure left open is closed, so one failure does not cascade.
 */
export function useDesk(phone: string): DeskWorld {
  const world = useBrowser();
  let session: Session | undefined;
  beforeAll(async () => {
    session = await world.openDesk(phone);
  }, SETUP_TIMEOUT);
  afterEach(async () => {
    if (session) await closeOverlays(session.page);
  });
  const mustHave = (): Session => {
    if (!session) throw new Error('the desk session is not logged in (beforeAll failed?)');
    return session;
  };
  return {
    get url() {
      return world.url;
    },
    get browser() {
      return world.browser;
    },
    logIn: world.logIn,
    openDesk: world.openDesk,
    get session() {
      return mustHave();
    },
    get page() {
      return mustHave().page;
    },
    get errors() {
      return mustHave().errors;
    },
  };
}

/** Logs someone in and then opens a desk address (`view=requisitions&open=12`). */
export async function logInAt(world: BrowserWorld, phone: string, params: string): Promise<Session> {
  const s = await world.logIn(phone);
  await s.page.goto(`${world.url}/#/pages/desk/index?${params}`);
  return s;
}

/** Opens a desk view from its menu entry and waits until it has loaded. */
export async function openView(page: Page, view: string): Promise<void> {
  await page.locator(`[data-testid=desk-menu-${view}]`).click();
  await page.locator(`[data-testid=view-${view}]`).waitFor();
  await page.waitForFunction((v) => !document.querySelector(`[data-testid=view-${v}] .ant-spin-spinning`), view);
}

/** Waits for the (last) success message, with `text` when given, and returns what it says. */
export async function success(page: Page, text?: string): Promise<string> {
  const msg = text ? page.locator('.ant-message-success', { hasText: text }).last() : page.locator('.ant-message-success').last();
  await msg.waitFor();
  return msg.innerText();
}

/** Clicks a ConfirmButton and its Popconfirm's OK. */
export async function confirm(page: Page, testId: string): Promise<void> {
  await page.locator(`[data-testid=${testId}]`).click();
  await page.locator(`[data-testid=${testId}-ok]`).click();
}

/** Opens an order's drawer from a work-order list view (searching its number). */
export async function openOrder(page: Page, view: string, no: string): Promise<void> {
  await openView(page, view);
  const box = page.locator(`[data-testid=view-${view}] .ant-input-search input`).first();
  await box.fill(no);
  await box.press('Enter');
  await page.locator(`[data-testid=wo-open-${no}]`).click();
  await page.locator('[data-testid=wo-detail-body]').waitFor();
}

/** Clicks a print button and returns the print sheet's window once the sheet is drawn (close it after). */
export async function openPrintSheet(s: Session, testId: string): Promise<Page> {
  const [sheet] = await Promise.all([s.context.waitForEvent('page'), s.page.locator(`[data-testid=${testId}]`).click()]);
  await sheet.locator('[data-testid=print-sheet]').waitFor();
  return sheet;
}

/** The text of each row of an antd table (whitespace folded to single spaces). */
export async function tableTexts(table: Locator): Promise<string[]> {
  return table.locator('.ant-table-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ')));
}

/** The trimmed text of each cell of each row matched by `rows`. */
export async function cellTexts(rows: Locator): Promise<string[][]> {
  return rows.evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td as HTMLElement).innerText.trim())),
  );
}

/** The trimmed text of each element matched by `cells` (e.g. a table's header cells). */
export async function innerTexts(cells: Locator): Promise<string[]> {
  return cells.evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()));
}

/**
 * Reads a value again and again until `check` (Jest expectations) passes, and returns it; after
 * `timeout` the last failed expectation is thrown. The waiting form of "read once, then expect".
 */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeout = READ_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * For what must NOT happen: reads for `forMs` and fails at the first read that breaks `check`
 * (a waiting read would pass the first moment the condition holds and miss a brief wrong state).
 * Call it once the page has shown what it is about to show.
 */
export async function holds<T>(read: () => Promise<T>, check: (value: T) => void, forMs = 500): Promise<void> {
  const until = Date.now() + forMs;
  do {
    check(await read());
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < until);
}

/** Waits until the locator's text is exactly `expected`. */
export async function expectText(locator: Locator, expected: string): Promise<void> {
  await eventually(
    () => locator.innerText(),
    (t) => expect(t).toBe(expected),
  );
}

/** Waits until the locator's text contains every one of `expected`; returns that text. */
export async function expectTextContaining(locator: Locator, ...expected: string[]): Promise<string> {
  return eventually(
    () => locator.innerText(),
    (t) => {
      for (const e of expected) expect(t).toContain(e);
    },
  );
}

/** Waits until the locator's text matches `pattern`. */
export async function expectTextMatching(locator: Locator, pattern: RegExp): Promise<void> {
  await eventually(
    () => locator.innerText(),
    (t) => expect(t).toMatch(pattern),
  );
}

/** Waits until the input's value is exactly `expected`. */
export async function expectValue(input: Locator, expected: string): Promise<void> {
  await eventually(
    () => input.inputValue(),
    (v) => expect(v).toBe(expected),
  );
}

/** Waits until the locator matches exactly `expected` elements. */
export async function expectCount(locator: Locator, expected: number): Promise<void> {
  await eventually(
    () => locator.count(),
    (n) => expect(n).toBe(expected),
  );
}

/**
 * Checks that nothing matches the locator, now and for `forMs` after (polling): for what must
 * never show (an error message, a button the role does not have), where waiting until it is gone
 * would let a brief appearance pass.
 */
export async function expectNone(locator: Locator, forMs = 500): Promise<void> {
  const until = Date.now() + forMs;
  do {
    expect(await locator.count()).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < until);
}

/** The WeChat stand-in's in-process controls (tools/wechat-standin; the same as its /__standin/ API). */
export interface Standin {
  readonly url: string;
  listen(port: number): Promise<string>;
  /** plays wx.login for a simulated WeChat user: a fresh one-time code and his stable openid */
  login(user: string): { code: string; openid: string };
  /** plays his tap in the subscription dialog: 允许 (accept) gives one more message of that template */
  subscribe(tap: { openid: string; template_id: string; accept: boolean }): { quota: number };
  /** messages of that template WeChat still lets the server send him */
  quota(openid: string, templateId: string): number;
  /** what it delivered and what it was asked */
  readonly state: { inbox: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }[] };
  close(): Promise<void>;
}

/**
 * Starts the WeChat stand-in (with its demo subscription templates, the server's defaults) and
 * points the suite's server at it: the server process inherits this file's environment, so call
 * it before useBrowser()/useDesk() for its beforeAll to run first. (With E2E_URL the running
 * server does not talk to this stand-in.)
 */
export function useStandin(): { readonly standin: Standin } {
  let standin: Standin | undefined;
  beforeAll(async () => {
    const { createStandin } = require('@hongyuan/wechat-standin');
    const { DEMO_TEMPLATES } = require('@hongyuan/wechat-standin/demo-templates');
    standin = createStandin({
      appid: 'wx0123456789abcdef',
      secret: '0123456789abcdef0123456789abcdef',
      templates: DEMO_TEMPLATES,
    }) as Standin;
    process.env.WECHAT_API_BASE = await standin.listen(0);
    delete process.env.WECHAT_APPID;
    delete process.env.WECHAT_SECRET;
  });
  afterAll(async () => {
    await standin?.close();
  });
  return {
    get standin() {
      if (!standin) throw new Error('the WeChat stand-in is not started yet');
      return standin;
    },
  };
}
