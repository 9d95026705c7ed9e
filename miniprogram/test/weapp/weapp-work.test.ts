/**
 * @jest-environment node
 *
 * The compiled mini-program (dist/weapp) against the real server and its demo data:
 *   - technician 王建学 opens 工单, his dispatched order, taps 开始处理 (location allowed), adds a
 *     part from his holdings (scanned), taps 结束处理 with a summary;
 *   - supervisor 叶建国 dispatches a pending order from 派工 to 刘志强, and sees 统计.
 * Every outcome is checked through the API: the order's state and timeline, the part moved from
 * his holdings to the order at the price shown, the notification read or created.
 */
import {
  formatYuan,
  type CustomerView,
  type HoldingView,
  type NotificationPage,
  type Page,
  type PartPriceView,
  type PartView,
  type TechnicianStats,
  type WorkOrderDetail,
  type WorkOrderListItem,
  type Workload,
} from '@hongyuan/shared';
import { periodRange } from '../../src/work/format';
import { launchWeapp, type Weapp, type WeappPage } from '../support/weapp';
import { DEMO, type RunningServer } from '../support/server';
import { apiUsers, type ApiUser } from '../support/api';
import { badge, goBack, homeShown, logIn, logOut, relaunch, startDemoServer, tabTitles } from '../support/weapp-user';

let server: RunningServer;
let weapp: Weapp;

const PEOPLE = { technician: DEMO.technician, supervisor: DEMO.supervisor, liu: '13800000007' };
const LOCATION = { latitude: 27.6186, longitude: 119.0625 };

let users: Record<keyof typeof PEOPLE, ApiUser>;

/** API call that must succeed, as one of PEOPLE. */
function get<T>(path: string, who: keyof typeof PEOPLE): Promise<T> {
  return users[who].get<T>(path);
}

/** Logged out on the login page, whatever the test before left open (so each test fails on its own). */
async function freshStart() {
  if (weapp.current().route === 'pages/login/index') return;
  relaunch();
  await logOut(weapp, await homeShown(weapp));
}

/** What a tab's badge shows for a count. */
const badgeText = (n: number) => (n > 0 ? String(n) : '');

/** The text area of a NutUI TextArea in the weapp DOM (a Taro textarea carrying the name). */
function textArea(page: WeappPage, within: Element): Element {
  const found = page.all('nut-textarea-textarea', within);
  if (!found.length) throw new Error(`no text area in ${within.textContent}`);
  return found[0];
}

beforeAll(async () => {
  server = await startDemoServer(DEMO.technician);
  users = await apiUsers(server.url, PEOPLE);
  weapp = await launchWeapp(server.url);
}, 600_000);

afterAll(async () => {
  weapp?.close();
  await server?.stop();
});

test('technician 王建学: 工单 → his dispatched order → 开始处理 → a part from his holdings → 结束处理', async () => {
  // What the server says he has: one dispatched order, parts in his hands, an unread dispatch.
  const waiting = await get<Page<WorkOrderListItem>>('/work-orders?state=dispatched&mine=1', 'technician');
  expect(waiting.total).toBe(1);
  const order = waiting.items[0];
  const before = await get<WorkOrderDetail>(`/work-orders/${order.id}`, 'technician');
  const held = await get<Page<HoldingView>>('/holdings?pageSize=200', 'technician');
  expect(held.total).toBeGreaterThan(0);
  const holding = held.items[0];
  const unread = await get<NotificationPage>('/notifications?unread=1&pageSize=100', 'technician');
  const dispatchUnread = unread.items.filter((n) => n.kind === 'dispatch' || n.kind === 'reassign');
  expect(dispatchUnread.some((n) => n.workOrderId === order.id)).toBe(true);
  // The price he will be charged with: the customer's level price, else the sale price.
  // Worked out here from the customer's level and the part's prices, so the page, the quote and the
  // recorded line are all checked against the rule, not against each other.
  const partView = await get<PartView>(`/parts/${holding.partId}`, 'technician');
  const customer = await get<CustomerView>(`/customers/${order.customerId}`, 'technician');
  const levelPrice = customer.priceLevelId ? partView.prices.find((p) => p.priceLevelId === customer.priceLevelId) : undefined;
  const price = levelPrice ? levelPrice.price : partView.salePrice;
  const quote = await get<PartPriceView>(`/work-orders/${order.id}/part-price?partId=${holding.partId}`, 'technician');
  expect(quote).toEqual({
    partId: holding.partId,
    unitPrice: price,
    priceLevelName: levelPrice?.priceLevelName ?? null,
    taxRate: partView.taxRate,
  });

  await weapp.open('/pages/home/index');
  const home = await logIn(weapp, PEOPLE.technician);
  expect(tabTitles(home)).toEqual(['工单', '配件', '消息', '我的']);
  await weapp.waitFor(() => home.all('hy-order').length === 1, 'his dispatched order under 待处理');
  // 消息 carries the count of what still needs him; 工单 only marks the new order
  await weapp.waitFor(() => badge(home, '消息') === badgeText(unread.unread), 'the 消息 badge');
  expect(badge(home, '工单')).toBe('');
  const card = home.one('hy-order');
  expect(card.textContent).toContain(order.no);
  expect(card.textContent).toContain(order.customerName);
  expect(card.textContent).toContain(order.address);
  expect(home.all('hy-order__new', card)).toHaveLength(1);

  // The order: who to call, the vehicle's earlier services, the buttons from `actions`.
  await home.tap(card);
  const page = await weapp.waitFor(() => weapp.current().route === 'packages/work/order/index' && weapp.current(), 'the order page');
  await weapp.waitFor(() => page.all('hy-act-start').length === 1, 'the 开始处理 button');
  expect(weapp.navigations.at(-1)).toEqual({ type: 'navigateTo', url: `/packages/work/order/index?id=${order.id}` });
  expect(page.text()).toContain(order.contactPhone);
  expect(page.text()).toContain(order.problem);
  expect(page.all('hy-act-finish')).toHaveLength(0);
  expect(page.all('hy-wo-history__item')).toHaveLength(before.previousServices.length);
  await page.tap(page.one('hy-wo-call'));
  expect(weapp.phoneCalls).toEqual([order.contactPhone]);

  // 开始处理: asked first, the location allowed.
  weapp.location = LOCATION;
  await page.tap(page.one('hy-act-start'));
  await weapp.waitFor(() => page.all('hy-act-finish').length === 1, 'the order in progress');
  expect(page.all('hy-act-start')).toHaveLength(0);
  expect(weapp.toasts).toContain('已开始处理，已记录位置');

  // 用料: scan the part's barcode in the picker of his holdings.
  await page.tap(page.one('hy-wo-add-part'));
  await weapp.waitFor(() => page.all('hy-use__item').length === Math.min(held.total, 20), 'his holdings in the picker');
  weapp.scanResult = holding.partCode;
  await page.tap(page.one('hy-scan__btn', page.one('hy-use__search')));
  await weapp.waitFor(() => page.all('hy-use__price').length === 1, 'the scanned part with its price');
  weapp.scanResult = null;
  expect(page.one('hy-use__name').textContent).toBe(holding.partName);
  expect(page.one('hy-use__price').textContent).toContain(`${formatYuan(price)} / ${holding.unit}`);
  expect(page.one('hy-use__confirm').textContent).toBe(`确认用料 ${formatYuan(price)}`);
  await page.tap(page.one('hy-use__confirm'));
  await weapp.waitFor(() => page.all('hy-wo-charge--part').length === 1, 'the used part on the order');
  expect(page.one('hy-wo-charge--part').textContent).toContain(holding.partName);
  expect(page.one('hy-wo-totals__gross').textContent).toBe(formatYuan(price));

  // 结束处理: the summary is required.
  await page.tap(page.one('hy-act-finish'));
  const sheet = await weapp.waitFor(() => page.all('hy-finish__confirm').length === 1 && page.one('hy-sheet'), 'the finish sheet');
  await page.tap(page.one('hy-finish__confirm'));
  await weapp.waitFor(() => page.text().includes('请填写处理结果'), 'the missing summary');
  await page.input(textArea(page, sheet), '更换机油滤清器，试车正常');
  await page.tap(page.one('hy-finish__confirm'));
  await weapp.waitFor(() => page.one('hy-wo__state').textContent === '已完工', 'the finished order');
  expect(page.all('hy-actions')).toHaveLength(0);

  // The server: finished by him, where he started, the part at the price shown.
  const after = await get<WorkOrderDetail>(`/work-orders/${order.id}`, 'technician');
  expect(after.state).toBe('finished');
  expect(after.summary).toBe('更换机油滤清器，试车正常');
  expect(after.startLocation).toBe('27.618600,119.062500');
  const steps = after.timeline.map((e) => [e.action, e.by]);
  expect(steps.slice(-2)).toEqual([
    ['start', '王建学'],
    ['finish', '王建学'],
  ]);
  expect(after.timeline.at(-1)!.note).toBe('更换机油滤清器，试车正常');
  const used = after.parts.filter((p) => p.kind === 'used' && !p.removed);
  expect(used).toEqual([
    expect.objectContaining({ partId: holding.partId, qty: 1, unitPrice: price, taxRate: partView.taxRate, taxIncluded: true }),
  ]);
  expect(after.totals.gross).toBe(price);
  // ... out of his hands
  const heldAfter = await get<Page<HoldingView>>('/holdings?pageSize=200', 'technician');
  expect(heldAfter.items.find((h) => h.partId === holding.partId)?.qty ?? 0).toBe(holding.qty - 1);
  // ... and opening the order read its dispatch notification
  const unreadAfter = await get<NotificationPage>('/notifications?unread=1&pageSize=100', 'technician');
  expect(unreadAfter.items.some((n) => n.workOrderId === order.id)).toBe(false);

  expect(unreadAfter.unread).toBeLessThan(unread.unread);

  // Back on 工单: nothing waits any more, the badge went down.
  goBack();
  await weapp.waitFor(() => weapp.current().route === 'pages/home/index' && home.text().includes('暂无待办工单'), 'the empty 待处理 list');
  await weapp.waitFor(() => badge(home, '消息') === badgeText(unreadAfter.unread), 'the lower badge');
  await logOut(weapp, home);
});

test("supervisor 叶建国: 派工 the urgent pending order to 刘志强 with everyone's workload in view; 统计 shows the finished visit", async () => {
  const pending = await get<Page<WorkOrderListItem>>('/work-orders?state=pending_dispatch', 'supervisor');
  expect(pending.total).toBeGreaterThanOrEqual(2);
  const urgent = pending.items.find((o) => o.priority === 'urgent')!;
  expect(urgent).toBeTruthy();
  const workload = await get<Workload[]>('/work-orders/workload', 'supervisor');
  const liu = workload.find((w) => w.name === '刘志强')!;
  const liuUnread = (await get<NotificationPage>('/notifications?unread=1', 'liu')).unread;

  await freshStart();
  const home = await logIn(weapp, PEOPLE.supervisor);
  expect(tabTitles(home)).toEqual(['派工', '统计', '消息', '我的']);
  await weapp.waitFor(() => home.all('hy-order').length === pending.total, 'the pending orders');
  // 加急 first
  const first = home.all('hy-order')[0];
  expect(first.textContent).toContain(urgent.no);
  expect(first.textContent).toContain('加急');
  await home.tap(home.one('hy-order__dispatch', first));
  await weapp.waitFor(() => home.all('hy-dispatch__tech').length === workload.length, 'every technician with his load');
  const row = home.all('hy-dispatch__tech').find((r) => home.all('hy-dispatch__tech-name', r)[0]?.textContent === '刘志强')!;
  expect(row.textContent).toContain(`未完成 ${liu.open}`);
  expect(row.textContent).toContain(`处理中 ${liu.inProgress}`);
  expect(row.textContent).toContain(`本周 ${liu.hoursThisWeek} 小时`);
  await home.tap(row);
  await weapp.waitFor(() => home.one('hy-dispatch__confirm').textContent === '派给刘志强', 'the chosen technician');
  await home.input(textArea(home, home.one('hy-dispatch__note')), '客户急用车，请今天上门');
  await home.tap(home.one('hy-dispatch__confirm'));
  await weapp.waitFor(
    () => home.all('hy-sheet').length === 0 && home.all('hy-order').length === pending.total - 1,
    'the dispatched order gone from 待派工',
  );
  expect(weapp.toasts).toContain('已派给刘志强');

  // The server: dispatched to him by 叶建国 with the note, and 刘志强 got a notification.
  const order = await get<WorkOrderDetail>(`/work-orders/${urgent.id}`, 'supervisor');
  expect(order.state).toBe('dispatched');
  expect(order.technicianId).toBe(liu.technicianId);
  expect(order.technicianName).toBe('刘志强');
  expect(order.timeline.at(-1)).toMatchObject({ action: 'dispatch', by: '叶建国', technician: '刘志强', note: '客户急用车，请今天上门' });
  const notices = await get<NotificationPage>('/notifications?unread=1', 'liu');
  expect(notices.unread).toBe(liuUnread + 1);
  expect(notices.items[0]).toMatchObject({ kind: 'dispatch', workOrderId: urgent.id, title: '新工单派给你' });
  expect(notices.items[0].body).toContain(urgent.no);

  // 已派工未开始: it is there, and can be reassigned.
  await home.tap(home.one('hy-segment--dispatched'));
  await weapp.waitFor(() => home.all('hy-order__reassign').length > 0 && home.text().includes(urgent.no), 'the dispatched list');

  // 统计, this week: 王建学's visit finished in the first test is counted.
  const week = periodRange('week');
  const stats = await get<TechnicianStats[]>(`/work-order-stats?from=${week.from}&to=${week.to}`, 'supervisor');
  const wang = stats.find((s) => s.name === '王建学')!;
  expect(wang.finished).toBeGreaterThanOrEqual(1);
  await home.tap(home.byText('nut-tabbar-item-text', '统计'));
  await weapp.waitFor(() => home.all('hy-stats__row').length === stats.length, 'the statistics table');
  const wangRow = home.all('hy-stats__row').find((r) => (r.textContent ?? '').startsWith('王建学'))!;
  expect(home.all('hy-stats__c', wangRow)[1].textContent).toBe(String(wang.finished));
  expect(wangRow.textContent).toContain(`产值 ${formatYuan(wang.partsRevenue + wang.labourRevenue)}`);
});
