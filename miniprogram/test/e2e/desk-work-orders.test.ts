/** @jest-environment node */
/**
 * 工单 on the desk, end to end: 客服 creates an order for a demo customer (contact fills in),
 * 服务主管 dispatches it to 王建学 with the workload panel in view, the technician works it on
 * the H5 mobile pages at phone size (开始处理, two parts from his holdings, 结束处理), the supervisor settles
 * (a fee added and its price corrected, the payment method chosen: none is assumed), 回访 sends it
 * back (返工), it is dispatched and done again, settled for the new visit's lines only, and 回访
 * closes it. The order shows both settlements, the timeline every step, the statistics the rework.
 */
import type { Page } from 'playwright-core';
import { shanghaiDate } from '@hongyuan/shared';
import { apiAs, type ApiUser } from '../support/api';
import {
  DEMO,
  PHONE,
  SETUP_TIMEOUT,
  TEST_TIMEOUT,
  apiGet,
  closeOverlays,
  describeBrowser,
  pickOption,
  saveScreenshot,
  type Session,
} from './browser';
import { eventually, expectCount, expectTextContaining, expectValue, openOrder, openPrintSheet, openView, useBrowser } from './desk';

jest.setTimeout(TEST_TIMEOUT * 3);

const CUSTOMER = '庆元县百山祖旅游客运有限公司';
const PLATE = '浙K5G832';

/** Waits until the order's drawer shows the state `label` (a step may take a while under load). */
async function state(page: Page, label: string): Promise<void> {
  await page.locator('[data-testid=wo-detail-state]', { hasText: label }).waitFor({ timeout: 45_000 });
}

interface Holding {
  partId: number;
  partCode: string;
  qty: number;
}

/** His holdings (GET /api/holdings with his token), all pages. */
async function holdings(tech: ApiUser): Promise<Holding[]> {
  const all: Holding[] = [];
  for (let page = 1; page < 50; page++) {
    const held = await tech.get<{ items?: Holding[]; total?: number } | Holding[]>(`/holdings?page=${page}&pageSize=100`);
    if (Array.isArray(held)) return held;
    const items = held.items ?? [];
    all.push(...items);
    if (!items.length || all.length >= (held.total ?? 0)) break;
  }
  return all;
}

function qtyMap(items: Holding[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const h of items) m.set(h.partId, (m.get(h.partId) ?? 0) + Number(h.qty));
  return m;
}

/** Taps a NutUI button on H5: Taro's <taro-button-core> takes the pointer, so click .nut-button. */
async function tap(page: Page, selector: string): Promise<void> {
  const el = page.locator(selector).locator('visible=true').first();
  await el.waitFor();
  const inner = el.locator('.nut-button');
  if (await inner.count()) await inner.first().click();
  else await el.click();
}

/**
 * The technician's visit on the H5 mobile pages (phone-sized window): 工单 tab, the dispatched
 * order, 开始处理 (confirm), 用料 ×2 picked from 我的持有 by search, 结束处理 with a summary.
 */
async function technicianVisit(page: Page, url: string, no: string, parts: Holding[], summary: string): Promise<void> {
  await page.goto(`${url}/#/pages/home/index`);
  await page.locator('[data-testid=tab-orders]').waitFor();
  await page.locator('.hy-order-filter--dispatched').click();
  const card = page.locator('[data-testid=order-item]', { hasText: no });
  await card.first().waitFor();
  await card.first().click();
  await page.waitForFunction(() => window.location.hash.includes('packages/work/order'));
  await page.locator('.hy-wo-head', { hasText: no }).locator('visible=true').first().waitFor();

  // 开始处理 → Taro's H5 modal → confirm (location may be refused: it starts without).
  await tap(page, '.hy-act-start');
  const ok = page.locator('.taro-modal__foot div, .taro-modal__foot a', { hasText: '开始处理' }).last();
  await ok.waitFor();
  await ok.click();
  await page.locator('.hy-wo__state', { hasText: '处理中' }).locator('visible=true').first().waitFor({ timeout: 30_000 });

  // 用料: two parts from 我的持有, found by search (a rework keeps the first visit's lines).
  const usedCount = () =>
    page.evaluate(() => {
      const el = Array.from(document.querySelectorAll<HTMLElement>('.hy-wo')).find(
        (e) => e.offsetParent !== null || e.getClientRects().length > 0,
      );
      const m = /用料（(\d+)项）/.exec((el?.textContent ?? '').replace(/\s+/g, ''));
      return m ? Number(m[1]) : 0;
    });
  await page.locator('.hy-wo-add-part').locator('visible=true').first().waitFor();
  const already = await usedCount();
  for (const [i, h] of parts.entries()) {
    await tap(page, '.hy-wo-add-part');
    const sheet = page.locator('[data-testid=sheet]');
    await sheet.waitFor();
    const search = sheet.locator('.hy-use__search input').first();
    await search.fill(h.partCode);
    const exact = new RegExp(`^${h.partCode.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const pick = sheet.locator('[data-testid=holding-pick]').filter({ has: page.locator('.hy-code', { hasText: exact }) });
    await pick.first().waitFor();
    await pick.first().click();
    await sheet.locator('[data-testid=use-amount]').waitFor();
    await tap(page, '[data-testid=sheet] .hy-use__confirm');
    await page.locator('[data-testid=sheet]').waitFor({ state: 'detached' });
    await page.locator('.hy-wo-used', { hasText: h.partCode }).locator('visible=true').first().waitFor();
    const want = already + i + 1;
    await eventually(usedCount, (n) => expect(n).toBe(want));
  }

  // 结束处理 with what was done.
  await tap(page, '.hy-act-finish');
  const finish = page.locator('[data-testid=sheet]');
  await finish.locator('textarea').first().fill(summary);
  await tap(page, '[data-testid=sheet] .hy-finish__confirm');
  await page.locator('.hy-wo__state', { hasText: '已完工' }).locator('visible=true').first().waitFor({ timeout: 30_000 });
}

async function dispatch(page: Page, no: string): Promise<void> {
  await openOrder(page, 'pendingDispatch', no);
  await page.locator('[data-testid=wo-dispatch]').click();
  await page.locator('.ant-modal [data-testid=workload-panel]').waitFor();
  await page.locator('.ant-modal [data-testid=workload-panel]', { hasText: '王建学' }).waitFor();
  await pickOption(page, page.locator('[data-testid=wo-dispatch-tech]'), '王建学');
  await page.locator('[data-testid=wo-action-ok]').click();
  await state(page, '已派工');
  await closeOverlays(page);
}

/**
 * 工单结算 of a visit: this visit's two parts and a 上门服务费 added at 50 and corrected to
 * `feeYuan` (改价), 优惠 5; no payment method is assumed: OK without one says so, then `method`.
 */
async function settle(page: Page, no: string, method: string, feeYuan: string): Promise<void> {
  await openOrder(page, 'pendingSettle', no);
  await page.locator('[data-testid=wo-settle]').click();
  const lines = page.locator('[data-testid=wo-settle-lines]');
  await lines.waitFor();
  await page.locator('[data-testid=wo-labour-name]').fill('上门服务费');
  await page.locator('[data-testid=wo-labour-price]').fill('50');
  await page.locator('[data-testid=wo-labour-add]').click();
  const fee = lines.locator('.ant-table-row', { hasText: '上门服务费' });
  await fee.waitFor();
  // This visit's lines only: an earlier visit's are in its own settlement.
  await expectCount(lines.locator('.ant-table-row'), 3);
  await fee.locator('[data-testid^=wo-labour-edit-]').first().click();
  await fee.locator('[data-testid^=wo-labour-edit-price-]').fill(feeYuan);
  await fee.locator('[data-testid^=wo-labour-edit-save-]').click();
  await expectTextContaining(fee, `¥${feeYuan}.00`);
  await page.locator('[data-testid=wo-settle-discount]').fill('5');
  await expectCount(page.locator('[data-testid=wo-settle-payment] input:checked'), 0);
  await page.locator('[data-testid=wo-action-ok]').click();
  await page.locator('.ant-modal .ant-form-item-explain-error', { hasText: '请选择付款方式' }).waitFor();
  await page.locator('[data-testid=wo-settle-payment] label', { hasText: method }).click();
  await page.locator('[data-testid=wo-settle-payment] input:checked').waitFor({ state: 'attached' });
  await page.locator('[data-testid=wo-action-ok]').click();
  await state(page, '待回访');
}

describeBrowser('desk: work orders (客服 → 主管 → 技师 → 结算 → 回访)', () => {
  const world = useBrowser();
  let service: Session;
  let supervisor: Session;
  let followup: Session;

  beforeAll(async () => {
    service = await world.openDesk(DEMO.service);
    supervisor = await world.openDesk(DEMO.supervisor);
    followup = await world.openDesk(DEMO.followup);
  }, SETUP_TIMEOUT);

  test('an order goes from 新建 through 返工 to 已结束, every step on the timeline', async () => {
    // 客服 creates the order: picking the customer fills in contact, phone and address.
    const sp = service.page;
    await openView(sp, 'workOrders');
    await sp.locator('[data-testid=wo-new]').click();
    await sp.locator('[data-testid=wo-form-customer]').click();
    await sp.locator('[data-testid=wo-form-customer] input').fill('百山祖');
    await sp.locator('.ant-select-item-option', { hasText: CUSTOMER }).first().click();
    await sp.waitForFunction(
      () => (document.querySelector('[data-testid=wo-form-contact]') as HTMLInputElement | null)?.value === '周志明',
    );
    await expectValue(sp.locator('[data-testid=wo-form-phone]'), '13905786123');
    await eventually(
      () => sp.locator('[data-testid=wo-form-address]').inputValue(),
      (address) => expect(address).toContain('石龙街'),
    );
    await sp.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
    await pickOption(sp, sp.locator('[data-testid=wo-form-vehicle]'), PLATE);
    await sp.locator('[data-testid=wo-form-problem]').fill('空调不制冷，出风口有异味');
    await sp.locator('[data-testid=wo-form-submit]').click();
    await sp.locator('[data-testid=wo-detail-body]').waitFor();
    await state(sp, '待派工');
    const title = await sp.locator('.ant-drawer-title', { hasText: '工单 FW' }).innerText();
    const no = title.replace('工单', '').trim();
    expect(no).toMatch(/^FW/);
    const id = (await apiGet<{ items: { id: number; no: string }[] }>(sp, `/api/work-orders?keyword=${no}`)).items.find(
      (o) => o.no === no,
    )!.id;
    expect(id).toBeGreaterThan(0);
    await saveScreenshot(sp, 'desk-work-order-detail');
    await closeOverlays(sp);
    await saveScreenshot(sp, 'desk-work-orders');

    // The technician on his phone: the H5 mobile pages in a second browser context.
    const tech = await apiAs(world.url, DEMO.technician);
    const phone = await world.logIn(DEMO.technician, PHONE);
    const before = await holdings(tech);
    const usable = before.filter((h) => Number(h.qty) >= 1 && h.partCode);
    if (usable.length < 4) throw new Error(`王建学 holds too few parts: ${JSON.stringify(before)}`);
    const used = [usable[0], usable[1], usable[2], usable[3]];
    const pp = supervisor.page;

    // First visit, settle, follow-up sends it back.
    await openView(pp, 'pendingDispatch');
    await pp.locator('[data-testid=view-pendingDispatch] [data-testid=workload-panel]', { hasText: '王建学' }).waitFor();
    await dispatch(pp, no);
    await technicianVisit(phone.page, world.url, no, used.slice(0, 2), '清洗蒸发箱，更换空调滤芯');
    await settle(pp, no, '现金', '40');
    await closeOverlays(pp);

    const fp = followup.page;
    await openOrder(fp, 'pendingFollowup', no);
    await fp.locator('[data-testid=wo-followup]').click();
    // Click the option's label until it really is chosen (antd re-renders the radio while the
    // form settles, and a loaded machine has let a click land mid-animation).
    const rework = fp.locator('[data-testid=wo-followup-result] input[value=rework]:checked');
    await eventually(
      async () => {
        if (!(await rework.count())) await fp.locator('[data-testid=wo-followup-result] label', { hasText: '返工' }).click();
        return rework.count();
      },
      (n) => expect(n).toBe(1),
    );
    await fp.locator('[data-testid=wo-followup-reason]').fill('客户反映仍有异味');
    await fp.locator('[data-testid=wo-action-ok]').click();
    await state(fp, '待派工');
    await closeOverlays(fp);

    // Second visit, settle, follow-up closes it.
    await dispatch(pp, no);
    await technicianVisit(phone.page, world.url, no, used.slice(2, 4), '更换鼓风机，异味消除');
    expect(phone.errors).toEqual([]);

    // His holdings: what he had before, minus the four parts used (one each).
    const after = qtyMap(await holdings(tech));
    const expected = qtyMap(before);
    for (const h of used) expected.set(h.partId, (expected.get(h.partId) ?? 0) - 1);
    for (const [partId, qty] of expected) expect([partId, after.get(partId) ?? 0]).toEqual([partId, qty]);
    for (const [partId, qty] of after) expect([partId, qty]).toEqual([partId, expected.get(partId) ?? 0]);

    // The stock still reconciles (admin).
    const admin = await apiAs(world.url, DEMO.admin);
    const recon = await admin.get<{ ok: boolean }>('/stock/reconciliation');
    expect(recon.ok).toBe(true);
    await settle(pp, no, '转账', '30');
    // The order shows both settlements, each as it was made.
    const settlements = pp.locator('[data-testid=wo-detail-settlements]');
    await expectCount(settlements.locator('.ant-table-row'), 2);
    await expectTextContaining(settlements.locator('.ant-table-row').nth(0), '第1次', '现金');
    await expectTextContaining(settlements.locator('.ant-table-row').nth(1), '返工第1次', '转账');
    const detail = await apiGet<{ settlements: { visit: number; gross: number; paymentMethod: string }[]; totals: { gross: number } }>(
      pp,
      `/api/work-orders/${id}`,
    );
    expect(detail.settlements.map((x) => [x.visit, x.paymentMethod])).toEqual([
      [0, 'cash'],
      [1, 'transfer'],
    ]);
    expect(detail.totals.gross).toBe(detail.settlements[0].gross + detail.settlements[1].gross);
    await closeOverlays(pp);
    await openOrder(fp, 'pendingFollowup', no);
    await fp.locator('[data-testid=wo-followup]').click();
    // Choose 结束 explicitly rather than trusting the dialog's default after the earlier 返工.
    await fp.locator('[data-testid=wo-followup-result] label', { hasText: '结束' }).click();
    await fp.locator('[data-testid=wo-followup-result] input[value=close]:checked').waitFor({ state: 'attached' });
    await fp.locator('[data-testid=wo-followup-comments]').fill('客户满意');
    await fp.locator('[data-testid=wo-action-ok]').click();
    await state(fp, '已结束');

    await expectTextContaining(
      fp.locator('[data-testid=wo-detail-timeline]'),
      ...['提交派工', '派工', '开始处理', '结束处理', '工单结算', '返工', '回访结束'],
    );
    await expectTextContaining(fp.locator('[data-testid=wo-detail-followups]'), '返工：客户反映仍有异味');

    // The A4 结算单 from the detail: every charge and the payable.
    const sheet = await openPrintSheet(followup, 'wo-print-settlement');
    await expectTextContaining(sheet.locator('[data-testid=print-sheet]'), '维修服务结算单', no, '上门服务费', '应收');
    await sheet.close();
    await closeOverlays(fp);

    // 工单绩效 on the desk: 王建学's row counts the rework; the drill-down lists both visits.
    await openView(pp, 'workOrderStats');
    const row = pp.locator('[data-testid=stats-table] .ant-table-row', { hasText: '王建学' });
    await row.waitFor();
    await row.locator('[data-testid^=stats-drill-]').click();
    await pp.locator('[data-testid=stats-visits]', { hasText: no }).waitFor();
    await expectCount(pp.locator('[data-testid=stats-visits] .ant-table-row', { hasText: no }), 2);
    await closeOverlays(pp);

    // 工单绩效 counts the rework against 王建学.
    const day = shanghaiDate();
    const stats = await apiGet<{ name: string; reworked: number; visits: { no: string; reworked: boolean }[] }[]>(
      pp,
      `/api/work-order-stats?from=${day}&to=${day}`,
    );
    const wang = stats.find((s) => s.name === '王建学')!;
    expect(wang.visits.filter((v) => v.no === no)).toHaveLength(2);
    expect(wang.visits.some((v) => v.no === no && v.reworked)).toBe(true);
  });
});
