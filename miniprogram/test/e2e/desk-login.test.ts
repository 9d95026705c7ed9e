/** @jest-environment node */
/**
 * The desk's door on a PC: the login page at 1366×768 is a brand panel beside a form with
 * readable sizes, nothing clipped; and the desk opened on a phone goes to the mobile pages
 * (issue 10 §2).
 */
import { DEMO, PHONE, TEST_TIMEOUT, describeBrowser, loginAs, newSession, saveScreenshot, waitForDesk, waitForHash } from './browser';
import { useBrowser } from './desk';

jest.setTimeout(TEST_TIMEOUT);

describeBrowser('desk login on a PC, the desk on a phone', () => {
  const world = useBrowser();

  test('at 1366×768 the login page is a brand panel and a form with readable text, nothing clipped', async () => {
    const screen = { width: 1366, height: 768 };
    const s = await newSession(world.browser, screen);
    try {
      await s.page.goto(`${world.url}/#/pages/login/index`);
      await s.page.locator('input[name=phone]').waitFor();
      await s.page.locator('[data-testid=login-pc-intro]').waitFor({ state: 'visible' });
      const layout = await s.page.evaluate(() => {
        const box = (sel: string) => {
          const r = document.querySelector(sel)!.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
        };
        const size = (sel: string) => parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize);
        return {
          brand: box('.hy-login__brand'),
          form: box('.hy-login__form'),
          logo: box('.hy-login__logo'),
          phone: box('input[name=phone]'),
          inputFont: size('input[name=phone]'),
          labelFont: size('.hy-login__label'),
          titleFont: size('.hy-login__title'),
          buttonFont: size('.hy-login__form .nut-button'),
          scrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
          scrollsDown: document.documentElement.scrollHeight > window.innerHeight + 1,
        };
      });
      // Side by side: the brand panel on the left, the form on the right.
      expect(layout.brand.right).toBeLessThanOrEqual(layout.form.left);
      expect(layout.brand.width).toBeGreaterThan(500);
      expect(layout.form.width).toBeGreaterThanOrEqual(360);
      expect(layout.form.width).toBeLessThanOrEqual(480);
      // Nothing clipped: the logo and the form inside the window, no scrolling.
      for (const b of [layout.logo, layout.form, layout.phone]) {
        expect(b.top).toBeGreaterThanOrEqual(0);
        expect(b.bottom).toBeLessThanOrEqual(screen.height);
        expect(b.right).toBeLessThanOrEqual(screen.width);
      }
      expect(layout.scrollsSideways).toBe(false);
      expect(layout.scrollsDown).toBe(false);
      // Readable sizes in CSS pixels (not a phone page's rem scaled down).
      expect(layout.inputFont).toBeGreaterThanOrEqual(15);
      expect(layout.labelFont).toBeGreaterThanOrEqual(13);
      expect(layout.buttonFont).toBeGreaterThanOrEqual(15);
      expect(layout.titleFont).toBeGreaterThanOrEqual(24);
      expect(layout.phone.height).toBeGreaterThanOrEqual(28);
      await saveScreenshot(s.page, 'desk-login-1366');

      // And it still logs in to the desk.
      await s.page.locator('input[name=phone]').fill(DEMO.service);
      await s.page.locator('input[name=password]').fill(DEMO.password);
      await s.page.locator('.hy-login__form .nut-button').click();
      await waitForHash(s.page, '#/pages/desk');
      await waitForDesk(s.page);
      expect(s.errors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  test('on a phone the login page keeps its phone layout', async () => {
    const s = await newSession(world.browser, PHONE);
    try {
      await s.page.goto(`${world.url}/#/pages/login/index`);
      await s.page.locator('input[name=phone]').waitFor();
      expect(await s.page.locator('[data-testid=login-pc-intro]').isVisible()).toBe(false);
    } finally {
      await s.context.close();
    }
  });

  test('the desk opened on a phone goes to the mobile pages', async () => {
    // 客服 is a desk role: on a phone he lands on the mobile home, and the desk's address leads there too.
    const s = await loginAs(world.browser, world.url, DEMO.service, PHONE);
    try {
      await waitForHash(s.page, '#/pages/home');
      await s.page.goto(`${world.url}/#/pages/desk/index?view=workOrders`);
      await waitForHash(s.page, '#/pages/home');
      expect(await s.page.locator('[data-testid=desk]').count()).toBe(0);

      // 我的 → 进入电脑工作台 is his own choice: the desk stays on the phone (电脑版) instead of sending him back.
      await s.page.locator('.nut-tabbar-item', { hasText: '我的' }).click();
      await s.page.locator('[data-testid=tab-me] .nut-cell', { hasText: '进入电脑工作台' }).click();
      await waitForDesk(s.page);
      // The desk writes its view into the address and keeps pc=1 there: a reload keeps the desk.
      await s.page.waitForFunction(() => /^#\/pages\/desk\/index\?.*\bpc=1\b.*\bview=/.test(window.location.hash));
      await s.page.reload();
      await waitForDesk(s.page);
      expect(await s.page.evaluate(() => window.location.hash)).toMatch(/^#\/pages\/desk\/index\?/);
      expect(s.errors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });
});
