/** @jest-environment node */
/**
 * Part search in the workshop's own words (issue 10 §3): on the desk the keeper finds
 * 机油滤清器 by "jylx", keeps the synonym list and a part's 别名; on the phone 机油滤芯 finds it,
 * and using a part not listed for the vehicle's model warns the technician (and does not block).
 */
import type { Page } from 'playwright-core';
import type { PartFitmentView, PartView, VehicleModelView, WorkOrderDetail, WorkOrderListItem } from '@hongyuan/shared';
import { DEMO, PHONE, SETUP_TIMEOUT, TEST_TIMEOUT, describeBrowser, saveScreenshot, waitForDesk } from './browser';
import { eventually, expectTextContaining, innerTexts, openView, success, useBrowser } from './desk';
import { apiLogin, callApi } from '../support/api';

jest.setTimeout(TEST_TIMEOUT);

/** 刘志强, the technician whose order is in progress in the demo data. */
const LIU_ZHIQIANG = '13800000007';

async function searchParts(page: Page, keyword: string): Promise<void> {
  const box = page.locator('[data-testid=view-parts] .ant-input-search input').first();
  await box.fill(keyword);
  await box.press('Enter');
}

/** The part names the desk's parts table shows (first column after the code). */
const partNames = (page: Page) => innerTexts(page.locator('[data-testid=part-table] .ant-table-tbody .ant-table-row td:nth-child(2)'));

describeBrowser('part words: aliases, synonyms, pinyin initials, fitment', () => {
  const world = useBrowser();
  let desk: Page;

  beforeAll(async () => {
    const s = await world.logIn(DEMO.keeper);
    await waitForDesk(s.page);
    desk = s.page;
  }, SETUP_TIMEOUT);

  test('the desk finds 机油滤清器 by "jylx" and by 机油滤芯, and its hint says what it searches', async () => {
    await openView(desk, 'parts');
    const box = desk.locator('[data-testid=view-parts] .ant-input-search input').first();
    expect(await box.getAttribute('placeholder')).toBe('名称 / 别名 / 编码 / 条码 / 拼音首字母');
    for (const kw of ['jylx', '机油滤芯']) {
      await searchParts(desk, kw);
      await eventually(
        () => partNames(desk),
        (names) => {
          expect(names.length).toBeGreaterThan(0);
          expect(names.every((n) => n.includes('机油滤清器'))).toBe(true);
        },
      );
    }
  });

  test('the keeper adds a synonym group on the desk and the part search uses it at once', async () => {
    await openView(desk, 'synonyms');
    await expectTextContaining(desk.locator('[data-testid=synonym-table]'), '机油滤芯', '制动片', '蓄电池');
    await desk.locator('[data-testid=synonym-new]').click();
    const words = desk.locator('[data-testid=synonym-form] [data-testid=synonym-words] input');
    for (const w of ['水泵', '水循环泵']) {
      await words.fill(w);
      await words.press('Enter');
    }
    await desk.locator('[data-testid=synonym-form-save]').click();
    await success(desk, '同义词已保存');
    await expectTextContaining(desk.locator('[data-testid=synonym-table]'), '水循环泵');
    await saveScreenshot(desk, 'desk-part-synonyms');

    await openView(desk, 'parts');
    await searchParts(desk, '水循环泵');
    await eventually(
      () => partNames(desk),
      (names) => expect(names.some((n) => n.includes('水泵'))).toBe(true),
    );
  });

  test('a part’s 别名 set in the form shows in the list and finds it, also by its initials', async () => {
    await openView(desk, 'parts');
    await searchParts(desk, '节温器');
    const row = desk.locator('[data-testid=part-table] .ant-table-row', { hasText: '节温器（丰田）' }).first();
    await row.waitFor();
    await row.locator('[data-testid^=part-edit-]').click();
    const aliases = desk.locator('[data-testid=part-aliases]');
    await aliases.waitFor();
    await aliases.fill('调温器、水温阀');
    await desk.locator('[data-testid=part-form-save]').click();
    await success(desk, '配件已保存');
    for (const kw of ['水温阀', 'swf']) {
      await searchParts(desk, kw);
      await eventually(
        () => partNames(desk),
        (names) => expect(names).toEqual([expect.stringContaining('节温器（丰田）')]),
      );
    }
    await expectTextContaining(desk.locator('[data-testid=part-aliases-cell]').first(), '调温器、水温阀');
  });

  test('on the phone 机油滤芯 finds 机油滤清器 in the catalogue, the box saying what it searches', async () => {
    const phone = await world.logIn(DEMO.technician, PHONE);
    const page = phone.page;
    await page.locator('.nut-tabbar-item', { hasText: '配件' }).click();
    await page.locator('.hy-segment--catalogue').click();
    const input = page.locator('.hy-parts__search input').first();
    await input.waitFor();
    expect(await input.getAttribute('placeholder')).toBe('名称、别名、编码、条码或拼音首字母');
    await input.fill('机油滤芯');
    await eventually(
      () => innerTexts(page.locator('[data-testid=part-item] .hy-part__name')),
      (names) => {
        expect(names.length).toBeGreaterThan(0);
        expect(names.every((n) => n.includes('机油滤清器'))).toBe(true);
      },
    );
    expect(phone.errors).toEqual([]);
  });

  test('using a part not listed for the vehicle’s model warns the technician, and he can still use it', async () => {
    // 刘志强's order in progress (demo data), with a vehicle that has a model.
    const techToken = await apiLogin(world.url, LIU_ZHIQIANG);
    const keeperToken = await apiLogin(world.url, DEMO.keeper);
    const get = async <T>(path: string, token = techToken): Promise<T> => {
      const r = await callApi<T>(world.url, 'GET', path, token);
      if (!r.body.ok) throw new Error(`GET ${path}: ${JSON.stringify(r.body)}`);
      return r.body.data;
    };
    const orders = await get<{ items: WorkOrderListItem[] }>('/work-orders?state=in_progress&pageSize=50');
    const order = orders.items.find((o) => o.vehicleId)!;
    expect(order).toBeTruthy();
    const held = (await get<{ items: { partId: number; partCode: string; partName: string; qty: number }[] }>('/holdings?pageSize=100'))
      .items;
    expect(held.length).toBeGreaterThan(0);
    const part = held[0];
    const fit = await get<PartFitmentView>(`/parts/${part.partId}/fitment?vehicleId=${order.vehicleId}`);
    expect(fit.vehicleModelName).toBeTruthy();
    // The keeper lists the part for another model only.
    const other = (await get<{ items: VehicleModelView[] }>('/vehicle-models?pageSize=200')).items.find(
      (m) => m.name !== fit.vehicleModelName,
    )!;
    const full = await get<PartView>(`/parts/${part.partId}`, keeperToken);
    const put = await callApi(world.url, 'PUT', `/parts/${part.partId}`, keeperToken, {
      code: full.code,
      name: full.name,
      aliases: full.aliases,
      model: full.model,
      spec: full.spec,
      unit: full.unit,
      category: full.category,
      costPrice: full.costPrice,
      salePrice: full.salePrice,
      taxRate: full.taxRate,
      minStock: full.minStock,
      vehicleModelIds: [other.id],
      prices: full.prices.map((x) => ({ priceLevelId: x.priceLevelId, price: x.price })),
      enabled: full.enabled,
    });
    expect(put.status).toBe(200);

    const phone = await world.logIn(LIU_ZHIQIANG, PHONE);
    const page = phone.page;
    await page.goto(`${world.url}/#/packages/work/order/index?id=${order.id}`);
    const add = page.locator('.hy-wo-add-part').locator('visible=true').first();
    await add.waitFor();
    await add.click();
    const sheet = page.locator('[data-testid=sheet]');
    await sheet.waitFor();
    await sheet.locator('.hy-use__search input').first().fill(part.partCode);
    await sheet.locator('[data-testid=holding-pick]', { hasText: part.partCode }).first().click();
    await sheet.locator('[data-testid=use-amount]').waitFor();
    await expectTextContaining(sheet.locator('[data-testid=use-misfit]'), `此配件未登记适用于 ${fit.vehicleModelName}，请确认`);
    // A warning, not a block: 确认用料 stays available.
    expect(await sheet.locator('.hy-use__confirm').first().isEnabled()).toBe(true);
    await saveScreenshot(page, 'phone-use-part-misfit');

    // The part listed for the vehicle's model again: no warning.
    await callApi(world.url, 'PUT', `/parts/${part.partId}`, keeperToken, {
      ...(put.body as { data: object }).data,
      id: undefined,
      pinyin: undefined,
      vehicleModels: undefined,
      vehicleModelIds: [],
      prices: full.prices.map((x) => ({ priceLevelId: x.priceLevelId, price: x.price })),
    });
    await sheet.locator('.hy-use__back').first().click();
    await sheet.locator('[data-testid=holding-pick]', { hasText: part.partCode }).first().click();
    await sheet.locator('[data-testid=use-amount]').waitFor();
    await eventually(
      () => sheet.locator('[data-testid=use-misfit]').count(),
      (n) => expect(n).toBe(0),
    );
    expect(phone.errors).toEqual([]);
    // The order's detail is what the sheet read the vehicle from.
    expect((await get<WorkOrderDetail>(`/work-orders/${order.id}`)).vehicleId).toBe(order.vehicleId);
  });
});
