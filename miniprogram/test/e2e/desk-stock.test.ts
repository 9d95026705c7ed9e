/** @jest-environment node */
/**
 * A keeper's and a technician's day on the desk (section 3 of the seed):
 *  - the 领用单 list as the customer's own list shows it (columns, tags, 共 N 条, filters);
 *  - the keeper (陈美华) writes a requisition for 王建学 (today's stock caps the quantity) and
 *    the other keeper (季红) approves it; 王建学 signs for it himself; a copy refreshes to today's
 *    stock (a lowered line is marked) and is submitted, then rejected with a reason by 季红;
 *  - in the evening the keeper makes the return from 王建学's holdings (one part damaged:
 *    配件问题 损坏) and 季红 approves it: his holdings are what they were in the morning, and the
 *    admin's reconciliation is clean;
 *  - the printed requisition shows the right number and lines.
 */
import type { Page } from 'playwright-core';
import type { HoldingView, Page as ListPage, RequisitionView, ReturnView, StockView } from '@hongyuan/shared';
import {
  DEMO,
  TEST_TIMEOUT,
  apiGet,
  closeOverlays,
  describeBrowser,
  pickOption,
  saveScreenshot,
  waitForTable,
  type Session,
} from './browser';
import {
  cellTexts,
  confirm,
  logInAt,
  eventually,
  holds,
  expectCount,
  expectNone,
  expectText,
  expectTextContaining,
  expectTextMatching,
  expectValue,
  openPrintSheet,
  openView,
  success,
  tableTexts,
  innerTexts,
  useDesk,
} from './desk';

jest.setTimeout(TEST_TIMEOUT);

const SEED_COLUMNS = ['序号', '出库单编号', '审批状态', '签收状态', '出库方式', '创建人', '备注', '经办人', '操作'];
const TECH = '王建学';
/** 季红, the other keeper of 总仓: she decides what 陈美华 wrote (不能审批自己的单据). */
const KEEPER_B = '13800000009';
const REMARK = '黄田镇上门 E2E';

/** What an employee holds, part id → quantity (through the API). */
async function allHoldings(page: Page, employeeId: number): Promise<Map<number, number>> {
  const h = await apiGet<ListPage<HoldingView>>(page, `/api/holdings?employeeId=${employeeId}&pageSize=200`);
  return new Map(h.items.map((x) => [x.partId, x.qty]));
}

describeBrowser('desk: a keeper’s and a technician’s day (领用、签收、调回、打印)', () => {
  const keeper = useDesk(DEMO.keeper);
  let techId: number;
  let before: Map<number, number>;
  let p1: StockView;
  let p2: StockView;
  let q1: number;
  const q2 = 2;
  let req: RequisitionView;

  /** 季红 opens a document on her own desk. */
  async function otherKeeper(view: 'requisitions' | 'returns', id: number): Promise<Session> {
    return logInAt(keeper, KEEPER_B, `view=${view}&open=${id}`);
  }

  test('the 领用单 list shows the seed’s columns, tags and paging; filters narrow it', async () => {
    const page = keeper.page;
    await openView(page, 'requisitions');
    await waitForTable(page);
    await eventually(
      () => innerTexts(page.locator('[data-testid=requisition-table] thead th')),
      (heads) => expect(heads).toEqual(SEED_COLUMNS),
    );
    await eventually(
      () => tableTexts(page.locator('[data-testid=requisition-table]')),
      (rows) => {
        expect(rows.length).toBe(9);
        expect(rows[0]).toMatch(/^1 LY-\d{8}-\d{4} /);
        expect(rows.every((r) => r.includes('领取单') && /查看 复制 打印$/.test(r))).toBe(true);
        const all = rows.join('\n');
        for (const tag of ['已批准', '已否决', '待审批', '未签收', '已签收']) expect(all).toContain(tag);
      },
    );
    await expectTextContaining(page.locator('[data-testid=view-requisitions] .ant-pagination'), '共 9 条', '30条/页');

    await pickOption(page, page.locator('[data-testid=requisition-filter-status]'), '已否决');
    await waitForTable(page);
    await page.waitForTimeout(200);
    await eventually(
      () => tableTexts(page.locator('[data-testid=requisition-table]')),
      (rejected) => {
        expect(rejected).toHaveLength(1);
        expect(rejected[0]).toContain('已否决');
      },
    );
    await page.locator('[data-testid=requisition-filter-status] .ant-select-clear').click();
    await pickOption(page, page.locator('[data-testid=requisition-filter-employee]'), '刘志强');
    await waitForTable(page);
    await page.waitForTimeout(200);
    await expectCount(page.locator('[data-testid=requisition-table] .ant-table-row'), 2);
    await page.locator('[data-testid=requisition-filter-employee] .ant-select-clear').click();
    await waitForTable(page);
    await page.waitForTimeout(200);
    await expectCount(page.locator('[data-testid=requisition-table] .ant-table-row'), 9);
    await saveScreenshot(page, 'desk-requisitions');
    expect(keeper.errors).toEqual([]);
  });

  test('the keeper writes a requisition for 王建学: quantities capped at today’s stock', async () => {
    const page = keeper.page;
    const me = await apiGet<{ id: number }>(page, '/api/auth/me');
    expect(me.id).toBeGreaterThan(0);
    const emp = (
      await apiGet<ListPage<{ id: number; name: string }>>(page, `/api/employees?keyword=${encodeURIComponent(TECH)}`)
    ).items.find((e) => e.name === TECH)!;
    techId = emp.id;
    before = await allHoldings(page, techId);
    // Two parts of 总仓 that 王建学 does not hold: one with a little stock (its copy will be lowered), one with plenty.
    const main = (await apiGet<{ items: { id: number; name: string }[] }>(page, '/api/warehouses')).items.find((w) => w.name === '总仓')!;
    const stock = (await apiGet<ListPage<StockView>>(page, `/api/stock?warehouseId=${main.id}&pageSize=200`)).items.filter(
      (s) => !before.has(s.partId),
    );
    const inMain = (s: StockView) => s.warehouses.find((w) => w.warehouseId === main.id)!.qty ?? 0;
    p1 = stock.find((s) => inMain(s) >= 3 && inMain(s) <= 9)!;
    p2 = stock.find((s) => s !== p1 && inMain(s) >= 6)!;
    expect(p1 && p2).toBeTruthy();
    const a = inMain(p1);
    q1 = Math.ceil((a + 1) / 2); // after approval fewer than q1 stay: a copy gets lowered

    await openView(page, 'requisitions');
    await page.locator('[data-testid=requisition-new]').click();
    const form = page.locator('[data-testid=requisition-form]');
    await form.waitFor();
    // Nothing filled: the required fields say so.
    await page.locator('[data-testid=requisition-form-submit]').click();
    await form.getByText('请选择领用员工').waitFor();
    await form.getByText('请选择仓库').first().waitFor();

    await pickOption(page, form.locator('[data-testid=requisition-employee]'), TECH);
    await expectValue(form.locator('[data-testid=requisition-department]'), '售后服务部');
    await expectValue(form.locator('[data-testid=requisition-signer]'), TECH);
    await pickOption(page, form.locator('[data-testid=requisition-warehouse]'), '总仓');
    // 或签: both keepers of 总仓 are listed as approvers.
    await expectTextMatching(form.locator('[data-testid=requisition-approvers]'), /陈美华[\s\S]*季红/);
    await form.locator('[data-testid=requisition-remark]').fill(REMARK);
    await expectText(form.locator('.ant-input-data-count').first(), `${REMARK.length} / 500`);

    await pickOption(page, form.locator('[data-testid=requisition-line-part-0]'), p1.partCode);
    await expectText(form.locator('[data-testid=requisition-line-available-0]'), String(a));
    const qty0 = form.locator('[data-testid=requisition-line-qty-0]');
    await qty0.fill(String(a + 5));
    await qty0.blur();
    await expectValue(qty0, String(a)); // capped at 可领数量
    await qty0.fill(String(q1));
    await form.locator('[data-testid=requisition-line-0-add]').click();
    await pickOption(page, form.locator('[data-testid=requisition-line-part-1]'), p2.partCode);
    await form.locator('[data-testid=requisition-line-qty-1]').fill(String(q2));
    await page.locator('[data-testid=requisition-form-submit]').click();
    const text = await success(page, '已提交');
    const no = /LY-\d{8}-\d{4}/.exec(text)![0];

    // The new requisition opens: pending, with both lines.
    const detail = page.locator('[data-testid=requisition-detail]');
    await detail.locator('[data-testid=requisition-detail-head]').getByText(no).waitFor();
    await detail.locator('[data-status=pending]').waitFor();
    const list = await apiGet<ListPage<RequisitionView>>(page, `/api/requisitions?keyword=${no}`);
    req = await apiGet<RequisitionView>(page, `/api/requisitions/${list.items[0].id}`);
    expect(req.employeeName).toBe(TECH);
    expect(req.lines.map((l) => [l.partId, l.qty])).toEqual([
      [p1.partId, q1],
      [p2.partId, q2],
    ]);
    expect(req.approvers.map((x) => x.name).sort()).toEqual(['季红', '陈美华'].sort());

    // Any one keeper approves (或签), but not the one who wrote it: 季红 does.
    const other = await otherKeeper('requisitions', req.id);
    try {
      const otherDetail = other.page.locator('[data-testid=requisition-detail]');
      await otherDetail.locator('[data-testid=requisition-detail-head]').getByText(no).waitFor();
      await confirm(other.page, 'requisition-approve');
      // the durable state, not the 3-second toast (a starved CI browser can pass the toast by)
      await otherDetail.locator('[data-status=approved]').waitFor();
      await otherDetail.locator('[data-status=unsigned]').waitFor();
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
    expect(keeper.errors).toEqual([]);
  });

  test('王建学 signs for it himself on the desk', async () => {
    const tech = await logInAt(keeper, DEMO.technician, `view=requisitions&open=${req.id}`);
    const page = tech.page;
    const detail = page.locator('[data-testid=requisition-detail]');
    await detail.locator('[data-testid=requisition-detail-head]').getByText(req.no).waitFor();
    // He is not an approver: no 批准 for him.
    await expectNone(page.locator('[data-testid=requisition-approve]'));
    await confirm(page, 'requisition-sign');
    await success(page, '已签收');
    await detail.locator('[data-status=signed]').waitFor();
    const after = await allHoldings(page, techId);
    expect(after.get(p1.partId)).toBe(q1);
    expect(after.get(p2.partId)).toBe(q2);
  });

  test('复制 refreshes to today’s stock: the lowered line is marked, then submitted and rejected with a reason', async () => {
    const page = keeper.page;
    await closeOverlays(page);
    await openView(page, 'requisitions');
    await page.locator(`[data-testid=requisition-copy-${req.id}]`).click();
    const form = page.locator('[data-testid=requisition-form]');
    await form.locator('[data-testid=requisition-copy-note]').waitFor();
    await expectTextContaining(form.locator('[data-testid=requisition-copy-note]'), `由 ${req.no} 复制`);
    const left = (await apiGet<ListPage<StockView>>(page, `/api/stock?keyword=${encodeURIComponent(p1.partCode)}`)).items.find(
      (s) => s.partId === p1.partId,
    )!;
    const leftInMain = left.warehouses.find((w) => w.warehouseName === '总仓')!.qty;
    expect(leftInMain).toBeLessThan(q1);
    expect(leftInMain).toBeGreaterThan(0);
    await expectText(form.locator('[data-testid=requisition-line-capped-0]'), `已按今日库存调低（原 ${q1}）`);
    await expectValue(form.locator('[data-testid=requisition-line-qty-0]'), String(leftInMain));
    await expectCount(form.locator('.desk-row-capped'), 1);
    await expectValue(form.locator('[data-testid=requisition-line-qty-1]'), String(q2));
    await expectTextContaining(form.locator('[data-testid=requisition-employee]'), TECH);
    await expectTextMatching(form.locator('[data-testid=requisition-approvers]'), /陈美华[\s\S]*季红/);
    await page.locator('[data-testid=requisition-form-submit]').click();
    const copyNo = /LY-\d{8}-\d{4}/.exec(await success(page, '已提交'))![0];
    const detail = page.locator('[data-testid=requisition-detail]');
    await detail.locator('[data-status=pending]').waitFor();
    await expectTextContaining(detail.locator('[data-testid=requisition-detail-head]'), req.no); // 复制自
    const copy = (await apiGet<ListPage<RequisitionView>>(page, `/api/requisitions?keyword=${copyNo}`)).items[0];

    // 季红 rejects it; 否决 asks for the reason first.
    const other = await otherKeeper('requisitions', copy.id);
    try {
      const otherPage = other.page;
      const otherDetail = otherPage.locator('[data-testid=requisition-detail]');
      await otherDetail.locator('[data-testid=requisition-detail-head]').getByText(copyNo).waitFor();
      await otherDetail.locator('[data-testid=requisition-reject]').click();
      await otherPage.locator('[data-testid=requisition-reject-ok]').click();
      await otherPage.getByText('请填写否决原因').waitFor();
      await otherPage.locator('[data-testid=requisition-reject-reason]').fill('今天已领过，明天再领');
      await otherPage.locator('[data-testid=requisition-reject-ok]').click();
      await success(otherPage, '已否决');
      await otherDetail.locator('[data-status=rejected]').waitFor();
      await otherDetail.getByText('今天已领过，明天再领').waitFor();
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
    expect(keeper.errors).toEqual([]);
  });

  test('the evening return from his holdings, one part damaged: holdings back to the morning, books clean', async () => {
    const page = keeper.page;
    await closeOverlays(page);
    await openView(page, 'returns');
    await page.locator('[data-testid=return-new]').click();
    const form = page.locator('[data-testid=return-form]');
    await form.waitFor();
    await pickOption(page, form.locator('[data-testid=return-employee]'), TECH);
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=return-department]') as HTMLInputElement | null)?.value === '售后服务部',
    );
    await expectTextContaining(form.locator('[data-testid=return-warehouse]'), '总仓');
    // 员工持有记录 below the form lists everything he holds.
    await form.locator('[data-testid=return-holdings-table] .ant-table-row').first().waitFor();
    const held = await allHoldings(page, techId);
    await expectTextContaining(form.locator('[data-testid=return-holdings] .ant-pagination'), `共 ${held.size} 条`);

    // One click lists what he holds, at the remaining quantity.
    await form.locator('[data-testid=return-fill]').click();
    const lines = form.locator('[data-testid=return-lines] .ant-table-row');
    await expectCount(lines, held.size);
    // Only today's two parts come back: remove the other rows (from the bottom up).
    const texts = await tableTexts(form.locator('[data-testid=return-lines]'));
    for (let i = texts.length - 1; i >= 0; i--) {
      if (texts[i].includes(p1.partName) || texts[i].includes(p2.partName)) continue;
      await form.locator(`[data-testid=return-lines] .ant-table-row`).nth(i).locator('[aria-label=删除此行]').click();
    }
    await expectCount(lines, 2);
    const rows = await tableTexts(form.locator('[data-testid=return-lines]'));
    const i1 = rows.findIndex((r) => r.includes(p1.partName));
    expect(rows[i1]).toContain(String(q1));
    // 配件问题: one of p1 is damaged.
    const problems = form.locator('[data-testid=return-problems] .ant-table-row').nth(i1);
    await problems.locator('input').first().fill('1');
    await pickOption(page, problems.locator('.ant-select'), '损坏');
    // The damaged one comes out of the returned quantity.
    await expectValue(form.locator(`[data-testid=return-lines] .ant-table-row`).nth(i1).locator('input').last(), String(q1 - 1));
    await form.locator('[data-testid=return-remark]').fill('今日剩余');
    await saveScreenshot(page, 'desk-return-form');
    await page.locator('[data-testid=return-form-submit]').click();
    const text = await success(page, '已提交');
    const no = /TH-\d{8}-\d{4}/.exec(text)![0];

    // The other keeper (季红) checks the counts (as entered) and approves.
    const detail = page.locator('[data-testid=return-detail]');
    await detail.locator('[data-testid=return-detail-head]').getByText(no).waitFor();
    await detail.locator('[data-status=pending]').waitFor();
    const ret = (await apiGet<ListPage<ReturnView>>(page, `/api/returns?keyword=${no}`)).items[0];
    const other = await otherKeeper('returns', ret.id);
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
    const full = await apiGet<ReturnView>(page, `/api/returns/${ret.id}`);
    const l1 = full.lines.find((l) => l.partId === p1.partId)!;
    expect([l1.qty, l1.problemQty, l1.problemReason]).toEqual([q1 - 1, 1, '损坏']);
    expect(full.lines.find((l) => l.partId === p2.partId)!.qty).toBe(q2);

    // His holdings are what they were this morning: through the API and the 员工持有 table.
    const after = await allHoldings(page, techId);
    expect([...after.entries()].sort()).toEqual([...before.entries()].sort());
    await closeOverlays(page);
    await openView(page, 'holdings');
    await pickOption(page, page.locator('[data-testid=holdings-employee]'), TECH);
    await waitForTable(page);
    await page.locator('[data-testid=holdings-table] .ant-table-row').first().waitFor();
    await expectTextContaining(page.locator('[data-testid=view-holdings] .ant-pagination'), `共 ${before.size} 条`);
    await holds(
      () => tableTexts(page.locator('[data-testid=holdings-table]')),
      (holdingRows) => expect(holdingRows.some((r) => r.includes(p1.partCode) || r.includes(p2.partCode))).toBe(false),
    );
    await eventually(
      () => innerTexts(page.locator('[data-testid=holdings-table] [data-testid=holding-qty]')),
      (shown) => expect(shown.map(Number).reduce((s, q) => s + q, 0)).toBe([...before.values()].reduce((s, q) => s + q, 0)),
    );
    // A row opens that part's history in his hands.
    await page.locator('[data-testid=holdings-table] .ant-table-row').first().click();
    await page.locator('[data-testid=holding-history-table] .ant-table-row').first().waitFor();
    await expectTextMatching(page.locator('[data-testid=holding-history-table]'), /领用签收/);
    expect(keeper.errors).toEqual([]);
  });

  test('the admin’s reconciliation is clean after the day', async () => {
    const admin = await keeper.openDesk(DEMO.admin);
    try {
      const report = await apiGet<{ ok: boolean; mismatches: unknown[]; negatives: unknown[]; unexplained: unknown[] }>(
        admin.page,
        '/api/stock/reconciliation',
      );
      expect(report).toMatchObject({ ok: true, mismatches: [], negatives: [], unexplained: [] });
      await openView(admin.page, 'reconciliation');
      await admin.page.locator('[data-testid=reconciliation-report][data-ok=true]').waitFor();
      await admin.page.getByText('账实相符').waitFor();
      expect(admin.errors).toEqual([]);
    } finally {
      await admin.context.close();
    }
  });

  test('打印 opens the A4 requisition sheet with the right number and lines', async () => {
    const page = keeper.page;
    await closeOverlays(page);
    await openView(page, 'requisitions');
    const sheet = await openPrintSheet(keeper.session, `requisition-print-${req.id}`);
    await expectText(sheet.locator('[data-testid=print-no]'), req.no);
    // Dates in Shanghai time: the approval time on the sheet is today's Shanghai date.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await expectTextContaining(
      sheet.locator('[data-testid=print-sheet]'),
      '庆元县宏沅汽车服务有限公司',
      '领用单',
      TECH,
      ...['领用人签字', '库管签字', '经办人签字'],
      today,
    );
    await eventually(
      () => cellTexts(sheet.locator('[data-testid=print-line]')),
      (printed) =>
        expect(printed.map((cells) => [cells[1], cells[6]])).toEqual([
          [p1.partCode, String(q1)],
          [p2.partCode, String(q2)],
        ]),
    );
    await expectTextContaining(sheet.locator('[data-testid=print-totals]'), String(q1 + q2));
    await expectCount(sheet.locator('[data-testid=print-button]'), 1);
    // The toolbar does not print.
    await sheet.emulateMedia({ media: 'print' });
    await eventually(
      () => sheet.locator('.print-toolbar').isVisible(),
      (visible) => expect(visible).toBe(false),
    );
    await sheet.emulateMedia({ media: 'screen' });
    await saveScreenshot(sheet, 'desk-print-requisition');
    await sheet.close();
  });
});
