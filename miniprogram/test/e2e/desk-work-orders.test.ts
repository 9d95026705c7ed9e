/** @jest-environment node */
/**
 * 工单 on the desk, end to end: 客服 creates an order for a demo customer (contact fills in),
 * 服务主管 dispatches it to 王建学 with the workload panel in view, the technician's steps run
 * through the API with his weapp token (his pages are the mobile ones), the supervisor settles,
 * 回访 sends it back (返工), it is dispatched and done again, settled, and 回访 closes it. The
 * timeline shows every step and the statistics count the rework.
 */
import type { Browser, Page } from 'playwright-core';
import { shanghaiDate } from '@hongyuan/shared';
import { DEMO, DESKTOP, SETUP_TIMEOUT, TEST_TIMEOUT, apiGet, closeOverlays, describeBrowser, launchBrowser, loginAs, pickOption, saveScreenshot, server, waitForDesk, type Server, type Session } from './browser';

jest.setTimeout(TEST_TIMEOUT * 3);

const CUSTOMER = '庆元县百山祖旅游客运有限公司';
const PLATE = '浙K5G832';

async function openView(page: Page, view: string): Promise<void> {
  await page.locator(`[data-testid=desk-menu-${view}]`).click();
  await page.locator(`[data-testid=view-${view}]`).waitFor();
  await page.waitForFunction((v) => !document.querySelector(`[data-testid=view-${v}] .ant-spin-spinning`), view);
}

/** Opens an order's drawer from a list view (searching its number). */
async function openOrder(page: Page, view: string, no: string): Promise<void> {
  await openView(page, view);
  const box = page.locator(`[data-testid=view-${view}] .ant-input-search input`).first();
  await box.fill(no);
  await box.press('Enter');
  await page.locator(`[data-testid=wo-open-${no}]`).click();
  await page.locator('[data-testid=wo-detail-body]').waitFor();
}

async function state(page: Page, label: string): Promise<void> {
  await page.locator('[data-testid=wo-detail-state]', { hasText: label }).waitFor();
}

interface Api {
  post<T>(path: string, body?: unknown): Promise<T>;
  get<T>(path: string): Promise<T>;
}

/** The technician through the API, as his phone would: login with client weapp, Bearer token. */
async function technician(url: string): Promise<Api> {
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phone: DEMO.technician, password: DEMO.password, client: 'weapp' }) }).then((r) => r.json());
  if (!login.ok) throw new Error(`technician login failed: ${JSON.stringify(login)}`);
  const token = login.data.token as string;
  const call = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${url}/api${path}`, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) }).then((x) => x.json());
    if (!r.ok) throw new Error(`${method} ${path} failed: ${JSON.stringify(r)}`);
    return r.data as T;
  };
  return { post: (p, b) => call('POST', p, b ?? {}), get: (p) => call('GET', p) };
}

async function technicianVisit(tech: Api, id: number, summary: string): Promise<void> {
  await tech.post(`/work-orders/${id}/start`, {});
  const held = await tech.get<{ items?: { partId: number; qty: number }[] } | { partId: number; qty: number }[]>('/holdings');
  const items = Array.isArray(held) ? held : held.items ?? [];
  const part = items.find((h) => h.qty >= 1);
  if (!part) throw new Error('王建学 holds no parts');
  await tech.post(`/work-orders/${id}/parts`, { partId: part.partId, qty: 1 });
  await tech.post(`/work-orders/${id}/finish`, { note: summary });
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

async function settle(page: Page, no: string): Promise<void> {
  await openOrder(page, 'pendingSettle', no);
  await page.locator('[data-testid=wo-settle]').click();
  await page.locator('[data-testid=wo-labour-name]').fill('上门服务费');
  await page.locator('[data-testid=wo-labour-price]').fill('50');
  await page.locator('[data-testid=wo-labour-add]').click();
  await page.locator('[data-testid=wo-settle-lines]', { hasText: '上门服务费' }).waitFor();
  await page.locator('[data-testid=wo-settle-discount]').fill('5');
  await page.locator('[data-testid=wo-action-ok]').click();
  await state(page, '待回访');
  await closeOverlays(page);
}

describeBrowser('desk: work orders (客服 → 主管 → 技师 → 结算 → 回访)', () => {
  let srv: Server;
  let browser: Browser;
  let service: Session;
  let supervisor: Session;
  let followup: Session;

  beforeAll(async () => {
    srv = await server();
    browser = await launchBrowser();
    service = await loginAs(browser, srv.url, DEMO.service, DESKTOP);
    await waitForDesk(service.page);
    supervisor = await loginAs(browser, srv.url, DEMO.supervisor, DESKTOP);
    await waitForDesk(supervisor.page);
    followup = await loginAs(browser, srv.url, DEMO.followup, DESKTOP);
    await waitForDesk(followup.page);
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await service?.context.close();
    await supervisor?.context.close();
    await followup?.context.close();
    await browser?.close();
    await srv?.stop();
  });

  test('an order goes from 新建 through 返工 to 已结束, every step on the timeline', async () => {
    // 客服 creates the order: picking the customer fills in contact, phone and address.
    const sp = service.page;
    await openView(sp, 'workOrders');
    await sp.locator('[data-testid=wo-new]').click();
    await sp.locator('[data-testid=wo-form-customer]').click();
    await sp.locator('[data-testid=wo-form-customer] input').fill('百山祖');
    await sp.locator('.ant-select-item-option', { hasText: CUSTOMER }).first().click();
    await sp.waitForFunction(() => (document.querySelector('[data-testid=wo-form-contact]') as HTMLInputElement | null)?.value === '周志明');
    expect(await sp.locator('[data-testid=wo-form-phone]').inputValue()).toBe('13905786123');
    expect(await sp.locator('[data-testid=wo-form-address]').inputValue()).toContain('石龙街');
    await sp.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
    await pickOption(sp, sp.locator('[data-testid=wo-form-vehicle]'), PLATE);
    await sp.locator('[data-testid=wo-form-problem]').fill('空调不制冷，出风口有异味');
    await sp.locator('[data-testid=wo-form-submit]').click();
    await sp.locator('[data-testid=wo-detail-body]').waitFor();
    await state(sp, '待派工');
    const title = await sp.locator('.ant-drawer-title', { hasText: '工单 FW' }).innerText();
    const no = title.replace('工单', '').trim();
    expect(no).toMatch(/^FW/);
    const id = (await apiGet<{ items: { id: number; no: string }[] }>(sp, `/api/work-orders?keyword=${no}`)).items.find((o) => o.no === no)!.id;
    await saveScreenshot(sp, 'desk-work-order-detail');
    await closeOverlays(sp);
    await saveScreenshot(sp, 'desk-work-orders');

    const tech = await technician(srv.url);
    const pp = supervisor.page;

    // First visit, settle, follow-up sends it back.
    await openView(pp, 'pendingDispatch');
    await pp.locator('[data-testid=view-pendingDispatch] [data-testid=workload-panel]', { hasText: '王建学' }).waitFor();
    await dispatch(pp, no);
    await technicianVisit(tech, id, '清洗蒸发箱，更换空调滤芯');
    await settle(pp, no);

    const fp = followup.page;
    await openOrder(fp, 'pendingFollowup', no);
    await fp.locator('[data-testid=wo-followup]').click();
    await fp.locator('[data-testid=wo-followup-result] input[value=rework]').check();
    await fp.locator('[data-testid=wo-followup-reason]').fill('客户反映仍有异味');
    await fp.locator('[data-testid=wo-action-ok]').click();
    await state(fp, '待派工');
    await closeOverlays(fp);

    // Second visit, settle, follow-up closes it.
    await dispatch(pp, no);
    await technicianVisit(tech, id, '更换鼓风机，异味消除');
    await settle(pp, no);
    await openOrder(fp, 'pendingFollowup', no);
    await fp.locator('[data-testid=wo-followup]').click();
    await fp.locator('[data-testid=wo-followup-comments]').fill('客户满意');
    await fp.locator('[data-testid=wo-action-ok]').click();
    await state(fp, '已结束');

    const timeline = await fp.locator('[data-testid=wo-detail-timeline]').innerText();
    for (const step of ['提交派工', '派工', '开始处理', '结束处理', '工单结算', '返工', '回访结束']) expect(timeline).toContain(step);
    expect(await fp.locator('[data-testid=wo-detail-followups]').innerText()).toContain('返工：客户反映仍有异味');

    // The A4 结算单 from the detail: every charge and the payable.
    const [sheet] = await Promise.all([followup.context.waitForEvent('page'), fp.locator('[data-testid=wo-print-settlement]').click()]);
    await sheet.locator('[data-testid=print-sheet]').waitFor();
    const printedText = await sheet.locator('[data-testid=print-sheet]').innerText();
    expect(printedText).toContain('维修服务结算单');
    expect(printedText).toContain(no);
    expect(printedText).toContain('上门服务费');
    expect(printedText).toContain('应收');
    await sheet.close();
    await closeOverlays(fp);

    // 工单绩效 on the desk: 王建学's row counts the rework; the drill-down lists both visits.
    await openView(pp, 'workOrderStats');
    const row = pp.locator('[data-testid=stats-table] .ant-table-row', { hasText: '王建学' });
    await row.waitFor();
    await row.locator('[data-testid^=stats-drill-]').click();
    await pp.locator('[data-testid=stats-visits]', { hasText: no }).waitFor();
    expect((await pp.locator('[data-testid=stats-visits] .ant-table-row', { hasText: no }).count())).toBe(2);
    await closeOverlays(pp);

    // 工单绩效 counts the rework against 王建学.
    const day = shanghaiDate();
    const stats = await apiGet<{ name: string; reworked: number; visits: { no: string; reworked: boolean }[] }[]>(pp, `/api/work-order-stats?from=${day}&to=${day}`);
    const wang = stats.find((s) => s.name === '王建学')!;
    expect(wang.visits.filter((v) => v.no === no)).toHaveLength(2);
    expect(wang.visits.some((v) => v.no === no && v.reworked)).toBe(true);
  });
});
