/** @jest-environment node */
/**
 * A message's way from an approval to the technician's phone, against the WeChat stand-in
 * (tools/wechat-standin, in this process):
 *  - 王建学 binds his WeChat (a binding code from the admin, wx.login through the stand-in) and
 *    allows 待签收 messages once (WeChat's quota at the stand-in, ours at the server);
 *  - he submits a requisition (API), the keeper 陈美华 approves it on the desk;
 *  - his phone (the H5 mobile page) shows the 待签收 message under 消息;
 *  - the admin's 消息记录 lists it as 已发送 once the outbox worker has sent it (and his 审批结果,
 *    for which he has no quota, as in-app only; the keeper's closed 待审批 to-do), with filters;
 *  - 微信收件箱（演示） shows the 待签收 card as his WeChat shows it;
 *  - neither view is on the keeper's desk, and with real WeChat credentials the admin has no
 *    微信收件箱（演示） (a second server, pointed at the same stand-in).
 */
import type { Locator, Page } from 'playwright-core';
import {
  NOTIFICATION_KIND_LABELS,
  WECHAT_DELIVERY_LABELS,
  WECHAT_TEMPLATES,
  type EmployeeView,
  type Me,
  type NotificationLogItem,
  type Page as ListPage,
  type RequisitionView,
  type StockView,
  type SubscriptionSummary,
  type WarehouseView,
  type WechatBindingCode,
} from '@hongyuan/shared';
import { apiAs, callApi, waitForDemoLogin, type ApiUser } from '../support/api';
import { startServer } from '../support/server';
import {
  DEMO,
  DESKTOP,
  PHONE,
  TEST_TIMEOUT,
  describeBrowser,
  loginAs,
  pickOption,
  saveScreenshot,
  waitForDesk,
  waitForHash,
  type Session,
} from './browser';
import {
  READ_TIMEOUT,
  cellTexts,
  confirm,
  eventually,
  expectTextContaining,
  expectNone,
  expectTextMatching,
  openView,
  success,
  useBrowser,
  useStandin,
} from './desk';

jest.setTimeout(TEST_TIMEOUT);

const TECH = '王建学';
const KEEPER = '陈美华';
/** the technician's WeChat account in the stand-in */
const WECHAT_USER = 'desk-messages-technician';
const REMARK = '消息 E2E 领料';
/** How long the outbox worker may take to hand a message to WeChat (it retries on its own clock). */
const SEND_TIMEOUT = 60_000;

describeBrowser('desk: 消息记录 and 微信收件箱（演示） after an approval (technician bound to WeChat)', () => {
  const wechat = useStandin();
  const world = useBrowser();
  let admin: ApiUser;
  let tech: { id: number; token: string; openid: string };
  let signTemplate = '';
  let req: RequisitionView;
  let keeperId = 0;
  let adminDesk: Session | undefined;
  /** The admin's desk, logged in once for the tests that need it. */
  const adminPage = async (): Promise<Page> => {
    adminDesk ??= await world.openDesk(DEMO.admin);
    return adminDesk.page;
  };

  /** The admin's log of an employee's messages of one kind, newest first (through the API). */
  const logOf = async (employeeId: number, kind: NotificationLogItem['kind']) =>
    (await admin.get<ListPage<NotificationLogItem>>(`/notifications/log?employeeId=${employeeId}&kind=${kind}`)).items;
  /** The message about our requisition in that log. */
  const messageOf = async (employeeId: number, kind: NotificationLogItem['kind']): Promise<NotificationLogItem> => {
    const found = await eventually(
      async () => (await logOf(employeeId, kind)).find((n) => n.docType === 'requisition' && n.docId === req.id),
      (n) => expect(n).toBeDefined(),
    );
    return found!;
  };

  beforeAll(async () => {
    admin = await apiAs(world.url, DEMO.admin);
  });

  test('王建学 binds his WeChat and allows 待签收 messages once', async () => {
    const found = await admin.get<ListPage<EmployeeView>>(`/employees?keyword=${DEMO.technician}`);
    const id = found.items[0].id;
    const { code: bindingCode } = await admin.post<WechatBindingCode>(`/employees/${id}/wechat-binding-code`);

    // His phone: wx.login at the stand-in → a ticket (not bound yet) → bind with the code.
    const { code, openid } = wechat.standin.login(WECHAT_USER);
    const start = await callApi<{ bound: boolean; ticket: string }>(world.url, 'POST', '/auth/wechat', undefined, { code });
    expect(start.body.data).toMatchObject({ bound: false, ticket: expect.any(String) });
    const bound = await callApi<{ token: string }>(world.url, 'POST', '/auth/wechat/bind', undefined, {
      ticket: start.body.data.ticket,
      bindingCode,
    });
    expect(bound.status).toBe(200);
    tech = { id, token: bound.body.data.token, openid };

    // Our side: which template 待签收 is, and that he has no quota yet.
    const before = await callApi<SubscriptionSummary>(world.url, 'GET', '/wechat/subscriptions', tech.token);
    expect(before.body.data.bound).toBe(true);
    const sign = before.body.data.templates.find((t) => t.kind === 'sign')!;
    expect(sign).toMatchObject({ title: WECHAT_TEMPLATES.sign.title, quota: 0 });
    signTemplate = sign.templateId;

    // He taps 允许 in the subscription dialog: WeChat counts it, and his phone reports it to us.
    expect(wechat.standin.subscribe({ openid, template_id: signTemplate, accept: true }).quota).toBe(1);
    const after = await callApi<SubscriptionSummary>(world.url, 'POST', '/wechat/subscriptions', tech.token, {
      results: { [signTemplate]: 'accept' },
    });
    expect(after.status).toBe(200);
    expect(after.body.data.templates.find((t) => t.kind === 'sign')?.quota).toBe(1);
    expect(after.body.data.templates.find((t) => t.kind === 'result')?.quota).toBe(0);
  });

  test('he submits a requisition; 陈美华 approves it on the desk', async () => {
    const keeperApi = await apiAs(world.url, DEMO.keeper);
    keeperId = (await keeperApi.get<Me>('/auth/me')).id;
    const warehouses = await admin.get<ListPage<WarehouseView>>('/warehouses?enabled=true');
    const warehouse = warehouses.items.find((w) => w.keepers.some((k) => k.id === keeperId))!;
    const stock = await admin.get<ListPage<StockView>>(`/stock?warehouseId=${warehouse.id}&pageSize=50`);
    const part = stock.items.find((s) => (s.warehouses.find((w) => w.warehouseId === warehouse.id)?.qty ?? 0) >= 1)!;
    const created = await callApi<RequisitionView>(world.url, 'POST', '/requisitions', tech.token, {
      employeeId: tech.id,
      warehouseId: warehouse.id,
      remark: REMARK,
      approverIds: warehouse.keepers.map((k) => k.id),
      lines: [{ partId: part.partId, qty: 1 }],
      submit: true,
    });
    expect(created.status).toBe(200);
    req = created.body.data;
    expect(req.status).toBe('pending');

    const keeper = await world.openDesk(DEMO.keeper);
    const page = keeper.page;
    await openView(page, 'requisitions');
    await page.locator(`[data-testid=requisition-open-${req.id}]`).click();
    const detail = page.locator('[data-testid=requisition-detail]');
    await detail.locator('[data-testid=requisition-detail-head]').getByText(req.no).waitFor();
    await confirm(page, 'requisition-approve');
    await success(page, '已批准');
    await detail.locator('[data-status=approved]').waitFor();
    expect(keeper.errors).toEqual([]);
  });

  test('his phone shows the 待签收 message under 消息', async () => {
    const sign = await messageOf(tech.id, 'sign');
    const phone = await world.logIn(DEMO.technician, PHONE);
    const page = phone.page;
    await waitForHash(page, '#/pages/home');
    await page.locator('.nut-tabbar-item', { hasText: '消息' }).click();
    await page.locator('[data-testid=tab-messages]').waitFor();
    // His 待签收 to-do about this requisition, with its time.
    const item = page.locator('[data-testid=message-item]', { hasText: sign.title }).filter({ hasText: req.no });
    await expectTextContaining(item, NOTIFICATION_KIND_LABELS.sign, sign.title, req.no);
    await expectTextMatching(item, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(phone.errors).toEqual([]);
  });

  /** The 微信消息 tag of a message's row in 消息记录 (the row is the message's id). */
  const deliveryTag = (page: Page, id: number): Locator => page.locator(`[data-testid=notification-wechat-${id}]`);

  /** 刷新, then the text of the tag once the list has loaded again. */
  async function reloadAndRead(page: Page, tag: Locator): Promise<string> {
    await page.locator('[data-testid=notification-reload]').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=view-notifications] .ant-spin-spinning'));
    return (await tag.count()) ? tag.innerText() : '';
  }

  test('消息记录: the 待签收 message is 已发送 once the outbox has sent it; the 审批结果 stayed in-app', async () => {
    const page = await adminPage();
    await openView(page, 'notifications');
    const sign = await messageOf(tech.id, 'sign');
    const result = await messageOf(tech.id, 'result');
    const approval = await messageOf(keeperId, 'approval');

    // Only his messages, only 待签收.
    await pickOption(page, page.locator('[data-testid=notification-filter-employee]'), TECH);
    await pickOption(page, page.locator('[data-testid=notification-filter-kind]'), NOTIFICATION_KIND_LABELS.sign);
    const tag = deliveryTag(page, sign.id);
    await eventually(
      () => reloadAndRead(page, tag),
      (t) => expect(t).toBe(WECHAT_DELIVERY_LABELS.sent),
      SEND_TIMEOUT,
    );
    expect(await tag.getAttribute('class')).toContain('ant-tag-green');
    const row = page.locator(`[data-testid=notification-table] tr[data-row-key="${sign.id}"]`);
    const [cells] = await cellTexts(row);
    expect(cells[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(cells.slice(1, 4)).toEqual([TECH, NOTIFICATION_KIND_LABELS.sign, sign.title]);
    expect(cells[6]).toBe('待处理'); // not signed yet
    const rows = await eventually(
      () => cellTexts(page.locator('[data-testid=notification-table] .ant-table-row')),
      (r) => expect(r.length).toBeGreaterThan(0),
    );
    for (const r of rows) expect(r.slice(1, 3)).toEqual([TECH, NOTIFICATION_KIND_LABELS.sign]);

    // His 审批结果: no quota for that template, so only in his 消息 (a grey tag).
    await pickOption(page, page.locator('[data-testid=notification-filter-kind]'), NOTIFICATION_KIND_LABELS.result);
    const resultTag = deliveryTag(page, result.id);
    await expectTextContaining(resultTag, WECHAT_DELIVERY_LABELS.no_quota);
    expect(await resultTag.getAttribute('class')).not.toMatch(/ant-tag-(green|blue|red)/);

    // The keeper's 待审批 to-do, closed by her decision; she has not bound WeChat.
    await page.locator('[data-testid=notification-filter-employee] .ant-select-clear').click();
    await pickOption(page, page.locator('[data-testid=notification-filter-employee]'), KEEPER);
    await pickOption(page, page.locator('[data-testid=notification-filter-kind]'), NOTIFICATION_KIND_LABELS.approval);
    await expectTextContaining(deliveryTag(page, approval.id), WECHAT_DELIVERY_LABELS.unbound);
    await expectTextContaining(page.locator(`[data-testid=notification-table] tr[data-row-key="${approval.id}"]`), KEEPER, '已批准');

    // 已发送 over everyone and every kind: his 待签收 is among them, and nothing else shows.
    await page.locator('[data-testid=notification-filter-employee] .ant-select-clear').click();
    await page.locator('[data-testid=notification-filter-kind] .ant-select-clear').click();
    await pickOption(page, page.locator('[data-testid=notification-filter-wechat]'), WECHAT_DELIVERY_LABELS.sent);
    await deliveryTag(page, sign.id).waitFor();
    const sent = await eventually(
      () => page.locator('[data-testid=notification-table] [data-testid^=notification-wechat-]').allInnerTexts(),
      (tags) => expect(tags.length).toBeGreaterThan(0),
    );
    expect(new Set(sent)).toEqual(new Set([WECHAT_DELIVERY_LABELS.sent]));

    // Everything again: the 待签收, 审批结果 and 待审批 of this requisition are all listed.
    await page.locator('[data-testid=notification-filter-wechat] .ant-select-clear').click();
    for (const id of [sign.id, result.id, approval.id]) await deliveryTag(page, id).waitFor();
    await saveScreenshot(page, 'desk-notifications');
    expect(adminDesk!.errors).toEqual([]);
  });

  test('微信收件箱（演示） shows the 待签收 card as his WeChat shows it', async () => {
    const page = await adminPage();
    const sign = await messageOf(tech.id, 'sign');
    await openView(page, 'wechatInbox');
    await pickOption(page, page.locator('[data-testid=wechat-inbox-employee]'), TECH);

    const card = page.locator('[data-testid=wechat-inbox-card]', { hasText: req.no });
    await card.waitFor({ timeout: READ_TIMEOUT });
    await expectTextContaining(card.locator('[data-testid=wechat-inbox-card-title]'), WECHAT_TEMPLATES.sign.title);
    const spec = WECHAT_TEMPLATES.sign.keywords;
    await expectTextContaining(card.locator('[data-testid=wechat-inbox-field-character_string1]'), spec.character_string1, req.no);
    await expectTextContaining(card.locator('[data-testid=wechat-inbox-field-number3]'), spec.number3, '1');
    for (const [key, label] of Object.entries(spec)) {
      await expectTextContaining(card.locator(`[data-testid=wechat-inbox-field-${key}]`), label);
    }
    await expectTextContaining(card, '进入小程序查看', sign.page);
    await expectTextMatching(card.locator('[data-testid=wechat-inbox-card-time]'), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    // The same message reached his openid at the stand-in, with the page it opens.
    const delivered = wechat.standin.state.inbox.filter((m) => m.touser === tech.openid && m.template_id === signTemplate);
    expect(delivered).toHaveLength(1);
    expect(delivered[0].page?.replace(/^\//, '')).toBe(sign.page);
    expect(delivered[0].data.character_string1.value).toBe(req.no);

    // Another employee's phone got nothing.
    await page.locator('[data-testid=wechat-inbox-employee] .ant-select-clear').click();
    await pickOption(page, page.locator('[data-testid=wechat-inbox-employee]'), KEEPER);
    await page.locator('[data-testid=wechat-inbox-empty]').waitFor();
    await expectTextContaining(page.locator('[data-testid=wechat-inbox-empty]'), '还没有收到微信消息');

    await page.locator('[data-testid=wechat-inbox-employee] .ant-select-clear').click();
    await page.locator('[data-testid=wechat-inbox-reload]').click();
    await card.waitFor();
    await saveScreenshot(page, 'desk-wechat-inbox');
    expect(adminDesk!.errors).toEqual([]);
  });

  test('the desk of 陈美华 has neither 消息记录 nor 微信收件箱', async () => {
    const desk = await world.openDesk(DEMO.keeper);
    const menu = await desk.page.locator('[data-testid^=desk-menu-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(menu).not.toContain('desk-menu-notifications');
    expect(menu).not.toContain('desk-menu-wechatInbox');
    // The log itself is closed to her.
    expect((await callApi(world.url, 'GET', '/notifications/log', (await apiAs(world.url, DEMO.keeper)).token)).status).toBe(403);
    expect(desk.errors).toEqual([]);
  });

  test('with real WeChat credentials the admin’s desk has 消息记录 but no 微信收件箱（演示）', async () => {
    const real = await startServer({
      WECHAT_APPID: 'wx0123456789abcdef',
      WECHAT_SECRET: '0123456789abcdef0123456789abcdef',
      WECHAT_API_BASE: wechat.standin.url,
    });
    try {
      await waitForDemoLogin(real.url, DEMO.admin);
      const s = await loginAs(world.browser, real.url, DEMO.admin, DESKTOP);
      try {
        await waitForDesk(s.page);
        await s.page.locator('[data-testid=desk-menu-notifications]').waitFor();
        await expectNone(s.page.locator('[data-testid=desk-menu-wechatInbox]'));
        // Its address opens the admin's first view (工作台) instead.
        await s.page.goto(`${real.url}/#/pages/desk/index?view=wechatInbox`);
        await s.page.locator('[data-testid=view-home]').waitFor();
        await expectNone(s.page.locator('[data-testid=view-wechatInbox]'));
        expect(s.errors).toEqual([]);
      } finally {
        await s.context.close();
      }
    } finally {
      await real.stop();
    }
  });
});
