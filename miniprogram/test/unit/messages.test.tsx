/**
 * @jest-environment jsdom
 *
 * 消息 (every role) and 我的 → 微信消息提醒 in the H5 build: the list newest first, unread ones
 * marked, to-dos others dealt with greyed with who did it, the badge counting what still needs
 * him, a tap reading a message and opening its page, 全部已读; and the subscription state.
 * (The mini-program's WeChat dialogs: subscribe-weapp.test.tsx and test/weapp.)
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import type { NotificationView, SubscriptionSummary } from '@hongyuan/shared';
import HomePage from '../../src/pages/home';
import { clearSession, setSession } from '../../src/api/request';
import { forgetSubscriptions } from '../../src/session/subscribe';
import { PEOPLE } from '../support/fixtures';
import { HOUR, ago, page } from '../support/stock-fixtures';
import { fail, fakeServer, ok, parseUrl, taroMock, type Handler } from '../support/taro-mock';
import { all, byText, click, one } from '../support/ui';
import { notification } from '../support/work-fixtures';

/**
 * /api/notifications as the server answers it, over a list that changes with the reads:
 * newest first, `unread` = not read and not done (the badge).
 */
function inbox(initial: NotificationView[]) {
  const items = initial.map((n) => ({ ...n }));
  const routes: Record<string, Handler> = {
    'GET /api/notifications': (req) => {
      const q = parseUrl(req.url).query;
      const pageNo = Number(q.page) || 1;
      const pageSize = Number(q.pageSize) || 20;
      const listed = items.filter((n) => q.unread !== '1' || !n.readAt).sort((a, b) => b.id - a.id);
      return ok({
        items: listed.slice((pageNo - 1) * pageSize, pageNo * pageSize),
        total: listed.length,
        page: pageNo,
        pageSize,
        unread: items.filter((n) => !n.readAt && !n.doneAt).length,
      });
    },
    'POST /api/notifications/read-all': () => {
      const unread = items.filter((n) => !n.readAt);
      unread.forEach((n) => (n.readAt = new Date().toISOString()));
      return ok({ updated: unread.length });
    },
  };
  for (const n of items) {
    routes[`POST /api/notifications/${n.id}/read`] = () => {
      n.readAt = n.readAt ?? new Date().toISOString();
      return ok(null);
    };
  }
  return { items, routes };
}

function loginAs(me: typeof PEOPLE.technician, routes: Record<string, Handler>) {
  setSession({ employee: me, csrfToken: 'csrf-m' });
  fakeServer({
    'GET /api/auth/me': () => ok({ ...me, csrfToken: 'csrf-m' }),
    'GET /api/work-orders': () => ok(page([])),
    'GET /api/requisitions': () => ok(page([])),
    'GET /api/returns': () => ok(page([])),
    'GET /api/stock': () => ok(page([])),
    'GET /api/wechat/subscriptions': () => ok({ bound: false, templates: [] }),
    ...routes,
  });
}

const sent = (method: string, path: string) => taroMock.state.requests.filter((r) => r.method === method && parseUrl(r.url).path === path);

/** The badge number on a tab ('' when there is none). */
const badge = (container: HTMLElement, tab: string) =>
  all(container, 'nut-tabbar-item')
    .find((item) => item.querySelector('.nut-tabbar-item-text')?.textContent === tab)
    ?.querySelector('.nut-badge-sup')?.textContent ?? '';

const openTab = (container: HTMLElement, tab: string) => click(byText(container, 'nut-tabbar-item-text', tab));
const messages = (container: HTMLElement) => all(container, 'hy-msg');
const messageTitled = (container: HTMLElement, title: string) => messages(container).find((m) => m.textContent?.includes(title))!;

/** A technician's messages: a new order, an approval result already read, a to-do a keeper closed ... */
const TECH_MESSAGES = [
  notification(3, {
    kind: 'result',
    title: '领用单已批准',
    body: 'LY-20261128-0003 已由 吴库管 批准',
    page: 'packages/stock/requisition/index?id=3',
    workOrderId: null,
    todo: false,
    readAt: ago(HOUR),
    createdAt: ago(5 * HOUR),
  }),
  notification(5, {
    kind: 'sign',
    title: '领用配件待签收',
    body: 'LY-20261128-0003 机油滤清器 ×2',
    page: 'packages/stock/requisition/index?id=3',
    workOrderId: null,
    doneAt: ago(2 * HOUR),
    doneNote: '已签收',
    createdAt: ago(4 * HOUR),
  }),
  notification(7, {
    kind: 'held',
    title: '配件久未使用',
    body: '机油滤清器 ×3 已持有 9 天',
    page: '',
    workOrderId: null,
    todo: false,
    createdAt: ago(3 * HOUR),
  }),
  notification(9, {
    title: '新工单派给你',
    body: 'FW-20261128-0012 吴德兴 庆元县松源街道新建路 18 号',
    page: 'packages/work/order/index?id=12',
    workOrderId: 12,
    createdAt: ago(HOUR),
  }),
];

beforeEach(() => {
  localStorage.clear();
  clearSession();
  forgetSubscriptions();
  taroMock.reset();
});

describe('消息', () => {
  test('newest first, unread marked, a closed to-do greyed with its note; the badge counts what still needs him', async () => {
    const { routes } = inbox(TECH_MESSAGES);
    loginAs(PEOPLE.technician, routes);
    const { container } = render(<HomePage />);
    // the badge is on 消息 whichever tab is open (the held notice and the new order; the signed one is done)
    await waitFor(() => expect(badge(container, '消息')).toBe('2'));
    expect(badge(container, '工单')).toBe('');

    await openTab(container, '消息');
    await waitFor(() => expect(messages(container)).toHaveLength(4));
    expect(taroMock.state.titles.at(-1)).toBe('消息');
    expect(messages(container).map((m) => m.querySelector('.hy-msg__title')?.textContent)).toEqual([
      '新工单派给你',
      '配件久未使用',
      '领用配件待签收',
      '领用单已批准',
    ]);
    const listed = sent('GET', '/api/notifications').map((r) => parseUrl(r.url).query);
    expect(listed).toContainEqual({ page: '1', pageSize: '20' });

    const [order, held, sign, result] = messages(container);
    expect(order.className).toContain('hy-msg--unread');
    expect(within(order).getByText('派工')).toBeTruthy();
    expect(order.textContent).toContain('FW-20261128-0012 吴德兴');
    expect(order.querySelector('.hy-msg__dot')).not.toBeNull();
    expect(held.className).toContain('hy-msg--unread');
    expect(within(held).getByText('配件久未使用', { selector: '.nut-tag *, .nut-tag' })).toBeTruthy();
    expect(held.querySelector('.hy-msg__go')).toBeNull(); // nothing to open

    // done by now: greyed, with what happened, not counted; unread still marked
    expect(sign.className).toContain('hy-msg--done');
    expect(one(sign, 'hy-msg__done-note').textContent).toBe('已签收');
    expect(result.className).not.toContain('hy-msg--unread');
    expect(result.className).not.toContain('hy-msg--done');
    expect(result.querySelector('.hy-msg__dot')).toBeNull();
    expect(screen.getByText('2 条待处理')).toBeTruthy();
  });

  test("a keeper's approval to-do another keeper decided says who did it", async () => {
    const { routes } = inbox([
      notification(21, {
        employeeId: PEOPLE.keeper.id,
        kind: 'approval',
        title: '领用单待审批',
        body: 'LY-20261128-0008 李技师 2 种配件',
        page: 'packages/stock/requisition/index?id=8',
        workOrderId: null,
        docType: 'requisition',
        docId: 8,
        doneAt: ago(HOUR),
        doneNote: '已由 季红 处理（已批准）',
        createdAt: ago(2 * HOUR),
      }),
    ]);
    loginAs(PEOPLE.keeper, routes);
    const { container } = render(<HomePage />);
    await openTab(container, '消息');
    await waitFor(() => expect(messages(container)).toHaveLength(1));
    const [msg] = messages(container);
    expect(msg.className).toContain('hy-msg--done');
    expect(one(msg, 'hy-msg__done-note').textContent).toBe('已由 季红 处理（已批准）');
    // unread, but nothing left to do: no badge, and 全部已读 still reads it
    expect(badge(container, '消息')).toBe('');
    expect(msg.className).toContain('hy-msg--unread');
    expect(screen.getByText('全部已读')).toBeTruthy();
  });

  test('tapping a message reads it and opens its page; one without a page is only read', async () => {
    const { routes } = inbox(TECH_MESSAGES);
    loginAs(PEOPLE.technician, routes);
    const { container } = render(<HomePage />);
    await openTab(container, '消息');
    await waitFor(() => expect(messages(container)).toHaveLength(4));
    await waitFor(() => expect(badge(container, '消息')).toBe('2'));

    await click(messageTitled(container, '新工单派给你'));
    expect(taroMock.state.navigations).toEqual([{ type: 'navigateTo', url: '/packages/work/order/index?id=12' }]);
    expect(sent('POST', '/api/notifications/9/read')).toHaveLength(1);
    expect(messageTitled(container, '新工单派给你').className).not.toContain('hy-msg--unread');
    await waitFor(() => expect(badge(container, '消息')).toBe('1'));

    await click(messageTitled(container, '配件久未使用'));
    expect(taroMock.state.navigations).toHaveLength(1);
    expect(sent('POST', '/api/notifications/7/read')).toHaveLength(1);
    await waitFor(() => expect(badge(container, '消息')).toBe(''));
    expect(screen.getByText('共 4 条消息')).toBeTruthy();

    // a read one opens without reading it again
    await click(messageTitled(container, '领用单已批准'));
    expect(taroMock.state.navigations.at(-1)).toEqual({ type: 'navigateTo', url: '/packages/stock/requisition/index?id=3' });
    expect(sent('POST', '/api/notifications/3/read')).toHaveLength(0);
  });

  test('全部已读 reads them all: no marks, no badge, the button goes', async () => {
    const { routes } = inbox(TECH_MESSAGES);
    loginAs(PEOPLE.technician, routes);
    const { container } = render(<HomePage />);
    await openTab(container, '消息');
    await waitFor(() => expect(messages(container)).toHaveLength(4));
    await waitFor(() => expect(badge(container, '消息')).toBe('2'));
    expect(all(container, 'hy-msg--unread')).toHaveLength(3);

    await click(one(container, 'hy-messages__read-all'));
    expect(sent('POST', '/api/notifications/read-all')).toHaveLength(1);
    await waitFor(() => expect(badge(container, '消息')).toBe(''));
    await waitFor(() => expect(messages(container)).toHaveLength(4));
    expect(all(container, 'hy-msg--unread')).toHaveLength(0);
    expect(container.querySelector('.hy-messages__read-all')).toBeNull();
    expect(taroMock.state.navigations).toEqual([]);
  });

  test('a failed 全部已读 says so and leaves the marks', async () => {
    const { routes } = inbox(TECH_MESSAGES);
    loginAs(PEOPLE.technician, {
      ...routes,
      'POST /api/notifications/read-all': () => fail(500, 'INTERNAL', '服务器暂时不可用，请稍后重试'),
    });
    const { container } = render(<HomePage />);
    await openTab(container, '消息');
    await waitFor(() => expect(messages(container)).toHaveLength(4));
    await click(one(container, 'hy-messages__read-all'));
    expect(await screen.findByText('服务器暂时不可用，请稍后重试')).toBeTruthy();
    expect(all(container, 'hy-msg--unread')).toHaveLength(3);
  });

  test('paged: reaching the bottom loads the next 20', async () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      notification(i + 1, { title: `新工单 ${i + 1}`, workOrderId: i + 1, readAt: ago(HOUR), createdAt: ago((30 - i) * HOUR) }),
    );
    const { routes } = inbox(many);
    loginAs(PEOPLE.supervisor, routes);
    const { container } = render(<HomePage />);
    await openTab(container, '消息');
    await waitFor(() => expect(messages(container)).toHaveLength(20));
    expect(one(messages(container)[0], 'hy-msg__title').textContent).toBe('新工单 25');
    await act(async () => {
      taroMock.reachBottom();
    });
    await waitFor(() => expect(messages(container)).toHaveLength(25));
    expect(one(messages(container)[24], 'hy-msg__title').textContent).toBe('新工单 1');
    expect(screen.getByText('共 25 条消息')).toBeTruthy();
    expect(container.querySelector('.hy-messages__read-all')).toBeNull();
  });

  test('a desk-only person opens on 消息; nothing yet says so', async () => {
    const { routes } = inbox([]);
    loginAs(PEOPLE.admin, routes);
    render(<HomePage />);
    expect(await screen.findByText('暂无消息')).toBeTruthy();
    expect(screen.getByText('派工、审批、签收等提醒会显示在这里')).toBeTruthy();
  });
});

describe('我的 → 微信消息提醒 (H5)', () => {
  const SUMMARY: SubscriptionSummary = {
    bound: true,
    templates: [
      { kind: 'dispatch', title: '派工通知', templateId: 'tpl-dispatch', quota: 2, alwaysReject: false },
      { kind: 'approval', title: '审批提醒', templateId: 'tpl-approval', quota: 0, alwaysReject: false },
      { kind: 'result', title: '审批结果', templateId: 'tpl-result', quota: 0, alwaysReject: true },
      { kind: 'sign', title: '待签收', templateId: 'tpl-sign', quota: 1, alwaysReject: false },
    ],
  };

  /** title -> what the row says, for the templates listed */
  const rows = (container: HTMLElement) =>
    Object.fromEntries(
      all(container, 'hy-me__tpl').map((c) => [c.querySelector('.nut-cell-title')?.textContent, one(c, 'hy-me__tpl-state').textContent]),
    );

  test('each template with what WeChat still lets us send, 已拒绝 with 重新开启', async () => {
    let summary = SUMMARY;
    loginAs(PEOPLE.technician, {
      ...inbox([]).routes,
      'GET /api/wechat/subscriptions': () => ok(summary),
      'POST /api/wechat/subscriptions/reset': (req) => {
        summary = {
          ...summary,
          templates: summary.templates.map((t) => ((req.data.kinds as string[]).includes(t.kind) ? { ...t, alwaysReject: false } : t)),
        };
        return ok(summary);
      },
    });
    const { container } = render(<HomePage />);
    await openTab(container, '我的');
    await waitFor(() => expect(all(container, 'hy-me__tpl')).toHaveLength(4));
    expect(rows(container)).toEqual({ 派工通知: '剩余 2 条', 审批提醒: '剩余 0 条', 审批结果: '已拒绝', 待签收: '剩余 1 条' });
    expect(all(container, 'hy-me__reopen')).toHaveLength(1);
    // H5 cannot ask WeChat: no 订阅提醒 here
    expect(screen.queryByText('订阅提醒')).toBeNull();
    expect(screen.queryByText('未绑定微信，消息只在站内显示')).toBeNull();

    await click(one(container, 'hy-me__reopen'));
    expect(sent('POST', '/api/wechat/subscriptions/reset').map((r) => r.data)).toEqual([{ kinds: ['result'] }]);
    await waitFor(() => expect(rows(container)['审批结果']).toBe('剩余 0 条'));
    expect(all(container, 'hy-me__reopen')).toHaveLength(0);
    expect(taroMock.state.toasts.at(-1)?.title).toBe('已重新开启，下次在小程序中会再询问你');
  });

  test('not bound: says messages stay in the app', async () => {
    loginAs(PEOPLE.keeper, { ...inbox([]).routes, 'GET /api/wechat/subscriptions': () => ok({ ...SUMMARY, bound: false }) });
    const { container } = render(<HomePage />);
    await openTab(container, '我的');
    expect(await screen.findByText('未绑定微信，消息只在站内显示')).toBeTruthy();
    expect(all(container, 'hy-me__tpl')).toHaveLength(0);
    expect(screen.queryByText('订阅提醒')).toBeNull();
  });

  test('a failed load shows the message and 重试', async () => {
    let fails = true;
    loginAs(PEOPLE.technician, {
      ...inbox([]).routes,
      'GET /api/wechat/subscriptions': () => (fails ? fail(500, 'INTERNAL', '服务器暂时不可用，请稍后重试') : ok(SUMMARY)),
    });
    const { container } = render(<HomePage />);
    await openTab(container, '我的');
    expect(await screen.findByText('服务器暂时不可用，请稍后重试')).toBeTruthy();
    fails = false;
    await click(within(one(container, 'hy-me__wechat')).getByText('重试'));
    await waitFor(() => expect(all(container, 'hy-me__tpl')).toHaveLength(4));
  });
});
