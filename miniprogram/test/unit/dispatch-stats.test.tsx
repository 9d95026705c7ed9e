/**
 * @jest-environment jsdom
 *
 * The supervisor's 派工 (pending orders, 加急 first, dispatched with everyone's workload in view;
 * 改派 with a reason) and 统计 (per technician, this week / this month / last month).
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import HomePage from '../../src/pages/home';
import WorkOrderPage from '../../src/packages/work/order';
import { clearSession, setSession } from '../../src/api/request';
import { periodRange } from '../../src/work/format';
import { PEOPLE } from '../support/fixtures';
import { HOUR, ago, page } from '../support/stock-fixtures';
import { fail, fakeServer, ok, parseUrl, taroMock, type Handler } from '../support/taro-mock';
import { all, byText, click, one, type } from '../support/ui';
import { WORKLOAD, orderDetail, orderItem, techStats } from '../support/work-fixtures';

function asSupervisor(routes: Record<string, Handler>) {
  setSession({ employee: PEOPLE.supervisor, csrfToken: 'csrf-s' });
  fakeServer({
    'GET /api/auth/me': () => ok({ ...PEOPLE.supervisor, csrfToken: 'csrf-s' }),
    'GET /api/work-orders/workload': () => ok(WORKLOAD),
    'GET /api/work-order-stats': () => ok([]),
    ...routes,
  });
}

const sent = (method: string, path: string) => taroMock.state.requests.filter((r) => r.method === method && parseUrl(r.url).path === path);

const pendingOrders = [
  orderItem(12, { state: 'pending_dispatch', technicianId: null, technicianName: null, createdAt: ago(HOUR), customerName: '新客户' }),
  orderItem(11, { state: 'pending_dispatch', technicianId: null, technicianName: null, createdAt: ago(6 * HOUR), customerName: '老客户' }),
  orderItem(13, {
    state: 'pending_dispatch',
    technicianId: null,
    technicianName: null,
    createdAt: ago(20 * 60_000),
    priority: 'urgent',
    customerName: '急修客户',
  }),
];
const dispatchedOrders = [orderItem(4, { technicianId: 4, technicianName: '王建学', dispatchedAt: ago(2 * HOUR) })];

function listRoute(): Handler {
  return (req) => {
    const q = parseUrl(req.url).query;
    const items = q.state === 'pending_dispatch' ? pendingOrders : q.state === 'dispatched' ? dispatchedOrders : [];
    return ok({ ...page(items.slice(0, Number(q.pageSize) || 20)), total: items.length });
  };
}

beforeEach(() => {
  localStorage.clear();
  clearSession();
  taroMock.reset();
});

describe('派工 tab', () => {
  test('pending orders: 加急 first, then the one waiting longest; counts on the segments', async () => {
    asSupervisor({ 'GET /api/work-orders': listRoute() });
    const { container } = render(<HomePage />);
    await waitFor(() => expect(all(container, 'hy-order')).toHaveLength(3));
    expect(all(container, 'hy-order').map((c) => c.querySelector('.hy-card__no')?.textContent)).toEqual([
      'FW-20261128-0013',
      'FW-20261128-0011',
      'FW-20261128-0012',
    ]);
    expect(all(container, 'hy-order')[0].textContent).toContain('加急');
    expect(all(container, 'hy-order')[1].textContent).toContain('已等待 6 小时');
    await waitFor(() => expect(one(container, 'hy-segment--pending').textContent).toBe('待派工 3'));
    expect(one(container, 'hy-segment--dispatched').textContent).toBe('已派工未开始 1');
    expect(sent('GET', '/api/work-orders').map((r) => parseUrl(r.url).query)).toContainEqual({
      state: 'pending_dispatch',
      page: '1',
      pageSize: '100',
    });
    // the card itself opens the order
    await click(one(all(container, 'hy-order')[1], 'hy-order__problem'));
    expect(taroMock.state.navigations.at(-1)).toEqual({ type: 'navigateTo', url: '/packages/work/order/index?id=11' });
  });

  test("派工: everyone's load, least loaded first; pick the technician and a helper, a note; sent once, the list reloads", async () => {
    let dispatched: unknown;
    asSupervisor({
      'GET /api/work-orders': listRoute(),
      'POST /api/work-orders/13/dispatch': (req) => {
        dispatched = req.data;
        return ok(orderDetail(13, { state: 'dispatched', technicianId: 7, technicianName: '刘志强' }));
      },
    });
    const { container } = render(<HomePage />);
    await waitFor(() => expect(all(container, 'hy-order')).toHaveLength(3));
    const navigations = taroMock.state.navigations.length;
    await click(one(all(container, 'hy-order')[0], 'hy-order__dispatch'));
    // the button does not open the order
    expect(taroMock.state.navigations).toHaveLength(navigations);
    await waitFor(() => expect(all(container, 'hy-dispatch__tech')).toHaveLength(3));
    const rows = all(container, 'hy-dispatch__tech').map((r) => r.textContent);
    expect(rows[0]).toContain('张伟');
    expect(rows[0]).toContain('未完成 0');
    expect(rows[1]).toContain('刘志强');
    expect(rows[2]).toBe('王建学未完成 3处理中 1本周 6.5 小时');
    expect(one(container, 'hy-dispatch__order').textContent).toContain('急修客户');

    // nothing picked: told so, nothing sent
    await click(one(container, 'hy-dispatch__confirm'));
    expect(screen.getByText('请选择负责的技师')).toBeTruthy();
    expect(dispatched).toBeUndefined();

    await click(all(container, 'hy-dispatch__tech')[1]);
    expect(all(container, 'hy-dispatch__tech')[1].className).toContain('hy-dispatch__tech--on');
    expect(one(container, 'hy-dispatch__confirm').textContent).toBe('派给刘志强');
    expect(all(container, 'hy-helper-chip').map((c) => c.textContent)).toEqual(['张伟', '王建学']);
    await click(byText(container, 'hy-helper-chip', '张伟'));
    await type(container, 'dispatchNote', '客户在店里等');
    const before = sent('GET', '/api/work-orders').length;
    await click(one(container, 'hy-dispatch__confirm'));
    expect(dispatched).toEqual({ technicianId: 7, helperIds: [8], note: '客户在店里等' });
    expect(sent('POST', '/api/work-orders/13/dispatch')).toHaveLength(1);
    expect(taroMock.state.toasts.at(-1)?.title).toBe('已派给刘志强');
    await waitFor(() => expect(container.querySelector('[data-testid="sheet"]')).toBeNull());
    await waitFor(() => expect(sent('GET', '/api/work-orders').length).toBeGreaterThan(before));
  });

  test('改派: the current technician cannot be picked again; the reason is required', async () => {
    let body: unknown;
    asSupervisor({
      'GET /api/work-orders': listRoute(),
      'POST /api/work-orders/4/reassign': (req) => {
        body = req.data;
        return ok(orderDetail(4, { technicianId: 8, technicianName: '张伟' }));
      },
    });
    const { container } = render(<HomePage />);
    await click(await waitFor(() => one(container, 'hy-segment--dispatched')));
    await waitFor(() => expect(all(container, 'hy-order')).toHaveLength(1));
    expect(one(container, 'hy-order').textContent).toContain('技师：王建学');
    expect(one(container, 'hy-order').textContent).toContain('派工 2 小时前，尚未开始');
    await click(one(container, 'hy-order__reassign'));
    await waitFor(() => expect(all(container, 'hy-dispatch__tech')).toHaveLength(3));
    expect(one(container, 'hy-dispatch__current').textContent).toBe('当前技师：王建学');
    const current = all(container, 'hy-dispatch__tech').find((r) => (r.textContent ?? '').includes('王建学'))!;
    expect(current.className).toContain('hy-dispatch__tech--off');
    await click(current);
    expect(current.className).not.toContain('hy-dispatch__tech--on');

    await click(all(container, 'hy-dispatch__tech')[0]);
    await click(one(container, 'hy-dispatch__confirm'));
    expect(screen.getByText('请填写改派原因，原技师和新技师都会看到')).toBeTruthy();
    expect(body).toBeUndefined();
    await type(container, 'dispatchNote', '王师傅今天请假');
    await click(one(container, 'hy-dispatch__confirm'));
    expect(body).toEqual({ technicianId: 8, helperIds: [], note: '王师傅今天请假' });
    expect(taroMock.state.toasts.at(-1)?.title).toBe('已改派给张伟');
  });

  test("someone dispatched it first: the server's message stays in the sheet", async () => {
    asSupervisor({
      'GET /api/work-orders': listRoute(),
      'POST /api/work-orders/13/dispatch': () => fail(409, 'CONFLICT', '工单已派工，不能派工'),
    });
    const { container } = render(<HomePage />);
    await waitFor(() => expect(all(container, 'hy-order')).toHaveLength(3));
    await click(one(all(container, 'hy-order')[0], 'hy-order__dispatch'));
    await waitFor(() => expect(all(container, 'hy-dispatch__tech')).toHaveLength(3));
    await click(all(container, 'hy-dispatch__tech')[0]);
    await click(one(container, 'hy-dispatch__confirm'));
    expect(await screen.findByText('工单已派工，不能派工')).toBeTruthy();
    expect(container.querySelector('[data-testid="sheet"]')).toBeTruthy();
  });

  test('nothing pending: the empty state', async () => {
    asSupervisor({ 'GET /api/work-orders': () => ok(page([])) });
    render(<HomePage />);
    expect(await screen.findByText('暂无待派工的工单')).toBeTruthy();
  });
});

describe('the order page for the supervisor', () => {
  test('派工 from the order itself; what is done on the desk is said', async () => {
    taroMock.state.params = { id: '13' };
    let current = orderDetail(13, {
      state: 'pending_dispatch',
      technicianId: null,
      technicianName: null,
      actions: ['dispatch', 'cancel'],
      timeline: [],
    });
    asSupervisor({
      'GET /api/work-orders/13': () => ok(current),
      'GET /api/notifications': () => ok({ ...page([]), unread: 0 }),
      'POST /api/work-orders/13/dispatch': (req) => {
        current = {
          ...current,
          state: 'dispatched',
          technicianId: req.data.technicianId,
          technicianName: '张伟',
          actions: ['reassign', 'cancel'],
        };
        return ok(current);
      },
    });
    const { container } = render(<WorkOrderPage />);
    await waitFor(() => expect(container.querySelector('.hy-act-dispatch')).toBeTruthy());
    expect(container.querySelector('.hy-act-start')).toBeNull();
    expect(one(container, 'hy-wo__desk').textContent).toBe('取消工单请在电脑工作台办理。');
    await click(one(container, 'hy-act-dispatch'));
    await waitFor(() => expect(all(container, 'hy-dispatch__tech')).toHaveLength(3));
    await click(all(container, 'hy-dispatch__tech')[0]);
    await click(one(container, 'hy-dispatch__confirm'));
    expect(sent('POST', '/api/work-orders/13/dispatch').map((r) => r.data)).toEqual([{ technicianId: 8, helperIds: [], note: '' }]);
    await waitFor(() => expect(container.querySelector('.hy-act-reassign')).toBeTruthy());
    expect(one(container, 'hy-wo__state').textContent).toBe('已派工');
  });
});

describe('统计 tab', () => {
  const rows = [
    techStats(4, '王建学', {
      finished: 2,
      avgResponseMinutes: 95,
      avgHandlingMinutes: 42.5,
      partsRevenue: 12800,
      labourRevenue: 16000,
      reworked: 1,
      reworkRate: 0.5,
      avgSatisfaction: 3.5,
      visits: [
        {
          orderId: 9,
          no: 'FW-20261125-0009',
          finishedAt: '2026-11-25T03:00:00.000Z',
          responseMinutes: 130,
          handlingMinutes: 45,
          reworked: true,
          satisfaction: 2,
        },
        {
          orderId: 8,
          no: 'FW-20261124-0008',
          finishedAt: '2026-11-24T03:00:00.000Z',
          responseMinutes: 60,
          handlingMinutes: 40,
          reworked: false,
          satisfaction: 5,
        },
      ],
    }),
    techStats(7, '刘志强', {
      finished: 1,
      avgResponseMinutes: 30,
      avgHandlingMinutes: 1500,
      partsRevenue: 0,
      labourRevenue: 8000,
      reworkRate: 0,
      avgSatisfaction: 4,
      visits: [
        {
          orderId: 10,
          no: 'FW-20261126-0010',
          finishedAt: '2026-11-26T03:00:00.000Z',
          responseMinutes: 30,
          handlingMinutes: 1500,
          reworked: false,
          satisfaction: 4,
        },
      ],
    }),
    techStats(8, '张伟'),
  ];

  async function openStats(routes: Record<string, Handler> = {}) {
    asSupervisor({ 'GET /api/work-orders': () => ok(page([])), 'GET /api/work-order-stats': () => ok(rows), ...routes });
    const view = render(<HomePage />);
    await waitFor(() => expect(all(view.container, 'nut-tabbar-item-text').length).toBe(4));
    await click(all(view.container, 'nut-tabbar-item-text').find((e) => e.textContent === '统计'));
    await waitFor(() => expect(all(view.container, 'hy-stats__row')).toHaveLength(3));
    return view;
  }

  test('this week per technician: the table, the totals, the visits behind the numbers', async () => {
    const { container } = await openStats();
    const week = periodRange('week');
    expect(parseUrl(sent('GET', '/api/work-order-stats')[0].url).query).toEqual(week);
    expect(one(container, 'hy-stats__range').textContent).toBe(`${week.from} 至 ${week.to}`);
    expect(one(container, 'hy-stats__finished').textContent).toBe('3');
    expect(one(container, 'hy-stats__revenue').textContent).toBe('¥368.00');
    expect(screen.getByText('33.3%')).toBeTruthy(); // 1 rework in 3 visits
    expect(screen.getByText('3.7 分')).toBeTruthy(); // (2 + 5 + 4) / 3

    const cells = (i: number) =>
      Array.from(all(container, 'hy-stats__row')[i].querySelectorAll('.hy-stats__tr .hy-stats__c')).map((c) => c.textContent);
    expect(cells(0)).toEqual(['王建学', '2', '1.6 小时', '43 分钟', '50%', '3.5 分']);
    expect(cells(1)).toEqual(['刘志强', '1', '30 分钟', '1 天', '0%', '4 分']);
    expect(cells(2)).toEqual(['张伟', '0', '—', '—', '—', '—']);
    expect(one(all(container, 'hy-stats__row')[0], 'hy-stats__money').textContent).toContain('产值 ¥288.00（配件 ¥128.00 · 工时 ¥160.00）');

    await click(one(all(container, 'hy-stats__row')[0], 'hy-stats__more'));
    const visits = all(container, 'hy-stats__visit');
    expect(visits).toHaveLength(2);
    expect(visits[0].textContent).toContain('FW-20261125-0009');
    expect(visits[0].textContent).toContain('返工');
    expect(visits[0].textContent).toContain('响应 2.2 小时 · 处理 45 分钟');
    await click(visits[1]);
    expect(taroMock.state.navigations.at(-1)).toEqual({ type: 'navigateTo', url: '/packages/work/order/index?id=8' });
  });

  test('本月 and 上月 ask for their dates; a failure says so with 重试', async () => {
    let failing = false;
    const { container } = await openStats({
      'GET /api/work-order-stats': () => (failing ? fail(500, 'INTERNAL', '服务器暂时不可用，请稍后重试') : ok(rows)),
    });
    await click(one(container, 'hy-period--month'));
    await waitFor(() => expect(parseUrl(sent('GET', '/api/work-order-stats').at(-1)!.url).query).toEqual(periodRange('month')));
    const last = periodRange('lastMonth');
    expect(last.from.endsWith('-01')).toBe(true);
    expect(last.to < periodRange('month').from).toBe(true);
    failing = true;
    await click(one(container, 'hy-period--lastMonth'));
    expect(await screen.findByText('服务器暂时不可用，请稍后重试')).toBeTruthy();
    expect(parseUrl(sent('GET', '/api/work-order-stats').at(-1)!.url).query).toEqual(last);
    failing = false;
    await click(screen.getByText('重试'));
    await waitFor(() => expect(all(container, 'hy-stats__row')).toHaveLength(3));
    expect(within(container).queryByText('服务器暂时不可用，请稍后重试')).toBeNull();
  });
});
