/** @jest-environment node */
/**
 * The admin's master data on the desk: department, employee (roles, reset password, then that
 * employee logs in on a phone), vehicle model, price level, a part priced in yuan with a level
 * price and a compatible model (checked in fen through the API), and a warehouse's keepers.
 */
import type { Page } from 'playwright-core';
import {
  DEMO,
  PHONE,
  TEST_TIMEOUT,
  apiGet,
  describeBrowser,
  pickOption,
  searchView,
  submitLogin,
  waitForHash,
  waitForLoginError,
} from './browser';
import { expectTextContaining, expectTextMatching, expectValue, openView, useDesk } from './desk';

jest.setTimeout(TEST_TIMEOUT);

const DEPT = '测试维修二部';
const EMP = { name: '测试技师甲', phone: '13900001234', password: 'ceshi-jia-1', newPassword: 'xyz98765' };
const MODEL = { brand: '比亚迪', series: '秦PLUS', year: '2023', engine: 'DM-i 1.5L' };
const LEVEL = '维修厂价';
const PART = { code: 'E2E-NEW-01', name: '测试火花塞', sale: '12.5', cost: '8', level: '11.8' };

/** Presses a form's 保存 and waits for the success message and the form to close. */
async function saved(page: Page, testId: string): Promise<void> {
  await page.locator(`[data-testid=${testId}-save]`).click();
  await page.locator('.ant-message-success').last().waitFor();
  await page.locator(`[data-testid=${testId}]`).waitFor({ state: 'detached' });
}

describeBrowser('desk: master data (管理员)', () => {
  const desk = useDesk(DEMO.admin);

  test('部门: create, rename', async () => {
    const page = desk.page;
    await openView(page, 'departments');
    await page.locator('[data-testid=department-new]').click();
    await page.locator('[data-testid=department-name]').fill('测试维修部');
    await saved(page, 'department-form');
    const d = (
      await apiGet<{ items: { id: number; name: string }[] }>(page, `/api/departments?keyword=${encodeURIComponent('测试维修部')}`)
    ).items[0];
    expect(d.name).toBe('测试维修部');
    await page.locator(`[data-testid=department-edit-${d.id}]`).click();
    await expectValue(page.locator('[data-testid=department-name]'), '测试维修部');
    await page.locator('[data-testid=department-name]').fill(DEPT);
    await saved(page, 'department-form');
    await page.locator('[data-testid=view-departments] .ant-table-row', { hasText: DEPT }).waitFor();
  });

  test('员工: create with roles and department (client-checked password), reset the password', async () => {
    const page = desk.page;
    await openView(page, 'employees');
    await page.locator('[data-testid=employee-new]').click();
    const form = page.locator('[data-testid=employee-form]');
    await page.locator('[data-testid=employee-name]').fill(EMP.name);
    await page.locator('[data-testid=employee-phone]').fill(EMP.phone);
    await pickOption(page, form.locator('[data-testid=employee-department]'), DEPT);
    await pickOption(page, form.locator('[data-testid=employee-roles]'), '技师');
    await pickOption(page, form.locator('[data-testid=employee-roles]'), '库管');
    await page.keyboard.press('Escape');
    // A weak password is refused on the client with the shared rule's message.
    await page.locator('[data-testid=employee-password]').fill('12345678');
    await page.locator('[data-testid=employee-form-save]').click();
    await form.getByText('初始密码需同时包含字母和数字').waitFor();
    await page.locator('[data-testid=employee-password]').fill(EMP.password);
    await saved(page, 'employee-form');

    await searchView(page, 'employees', EMP.phone);
    const row = page.locator('[data-testid=view-employees] .ant-table-row', { hasText: EMP.name });
    await expectTextMatching(row, /技师[\s\S]*库管|库管[\s\S]*技师/);
    await expectTextContaining(row, DEPT);

    const emp = (
      await apiGet<{ items: { id: number; roles: string[]; departmentName: string }[] }>(page, `/api/employees?keyword=${EMP.phone}`)
    ).items[0];
    expect(emp.roles.sort()).toEqual(['keeper', 'technician']);
    await page.locator(`[data-testid=employee-reset-${emp.id}]`).click();
    await page.locator('[data-testid=employee-new-password]').fill(EMP.newPassword);
    await saved(page, 'employee-password-form');
  });

  test('the new employee logs in on a phone with the reset password (not the old one)', async () => {
    const fresh = await desk.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await fresh.newPage();
    try {
      await submitLogin(page, desk.url, EMP.phone, EMP.password);
      await waitForLoginError(page);
      await submitLogin(page, desk.url, EMP.phone, EMP.newPassword);
      await waitForHash(page, '#/pages/home');
      await page.locator('[data-testid=tab-orders]').waitFor();
    } finally {
      await fresh.close();
    }
  });

  test('车型 and 价格等级: create', async () => {
    const page = desk.page;
    await openView(page, 'vehicleModels');
    await page.locator('[data-testid=vehicle-model-new]').click();
    await page.locator('[data-testid=vehicle-model-brand]').fill(MODEL.brand);
    await page.locator('[data-testid=vehicle-model-series]').fill(MODEL.series);
    await page.locator('[data-testid=vehicle-model-year]').fill(MODEL.year);
    await page.locator('[data-testid=vehicle-model-engine]').fill(MODEL.engine);
    await saved(page, 'vehicle-model-form');
    await searchView(page, 'vehicleModels', MODEL.series);
    await page.locator('[data-testid=view-vehicleModels] .ant-table-row', { hasText: '2023款' }).waitFor();

    await openView(page, 'priceLevels');
    await page.locator('[data-testid=price-level-new]').click();
    await page.locator('[data-testid=price-level-name]').fill(LEVEL);
    await page.locator('[data-testid=price-level-sort]').fill('5');
    await saved(page, 'price-level-form');
    await page.locator('[data-testid=view-priceLevels] .ant-table-row', { hasText: LEVEL }).waitFor();
  });

  test('配件: yuan in the form, integer fen on the wire; level price and compatible model', async () => {
    const page = desk.page;
    await openView(page, 'parts');
    await page.locator('[data-testid=part-new]').click();
    const form = page.locator('[data-testid=part-form]');
    await form.waitFor();
    await page.locator('[data-testid=part-code]').fill(PART.code);
    await page.locator('[data-testid=part-name]').fill(PART.name);
    await pickOption(page, form.locator('[data-testid=part-category]'), '点火系统');
    // A price with three decimals is refused before anything is sent.
    await page.locator('[data-testid=part-sale-price]').fill('12.505');
    await page.locator('[data-testid=part-form-save]').click();
    await form.getByText('销售价应为金额，最多两位小数').waitFor();
    await page.locator('[data-testid=part-sale-price]').fill(PART.sale);
    await page.locator('[data-testid=part-cost-price]').fill(PART.cost);
    const models = form.locator('[data-testid=part-vehicle-models]');
    await models.locator('.ant-select-selector').click();
    await page.keyboard.type(MODEL.series);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: MODEL.series }).first().click();
    await page.keyboard.press('Escape');
    const level = (await apiGet<{ items: { id: number; name: string }[] }>(page, `/api/price-levels?keyword=${encodeURIComponent(LEVEL)}`))
      .items[0];
    await page.locator(`[data-testid=part-level-price-${level.id}]`).fill(PART.level);
    await page.locator('[data-testid=part-form-save]').click();
    await page.locator('.ant-message-success', { hasText: '配件已保存' }).waitFor();
    // the drawer (and its mask, which takes the clicks) is gone before the list is used
    await form.waitFor({ state: 'detached' });

    const part = (
      await apiGet<{
        items: {
          id: number;
          salePrice: number;
          costPrice: number;
          category: string;
          prices: { priceLevelId: number; price: number }[];
          vehicleModels: { name: string }[];
        }[];
      }>(page, `/api/parts?keyword=${PART.code}`)
    ).items[0];
    expect(part).toMatchObject({ salePrice: 1250, costPrice: 800, category: '点火系统' });
    expect(part.prices).toEqual([expect.objectContaining({ priceLevelId: level.id, price: 1180 })]);
    expect(part.vehicleModels.map((m) => m.name).join()).toContain(MODEL.series);

    // The list shows yuan; the vehicle-model filter finds it.
    await searchView(page, 'parts', PART.code);
    const row = page.locator('[data-testid=part-table] .ant-table-row', { hasText: PART.code });
    await expectTextContaining(row, '¥12.50', '¥8.00');
    await searchView(page, 'parts', '');
    await pickOption(page, page.locator('[data-testid=part-filter-model]'), MODEL.series);
    await page.waitForFunction(() => !document.querySelector('[data-testid=view-parts] .ant-spin-spinning'));
    await page.locator('[data-testid=part-table] .ant-table-row', { hasText: PART.code }).waitFor();

    // Editing shows the stored fen as yuan again.
    await page.locator(`[data-testid=part-edit-${part.id}]`).click();
    await form.waitFor();
    await expectValue(page.locator('[data-testid=part-sale-price]'), '12.50');
    await expectValue(page.locator(`[data-testid=part-level-price-${level.id}]`), '11.80');
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await form.waitFor({ state: 'detached' });
  });

  test('仓库: add the new keeper to a warehouse', async () => {
    const page = desk.page;
    await openView(page, 'warehouses');
    const wh = (await apiGet<{ items: { id: number; name: string; keepers: { id: number }[] }[] }>(page, '/api/warehouses')).items[0];
    await page.locator(`[data-testid=warehouse-edit-${wh.id}]`).click();
    const form = page.locator('[data-testid=warehouse-form]');
    await pickOption(page, form.locator('[data-testid=warehouse-keepers]'), EMP.name);
    await page.keyboard.press('Escape');
    await saved(page, 'warehouse-form');
    await page.locator('[data-testid=view-warehouses] .ant-table-row', { hasText: EMP.name }).waitFor();
    const after = (await apiGet<{ items: { id: number; keepers: { name: string }[] }[] }>(page, '/api/warehouses')).items.find(
      (w) => w.id === wh.id,
    )!;
    expect(after.keepers.map((k) => k.name)).toContain(EMP.name);
    expect(after.keepers.length).toBe(wh.keepers.length + 1);
    expect(desk.errors).toEqual([]);
  });
});
