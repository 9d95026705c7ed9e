/**
 * @jest-environment jsdom
 *
 * WeChat subscription messages in the mini-program build (request.ts says weapp; the rest runs
 * for real): the template ids are loaded once after login, and each natural tap (工单, 审批,
 * 结束处理, submitting a return, 我的 → 订阅提醒) asks requestSubscribeMessage synchronously in
 * the tap, for the templates he has not always rejected, then tells the server what he answered
 * and what WeChat's settings say he always rejects. A failure never stops the tap's own action.
 * (The same against the real server in the compiled mini-program: test/weapp/weapp-messages.test.ts.)
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import TaroModule from '@tarojs/taro';
import { SUBSCRIBE_MOMENTS, type SubscriptionSummary, type WechatTemplateKind } from '@hongyuan/shared';
import HomePage from '../../src/pages/home';
import ReturnFormPage from '../../src/packages/stock/return-form';
import FinishSheet from '../../src/packages/work/order/FinishSheet';
import { clearSession, setSession } from '../../src/api/request';
import { forgetSubscriptions, loadSubscriptions } from '../../src/session/subscribe';
import { PEOPLE } from '../support/fixtures';
import { WAREHOUSES, page, stockReturn } from '../support/stock-fixtures';
import { fakeServer, fail, ok, parseUrl, taroMock, type Handler } from '../support/taro-mock';
import { all, byText, click, flush, one, type } from '../support/ui';
import { orderItem } from '../support/work-fixtures';

// The weapp build: request.ts says which client this is (everything else of it runs for real).
jest.mock('../../src/api/request', () => ({ ...jest.requireActual('../../src/api/request'), CLIENT: 'weapp' }));

const TEMPLATE_IDS: Record<WechatTemplateKind, string> = {
  dispatch: 'tpl-dispatch',
  approval: 'tpl-approval',
  result: 'tpl-result',
  sign: 'tpl-sign',
};
const TITLES: Record<WechatTemplateKind, string> = { dispatch: '派工通知', approval: '审批提醒', result: '审批结果', sign: '待签收' };

/**
 * WeChat on the phone: requestSubscribeMessage answers per template (accept unless told), or
 * fails as a whole; getSetting reports what he always rejects; openSetting is where he switches
 * a template back on. `hold` keeps the dialog open until release().
 */
const wx = {
  asks: [] as string[][],
  answers: {} as Record<string, string>,
  failAll: false,
  hold: false,
  held: [] as (() => void)[],
  itemSettings: {} as Record<string, string>,
  settingsOpened: 0,
  /** what he does in WeChat's settings */
  inSettings: () => {},
  release() {
    this.held.splice(0).forEach((f) => f());
  },
};
for (const t of [TaroModule as any, require('@tarojs/taro')]) {
  t.requestSubscribeMessage = (o: { tmplIds: string[] }) => {
    wx.asks.push([...o.tmplIds]);
    return new Promise((resolve, reject) => {
      const settle = () =>
        wx.failAll
          ? reject({ errMsg: 'requestSubscribeMessage:fail main switch is off', errCode: 20004 })
          : resolve({
              errMsg: 'requestSubscribeMessage:ok',
              ...Object.fromEntries(o.tmplIds.map((id) => [id, wx.answers[id] ?? 'accept'])),
            });
      if (wx.hold) wx.held.push(settle);
      else setTimeout(settle, 0);
    });
  };
  t.getSetting = () =>
    Promise.resolve({
      errMsg: 'getSetting:ok',
      authSetting: {},
      subscriptionsSetting: { mainSwitch: true, itemSettings: { ...wx.itemSettings } },
    });
  t.openSetting = () => {
    wx.settingsOpened += 1;
    return new Promise((resolve) =>
      setTimeout(() => {
        wx.inSettings();
        resolve({ errMsg: 'openSetting:ok', authSetting: {} });
      }, 0),
    );
  };
}

/** /api/wechat/subscriptions as the contract says: accept adds one, always-rejected ids are flagged, reset clears the flag. */
function subscriptionServer(bound = true, rejected: WechatTemplateKind[] = []) {
  const state: SubscriptionSummary = {
    bound,
    templates: (Object.keys(TEMPLATE_IDS) as WechatTemplateKind[]).map((kind) => ({
      kind,
      title: TITLES[kind],
      templateId: TEMPLATE_IDS[kind],
      quota: 0,
      alwaysReject: rejected.includes(kind),
    })),
  };
  const routes: Record<string, Handler> = {
    'GET /api/wechat/subscriptions': () => ok(state),
    'POST /api/wechat/subscriptions': (req) => {
      const { results, alwaysRejected } = req.data as { results: Record<string, string>; alwaysRejected: string[] };
      for (const t of state.templates) {
        if (results[t.templateId] === 'accept') {
          t.quota += 1;
          t.alwaysReject = false;
        }
        if (alwaysRejected.includes(t.templateId)) t.alwaysReject = true;
      }
      return ok(state);
    },
    'POST /api/wechat/subscriptions/reset': (req) => {
      for (const t of state.templates) if ((req.data.kinds as string[]).includes(t.kind)) t.alwaysReject = false;
      return ok(state);
    },
  };
  return { state, routes };
}

const quota = (state: SubscriptionSummary, kind: WechatTemplateKind) => state.templates.find((t) => t.kind === kind)!.quota;

function loginAs(me: typeof PEOPLE.technician, routes: Record<string, Handler>) {
  setSession({ employee: me, token: 'bearer-s', expiresAt: '2030-01-01T00:00:00Z' });
  fakeServer({
    'GET /api/auth/me': () => ok(me),
    'GET /api/notifications': () => ok({ ...page([]), unread: 0 }),
    'GET /api/work-orders': () => ok(page([orderItem(4)])),
    'GET /api/requisitions': () => ok(page([])),
    'GET /api/returns': () => ok(page([])),
    'GET /api/stock': () => ok(page([])),
    ...routes,
  });
}

const sent = (method: string, path: string) => taroMock.state.requests.filter((r) => r.method === method && parseUrl(r.url).path === path);
const tab = (container: HTMLElement, title: string) => byText(container, 'nut-tabbar-item-text', title);

/**
 * Taps and answers how many dialogs WeChat was asked for synchronously in the tap handler,
 * before anything could be awaited (WeChat refuses the dialog otherwise).
 */
async function tapCountingAsks(el: Element): Promise<number> {
  const before = wx.asks.length;
  let inTap = -1;
  await act(async () => {
    fireEvent.click(el);
    inTap = wx.asks.length - before;
  });
  await flush();
  return inTap;
}

/** Renders the home page and waits until the template ids are at hand (loaded after login). */
async function homeWithTemplates() {
  const view = render(<HomePage />);
  await waitFor(() => expect(sent('GET', '/api/wechat/subscriptions')).toHaveLength(1));
  await flush();
  return view;
}

beforeEach(() => {
  localStorage.clear();
  clearSession();
  forgetSubscriptions();
  taroMock.reset();
  Object.assign(wx, {
    asks: [],
    answers: {},
    failAll: false,
    hold: false,
    held: [],
    itemSettings: {},
    settingsOpened: 0,
    inSettings: () => {},
  });
});

test('technician: tapping 工单 asks for 派工/结果/签收 in the tap, drops the always-rejected one, reports to the server', async () => {
  const server = subscriptionServer(true, ['result']);
  loginAs(PEOPLE.technician, server.routes);
  wx.answers = { [TEMPLATE_IDS.sign]: 'reject' };
  wx.itemSettings = { [TEMPLATE_IDS.result]: 'reject' };
  const { container } = await homeWithTemplates();
  await waitFor(() => expect(all(container, 'hy-order')).toHaveLength(1));
  expect(wx.asks).toEqual([]); // nothing asked without a tap

  // 工单 is already open: tapping it again asks too
  expect(await tapCountingAsks(tab(container, '工单'))).toBe(1);
  expect(wx.asks).toEqual([[TEMPLATE_IDS.dispatch, TEMPLATE_IDS.sign]]);
  await waitFor(() => expect(sent('POST', '/api/wechat/subscriptions')).toHaveLength(1));
  expect(sent('POST', '/api/wechat/subscriptions')[0].data).toEqual({
    results: { [TEMPLATE_IDS.dispatch]: 'accept', [TEMPLATE_IDS.sign]: 'reject' },
    alwaysRejected: [TEMPLATE_IDS.result],
  });
  expect(quota(server.state, 'dispatch')).toBe(1);
  expect(quota(server.state, 'sign')).toBe(0);
  // the template ids were loaded once, not per tap
  expect(sent('GET', '/api/wechat/subscriptions')).toHaveLength(1);

  // from 配件 back to 工单: asked again
  await click(tab(container, '配件'));
  expect(await tapCountingAsks(tab(container, '工单'))).toBe(1);
  await waitFor(() => expect(quota(server.state, 'dispatch')).toBe(2));
  // other tabs ask nothing
  expect(await tapCountingAsks(tab(container, '消息'))).toBe(0);
  expect(await tapCountingAsks(tab(container, '配件'))).toBe(0);
});

test('the order list opened by itself: his first tap on an order asks, and the order opens once WeChat answered', async () => {
  const server = subscriptionServer();
  loginAs(PEOPLE.technician, server.routes);
  const { container } = await homeWithTemplates();
  await waitFor(() => expect(all(container, 'hy-order')).toHaveLength(1));

  wx.hold = true;
  expect(await tapCountingAsks(one(container, 'hy-order'))).toBe(1);
  expect(wx.asks).toEqual([SUBSCRIBE_MOMENTS.orders.map((k) => TEMPLATE_IDS[k])]);
  // the dialog is open: the order waits for it
  expect(taroMock.state.navigations).toEqual([]);
  await act(async () => wx.release());
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'navigateTo', url: '/packages/work/order/index?id=4' }]));
  await waitFor(() => expect(quota(server.state, 'dispatch')).toBe(1));

  // once is enough: the next tap on the list only opens the order
  wx.hold = false;
  expect(await tapCountingAsks(one(container, 'hy-order'))).toBe(0);
  await waitFor(() => expect(taroMock.state.navigations).toHaveLength(2));
  expect(await tapCountingAsks(one(container, 'hy-order-filter--all'))).toBe(0);
});

test('keeper: tapping 审批 asks for 审批提醒', async () => {
  const server = subscriptionServer();
  loginAs(PEOPLE.keeper, server.routes);
  const { container } = await homeWithTemplates();
  expect(await screen.findByText('暂无待审批的单据')).toBeTruthy();
  await click(tab(container, '库存'));
  expect(await tapCountingAsks(tab(container, '审批'))).toBe(1);
  expect(wx.asks).toEqual([[TEMPLATE_IDS.approval]]);
  await waitFor(() => expect(quota(server.state, 'approval')).toBe(1));
});

test('WeChat refusing, the server failing or no WeChat bound never stop the tap', async () => {
  const server = subscriptionServer(true);
  let saveFails = true;
  loginAs(PEOPLE.technician, {
    ...server.routes,
    'POST /api/wechat/subscriptions': (req) =>
      saveFails ? fail(500, 'INTERNAL', '服务器暂时不可用，请稍后重试') : server.routes['POST /api/wechat/subscriptions'](req),
  });
  const { container } = await homeWithTemplates();
  await waitFor(() => expect(all(container, 'hy-order')).toHaveLength(1));

  // the save fails: the order opens all the same
  expect(await tapCountingAsks(one(container, 'hy-order'))).toBe(1);
  await waitFor(() => expect(taroMock.state.navigations).toHaveLength(1));
  await waitFor(() => expect(sent('POST', '/api/wechat/subscriptions')).toHaveLength(1));

  // his main switch is off: WeChat fails the request; what the settings say still goes to the server
  saveFails = false;
  wx.failAll = true;
  wx.itemSettings = { [TEMPLATE_IDS.dispatch]: 'reject' };
  await click(tab(container, '配件'));
  expect(await tapCountingAsks(tab(container, '工单'))).toBe(1);
  expect(one(container, 'nut-tabbar-item-active').textContent).toContain('工单');
  await waitFor(() => expect(server.state.templates.find((t) => t.kind === 'dispatch')!.alwaysReject).toBe(true));
  expect(sent('POST', '/api/wechat/subscriptions').at(-1)!.data).toEqual({ results: {}, alwaysRejected: [TEMPLATE_IDS.dispatch] });
  // now always rejected: not asked for again
  expect(await tapCountingAsks(tab(container, '工单'))).toBe(1);
  expect(wx.asks.at(-1)).toEqual([TEMPLATE_IDS.result, TEMPLATE_IDS.sign]);
});

test('not bound, or the template ids could not be loaded: nothing is asked, the tab opens', async () => {
  const server = subscriptionServer(false);
  loginAs(PEOPLE.technician, server.routes);
  const first = await homeWithTemplates();
  await click(tab(first.container, '配件'));
  expect(await tapCountingAsks(tab(first.container, '工单'))).toBe(0);
  expect(one(first.container, 'nut-tabbar-item-active').textContent).toContain('工单');
  first.unmount();

  forgetSubscriptions();
  taroMock.reset();
  loginAs(PEOPLE.technician, { 'GET /api/wechat/subscriptions': () => fail(500, 'INTERNAL', '服务器暂时不可用，请稍后重试') });
  const second = await homeWithTemplates();
  await click(tab(second.container, '配件'));
  expect(await tapCountingAsks(tab(second.container, '工单'))).toBe(0);
  expect(one(second.container, 'nut-tabbar-item-active').textContent).toContain('工单');
  expect(sent('POST', '/api/wechat/subscriptions')).toHaveLength(0);
});

describe('我的 → 微信消息提醒', () => {
  const rows = (container: HTMLElement) =>
    Object.fromEntries(
      all(container, 'hy-me__tpl').map((c) => [c.querySelector('.nut-cell-title')?.textContent, one(c, 'hy-me__tpl-state').textContent]),
    );

  test('订阅提醒 asks in the tap by his role; the quotas shown go up', async () => {
    const server = subscriptionServer();
    loginAs(PEOPLE.technician, server.routes);
    const { container } = await homeWithTemplates();
    await click(tab(container, '我的'));
    await waitFor(() =>
      expect(rows(container)).toEqual({ 派工通知: '剩余 0 条', 审批提醒: '剩余 0 条', 审批结果: '剩余 0 条', 待签收: '剩余 0 条' }),
    );
    expect(await tapCountingAsks(screen.getByText('订阅提醒'))).toBe(1);
    expect(wx.asks).toEqual([SUBSCRIBE_MOMENTS.orders.map((k) => TEMPLATE_IDS[k])]);
    await waitFor(() =>
      expect(rows(container)).toEqual({ 派工通知: '剩余 1 条', 审批提醒: '剩余 0 条', 审批结果: '剩余 1 条', 待签收: '剩余 1 条' }),
    );
  });

  test("重新开启: the server clears the flag and WeChat's settings open in the same tap; left rejected there, it stays rejected", async () => {
    const server = subscriptionServer(true, ['approval']);
    loginAs(PEOPLE.keeper, server.routes);
    wx.itemSettings = { [TEMPLATE_IDS.approval]: 'reject' };
    const { container } = await homeWithTemplates();
    await click(tab(container, '我的'));
    await waitFor(() => expect(rows(container)['审批提醒']).toBe('已拒绝'));

    // he switches it on in WeChat's settings
    wx.inSettings = () => (wx.itemSettings = { [TEMPLATE_IDS.approval]: 'accept' });
    let openedInTap = -1;
    await act(async () => {
      fireEvent.click(one(container, 'hy-me__reopen'));
      openedInTap = wx.settingsOpened;
    });
    expect(openedInTap).toBe(1);
    expect(sent('POST', '/api/wechat/subscriptions/reset').map((r) => r.data)).toEqual([{ kinds: ['approval'] }]);
    await waitFor(() => expect(rows(container)['审批提醒']).toBe('剩余 0 条'));
    expect(all(container, 'hy-me__reopen')).toHaveLength(0);
    // and the next 订阅提醒 asks for it
    expect(await tapCountingAsks(screen.getByText('订阅提醒'))).toBe(1);
    expect(wx.asks).toEqual([[TEMPLATE_IDS.approval]]);
    await waitFor(() => expect(rows(container)['审批提醒']).toBe('剩余 1 条'));

    // another time he leaves it off in the settings: still 已拒绝
    server.state.templates.find((t) => t.kind === 'approval')!.alwaysReject = true;
    wx.itemSettings = { [TEMPLATE_IDS.approval]: 'reject' };
    wx.inSettings = () => {};
    await click(tab(container, '审批'));
    await click(tab(container, '我的'));
    await waitFor(() => expect(rows(container)['审批提醒']).toBe('已拒绝'));
    await click(one(container, 'hy-me__reopen'));
    await waitFor(() => expect(wx.settingsOpened).toBe(2));
    await waitFor(() =>
      expect(sent('POST', '/api/wechat/subscriptions').at(-1)!.data).toEqual({ results: {}, alwaysRejected: [TEMPLATE_IDS.approval] }),
    );
    await waitFor(() => expect(rows(container)['审批提醒']).toBe('已拒绝'));
  });
});

test("结束处理: confirming asks for the technician's reminders in the tap, then finishes", async () => {
  const server = subscriptionServer();
  loginAs(PEOPLE.technician, server.routes);
  await loadSubscriptions();
  const confirmed: string[] = [];
  const { container } = render(
    <FinishSheet visible parts={[]} labour={[]} busy={false} error="" onCancel={() => {}} onConfirm={(s) => confirmed.push(s)} />,
  );
  // nothing written yet: refused on the page, nothing asked
  expect(await tapCountingAsks(one(container, 'hy-finish__confirm'))).toBe(0);
  await type(container, 'finishNote', '已更换机油机滤，试车正常');
  expect(await tapCountingAsks(one(container, 'hy-finish__confirm'))).toBe(1);
  expect(wx.asks).toEqual([SUBSCRIBE_MOMENTS.orders.map((k) => TEMPLATE_IDS[k])]);
  expect(confirmed).toEqual(['已更换机油机滤，试车正常']);
  await waitFor(() => expect(quota(server.state, 'dispatch')).toBe(1));
});

test('submitting a return asks for 审批结果/待签收 in the tap; the document goes at once, the page moves on once WeChat answered', async () => {
  const server = subscriptionServer();
  loginAs(PEOPLE.technician, {
    ...server.routes,
    'GET /api/warehouses': () => ok(page(WAREHOUSES)),
    'GET /api/returns/prefill': () =>
      ok({
        employeeId: PEOPLE.technician.id,
        employeeName: PEOPLE.technician.name,
        departmentId: 1,
        departmentName: '维修车间',
        warehouseId: 1,
        approverIds: [PEOPLE.keeper.id],
        lines: [
          { partId: 11, partCode: '6950100852570', partName: '机油滤清器', partModel: 'W712/75', partSpec: '', unit: '个', heldQty: 3 },
        ],
      }),
    'POST /api/returns': () => ok(stockReturn(50)),
  });
  await loadSubscriptions();
  const { container } = render(<ReturnFormPage />);
  await waitFor(() => expect(all(container, 'hy-ret-form-line')).toHaveLength(1));
  await flush();

  wx.hold = true;
  expect(await tapCountingAsks(one(container, 'hy-ret-form__submit'))).toBe(1);
  expect(wx.asks).toEqual([SUBSCRIBE_MOMENTS.submitDoc.map((k) => TEMPLATE_IDS[k])]);
  await waitFor(() => expect(sent('POST', '/api/returns')).toHaveLength(1));
  await flush();
  expect(taroMock.state.navigations).toEqual([]);
  await act(async () => wx.release());
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/packages/stock/return/index?id=50' }]));
  await waitFor(() => expect(quota(server.state, 'result')).toBe(1));
  expect(quota(server.state, 'sign')).toBe(1);
});
