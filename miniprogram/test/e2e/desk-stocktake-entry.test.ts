/** @jest-environment node */
/**
 * Issue 10 §1 and §5, as the keeper (陈美华, keeper of 总仓 only) works:
 *  - 录入实盘 on the desk: code, Enter, quantity, Enter for two parts books each count on its own
 *    part (before the fix the first got 1 and the second the first's quantity); Enter in the code
 *    box alone records nothing; the last entries are listed and 撤销 gives a line its previous
 *    count back (or 未盘), through the server, with the 录入记录 kept;
 *  - 审核 lists the lines whose variance is large (以下 N 项差异较大，请复核) and the 差异表 marks them;
 *  - 发起盘点, on the desk and on the phone, offers only the warehouses he keeps;
 *  - 复制 of a requisition opens a filled form and creates nothing until it is saved;
 *  - a 配件调回单 submitted without a part says why; drafts show 未发料 for 签收状态.
 */
import type { Page } from 'playwright-core';
import type { Page as ListPage, RequisitionListItem, StocktakeCountEntry, StocktakeLineView, StocktakeView } from '@hongyuan/shared';
import { DEMO, PHONE, TEST_TIMEOUT, apiGet, describeBrowser, pickOption, saveScreenshot, waitForHash, waitForTable } from './browser';
import {
  eventually,
  holds,
  expectCount,
  expectNone,
  expectText,
  expectTextContaining,
  expectValue,
  innerTexts,
  openView,
  success,
  useDesk,
} from './desk';

jest.setTimeout(TEST_TIMEOUT);

describeBrowser('desk: stock-take entry that cannot book the wrong part, copies that are forms, the keeper’s warehouses', () => {
  const keeper = useDesk(DEMO.keeper);
  let st: StocktakeView;
  let a: StocktakeLineView;
  let b: StocktakeLineView;
  let c: StocktakeLineView;

  const sheet = (page: Page) => apiGet<StocktakeView>(page, `/api/stocktakes/${st.id}`);
  const countedOf = (v: StocktakeView) =>
    Object.fromEntries(v.lines.filter((l) => l.countedQty !== null).map((l) => [l.partCode, l.countedQty]));
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');

  /** Types a code, Enter, then the quantity where the cursor went, Enter: the order the layout invites. */
  async function enter(page: Page, code: string, qty: number, name: string, { justOpened = false } = {}) {
    const box = page.locator('[data-testid=stocktake-code]');
    await box.fill(code);
    await box.press('Enter');
    await expectText(page.locator('[data-testid=stocktake-target-name]'), name);
    await eventually(
      () => focused(page),
      (id) => expect(id).toBe('stocktake-qty'),
    );
    // A scan right after the sheet opened: the drawer's late focus must not take the cursor back
    // to the code box (the quantity would go there).
    if (justOpened)
      await holds(
        () => focused(page),
        (id) => expect(id).toBe('stocktake-qty'),
        800,
      );
    await page.keyboard.type(String(qty));
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=stocktake-feedback]', { hasText: `已录入「${name}」实盘 ${qty}` }).waitFor();
    await eventually(
      () => focused(page),
      (id) => expect(id).toBe('stocktake-code'),
    );
  }

  test('发起盘点 offers only the warehouses he keeps; code, Enter, quantity, Enter books each count on its own part', async () => {
    const page = keeper.page;
    await openView(page, 'stocktakes');
    await page.locator('[data-testid=stocktake-new]').click();
    await page.locator('[data-testid=stocktake-warehouse]').click();
    await eventually(
      () => innerTexts(page.locator('.ant-select-dropdown:visible .ant-select-item-option')),
      (options) => expect(options).toEqual(['总仓']),
    );
    await page.keyboard.press('Escape');
    await pickOption(page, page.locator('[data-testid=stocktake-warehouse]'), '总仓');
    await page.locator('[data-testid=stocktake-form-save]').click();
    const no = /PD-\d{8}-\d{4}/.exec(await success(page, '已发起盘点'))![0];
    st = (await apiGet<ListPage<StocktakeView>>(page, `/api/stocktakes?keyword=${no}`)).items[0];
    st = await sheet(page);
    [a, b, c] = st.lines.filter((l) => (l.bookQty ?? 0) >= 2);
    await page.locator('[data-testid=stocktake-count]').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'stocktake-code');

    await enter(page, a.partCode, 7, a.partName);
    await enter(page, b.partCode.toLowerCase(), 3, b.partName);
    await eventually(
      () => sheet(page),
      (v) => expect(countedOf(v)).toEqual({ [a.partCode]: 7, [b.partCode]: 3 }),
    );

    // Enter in the code box alone records nothing, and an empty quantity says what is missing.
    const box = page.locator('[data-testid=stocktake-code]');
    await box.fill(c.partCode);
    await box.press('Enter');
    await expectText(page.locator('[data-testid=stocktake-target-name]'), c.partName);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=stocktake-feedback]', { hasText: `请填写「${c.partName}」的实盘数量` }).waitFor();
    // A barcode scanned into the quantity box is not taken for a count.
    await page.keyboard.type('6950100852570');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=stocktake-feedback]', { hasText: '过大：是否把条码扫进了数量框' }).waitFor();
    await box.click();
    await box.press('Enter');
    // Another code typed: the part shown no longer applies and nothing can be recorded on it.
    await box.fill(`${c.partCode}X`);
    await expectNone(page.locator('[data-testid=stocktake-target]'));
    await expectValue(page.locator('[data-testid=stocktake-qty]'), '');
    expect(await page.locator('[data-testid=stocktake-record]').isDisabled()).toBe(true);
    expect(countedOf(await sheet(page))).toEqual({ [a.partCode]: 7, [b.partCode]: 3 });
    await box.fill('');

    // The last entries, newest first, with 撤销.
    const recent = page.locator('[data-testid=stocktake-recent]');
    await eventually(
      () => innerTexts(recent.locator('.ant-table-row')),
      (rows) => {
        expect(rows).toHaveLength(2);
        expect(rows[0]).toContain(`${b.partName}（${b.partCode}）`);
        expect(rows[0]).toMatch(/\b3\b/);
        expect(rows[1]).toContain(`${a.partName}（${a.partCode}）`);
        expect(rows[1]).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      },
    );
    await saveScreenshot(page, 'desk-stocktake-entry');

    // A slip (31 on A) is taken back: A has its 7 again, and the history shows all three entries.
    await enter(page, a.partCode, 31, a.partName);
    await page.locator(`[data-testid=stocktake-undo-${a.partCode}]`).click();
    await page.locator('[data-testid=stocktake-feedback]', { hasText: `已撤销「${a.partName}」的录入 31，恢复为上次的 7` }).waitFor();
    await eventually(
      () => sheet(page),
      (v) => expect(countedOf(v)).toEqual({ [a.partCode]: 7, [b.partCode]: 3 }),
    );
    const lineA = (await sheet(page)).lines.find((l) => l.partId === a.partId)!;
    const history = await apiGet<StocktakeCountEntry[]>(page, `/api/stocktakes/${st.id}/lines/${lineA.id}/counts`);
    expect(history.map((e) => e.countedQty)).toEqual([7, 31, 7]);
    await expectValue(page.locator(`[data-testid=stocktake-counted-${a.partCode}]`), '7');

    // B's only count taken back: 未盘 again.
    await page.locator(`[data-testid=stocktake-undo-${b.partCode}]`).click();
    await page.locator('[data-testid=stocktake-feedback]', { hasText: `已撤销「${b.partName}」的录入 3，恢复为未盘` }).waitFor();
    await eventually(
      () => sheet(page),
      (v) => expect(countedOf(v)).toEqual({ [a.partCode]: 7 }),
    );
    await expectValue(page.locator(`[data-testid=stocktake-counted-${b.partCode}]`), '');
    expect(keeper.errors).toEqual([]);
  });

  test('审核 lists the large variances first (以下 N 项差异较大，请复核) and the 差异表 marks them', async () => {
    const page = keeper.page;
    await page.goto(`${keeper.url}/#/pages/desk/index?view=stocktakes&open=${st.id}`);
    await page.locator('[data-testid=stocktake-count]').waitFor();
    // A gains 12 (large), B as booked. (Gains only: he may approve his own count.)
    await enter(page, a.partCode, a.bookQty! + 12, a.partName, { justOpened: true });
    await enter(page, b.partCode, b.bookQty!, b.partName);
    // Marked on the count sheet already.
    await page.locator(`[data-testid=stocktake-count-big-${a.partCode}]`).waitFor();
    await expectNone(page.locator(`[data-testid=stocktake-count-big-${b.partCode}]`));
    await page.locator('[data-testid=stocktake-approve]').click();
    const big = page.locator('[data-testid=stocktake-approve-big]');
    await expectTextContaining(big, '以下 1 项差异较大，请复核', a.partCode, a.partName, '+12');
    expect(await big.innerText()).not.toContain(b.partCode);
    await saveScreenshot(page, 'desk-stocktake-approve-big');
    await page.locator('[data-testid=stocktake-approve-review]').click();
    await page.locator(`[data-testid=stocktake-big-${a.partCode}]`).waitFor();
    await expectTextContaining(page.locator('[data-testid=stocktake-big-alert]'), '1 项差异较大');
    await expectCount(page.locator('[data-testid=stocktake-variance-table] [data-testid^=stocktake-big-]'), 1);
    // Still counting: nothing was posted.
    expect((await sheet(page)).status).toBe('counting');

    await page.locator('[data-testid=stocktake-approve]').click();
    await page.locator('[data-testid=stocktake-approve-ok]').click();
    await success(page, '盘点已审核');
    await page.locator('[data-testid=stocktake-result]').waitFor();
    expect((await sheet(page)).status).toBe('approved');
    expect(keeper.errors).toEqual([]);
  });

  test('on the phone, 发起盘点 lists only the warehouses he keeps', async () => {
    const phone = await keeper.logIn(DEMO.keeper, PHONE);
    const page = phone.page;
    await page.goto(`${keeper.url}/#/packages/stock/stocktakes/index`);
    await page.locator('.hy-stocktake-new').click();
    const sheetPanel = page.locator('[data-testid=stocktake-start]');
    await sheetPanel.waitFor();
    await eventually(
      () => innerTexts(sheetPanel.locator('[data-testid=stocktake-start-warehouse]')),
      (names) => expect(names).toEqual(['总仓']),
    );
    await saveScreenshot(page, 'phone-stocktake-start');
    // Starting it opens the count.
    await page.locator('.hy-stocktake-start__ok').click();
    await waitForHash(page, '#/packages/stock/stocktake/index');
    await page.locator('.hy-count__head', { hasText: '总仓' }).waitFor();
    const open = await apiGet<ListPage<StocktakeView>>(page, '/api/stocktakes?status=counting');
    expect(open.items.map((s) => s.warehouseName)).toEqual(['总仓']);
    expect(phone.errors).toEqual([]);
  });

  test('复制 opens a filled form: closing it creates nothing, saving creates one copy', async () => {
    const page = keeper.page;
    await page.goto(`${keeper.url}/#/pages/desk/index?view=requisitions`);
    await waitForTable(page);
    const all = () => apiGet<ListPage<RequisitionListItem>>(page, '/api/requisitions?pageSize=100');
    const before = await all();
    const source = before.items.find((r) => r.status === 'approved')!;
    await page.locator(`[data-testid=requisition-copy-${source.id}]`).click();
    const form = page.locator('[data-testid=requisition-form]');
    await expectTextContaining(form.locator('[data-testid=requisition-copy-note]'), `由 ${source.no} 复制`, '保存或提交后才生成新单据');
    await page.locator('.ant-drawer-title', { hasText: '复制领用单' }).waitFor();
    await page.locator('.ant-drawer-extra button', { hasText: /^取\s*消$/ }).click();
    await expectCount(page.locator('[data-testid=requisition-form-draft]'), 0);
    expect((await all()).total).toBe(before.total);

    await page.locator(`[data-testid=requisition-copy-${source.id}]`).click();
    await page.locator('[data-testid=requisition-form-draft]').click();
    const copyNo = /LY-\d{8}-\d{4}/.exec(await success(page, '已保存'))![0];
    const after = await all();
    expect(after.total).toBe(before.total + 1);
    const copy = after.items.find((r) => r.no === copyNo)!;
    expect(copy).toMatchObject({ status: 'draft', copiedFromNo: source.no });
    // A draft is not issued yet: 签收状态 says so instead of staying blank or saying 未签收.
    await page.locator('[data-testid=requisition-detail] [data-status=not-issued]').waitFor();
    await expectText(page.locator('[data-testid=requisition-detail] [data-status=not-issued]'), '未发料');
    expect(keeper.errors).toEqual([]);
  });

  test('the 签收状态 column says 未发料 or — where nothing was issued', async () => {
    const page = keeper.page;
    await page.goto(`${keeper.url}/#/pages/desk/index?view=requisitions`);
    await waitForTable(page);
    const rows = await apiGet<ListPage<RequisitionListItem>>(page, '/api/requisitions?pageSize=30');
    const table = page.locator('[data-testid=requisition-table]');
    for (const r of rows.items.filter((x) => x.status !== 'approved').slice(0, 4)) {
      const cells = table.locator('.ant-table-row', { hasText: r.no }).locator('td');
      await expectText(cells.nth(3), r.status === 'draft' || r.status === 'pending' ? '未发料' : '—');
    }
  });

  test('submitting a 配件调回单 without a part says why', async () => {
    const page = keeper.page;
    await page.goto(`${keeper.url}/#/pages/desk/index?view=returns`);
    await waitForTable(page);
    await page.locator('[data-testid=return-new]').click();
    await pickOption(page, page.locator('[data-testid=return-employee]'), '王建学');
    await pickOption(page, page.locator('[data-testid=return-warehouse]'), '总仓');
    await page.locator('[data-testid=return-form-submit]').click();
    await page.locator('.ant-message-error', { hasText: '调回单还没有配件：请先列出员工手上的配件，填写本次调回的数量后再提交' }).waitFor();
    await page.locator('[data-testid=return-form-submit]').waitFor();
  });
});
