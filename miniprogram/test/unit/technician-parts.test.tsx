/**
 * @jest-environment jsdom
 *
 * The technician's 配件 tab (holdings, his requisitions, 退还今日剩余配件) and the requisition
 * page from his side (签收 with a dispute, 复制, 撤回), plus the holding history.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import HomePage from '../../src/pages/home';
import RequisitionPage from '../../src/packages/stock/requisition';
import HoldingHistoryPage from '../../src/packages/stock/holding';
import { clearSession, setSession } from '../../src/api/request';
import { PEOPLE } from '../support/fixtures';
import { HOUR, ago, page, requisition, requisitionItem, returnItem, stockReturn } from '../support/stock-fixtures';
import { fail, fakeServer, ok, parseUrl, taroMock, type Handler } from '../support/taro-mock';
import { all, click, one, stepper, type } from '../support/ui';

const DAY = 24 * HOUR;

function asTechnician(routes: Record<string, Handler>) {
  setSession({ employee: PEOPLE.technician, csrfToken: 'csrf-t' });
  fakeServer({
    'GET /api/auth/me': () => ok({ ...PEOPLE.technician, csrfToken: 'csrf-t' }),
    'GET /api/requisitions': () => ok(page([])),
    'GET /api/returns': () => ok(page([])),
    'GET /api/holdings': () => ok(page([])),
    ...routes,
  });
}

const requests = (method: string, path: string) =>
  taroMock.state.requests.filter((r) => r.method === method && parseUrl(r.url).path === path);

async function openParts(container: HTMLElement) {
  await waitFor(() => expect(all(container, 'nut-tabbar-item-text').length).toBe(4));
  await click(all(container, 'nut-tabbar-item-text').find((e) => e.textContent === '配件'));
}

beforeEach(() => {
  localStorage.clear();
  clearSession();
  taroMock.reset();
});

describe('配件 tab', () => {
  const holdings = [
    {
      partId: 11,
      partCode: '6950100852570',
      partName: '机油滤清器',
      partModel: 'W712/75',
      partSpec: 'M20×1.5',
      unit: '个',
      qty: 3,
      heldSince: ago(3 * DAY + HOUR),
    },
    { partId: 13, partCode: 'JL-0013', partName: '火花塞', partModel: 'BKR6E', partSpec: '', unit: '个', qty: 4, heldSince: ago(2 * HOUR) },
  ];

  test('我的持有: what he holds and since when; tap for its history; the buttons to take and return', async () => {
    asTechnician({ 'GET /api/holdings': () => ok(page(holdings)) });
    const { container } = render(<HomePage />);
    await openParts(container);
    await waitFor(() => expect(all(container, 'hy-holding')).toHaveLength(2));
    expect(screen.getByText('手上共 2 种配件，点开可查看来去记录')).toBeTruthy();
    const first = all(container, 'hy-holding')[0];
    expect(within(first).getByText('3 个')).toBeTruthy();
    expect(first.textContent).toContain('已持有 3 天');
    expect(all(container, 'hy-holding')[1].textContent).toContain('已持有 2 小时');

    await click(first);
    await click(one(container, 'hy-parts-hub__new'));
    await click(one(container, 'hy-parts-hub__return'));
    expect(taroMock.state.navigations.map((n) => n.url)).toEqual([
      `/packages/stock/holding/index?partId=11&name=${encodeURIComponent('机油滤清器')}`,
      '/packages/stock/requisition-form/index',
      '/packages/stock/return-form/index',
    ]);
  });

  test('the badge and notice for requisitions waiting for his 签收 open the filtered list', async () => {
    const asked: Record<string, string>[] = [];
    asTechnician({
      'GET /api/requisitions': (req) => {
        const q = parseUrl(req.url).query;
        asked.push(q);
        if (q.signStatus === 'unsigned') return ok(page([requisitionItem(4, { status: 'approved', remark: '外四补货' })], 2));
        return ok(
          page([
            requisitionItem(4, { status: 'approved' }),
            requisitionItem(3, { status: 'rejected', rejectReason: '与上午的领用重复，请核对' }),
          ]),
        );
      },
    });
    const { container } = render(<HomePage />);
    await waitFor(() => expect(container.querySelector('.nut-tabbar .nut-badge-sup')?.textContent).toBe('2'));
    await openParts(container);
    await click(await screen.findByText('有 2 张领用单已批准，等你签收 ›'));
    await waitFor(() => expect(all(container, 'hy-my-req')).toHaveLength(1));
    expect(asked.at(-1)).toEqual({ status: 'approved', signStatus: 'unsigned', page: '1', pageSize: '20' });
    expect(one(container, 'hy-my-req').textContent).toContain('已批准未签收');

    await click(one(container, 'hy-filter--all'));
    await waitFor(() => expect(all(container, 'hy-my-req')).toHaveLength(2));
    expect(all(container, 'hy-my-req')[1].textContent).toContain('否决原因：与上午的领用重复，请核对');
    await click(all(container, 'hy-my-req')[1]);
    expect(taroMock.state.navigations.at(-1)).toEqual({ type: 'navigateTo', url: '/packages/stock/requisition/index?id=3' });
  });

  test('退还今日剩余配件: button, confirmation with what goes back, one request with a key, then the return', async () => {
    asTechnician({
      'GET /api/returns/prefill': () =>
        ok({
          employeeId: 4,
          employeeName: '李技师',
          departmentId: 1,
          departmentName: '维修车间',
          warehouseId: 1,
          approverIds: [5],
          lines: holdings.map(({ qty, ...h }) => ({ ...h, heldQty: qty })),
        }),
      'POST /api/returns/leftovers': () => ok(stockReturn(21)),
    });
    const { container } = render(<HomePage />);
    await openParts(container);
    await click(await screen.findByText('退还今日剩余配件'));
    expect(taroMock.state.modals).toHaveLength(1);
    expect(taroMock.state.modals[0].content).toBe('把手上全部 2 种、共 7 件配件退回仓库，并提交库管审批。');
    const sent = requests('POST', '/api/returns/leftovers');
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toEqual({});
    expect(sent[0].header['Idempotency-Key']).toMatch(/^[\w.:-]{8,100}$/);
    expect(taroMock.state.navigations.at(-1)).toEqual({ type: 'navigateTo', url: '/packages/stock/return/index?id=21' });
  });

  test('退还今日剩余配件 cancelled: nothing sent; nothing held: says so; a pending return is pointed out', async () => {
    let lines: unknown[] = [{ partId: 11, partCode: 'A', partName: '机油滤清器', partModel: '', partSpec: '', unit: '个', heldQty: 1 }];
    asTechnician({
      'GET /api/returns': (req) => ok(page(parseUrl(req.url).query.status === 'pending' ? [returnItem(8)] : [])),
      'GET /api/returns/prefill': () =>
        ok({ employeeId: 4, employeeName: '李技师', departmentId: 1, departmentName: null, warehouseId: 1, approverIds: [5], lines }),
    });
    taroMock.state.modalConfirm = false;
    const { container } = render(<HomePage />);
    await openParts(container);
    expect(await screen.findByText('退还单 TH-20261128-0008（2 种 7 件）等待库管审批 ›')).toBeTruthy();
    await click(screen.getByText('退还今日剩余配件'));
    expect(taroMock.state.modals[0].content).toContain('注意：你已有退还单 TH-20261128-0008 在等待审批。');
    expect(requests('POST', '/api/returns/leftovers')).toHaveLength(0);

    lines = [];
    await click(screen.getByText('退还今日剩余配件'));
    expect(taroMock.state.modals).toHaveLength(1);
    expect(taroMock.state.toasts.at(-1)?.title).toBe('你手上没有配件，无需退还');
  });

  test('a failed 退还 says why in a dialog', async () => {
    asTechnician({
      'GET /api/returns/prefill': () =>
        ok({
          employeeId: 4,
          employeeName: '李技师',
          departmentId: 1,
          departmentName: null,
          warehouseId: 1,
          approverIds: [5],
          lines: [{ partId: 1, heldQty: 1 }],
        }),
      'POST /api/returns/leftovers': () =>
        fail(400, 'VALIDATION', '该仓库没有在职的库管，无法审批', [{ path: 'warehouseId', message: '该仓库没有在职的库管，无法审批' }]),
    });
    const { container } = render(<HomePage />);
    await openParts(container);
    await click(await screen.findByText('退还今日剩余配件'));
    expect(taroMock.state.modals.at(-1)).toMatchObject({ title: '退还失败', content: '该仓库没有在职的库管，无法审批' });
  });
});

describe('his requisition page', () => {
  beforeEach(() => {
    taroMock.state.params = { id: '4' };
  });

  test('签收 with a dispute on one line: the quantity and the reason are required and sent', async () => {
    let body: { disputes: unknown[] } | undefined;
    asTechnician({
      'GET /api/requisitions/4': () => ok(requisition(4, { status: 'approved', decidedByName: '季红', decidedAt: ago(HOUR) })),
      'POST /api/requisitions/4/sign': (req) => {
        body = req.data;
        return ok(
          requisition(4, {
            status: 'approved',
            signStatus: 'disputed',
            signedAt: new Date().toISOString(),
            lines: requisition(4).lines.map((l, i) =>
              i === 0 ? { ...l, disputedQty: 1, disputeReason: '少发 1 个', disputeStatus: 'open' } : l,
            ),
          }),
        );
      },
    });
    const { container } = render(<RequisitionPage />);
    await waitFor(() => expect(container.querySelector('.hy-act-sign')).toBeTruthy());
    // his own requisition: no decision buttons, but 复制
    expect(container.querySelector('.hy-act-approve')).toBeNull();
    expect(container.querySelector('.hy-act-copy')).toBeTruthy();
    expect(container.textContent).not.toContain('今日可领'); // decided: today's stock no longer matters

    await click(one(container, 'hy-act-sign'));
    await click(all(container, 'hy-sign-line__toggle')[0]);
    // starts at the whole line (2), down to 1
    await click(stepper(container, 'dispute-101', 'minus'));
    await click(one(container, 'hy-sign__confirm'));
    expect(screen.getByText('请填写异议原因')).toBeTruthy();
    expect(body).toBeUndefined();
    await type(container, 'reason-101', '少发 1 个');
    expect(one(container, 'hy-sign__confirm').textContent).toBe('确认签收（1 项异议）');
    await click(one(container, 'hy-sign__confirm'));
    expect(body).toEqual({ disputes: [{ lineId: 101, qty: 1, reason: '少发 1 个' }] });
    await waitFor(() => expect(container.querySelector('.hy-act-sign')).toBeNull());
    expect(screen.getByText('有异议')).toBeTruthy();
    expect(container.textContent).toContain('异议 1 个：少发 1 个 · 待核实');
    expect(taroMock.state.toasts.at(-1)?.title).toBe('已签收，异议部分待库管核实');
  });

  test('签收 in full sends no disputes', async () => {
    asTechnician({
      'GET /api/requisitions/4': () => ok(requisition(4, { status: 'approved' })),
      'POST /api/requisitions/4/sign': () => ok(requisition(4, { status: 'approved', signStatus: 'signed' })),
    });
    const { container } = render(<RequisitionPage />);
    await waitFor(() => expect(container.querySelector('.hy-act-sign')).toBeTruthy());
    await click(one(container, 'hy-act-sign'));
    await click(one(container, 'hy-sign__confirm'));
    expect(requests('POST', '/api/requisitions/4/sign')[0].data).toEqual({ disputes: [] });
    expect(await screen.findByText('已签收')).toBeTruthy();
  });

  test('复制 opens the form filled from this one; nothing is created until it is submitted there', async () => {
    asTechnician({
      'GET /api/requisitions/4': () => ok(requisition(4, { status: 'rejected', rejectReason: '与上午的领用重复，请核对' })),
    });
    const { container } = render(<RequisitionPage />);
    expect(await screen.findByText('与上午的领用重复，请核对')).toBeTruthy();
    await click(one(container, 'hy-act-copy'));
    expect(taroMock.state.navigations).toEqual([{ type: 'navigateTo', url: '/packages/stock/requisition-form/index?copyOf=4' }]);
    expect(requests('POST', '/api/requisitions/4/copy')).toHaveLength(0);
  });

  test('撤回 a pending requisition asks first', async () => {
    asTechnician({
      'GET /api/requisitions/4': () => ok(requisition(4)),
      'POST /api/requisitions/4/cancel': () => ok(requisition(4, { status: 'cancelled' })),
    });
    const { container } = render(<RequisitionPage />);
    await waitFor(() => expect(container.querySelector('.hy-act-cancel')).toBeTruthy());
    expect(screen.getByText('今日可领 15')).toBeTruthy();
    taroMock.state.modalConfirm = false;
    await click(one(container, 'hy-act-cancel'));
    expect(requests('POST', '/api/requisitions/4/cancel')).toHaveLength(0);
    taroMock.state.modalConfirm = true;
    await click(one(container, 'hy-act-cancel'));
    expect(taroMock.state.modals.map((m) => m.title)).toEqual(['撤回领用单', '撤回领用单']);
    expect(requests('POST', '/api/requisitions/4/cancel')).toHaveLength(1);
    expect(await screen.findByText('已作废')).toBeTruthy();
  });

  test("someone else's requisition: 404 message and 重试", async () => {
    asTechnician({ 'GET /api/requisitions/4': () => fail(404, 'NOT_FOUND', '领用单不存在') });
    render(<RequisitionPage />);
    expect(await screen.findByText('领用单不存在')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });
});

test('holding history: how the part came and went, newest first', async () => {
  taroMock.state.params = { partId: '11', name: encodeURIComponent('机油滤清器') };
  asTechnician({
    'GET /api/holdings/11/history': () =>
      ok([
        {
          id: 3,
          at: '2026-11-28T02:00:00Z',
          partId: 11,
          partName: '机油滤清器',
          qty: -1,
          from: '李技师',
          to: '报损',
          docType: 'return',
          docNo: 'TH-20261128-0001',
          reason: '损坏',
          operatorName: '吴库管',
        },
        {
          id: 2,
          at: '2026-11-27T01:30:00Z',
          partId: 11,
          partName: '机油滤清器',
          qty: 2,
          from: '在途',
          to: '李技师',
          docType: 'requisition',
          docNo: 'LY-20261127-0002',
          reason: '',
          operatorName: '李技师',
        },
      ]),
  });
  const { container } = render(<HoldingHistoryPage />);
  await waitFor(() => expect(all(container, 'hy-move')).toHaveLength(2));
  expect(screen.getByText('机油滤清器')).toBeTruthy();
  const [out, came] = all(container, 'hy-move');
  expect(out.textContent).toContain('退还');
  expect(out.textContent).toContain('-1');
  expect(out.textContent).toContain('李技师 → 报损');
  expect(out.textContent).toContain('2026-11-28 10:00');
  expect(out.textContent).toContain('原因：损坏');
  expect(came.textContent).toContain('+2');
  expect(came.textContent).toContain('领用');
});
