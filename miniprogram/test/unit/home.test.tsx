/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Me } from '@hongyuan/shared';
import HomePage from '../../src/pages/home';
import { clearSession, getSession, setSession } from '../../src/api/request';
import { PEOPLE, part } from '../support/fixtures';
import { fail, fakeServer, ok, parseUrl, taroMock, type Handler } from '../support/taro-mock';

const emptyPage = () => ok({ items: [], total: 0, page: 1, pageSize: 30 });
const EMPTY_STOCK_ROUTES: Record<string, Handler> = {
  'GET /api/requisitions': emptyPage,
  'GET /api/returns': emptyPage,
  'GET /api/holdings': emptyPage,
  'GET /api/stock': emptyPage,
  'GET /api/work-orders': emptyPage,
  'GET /api/notifications': () => ok({ items: [], total: 0, unread: 0, page: 1, pageSize: 100 }),
  'GET /api/wechat/subscriptions': () => ok({ bound: false, templates: [] }),
  'GET /api/work-order-stats': () => ok([]),
  'GET /api/alerts': () =>
    ok({
      settings: { heldDays: 7, pendingHours: 4 },
      lowStock: [],
      longHeld: [],
      waitingDocs: [],
      openDisputes: [],
      counts: { lowStock: 0, longHeld: 0, waitingDocs: 0, openDisputes: 0, total: 0 },
    }),
};

function loginAs(me: Me, routes: Record<string, Handler> = {}) {
  setSession({ employee: me, csrfToken: 'csrf-home', expiresAt: '2030-01-01T00:00:00Z' });
  fakeServer({ 'GET /api/auth/me': () => ok({ ...me, csrfToken: 'csrf-fresh' }), ...EMPTY_STOCK_ROUTES, ...routes });
}

function tabTitles(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll('.nut-tabbar-item-text')).map((e) => e.textContent ?? '');
}

async function openTab(container: HTMLElement, title: string) {
  // (the title, not the whole item: a badge adds its number to the item's text)
  const item = Array.from(container.querySelectorAll('.nut-tabbar-item-text')).find((e) => e.textContent === title) as HTMLElement;
  expect(item).toBeTruthy();
  await act(async () => {
    fireEvent.click(item);
  });
}

/** The technician's 配件 tab opens on 我的持有: the catalogue is the 配件查询 segment. */
async function openCatalogue(container: HTMLElement) {
  await openTab(container, '配件');
  await act(async () => {
    fireEvent.click(container.querySelector('.hy-segment--catalogue') as HTMLElement);
  });
}

/** (a number, not the node list: Jest's diff of Taro DOM nodes takes seconds) */
function partCount(container: HTMLElement): number {
  return container.querySelectorAll('[data-testid="part-item"]').length;
}

/** title -> value of the NutUI cells on 我的 (微信消息提醒 aside: test/unit/messages.test.tsx) */
function cells(container: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  container.querySelectorAll('.hy-me .nut-cell').forEach((cell) => {
    if (cell.closest('.hy-me__wechat')) return;
    const title = cell.querySelector('.nut-cell-title')?.textContent ?? '';
    if (!title.startsWith('以')) out[title] = cell.querySelector('.nut-cell-extra')?.textContent ?? '';
  });
  return out;
}

/** Renders the home page and waits for the /auth/me refresh to have come back. */
async function renderHome() {
  const view = render(<HomePage />);
  await waitFor(() => expect(taroMock.state.requests.some((r) => parseUrl(r.url).path === '/api/auth/me')).toBe(true));
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
  return view;
}

beforeEach(() => {
  localStorage.clear();
  clearSession();
  taroMock.reset();
});

describe('tabs by role', () => {
  test.each([
    ['technician', PEOPLE.technician, ['工单', '配件', '消息', '我的'], '暂无待办工单'],
    ['keeper', PEOPLE.keeper, ['审批', '库存', '消息', '我的'], '暂无待审批的单据'],
    ['supervisor', PEOPLE.supervisor, ['派工', '统计', '消息', '我的'], '暂无待派工的工单'],
    ['admin (desk only)', PEOPLE.admin, ['消息', '我的'], '暂无消息'],
    ['customer service (desk only)', PEOPLE.service, ['消息', '我的'], '暂无消息'],
    ['follow-up (desk only)', PEOPLE.followup, ['消息', '我的'], '暂无消息'],
  ])('%s', async (_label, me, expected, firstEmpty) => {
    loginAs(me);
    const { container } = await renderHome();
    expect(tabTitles(container)).toEqual(expected);
    // the first tab is open
    expect(await screen.findByText(firstEmpty)).toBeTruthy();
    expect(taroMock.state.titles.at(-1)).toBe(expected[0]);
  });
});

test('no session: goes to the login page without calling the server', async () => {
  render(<HomePage />);
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'reLaunch', url: '/pages/login/index' }]));
  expect(taroMock.state.requests).toEqual([]);
});

test('session expired on the server (401): forgets it and goes to the login page', async () => {
  setSession({ employee: PEOPLE.technician, csrfToken: 'x' });
  fakeServer({ 'GET /api/auth/me': () => fail(401, 'UNAUTHENTICATED', '请先登录') });
  render(<HomePage />);
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'reLaunch', url: '/pages/login/index' }]));
  expect(getSession()).toBeNull();
  expect(Taro.getStorageSync('hy.session')).toBeFalsy();
});

test('/auth/me refresh: new roles change the tabs and the fresh CSRF token is kept', async () => {
  setSession({ employee: PEOPLE.technician, csrfToken: 'old' });
  fakeServer({ 'GET /api/auth/me': () => ok({ ...PEOPLE.technician, roles: ['keeper'], csrfToken: 'new' }) });
  const { container } = render(<HomePage />);
  await waitFor(() => expect(tabTitles(container)).toEqual(['审批', '库存', '消息', '我的']));
  expect(getSession()?.csrfToken).toBe('new');
  expect(getSession()?.employee.roles).toEqual(['keeper']);
});

describe('我的', () => {
  test('shows name, phone, department and roles; a single-role person gets no role switcher', async () => {
    loginAs(PEOPLE.technician);
    const { container } = await renderHome();
    await openTab(container, '我的');
    expect(cells(container)).toEqual({ 姓名: '李技师', 手机号: '13800000004', 部门: '维修车间', 角色: '技师', 修改密码: '›' });
    expect(screen.queryByText('切换身份')).toBeNull();
    expect(screen.queryByText('进入电脑工作台')).toBeNull(); // technicians have no desk role
  });

  test('role switcher: a technician who is also keeper switches to keeper; the choice is remembered', async () => {
    loginAs(PEOPLE.techKeeper);
    const first = await renderHome();
    expect(tabTitles(first.container)).toEqual(['工单', '配件', '消息', '我的']);

    await openTab(first.container, '我的');
    expect(cells(first.container)).toMatchObject({ 部门: '未分配部门', 角色: '技师、库管' });
    expect(screen.getByText('切换身份')).toBeTruthy();
    const toKeeper = first.container.querySelector('.hy-me__role--keeper') as HTMLElement;
    expect(toKeeper).toBeTruthy();
    await act(async () => {
      fireEvent.click(toKeeper);
    });

    expect(tabTitles(first.container)).toEqual(['审批', '库存', '消息', '我的']);
    // still on 我的, now with keeper marked as the current role
    expect(first.container.querySelector('.hy-me__role--active')?.textContent).toContain('以库管身份使用');
    expect(taroMock.state.toasts.at(-1)?.title).toBe('已切换为库管身份');
    first.unmount();

    // next launch: keeper again
    const second = await renderHome();
    expect(tabTitles(second.container)).toEqual(['审批', '库存', '消息', '我的']);
    expect(await screen.findByText('暂无待审批的单据')).toBeTruthy();
  });

  test('a remembered role the person no longer holds falls back to his first mobile role', async () => {
    Taro.setStorageSync('hy.activeRole', { employeeId: PEOPLE.technician.id, role: 'keeper' });
    loginAs(PEOPLE.technician);
    const { container } = await renderHome();
    expect(tabTitles(container)).toEqual(['工单', '配件', '消息', '我的']);
  });

  test('desk roles on H5 get a link to the PC desk', async () => {
    loginAs(PEOPLE.keeper);
    const { container } = await renderHome();
    await openTab(container, '我的');
    await act(async () => {
      fireEvent.click(screen.getByText('进入电脑工作台'));
    });
    expect(taroMock.state.navigations).toEqual([{ type: 'navigateTo', url: '/pages/desk/index?pc=1' }]);
  });

  test('修改密码 opens the page in the subpackage', async () => {
    loginAs(PEOPLE.supervisor);
    const { container } = await renderHome();
    await openTab(container, '我的');
    await act(async () => {
      fireEvent.click(screen.getByText('修改密码'));
    });
    expect(taroMock.state.navigations).toEqual([{ type: 'navigateTo', url: '/packages/account/password/index' }]);
  });

  test('logout: asks, tells the server (with the CSRF token), forgets the session, goes to login', async () => {
    let loggedOut: { header: Record<string, string> } | null = null;
    loginAs(PEOPLE.admin, {
      'POST /api/auth/logout': (req) => {
        loggedOut = req;
        return ok(null);
      },
    });
    const { container } = await renderHome();
    expect(tabTitles(container)).toEqual(['消息', '我的']);
    await openTab(container, '我的');
    await act(async () => {
      fireEvent.click(container.querySelector('.hy-me__logout .nut-button') as HTMLElement);
    });
    await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'reLaunch', url: '/pages/login/index' }]));
    expect(taroMock.state.modals).toHaveLength(1);
    expect(loggedOut).not.toBeNull();
    expect(loggedOut!.header['X-CSRF-Token']).toBe('csrf-fresh');
    expect(getSession()).toBeNull();
  });

  test('logout cancelled: nothing happens', async () => {
    loginAs(PEOPLE.admin);
    taroMock.state.modalConfirm = false;
    const { container } = await renderHome();
    await openTab(container, '我的');
    await act(async () => {
      fireEvent.click(container.querySelector('.hy-me__logout .nut-button') as HTMLElement);
    });
    expect(taroMock.state.modals).toHaveLength(1);
    expect(taroMock.state.navigations).toEqual([]);
    expect(getSession()).not.toBeNull();
  });
});

describe('parts search', () => {
  const partsRoute =
    (all = Array.from({ length: 45 }, (_, i) => part(i + 1, { costPrice: 2000 + i }))): Handler =>
    (req) => {
      const { query } = parseUrl(req.url);
      const kw = query.keyword ?? '';
      const matched = all.filter((p) => !kw || p.code.includes(kw) || p.name.includes(kw) || p.pinyin.includes(kw));
      const page = Number(query.page);
      const pageSize = Number(query.pageSize);
      return ok({ items: matched.slice((page - 1) * pageSize, page * pageSize), total: matched.length, page, pageSize });
    };

  test('technician: 配件 lists parts with sale price, never cost, and loads more', async () => {
    loginAs(PEOPLE.technician, { 'GET /api/parts': partsRoute() });
    const { container } = await renderHome();
    await openCatalogue(container);

    await waitFor(() => expect(partCount(container)).toBe(30));
    const first = container.querySelector('[data-testid="part-item"]') as HTMLElement;
    expect(within(first).getByText('机油滤清器 1')).toBeTruthy();
    expect(within(first).getByText('JL-0001')).toBeTruthy();
    expect(within(first).getByText('¥35.51')).toBeTruthy();
    expect(within(first).getByText('规格：W712/75 / 3/4-16UNF')).toBeTruthy();
    expect(within(first).getByText('单位：个')).toBeTruthy();
    expect(container.textContent).not.toContain('成本');
    expect(screen.getByText('共 45 个配件')).toBeTruthy();

    const req = taroMock.state.requests.find((r) => parseUrl(r.url).path === '/api/parts')!;
    expect(parseUrl(req.url).query).toEqual({ page: '1', pageSize: '30' });

    await act(async () => {
      fireEvent.click(screen.getByText('加载更多'));
    });
    await waitFor(() => expect(partCount(container)).toBe(45));
    expect(screen.getByText('没有更多了')).toBeTruthy();
    expect(screen.queryByText('加载更多')).toBeNull();
  });

  test('keyword search, reaching the bottom loads the next page, and an empty result says so', async () => {
    loginAs(PEOPLE.technician, { 'GET /api/parts': partsRoute() });
    const { container } = await renderHome();
    await openCatalogue(container);
    await waitFor(() => expect(partCount(container)).toBe(30));

    await act(async () => {
      taroMock.reachBottom();
    });
    await waitFor(() => expect(partCount(container)).toBe(45));

    const input = container.querySelector('.hy-parts__search input') as HTMLInputElement;
    expect(input).toBeTruthy();
    await act(async () => {
      fireEvent.input(input, { target: { value: 'JL-0002' } });
    });
    // the search waits for a pause in typing
    await waitFor(() => expect(partCount(container)).toBe(1), { timeout: 3000 });
    expect(screen.getByText('机油滤清器 2')).toBeTruthy();
    const last = taroMock.state.requests.filter((r) => parseUrl(r.url).path === '/api/parts').at(-1)!;
    expect(parseUrl(last.url).query).toEqual({ keyword: 'JL-0002', page: '1', pageSize: '30' });

    await act(async () => {
      fireEvent.input(input, { target: { value: '不存在的配件' } });
    });
    expect(await screen.findByText('没有找到相关配件', undefined, { timeout: 3000 })).toBeTruthy();
    expect(partCount(container)).toBe(0);
  });

  test('a failed load shows the error and 重试 loads again', async () => {
    let calls = 0;
    loginAs(PEOPLE.technician, {
      'GET /api/parts': (req) => {
        calls += 1;
        return calls === 1 ? fail(500, 'INTERNAL', '服务器内部错误，请稍后重试') : partsRoute([part(9)])(req);
      },
    });
    const { container } = await renderHome();
    await openCatalogue(container);
    expect(await screen.findByText('服务器内部错误，请稍后重试')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByText('重试'));
    });
    await waitFor(() => expect(partCount(container)).toBe(1));
    expect(screen.queryByText('服务器内部错误，请稍后重试')).toBeNull();
  });

  test('an empty catalogue shows an empty state, not a blank page', async () => {
    loginAs(PEOPLE.technician, { 'GET /api/parts': partsRoute([]) });
    const { container } = await renderHome();
    await openCatalogue(container);
    expect(await screen.findByText('暂无配件')).toBeTruthy();
  });
});
