/**
 * @jest-environment node
 *
 * WeChat reminders in the compiled mini-program, against the real server and the WeChat stand-in
 * (tools/wechat-standin, in this process). Technician 王建学 has bound his WeChat and is logged in
 * by it. Tapping 工单 asks wx.requestSubscribeMessage (in the tap) for 派工通知, 审批结果 and
 * 待签收; he allows them in WeChat's dialog (the stand-in records the quota WeChat grants), the
 * phone reports it and the server's quota goes up. A dispatch then reaches his WeChat through the
 * stand-in, using that quota, and shows in 消息 with the badge; tapping it opens the order.
 */
import type { Me, NotificationPage, Page, StandinInboxItem, SubscriptionSummary, WorkOrderListItem } from '@hongyuan/shared';
import { launchWeapp, type Weapp, type WeappPage } from '../support/weapp';
import { DEMO, startServer, type RunningServer } from '../support/server';
import { apiAs, callApi, waitForDemoLogin, type ApiUser } from '../support/api';
import { buildIfNeeded } from '../support/build';
import { badge, homeShown, openTab, pageOpened, tabTitles } from '../support/weapp-user';

const STANDIN = { appid: 'wx0123456789abcdef', secret: '0123456789abcdef0123456789abcdef' };
const WECHAT_USER = 'wang-jianxue-wechat';

interface Standin {
  listen(port: number): Promise<string>;
  login(user: string): { code: string; openid: string };
  subscribe(tap: { openid: string; template_id: string; accept: boolean }): { quota: number };
  close(): Promise<void>;
}

let standin: Standin;
let server: RunningServer;
let weapp: Weapp;
let admin: ApiUser;
let technician: ApiUser;
let supervisor: ApiUser;
let openid: string;

/** What WeChat's dialog was asked for, and whether the ask came synchronously inside the tap. */
const asks: { tmplIds: string[]; inTap: boolean }[] = [];
let tapping = false;

/** A tap on the phone, noting that anything WeChat is asked for during it came from the tap handler. */
async function tap(page: WeappPage, el: Element): Promise<void> {
  tapping = true;
  const done = page.tap(el); // (the event is dispatched synchronously; the rest waits a tick)
  tapping = false;
  await done;
}

const subscriptions = () => technician.get<SubscriptionSummary>('/wechat/subscriptions');
const quotaOf = (s: SubscriptionSummary, kind: string) => s.templates.find((t) => t.kind === kind)!;
const badgeText = (n: number) => (n > 0 ? String(n) : '');

/** Polls an async check (the server, the stand-in) until it answers something. */
async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  const { createStandin } = require('@hongyuan/wechat-standin');
  const { DEMO_TEMPLATES } = require('@hongyuan/wechat-standin/demo-templates');
  standin = createStandin({ ...STANDIN, templates: DEMO_TEMPLATES });
  const standinUrl = await standin.listen(0);
  buildIfNeeded();
  server = await startServer({ WECHAT_API_BASE: standinUrl });
  await waitForDemoLogin(server.url, DEMO.admin);
  admin = await apiAs(server.url, DEMO.admin);
  technician = await apiAs(server.url, DEMO.technician);
  supervisor = await apiAs(server.url, DEMO.supervisor);

  // He bound his WeChat earlier with a code from the desk (through the API, as the phone sends it).
  const me = await technician.get<Me>('/auth/me');
  const bindingCode = (await admin.post<{ code: string }>(`/employees/${me.id}/wechat-binding-code`)).code;
  const first = standin.login(WECHAT_USER);
  openid = first.openid;
  const start = await callApi<{ ticket: string }>(server.url, 'POST', '/auth/wechat', undefined, { code: first.code });
  const bound = await callApi(server.url, 'POST', '/auth/wechat/bind', undefined, { ticket: start.body.data.ticket, bindingCode });
  if (!bound.body.ok) throw new Error(`could not bind: ${JSON.stringify(bound.body)}`);

  weapp = await launchWeapp(server.url);
  const wx = (global as any).wx;
  // WeChat on his phone: wx.login answers the stand-in's codes for his WeChat ...
  wx.login = (o: any = {}) => {
    const res = { code: standin.login(WECHAT_USER).code, errMsg: 'login:ok' };
    setTimeout(() => {
      o.success?.(res);
      o.complete?.(res);
    }, 0);
  };
  // ... the subscription dialog, where he taps 允许 for each (WeChat grants one message each) ...
  wx.requestSubscribeMessage = (o: any = {}) => {
    asks.push({ tmplIds: [...o.tmplIds], inTap: tapping });
    const res: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
    for (const id of o.tmplIds) {
      standin.subscribe({ openid, template_id: id, accept: true });
      res[id] = 'accept';
    }
    setTimeout(() => {
      o.success?.(res);
      o.complete?.(res);
    }, 0);
  };
  // ... and his settings, where he has not always rejected anything.
  wx.getSetting = (o: any = {}) => {
    const res = { errMsg: 'getSetting:ok', authSetting: {}, subscriptionsSetting: { mainSwitch: true, itemSettings: {} } };
    setTimeout(() => {
      o.success?.(res);
      o.complete?.(res);
    }, 0);
  };
}, 600_000);

afterAll(async () => {
  weapp?.close();
  await server?.stop();
  await standin?.close();
});

test('tapping 工单 asks WeChat for 派工通知/审批结果/待签收 in the tap; his answer raises the quota on the server', async () => {
  const before = await subscriptions();
  expect(before.bound).toBe(true);
  const dispatchTpl = quotaOf(before, 'dispatch');
  expect(dispatchTpl).toMatchObject({ templateId: 'demo-dispatch', alwaysReject: false });

  // home (no session) → the login page → WeChat logs him in → home again
  await weapp.open('/pages/home/index');
  await weapp.waitFor(
    () => weapp.navigations.some((n) => n.type === 'redirectTo' && n.url.includes('/pages/home/')),
    'the WeChat login to go on',
  );
  const home = await homeShown(weapp);
  expect(tabTitles(home)).toEqual(['工单', '配件', '消息', '我的']);
  // the template ids are loaded once after login, before any tap needs them
  await weapp.waitFor(
    () => weapp.requests.some((r) => r.method === 'GET' && r.url.endsWith('/api/wechat/subscriptions') && r.status === 200),
    'the template ids',
  );
  await weapp.waitFor(() => home.all('hy-order').length > 0, 'his orders');
  expect(asks).toEqual([]);

  await tap(home, home.byText('nut-tabbar-item-text', '工单'));
  expect(asks).toEqual([{ tmplIds: ['demo-dispatch', 'demo-approval-result', 'demo-parts-sign'], inTap: true }]);
  const report = await weapp.waitFor(
    () => weapp.requests.find((r) => r.method === 'POST' && r.url.endsWith('/api/wechat/subscriptions') && r.status === 200),
    'the answer reported to the server',
  );
  expect(report.data).toEqual({
    results: { 'demo-dispatch': 'accept', 'demo-approval-result': 'accept', 'demo-parts-sign': 'accept' },
    alwaysRejected: [],
  });
  const after = await subscriptions();
  expect(quotaOf(after, 'dispatch').quota).toBe(dispatchTpl.quota + 1);
  expect(quotaOf(after, 'result').quota).toBe(quotaOf(before, 'result').quota + 1);
  expect(quotaOf(after, 'sign').quota).toBe(quotaOf(before, 'sign').quota + 1);
  expect(quotaOf(after, 'approval').quota).toBe(quotaOf(before, 'approval').quota);

  // 我的 shows it
  await openTab(home, '我的');
  await weapp.waitFor(
    () => home.all('hy-me__tpl--dispatch').some((e) => (e.textContent ?? '').includes(`剩余 ${dispatchTpl.quota + 1} 条`)),
    'the quota on 我的',
  );
  expect(asks).toHaveLength(1);
});

test('a dispatch reaches his WeChat with that quota and shows in 消息; tapping it opens the order', async () => {
  const quotaBefore = quotaOf(await subscriptions(), 'dispatch').quota;
  expect(quotaBefore).toBeGreaterThan(0);
  const me = await technician.get<Me>('/auth/me');
  const pending = await supervisor.get<Page<WorkOrderListItem>>('/work-orders?state=pending_dispatch');
  const order = pending.items[0];
  await supervisor.post(`/work-orders/${order.id}/dispatch`, { technicianId: me.id, note: '' });

  // WeChat (the stand-in) delivered the 派工通知 to him, and the quota was used
  const message = await eventually(async () => {
    const inbox = (await admin.get<{ items: StandinInboxItem[] }>(`/wechat/standin-inbox?employeeId=${me.id}`)).items;
    return inbox.find((m) => m.employeeId === me.id && m.templateId === 'demo-dispatch' && m.page.includes(`id=${order.id}`));
  }, `the 派工通知 of ${order.no} in the stand-in's inbox`);
  expect(message.title).toBe('派工通知');
  expect(message.fields.find((f) => f.label === '工单号')?.value).toBe(order.no);
  expect(quotaOf(await subscriptions(), 'dispatch').quota).toBe(quotaBefore - 1);

  // In the app: 消息 lists it first, unread, and the badge is the server's count
  const unread = await technician.get<NotificationPage>('/notifications?pageSize=1');
  const newest = unread.items[0];
  expect(newest).toMatchObject({ kind: 'dispatch', workOrderId: order.id, readAt: null });
  const home = weapp.current();
  await openTab(home, '消息');
  await weapp.waitFor(
    () => home.all('hy-msg').length > 0 && (home.all('hy-msg')[0].textContent ?? '').includes(newest.title),
    'the new message on top',
  );
  const card = home.all('hy-msg')[0];
  expect(card.textContent).toContain(newest.body);
  expect(home.all('hy-msg__dot', card)).toHaveLength(1);
  await weapp.waitFor(() => badge(home, '消息') === badgeText(unread.unread), 'the 消息 badge');

  await tap(home, card);
  const page = await pageOpened(weapp, 'packages/work/order/index', (p) => p.text().includes(order.no), 'the order page');
  expect(weapp.navigations.at(-1)).toEqual({ type: 'navigateTo', url: `/${newest.page}` });
  expect(page.text()).toContain(order.customerName);
  await weapp.waitFor(
    () => weapp.requests.some((r) => r.method === 'POST' && r.url.endsWith(`/api/notifications/${newest.id}/read`) && r.status === 200),
    'the message read',
  );
  const read = await technician.get<NotificationPage>('/notifications?pageSize=5');
  expect(read.items.find((n) => n.id === newest.id)?.readAt).not.toBeNull();
});
