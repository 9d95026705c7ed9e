/**
 * 扫码 on H5 (the phone pages in a browser): the camera reads a part's barcode where the browser
 * allows it (here Chromium's fake camera showing an EAN-13 of a demo part), and without a
 * camera the manual entry is what 扫码 opens.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import {
  DEMO,
  PHONE,
  SETUP_TIMEOUT,
  TEST_TIMEOUT,
  describeBrowser,
  launchBrowser,
  loginAs,
  server,
  type Server,
  type Session,
} from './browser';
import { expectTextContaining, expectTextMatching, expectValue } from './desk';
import { writeBarcodeY4m } from './barcode-video';

/** 米其林 轮胎 205/55R16 in the demo catalogue. */
const BARCODE = '6950100852570';

async function openStockSearch(page: Page): Promise<void> {
  await page.locator('.nut-tabbar-item', { hasText: '库存' }).click();
  await page.locator('.hy-stock .hy-scan__btn').first().waitFor();
}

describeBrowser('H5 扫码 with the camera, or typed when there is none', () => {
  let srv: Server;
  let withCamera: Browser;
  let noCamera: Browser;
  const sessions: Session[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'hy-scan-'));

  beforeAll(async () => {
    const video = join(dir, 'barcode.y4m');
    writeBarcodeY4m(video, BARCODE);
    srv = await server();
    withCamera = await launchBrowser([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    noCamera = await launchBrowser();
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    for (const s of sessions) await s.context.close();
    await withCamera?.close();
    await noCamera?.close();
    await srv?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test(
    'the camera reads the barcode of a part and the stock search shows that part',
    async () => {
      const s = await loginAs(withCamera, srv.url, DEMO.keeper, PHONE);
      sessions.push(s);
      await openStockSearch(s.page);
      // The barcode library is not part of the first page: it comes when 扫码 is pressed.
      const scripts = await s.page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      expect(scripts.some((n) => /zxing/i.test(n))).toBe(false);
      await s.page.locator('.hy-stock .hy-scan__btn').first().click();
      await s.page.locator('[data-testid=scan-camera]').waitFor();
      await expectValue(s.page.locator('.hy-stock .nut-searchbar input').first(), BARCODE);
      await expectTextContaining(s.page.locator('.hy-stock'), `“${BARCODE}” 共 1 个配件`, '米其林 轮胎 205/55R16');
      // The sheet closed by itself and the camera is off.
      await s.page.locator('[data-testid=sheet]').waitFor({ state: 'detached' });
      expect(await s.page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
      expect(s.errors).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  test(
    'without a camera 扫码 says why and takes the code typed in',
    async () => {
      const s = await loginAs(noCamera, srv.url, DEMO.keeper, PHONE);
      sessions.push(s);
      await openStockSearch(s.page);
      await s.page.locator('.hy-stock .hy-scan__btn').first().click();
      const hint = s.page.locator('[data-testid=scan-manual-hint]');
      await expectTextContaining(hint, '请输入或粘贴配件条码');
      await expectTextMatching(hint, /没有找到摄像头|没有摄像头权限|摄像头打不开/);
      await s.page.locator('[data-testid=sheet] input[name=scanCode]').fill(BARCODE);
      await s.page.locator('[data-testid=sheet] .nut-button', { hasText: '确定' }).click();
      await expectValue(s.page.locator('.hy-stock .nut-searchbar input').first(), BARCODE);
      await expectTextContaining(s.page.locator('.hy-stock'), '米其林 轮胎 205/55R16');
      expect(s.errors).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
