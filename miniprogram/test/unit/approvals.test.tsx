/**
 * @jest-environment jsdom
 *
 * The keeper's 审批: the list of documents waiting for him (with the tab badge), and deciding a
 * requisition or a return on its page.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import HomePage from '../../src/pages/home';
import RequisitionPage from '../../src/packages/stock/requisition';
import ReturnPage from '../../src/packages/stock/return';
import { clearSession, setSession } from '../../src/api/request';
import { PEOPLE } from '../support/fixtures';
import { HOUR, ago, page, requisition, requisitionItem, returnItem, stockReturn } from '../support/stock-fixtures';
import { fail, fakeServer, ok, parseUrl, taroMock, type FakeRequest, type Handler } from '../support/taro-mock';
import { all, click, flush, one, stepper, valueOf } from '../support/ui';

function asKeeper(routes: Record<string, Handler>) {
  setSession({ employee: PEOPLE.keeper, csrfToken: 'csrf-k' });
  fakeServer({ 'GET /api/auth/me': () => ok({ ...PEOPLE.keeper, csrfToken: 'csrf-k' }), ...routes });
}

const posts = (path: string) => taroMock.state.requests.filter((r) => r.method === 'POST' && parseUrl(r.url).path === path);

beforeEach(() => {
  localStorage.clear();
  clearSession();
  taroMock.reset();
});

describe('审批 tab', () => {
  test('pending requisitions and returns where he approves, newest first, with the badge', async () => {
    const asked: Record<string, string>[] = [];
    asKeeper({
      'GET /api/requisitions': (req) => {
        asked.push(parseUrl(req.url).query);
        return ok(
          page([
            requisitionItem(7, { createdAt: ago(3 * HOUR), remark: '明日上门用料' }),
            requisitionItem(5, { createdAt: ago(26 * HOUR), remark: '' }),
          ]),
        );
      },
      'GET /api/returns': (req) => {
        asked.push(parseUrl(req.url).query);
        return ok(page([returnItem(3, { createdAt: ago(20 * 60_000), employeeName: '刘志强', warehouseName: '城东服务站仓' })]));
      },
      'GET /api/stock': () => ok(page([])),
    });
    const { container } = render(<HomePage />);
    await waitFor(() => expect(all(container, 'hy-approval')).toHaveLength(3));
    expect(asked).toEqual([
      { mine: 'approve', pageSize: '100' },
      { mine: 'approve', pageSize: '100' },
    ]);

    const cards = all(container, 'hy-approval').map((c) => c.textContent ?? '');
    expect(cards[0]).toContain('TH-20261128-0003');
    expect(cards[0]).toContain('退还');
    expect(cards[0]).toContain('刘志强');
    expect(cards[0]).toContain('城东服务站仓');
    expect(cards[0]).toContain('已等待 20 分钟');
    expect(cards[1]).toContain('LY-20261128-0007');
    expect(cards[1]).toContain('领用');
    expect(cards[1]).toContain('李技师 · 维修车间');
    expect(cards[1]).toContain('2 种配件，共 3 件');
    expect(cards[1]).toContain('备注：明日上门用料');
    expect(cards[1]).toContain('已等待 3 小时');
    expect(cards[2]).toContain('已等待 1 天');
    expect(cards[2]).not.toContain('备注');
    expect(screen.getByText('待我审批 3 张')).toBeTruthy();

    // the badge on 审批, and it stays while he looks at 库存
    const badgeOf = () => one(container, 'nut-tabbar').querySelector('.nut-badge-sup')?.textContent;
    expect(badgeOf()).toBe('3');
    await click(all(container, 'nut-tabbar-item-text').find((e) => e.textContent === '库存'));
    expect(badgeOf()).toBe('3');
    await click(all(container, 'nut-tabbar-item-text').find((e) => e.textContent === '审批'));

    await click(all(container, 'hy-approval')[0]);
    await click(all(container, 'hy-approval')[1]);
    expect(taroMock.state.navigations).toEqual([
      { type: 'navigateTo', url: '/packages/stock/return/index?id=3' },
      { type: 'navigateTo', url: '/packages/stock/requisition/index?id=7' },
    ]);
  });

  test('nothing waiting: an empty state and no badge; a failure: the message and 重试', async () => {
    let calls = 0;
    asKeeper({
      'GET /api/requisitions': () => (++calls === 1 ? fail(500, 'INTERNAL', '服务器内部错误，请稍后重试') : ok(page([]))),
      'GET /api/returns': () => ok(page([])),
    });
    const { container } = render(<HomePage />);
    expect(await screen.findByText('服务器内部错误，请稍后重试')).toBeTruthy();
    await click(screen.getByText('重试'));
    expect(await screen.findByText('暂无待审批的单据')).toBeTruthy();
    expect(container.querySelector('.nut-tabbar .nut-badge-sup')).toBeNull();
  });
});

describe('requisition page (keeper)', () => {
  beforeEach(() => {
    taroMock.state.params = { id: '7' };
  });

  test("shows the lines with today's stock; 批准 is one tap, then back to the list", async () => {
    let doc = requisition(7);
    asKeeper({
      'GET /api/requisitions/7': () => ok(doc),
      'POST /api/requisitions/7/approve': () => {
        doc = {
          ...doc,
          status: 'approved',
          decidedById: PEOPLE.keeper.id,
          decidedByName: PEOPLE.keeper.name,
          decidedAt: new Date().toISOString(),
        };
        return ok(doc);
      },
    });
    const { container } = render(<RequisitionPage />);
    await waitFor(() => expect(all(container, 'hy-req-line')).toHaveLength(2));
    const first = all(container, 'hy-req-line')[0];
    expect(within(first).getByText('机油滤清器')).toBeTruthy();
    expect(within(first).getByText('2 个')).toBeTruthy();
    expect(within(first).getByText('6950100852570')).toBeTruthy();
    expect(within(first).getByText('W712/75 / M20×1.5')).toBeTruthy();
    expect(within(first).getByText('今日可领 15')).toBeTruthy();
    expect(container.textContent).toContain('吴库管、季红（任一人审批即可）');
    expect(screen.getByText('待审批')).toBeTruthy();
    // no actions for the employee on the keeper's screen
    expect(container.querySelector('.hy-act-sign, .hy-act-copy, .hy-act-cancel')).toBeNull();

    await click(one(container, 'hy-act-approve'));
    expect(posts('/api/requisitions/7/approve')).toHaveLength(1);
    expect(taroMock.state.toasts.map((t) => t.title)).toEqual(['已批准']);
    expect(taroMock.state.navigations).toEqual([{ type: 'navigateBack', url: undefined }]);
  });

  test("a line asking for more than today's stock is flagged before he approves", async () => {
    asKeeper({
      'GET /api/requisitions/7': () =>
        ok(requisition(7, { lines: requisition(7).lines.map((l, i) => (i === 1 ? { ...l, qty: 5, available: 4 } : l)) })),
    });
    const { container } = render(<RequisitionPage />);
    await waitFor(() => expect(all(container, 'hy-req-line')).toHaveLength(2));
    expect(within(all(container, 'hy-req-line')[1]).getByText('库存不足')).toBeTruthy();
    expect(screen.getByText('有 1 种配件今日库存不足，批准会失败，可否决并说明原因。')).toBeTruthy();
  });

  test('否决 needs a reason; the reason is sent and he goes back', async () => {
    let body: FakeRequest['data'];
    asKeeper({
      'GET /api/requisitions/7': () => ok(requisition(7)),
      'POST /api/requisitions/7/reject': (req) => {
        body = req.data;
        return ok(requisition(7, { status: 'rejected', rejectReason: req.data.reason }));
      },
    });
    const { container } = render(<RequisitionPage />);
    await waitFor(() => expect(container.querySelector('.hy-act-reject')).toBeTruthy());
    await click(one(container, 'hy-act-reject'));
    expect(screen.getByText('否决领用单')).toBeTruthy();
    await click(one(container, 'hy-reject__confirm'));
    expect(screen.getByText('请填写否决原因')).toBeTruthy();
    expect(posts('/api/requisitions/7/reject')).toHaveLength(0);

    // a usual reason with one tap, then edited
    await click(screen.getByText('与已有领用重复'));
    expect((container.querySelector('.hy-reject__input textarea') as HTMLTextAreaElement).value).toBe('与已有领用重复');
    await click(one(container, 'hy-reject__confirm'));
    expect(body).toEqual({ reason: '与已有领用重复' });
    expect(taroMock.state.toasts.map((t) => t.title)).toEqual(['已否决']);
    expect(taroMock.state.navigations).toEqual([{ type: 'navigateBack', url: undefined }]);
  });

  test('decided first by another keeper: says who, reloads, no buttons left, stays on the page', async () => {
    let decided = false;
    asKeeper({
      'GET /api/requisitions/7': () =>
        ok(
          decided
            ? requisition(7, { status: 'approved', decidedById: 9, decidedByName: '季红', decidedAt: new Date().toISOString() })
            : requisition(7),
        ),
      'POST /api/requisitions/7/approve': () => {
        decided = true;
        return fail(409, 'ALREADY_DECIDED', '该领用单已由季红处理（已批准）');
      },
    });
    const { container } = render(<RequisitionPage />);
    await waitFor(() => expect(container.querySelector('.hy-act-approve')).toBeTruthy());
    await click(one(container, 'hy-act-approve'));
    expect(await screen.findByText('该领用单已由季红处理（已批准）')).toBeTruthy();
    await waitFor(() => expect(container.querySelector('.hy-act-approve')).toBeNull());
    expect(container.textContent).toContain('季红');
    expect(screen.getByText('已批准')).toBeTruthy();
    expect(taroMock.state.navigations).toEqual([]);
  });

  test("not enough stock at approval: the server's message as is", async () => {
    asKeeper({
      'GET /api/requisitions/7': () => ok(requisition(7)),
      'POST /api/requisitions/7/approve': () => fail(409, 'INSUFFICIENT_STOCK', '「机油滤清器」库存不足：现有 1，需要 2，无法批准'),
    });
    const { container } = render(<RequisitionPage />);
    await waitFor(() => expect(container.querySelector('.hy-act-approve')).toBeTruthy());
    await click(one(container, 'hy-act-approve'));
    expect(await screen.findByText('「机油滤清器」库存不足：现有 1，需要 2，无法批准')).toBeTruthy();
    expect(container.querySelector('.hy-act-approve')).toBeTruthy();
  });

  test('a keeper who is not an approver of it gets no decision buttons', async () => {
    asKeeper({ 'GET /api/requisitions/7': () => ok(requisition(7, { approvers: [{ id: 9, name: '季红' }] })) });
    const { container } = render(<RequisitionPage />);
    await waitFor(() => expect(all(container, 'hy-req-line')).toHaveLength(2));
    expect(container.querySelector('.hy-act-approve, .hy-act-reject')).toBeNull();
  });
});

describe('return page (keeper checks the counts)', () => {
  beforeEach(() => {
    taroMock.state.params = { id: '3' };
  });

  test('counts start from what the employee wrote; a damaged part needs a reason; the counts are sent', async () => {
    let body: FakeRequest['data'];
    asKeeper({
      'GET /api/returns/3': () => ok(stockReturn(3)),
      'POST /api/returns/3/approve': (req) => {
        body = req.data;
        return ok(stockReturn(3, { status: 'approved' }));
      },
    });
    const { container } = render(<ReturnPage />);
    await waitFor(() => expect(all(container, 'hy-count-editor')).toHaveLength(2));
    await flush();
    expect(valueOf(container, 'qty-201')).toBe('3');
    expect(container.textContent).toContain('剩余（持有）3');

    // one 火花塞 came back broken: 1 damaged (the returned count goes down by itself)
    await click(stepper(container, 'problem-202', 'plus'));
    expect(valueOf(container, 'problem-202')).toBe('1');
    expect(valueOf(container, 'qty-202')).toBe('3');
    await click(one(container, 'hy-act-approve'));
    expect(screen.getByText('「火花塞」有问题数量，请选择原因')).toBeTruthy();
    expect(posts('/api/returns/3/approve')).toHaveLength(0);

    await click(screen.getByText('损坏'));
    // and one 机油滤清器 fewer than written: it stays with him
    await click(stepper(container, 'qty-201', 'minus'));
    expect(screen.getByText('另有 1 个 仍记在员工名下')).toBeTruthy();
    await click(one(container, 'hy-act-approve'));
    expect(body).toEqual({
      counts: [
        { lineId: 201, qty: 2, problemQty: 0, problemReason: '' },
        { lineId: 202, qty: 3, problemQty: 1, problemReason: '损坏' },
      ],
    });
    expect(taroMock.state.toasts.map((t) => t.title)).toEqual(['已批准，配件已入库']);
    expect(taroMock.state.navigations).toEqual([{ type: 'navigateBack', url: undefined }]);
  });

  test('否决 a return with a reason; a return already decided says by whom', async () => {
    asKeeper({
      'GET /api/returns/3': () => ok(stockReturn(3)),
      'POST /api/returns/3/reject': () => fail(409, 'ALREADY_DECIDED', '该调回单已由季红处理（已批准）'),
    });
    const { container } = render(<ReturnPage />);
    await waitFor(() => expect(container.querySelector('.hy-act-reject')).toBeTruthy());
    await click(one(container, 'hy-act-reject'));
    const textarea = container.querySelector('.hy-reject__input textarea') as HTMLTextAreaElement;
    expect(textarea).toBeTruthy();
    await click(screen.getByText('请先退还旧件'));
    await click(one(container, 'hy-reject__confirm'));
    expect(posts('/api/returns/3/reject')[0].data).toEqual({ reason: '请先退还旧件' });
    await flush();
    expect((await screen.findAllByText('该调回单已由季红处理（已批准）')).length).toBeGreaterThan(0);
  });
});
