/** @jest-environment node */
/**
 * The keeper's other warehouse work on the desk: an 入库单 typed in yuan and stored in fen, then
 * confirmed; 每日剩余配件入库 for a technician; a blind 盘库 counted with the code box (code, Enter,
 * then the quantity of the part shown) while the warehouse refuses approvals with a clear message, the
 * variance report and the approval; the 预警 settings and the 审批设置; 库存 with low stock
 * marked; and the print sheets of the return, the inbound and the stock-take.
 */
import type { Page } from 'playwright-core';
import type { InboundView, Page as ListPage, ReturnListItem, StockView, StocktakeView } from '@hongyuan/shared';
import {
  DEMO,
  SETUP_TIMEOUT,
  TEST_TIMEOUT,
  apiGet,
  apiPost,
  closeOverlays,
  describeBrowser,
  pickOption,
  waitForTable,
  type Session,
} from './browser';
import {
  confirm,
  logInAt,
  eventually,
  holds,
  expectCount,
  expectText,
  expectTextContaining,
  expectTextMatching,
  expectValue,
  openPrintSheet,
  openView,
  success,
  innerTexts,
  useDesk,
} from './desk';
import { apiAs, apiLogin, callApi } from '../support/api';

jest.setTimeout(TEST_TIMEOUT);

/** 季红, the other keeper of 总仓: she decides what 陈美华 wrote, and the other way round (不能审批自己的单据). */
const KEEPER_B = '13800000009';

/** How many of a part 总仓 has (through the API). */
async function mainStock(page: Page, code: string): Promise<number> {
  const s = (await apiGet<ListPage<StockView>>(page, `/api/stock?keyword=${encodeURIComponent(code)}`)).items.find(
    (x) => x.partCode === code,
  )!;
  return s.warehouses.find((w) => w.warehouseName === '总仓')!.qty ?? 0;
}

/**
 * Opens a print sheet from a button, waits until it shows the document's number and every one
 * of `expected`, and closes it.
 */
async function expectPrinted(s: Session, testId: string, no: string, expected: string[]): Promise<void> {
  const sheet = await openPrintSheet(s, testId);
  try {
    await expectText(sheet.locator('[data-testid=print-no]'), no);
    await expectTextContaining(sheet.locator('[data-testid=print-sheet]'), ...expected);
  } finally {
    await sheet.close();
  }
}

describeBrowser('desk: warehouse work (入库、每日剩余、盘库、预警、库存)', () => {
  const keeper = useDesk(DEMO.keeper);
  let part: StockView;

  beforeAll(async () => {
    // A part 总仓 has a few of and nobody holds.
    part = (await apiGet<ListPage<StockView>>(keeper.page, '/api/stock?pageSize=100')).items.find(
      (s) => s.held === 0 && (s.warehouses.find((w) => w.warehouseName === '总仓')!.qty ?? 0) >= 2,
    )!;
  }, SETUP_TIMEOUT);

  test('入库单: unit cost typed in yuan is stored in fen; 确认入库 raises the stock; the sheet prints', async () => {
    const page = keeper.page;
    const before = await mainStock(page, part.partCode);
    await openView(page, 'inbounds');
    await page.locator('[data-testid=inbound-new]').click();
    const form = page.locator('[data-testid=inbound-form]');
    await form.waitFor();
    await pickOption(page, form.locator('[data-testid=inbound-warehouse]'), '总仓');
    await form.locator('[data-testid=inbound-supplier]').fill('丽水市宏达汽配有限公司');
    await pickOption(page, form.locator('[data-testid=inbound-line-part-0]'), part.partCode);
    await form.locator('[data-testid=inbound-line-qty-0]').fill('5');
    await form.locator('[data-testid=inbound-line-cost-0]').fill('abc');
    await page.locator('[data-testid=inbound-form-save]').click();
    await form.getByText('单价应为金额，最多两位小数').waitFor();
    await form.locator('[data-testid=inbound-line-cost-0]').fill('12.5');
    await expectTextContaining(form.locator('[data-testid=inbound-form-total]'), '¥62.50');
    await page.locator('[data-testid=inbound-form-save]').click();
    const no = /RK-\d{8}-\d{4}/.exec(await success(page, '已保存'))![0];
    const id = (await apiGet<ListPage<InboundView>>(page, `/api/inbounds?keyword=${no}`)).items[0].id;
    const draft = await apiGet<InboundView>(page, `/api/inbounds/${id}`);
    expect(draft.lines.map((l) => [l.partId, l.qty, l.unitCost])).toEqual([[part.partId, 5, 1250]]);
    expect(draft.total).toBe(6250);
    expect(await mainStock(page, part.partCode)).toBe(before); // a draft does not count

    await confirm(page, 'inbound-confirm');
    await success(page, '已确认入库');
    expect(await mainStock(page, part.partCode)).toBe(before + 5);
    await expectPrinted(keeper.session, 'inbound-print', no, [
      '庆元县宏沅汽车服务有限公司',
      '入库单',
      part.partCode,
      '¥12.50',
      '¥62.50',
      '送货人签字',
      '库管签字',
    ]);
  });

  test('每日剩余配件入库: everything an employee holds goes back in one confirmation, then the keeper approves', async () => {
    const page = keeper.page;
    await openView(page, 'returns');
    await page.locator('[data-testid=return-leftovers]').click();
    // 刘志强 already has a return waiting: what it sends back is left out, so nothing goes back twice.
    await pickOption(page, page.locator('[data-testid=leftovers-employee]'), '刘志强');
    await page.locator('.ant-modal-wrap:visible .ant-alert', { hasText: '已在待审批的调回单中，不重复退还' }).waitFor();
    await expectTextContaining(page.locator('[data-testid=leftovers-warehouse]'), '城东服务站仓');
    const liu = (await apiGet<ListPage<{ id: number; name: string }>>(page, `/api/employees?keyword=${encodeURIComponent('刘志强')}`))
      .items[0];
    const liuPrefill = await apiGet<{ pendingQty: number; lines: { heldQty: number }[] }>(
      page,
      `/api/returns/prefill?employeeId=${liu.id}`,
    );
    const liuHeld = (await apiGet<ListPage<{ qty: number }>>(page, `/api/holdings?employeeId=${liu.id}&pageSize=200`)).items.reduce(
      (s, h) => s + h.qty,
      0,
    );
    expect(liuPrefill.lines.reduce((s, l) => s + l.heldQty, 0)).toBe(liuHeld - liuPrefill.pendingQty);
    expect(liuPrefill.pendingQty).toBeGreaterThan(0);

    await pickOption(page, page.locator('[data-testid=leftovers-employee]'), '王建学');
    await page.locator('.ant-modal-wrap:visible .ant-alert', { hasText: '王建学手上共有' }).waitFor();
    await expectTextContaining(page.locator('[data-testid=leftovers-warehouse]'), '总仓');
    const wang = (await apiGet<ListPage<{ id: number; name: string }>>(page, `/api/employees?keyword=${encodeURIComponent('王建学')}`))
      .items[0];
    const holding = (await apiGet<ListPage<{ partId: number; qty: number }>>(page, `/api/holdings?employeeId=${wang.id}&pageSize=200`))
      .items;
    await expectCount(page.locator('[data-testid=leftovers-lines] .ant-table-row'), holding.length);
    await page.locator('[data-testid=leftovers-ok]').click();
    const no = /TH-\d{8}-\d{4}/.exec(await success(page, '已生成调回单'))![0];
    const detail = page.locator('[data-testid=return-detail]');
    await detail.locator('[data-testid=return-detail-head]').getByText(no).waitFor();
    await detail.locator('[data-status=pending]').waitFor();
    await expectCount(detail.locator('[data-testid=return-detail-lines] .ant-table-row'), holding.length);
    const ret = (await apiGet<ListPage<ReturnListItem>>(page, `/api/returns?keyword=${no}`)).items[0];
    expect(ret.totalQty).toBe(holding.reduce((s, h) => s + h.qty, 0));
    expect(ret.remark).toBe('每日剩余配件入库');
    // 季红 approves what 陈美华 wrote.
    const other = await logInAt(keeper, KEEPER_B, `view=returns&open=${ret.id}`);
    try {
      const otherDetail = other.page.locator('[data-testid=return-detail]');
      await otherDetail.locator('[data-testid=return-detail-head]').getByText(no).waitFor();
      await confirm(other.page, 'return-approve');
      await success(other.page, '已批准');
      await otherDetail.locator('[data-status=approved]').waitFor();
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
    expect((await apiGet<ListPage<unknown>>(page, `/api/holdings?employeeId=${wang.id}`)).total).toBe(0);
    await expectPrinted(keeper.session, 'return-print', no, ['配件调回单', '王建学', '总仓', '退还人签字', '剩余数量']);
  });

  test('盘库 (blind): the code box counts, the warehouse refuses approvals meanwhile, variance, approval', async () => {
    const page = keeper.page;
    // A keeper sees the book, so he counts a blind count (and approves his own loss) only as the
    // admin's exception for a one-keeper company; both are marked in the audit log.
    const admin = await apiLogin(keeper.url, DEMO.admin);
    const allow = async (on: boolean) =>
      expect((await callApi(keeper.url, 'PUT', '/settings/approval', admin, { allowSelfApproval: on })).status).toBe(200);
    await allow(true);
    try {
      await blindCount(page);
    } finally {
      await allow(false);
    }
  });

  async function blindCount(page: Page) {
    await openView(page, 'stocktakes');
    await page.locator('[data-testid=stocktake-new]').click();
    await pickOption(page, page.locator('[data-testid=stocktake-warehouse]'), '总仓');
    await page.locator('[data-testid=stocktake-blind]').check();
    await page.locator('[data-testid=stocktake-form-save]').click();
    const no = /PD-\d{8}-\d{4}/.exec(await success(page, '已发起盘点'))![0];
    const count = page.locator('[data-testid=stocktake-count]');
    await count.waitFor();
    await expectTextContaining(page.locator('[data-testid=stocktake-blind-counter]'), '盲盘须由看不到账面数量的人员录入');
    // Blind: no 账面 column while counting.
    await count.locator('thead th').first().waitFor();
    await holds(
      () => innerTexts(count.locator('thead th')),
      (heads) => expect(heads).not.toContain('账面'),
    );

    const code = page.locator('[data-testid=stocktake-code]');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'stocktake-code');
    // Code, Enter, then the quantity of the part shown, Enter; a second entry (any case) replaces the first.
    const qty = page.locator('[data-testid=stocktake-qty]');
    await code.fill(part.partCode);
    await code.press('Enter');
    await qty.fill('2');
    await qty.press('Enter');
    await page.locator('[data-testid=stocktake-feedback]', { hasText: '实盘 2' }).waitFor();
    const bookNow = await mainStock(page, part.partCode);
    const counted = bookNow - 1;
    await code.fill(part.partCode.toLowerCase());
    await code.press('Enter');
    await qty.fill(String(counted));
    await qty.press('Enter');
    await page.locator('[data-testid=stocktake-feedback]', { hasText: `实盘 ${counted}` }).waitFor();
    await eventually(
      () => code.evaluate((el) => el === document.activeElement),
      (focused) => expect(focused).toBe(true),
    );
    await expectValue(code, '');
    await code.fill('NO-SUCH-CODE');
    await code.press('Enter');
    await page.locator('[data-testid=stocktake-feedback]', { hasText: '没有编号为' }).waitFor();

    // While 总仓 is counted, approving the pending requisition there is refused with a clear message.
    await closeOverlays(page);
    await openView(page, 'requisitions');
    await pickOption(page, page.locator('[data-testid=requisition-filter-status]'), '待审批');
    await waitForTable(page);
    await page.locator('[data-testid=requisition-table] .ant-table-row', { hasText: '明日上门用料' }).locator('a').first().click();
    await confirm(page, 'requisition-approve');
    await page.locator('.ant-message-error', { hasText: '正在盘点' }).waitFor();
    await expectTextContaining(page.locator('.ant-message-error').last(), no);
    await closeOverlays(page);

    // Back to the count: the variance report, then 审核.
    await openView(page, 'stocktakes');
    const st = (await apiGet<ListPage<StocktakeView>>(page, `/api/stocktakes?keyword=${no}`)).items[0];
    await page.locator(`[data-testid=stocktake-view-${st.id}]`).click();
    await page.locator('[data-testid=stocktake-detail] .ant-tabs-tab', { hasText: '差异表' }).click();
    const variance = page.locator('[data-testid=stocktake-variance-table]');
    await variance.locator('.ant-table-row', { hasText: part.partCode }).waitFor();
    await expectTextMatching(variance.locator('.ant-table-row', { hasText: part.partCode }), /-1/);
    await confirm(page, 'stocktake-approve');
    await success(page, '盘点已审核');
    await page.locator('[data-testid=stocktake-result]').waitFor();
    expect(await mainStock(page, part.partCode)).toBe(counted);
    await expectPrinted(keeper.session, 'stocktake-print', no, ['库存盘点表', '盲盘', '盘点人签字', '复核人签字', part.partCode]);
  }

  test('a server refusal lands on its field: stock taken by someone else while the form was open', async () => {
    const page = keeper.page;
    const n = await mainStock(page, part.partCode);
    await openView(page, 'requisitions');
    await page.locator('[data-testid=requisition-new]').click();
    const form = page.locator('[data-testid=requisition-form]');
    await form.waitFor();
    await pickOption(page, form.locator('[data-testid=requisition-employee]'), '张伟');
    await pickOption(page, form.locator('[data-testid=requisition-warehouse]'), '总仓');
    await pickOption(page, form.locator('[data-testid=requisition-line-part-0]'), part.partCode);
    await form.locator('[data-testid=requisition-line-qty-0]').fill(String(n));
    // Meanwhile 季红 writes one for 王建学 from the same shelf, and 陈美华 approves it.
    const me = await apiGet<{ id: number }>(page, '/api/auth/me');
    const wang = (await apiGet<ListPage<{ id: number; name: string }>>(page, `/api/employees?keyword=${encodeURIComponent('王建学')}`))
      .items[0];
    const warehouses = (await apiGet<{ items: { id: number; name: string }[] }>(page, '/api/warehouses')).items;
    const jiHong = await apiAs(keeper.url, KEEPER_B);
    const other = await jiHong.post<{ id: number }>('/requisitions', {
      employeeId: wang.id,
      warehouseId: warehouses.find((w) => w.name === '总仓')!.id,
      approverIds: [me.id],
      lines: [{ partId: part.partId, qty: 1 }],
      submit: true,
    });
    await apiPost(page, `/api/requisitions/${other.id}/approve`, {});
    await page.locator('[data-testid=requisition-form-submit]').click();
    await form.locator('.ant-form-item-explain-error', { hasText: `库存不足：可领 ${n - 1}，申请 ${n}` }).waitFor();
    await page.locator('.ant-message-error').last().waitFor();
    await page.locator('[data-testid=requisition-form-submit]').waitFor({ state: 'visible' }); // the form stays open
  });

  test('预警: three lists with counts; the thresholds are saved', async () => {
    const page = keeper.page;
    await openView(page, 'alerts');
    await page.locator('[data-testid=alerts-low] .ant-table-row').first().waitFor();
    const low = await apiGet<{ counts: { lowStock: number } }>(page, '/api/alerts');
    await eventually(
      () => page.locator('[data-testid=alerts-low] .ant-badge-count').getAttribute('title'),
      (title) => expect(title).toBe(String(low.counts.lowStock)),
    );
    const days = page.locator('[data-testid=alerts-held-days]');
    await page.waitForFunction(() => (document.querySelector('[data-testid=alerts-held-days]') as HTMLInputElement | null)?.value === '7');
    await days.fill('3');
    await page.locator('[data-testid=alerts-settings-save]').click();
    await success(page, '预警设置已保存');
    expect(await apiGet<{ heldDays: number; pendingHours: number }>(page, '/api/settings/alerts')).toEqual({
      heldDays: 3,
      pendingHours: 4,
    });
    await page.locator('[data-testid=alerts-held]').getByText('持有超过 3 天').waitFor();
  });

  test('审批设置: the keeper sees that he may not approve his own documents; only the admin allows it', async () => {
    const checked = (p: Page, on: boolean) =>
      p.waitForFunction(
        (want) => document.querySelector('[data-testid=approval-self-switch]')?.getAttribute('aria-checked') === want,
        String(on),
      );
    const page = keeper.page;
    await closeOverlays(page);
    await openView(page, 'alerts');
    const card = page.locator('[data-testid=approval-settings]');
    await card.getByText('允许库管审批自己的单据（仅一名库管时使用）').waitFor();
    await card.getByText('仅管理员可以修改').waitFor();
    await checked(page, false);
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=approval-self-switch]') as HTMLButtonElement | null)?.disabled === true,
    );

    const admin = await keeper.openDesk(DEMO.admin);
    try {
      await openView(admin.page, 'alerts');
      const toggle = admin.page.locator('[data-testid=approval-self-switch]');
      await checked(admin.page, false);
      await toggle.click();
      await success(admin.page, '已允许库管审批自己的单据');
      await checked(admin.page, true);
      expect(await apiGet<{ allowSelfApproval: boolean }>(admin.page, '/api/settings/approval')).toEqual({ allowSelfApproval: true });
      await toggle.click();
      await success(admin.page, '库管不能再审批自己的单据');
      await checked(admin.page, false);
      expect(await apiGet<{ allowSelfApproval: boolean }>(admin.page, '/api/settings/approval')).toEqual({ allowSelfApproval: false });
      expect(admin.errors).toEqual([]);
    } finally {
      await admin.context.close();
    }
  });

  test('库存: per warehouse and held, searchable, low stock marked', async () => {
    const page = keeper.page;
    await openView(page, 'stock');
    await waitForTable(page);
    await eventually(
      () => innerTexts(page.locator('[data-testid=stock-table] thead th')),
      (heads) =>
        expect(heads).toEqual(
          expect.arrayContaining(['配件编号', '配件名称', '总仓', '城东服务站仓', '仓库合计', '员工持有', '最低库存', '状态']),
        ),
    );
    await eventually(
      () => page.locator('[data-testid=stock-table] .desk-row-low').count(),
      (low) => expect(low).toBeGreaterThan(0),
    );
    const box = page.locator('[data-testid=view-stock] .ant-input-search input');
    await box.fill(part.partCode);
    await box.press('Enter');
    await page.waitForTimeout(200);
    await waitForTable(page);
    await expectCount(page.locator('[data-testid=stock-table] .ant-table-row'), 1);
    expect(keeper.errors).toEqual([]);
  });
});
