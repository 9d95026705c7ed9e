/** @jest-environment node */
/**
 * Scenario c): 库管 imports a parts workbook with one bad row on the desk, sees the per-row
 * error report, and nothing is imported; after the row is fixed the same file goes in whole.
 * Also: 导出 and 下载导入模板 give real .xlsx files.
 */
import type { Page } from 'playwright-core';
import { DEMO, SETUP_TIMEOUT, TEST_TIMEOUT, apiGet, describeBrowser, saveScreenshot } from './browser';
import { cellTexts, eventually, expectTextContaining, openView, useDesk } from './desk';
import { downloadedSheet, headerOf, uploadXlsx, xlsx } from './excel';

jest.setTimeout(TEST_TIMEOUT);

const HEADERS = [
  '配件编号',
  '配件名称',
  '配件型号',
  '配件规格',
  '单位',
  '分类',
  '成本价(元)',
  '销售价(元)',
  '税率(%)',
  '最低库存',
  '适用车型',
  '启用',
];
const PREFIX = `E2E${Date.now().toString(36).toUpperCase()}`;

type Row = (string | number)[];
function rows(badSalePrice: string | number): Row[] {
  return [
    [`${PREFIX}-001`, '测试机油滤清器', 'W712/75', 'M20×1.5', '个', '滤清器', 12.5, 25, 13, 2, '', '是'],
    [`${PREFIX}-002`, '测试空气滤清器', 'C2029', '标准', '个', '滤清器', 18, 36.8, 13, 2, '', '是'],
    [`${PREFIX}-003`, '测试刹车片', 'D1234', '前轮', '套', '制动系统', 80, badSalePrice, 13, 1, '', '是'],
  ];
}

function workbook(data: Row[]): Promise<Buffer> {
  return xlsx('配件', HEADERS, data);
}

async function importFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await uploadXlsx(page.locator('[data-testid=part-import-file]'), name, buffer);
}

describeBrowser('desk: parts import (库管)', () => {
  const desk = useDesk(DEMO.keeper);

  beforeAll(async () => {
    await openView(desk.page, 'parts');
  }, SETUP_TIMEOUT);

  test('a workbook with one bad row shows the per-row report and imports nothing', async () => {
    const page = desk.page;
    const before = await apiGet<{ total: number }>(page, `/api/parts?keyword=${PREFIX}`);
    expect(before.total).toBe(0);

    await importFile(page, '配件导入-有错误.xlsx', await workbook(rows('abc')));
    const report = page.locator('[data-testid=import-errors]');
    await report.waitFor();
    // Exactly the bad row (Excel row 4: header, then two good rows), naming the column.
    await eventually(
      () => cellTexts(report.locator('.ant-table-row')),
      (lines) => {
        expect(lines.length).toBeGreaterThanOrEqual(1);
        expect(lines.every(([row]) => row === '4')).toBe(true);
        expect(lines.map((l) => l.join(' ')).join('\n')).toContain('销售价');
      },
    );
    await expectTextContaining(report, '没有导入任何数据');
    await saveScreenshot(page, 'desk-parts-import-errors');
    await page.locator('[data-testid=import-errors-close]').click();
    await report.waitFor({ state: 'hidden' });

    // Nothing went in, not even the two good rows.
    const after = await apiGet<{ total: number }>(page, `/api/parts?keyword=${PREFIX}`);
    expect(after.total).toBe(0);
  });

  test('the fixed workbook is imported whole and the parts are listed', async () => {
    const page = desk.page;
    await importFile(page, '配件导入.xlsx', await workbook(rows(168)));
    await page.locator('.ant-message-success', { hasText: '导入成功' }).waitFor();

    const after = await apiGet<{ total: number; items: { code: string; salePrice: number; costPrice?: number }[] }>(
      page,
      `/api/parts?keyword=${PREFIX}`,
    );
    expect(after.total).toBe(3);
    const byCode = Object.fromEntries(after.items.map((p) => [p.code, p]));
    expect(byCode[`${PREFIX}-002`].salePrice).toBe(3680); // 36.8 元, exactly, in fen
    expect(byCode[`${PREFIX}-003`].salePrice).toBe(16800);
    expect(byCode[`${PREFIX}-001`].costPrice).toBe(1250); // the keeper may see cost

    const box = page.locator('[data-testid=view-parts] .ant-input-search input');
    await box.fill(PREFIX);
    await box.press('Enter');
    await page.waitForFunction(() => !document.querySelector('[data-testid=view-parts] .ant-spin-spinning'));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=part-table] .ant-table-row').length === n, 3);
    await expectTextContaining(page.locator('[data-testid=part-table] .ant-table-tbody'), '¥36.80', '¥168.00');
    expect(desk.errors).toEqual([]);
  });

  test('导出 and 下载导入模板 download .xlsx files with the import columns', async () => {
    const page = desk.page;
    const [template] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=part-template]').click()]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    // Every import column is in the template (a header may carry a hint: "启用(是/否)").
    const header = headerOf(await downloadedSheet(template));
    for (const h of HEADERS) expect(header.some((x) => x.startsWith(h))).toBe(true);

    const [exported] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=part-export]').click()]);
    expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(headerOf(await downloadedSheet(exported))).toEqual(expect.arrayContaining(['配件编号', '配件名称']));
  });
});
