/**
 * @jest-environment jsdom
 *
 * The technician's 工单: his orders by state with 新 for unread dispatches, and the order page:
 * call the contact, 开始处理 (with or without the location), 用料 from his holdings at the
 * customer's fixed tax-included price, 工时, the totals from the shared tax function, 结束处理; a
 * rework visit with the earlier visit's lines settled and locked.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import { lineAmounts, totals, type WorkOrderState } from '@hongyuan/shared';
import HomePage from '../../src/pages/home';
import WorkOrderPage from '../../src/packages/work/order';
import { clearSession, setSession } from '../../src/api/request';
import type { WorkOrderDetail } from '@hongyuan/shared';
import { PEOPLE } from '../support/fixtures';
import { HOUR, ago, page } from '../support/stock-fixtures';
import { fail, fakeServer, ok, parseUrl, taroMock, type Handler } from '../support/taro-mock';
import { all, byText, click, flush, one, stepper, type, valueOf } from '../support/ui';
import { labourLine, notification, orderDetail, orderItem, usedPart } from '../support/work-fixtures';

const DAY = 24 * HOUR;

function asTechnician(routes: Record<string, Handler>) {
  setSession({ employee: PEOPLE.technician, csrfToken: 'csrf-t' });
  fakeServer({
    'GET /api/auth/me': () => ok({ ...PEOPLE.technician, csrfToken: 'csrf-t' }),
    'GET /api/requisitions': () => ok(page([])),
    'GET /api/notifications': () => ok({ ...page([]), unread: 0 }),
    'POST /api/notifications/9/read': () => ok(null),
    ...routes,
  });
}

const sent = (method: string, path: string) => taroMock.state.requests.filter((r) => r.method === method && parseUrl(r.url).path === path);
/** The badge number on a tab ('' when there is none). */
const badge = (container: HTMLElement, tab: string) =>
  all(container, 'nut-tabbar-item')
    .find((item) => item.querySelector('.nut-tabbar-item-text')?.textContent === tab)
    ?.querySelector('.nut-badge-sup')?.textContent ?? '';

/** /api/work-orders answering per state from a small list, like the server (total = all of that state). */
function ordersRoute(orders: ReturnType<typeof orderItem>[]): Handler {
  return (req) => {
    const q = parseUrl(req.url).query;
    const mine = orders.filter((o) => !q.state || o.state === q.state);
    return ok({ ...page(mine.slice(0, Number(q.pageSize) || 20)), total: mine.length });
  };
}

beforeEach(() => {
  localStorage.clear();
  clearSession();
  taroMock.reset();
});

describe('工单 tab', () => {
  const orders = [
    orderItem(4, { no: 'FW-20261128-0004' }),
    orderItem(6, {
      no: 'FW-20261128-0006',
      priority: 'urgent',
      customerName: '百山祖镇卫生院',
      plate: '浙K·8B990',
      appointmentAt: ago(-2 * HOUR),
    }),
    orderItem(5, { state: 'in_progress', no: 'FW-20261128-0005' }),
    orderItem(2, { state: 'finished', no: 'FW-20261127-0002' }),
  ];

  test('待处理 first, 加急 on top and marked, 新 for an unread dispatch, counts, the 消息 badge; tap opens the order', async () => {
    asTechnician({
      'GET /api/work-orders': ordersRoute(orders),
      'GET /api/notifications': () =>
        ok({ ...page([notification(9, { workOrderId: 6 }), notification(8, { workOrderId: 4, readAt: null, kind: 'held' })]), unread: 2 }),
    });
    const { container } = render(<HomePage />);
    await waitFor(() => expect(all(container, 'hy-order')).toHaveLength(2));
    const listed = sent('GET', '/api/work-orders').map((r) => parseUrl(r.url).query);
    expect(listed).toContainEqual({ mine: '1', state: 'dispatched', page: '1', pageSize: '20' });

    const [first, second] = all(container, 'hy-order');
    // the urgent one first, though the server lists it second
    expect(first.textContent).toContain('FW-20261128-0006');
    expect(first.className).toContain('hy-order--urgent');
    expect(within(first).getByText('加急')).toBeTruthy();
    expect(within(first).getByText('新')).toBeTruthy();
    expect(first.textContent).toContain('百山祖镇卫生院');
    expect(first.textContent).toContain('浙K·8B990');
    expect(first.textContent).toMatch(/预约 \d{2}-\d{2} \d{2}:\d{2}/);
    expect(second.textContent).toContain('FW-20261128-0004');
    expect(second.textContent).toContain('庆元县松源街道新建路 18 号');
    expect(second.textContent).toContain('保养到期，更换机油机滤');
    expect(second.textContent).toContain('已派工');
    expect(within(second).queryByText('新')).toBeNull();
    expect(within(second).queryByText('加急')).toBeNull();

    // chips with what waits; 消息 carries the server's unread count, 工单 only the 新 marks
    await waitFor(() => expect(one(container, 'hy-order-filter--dispatched').textContent).toBe('待处理 2'));
    expect(one(container, 'hy-order-filter--in_progress').textContent).toBe('处理中 1');
    expect(badge(container, '消息')).toBe('2');
    expect(badge(container, '工单')).toBe('');

    await click(first);
    expect(taroMock.state.navigations.at(-1)).toEqual({ type: 'navigateTo', url: '/packages/work/order/index?id=6' });

    await click(one(container, 'hy-order-filter--finished'));
    await waitFor(() => expect(all(container, 'hy-order')).toHaveLength(1));
    expect(one(container, 'hy-order').textContent).toContain('FW-20261127-0002');
    expect(one(container, 'hy-order').textContent).toContain('已完工');
    await click(one(container, 'hy-order-filter--all'));
    await waitFor(() => expect(all(container, 'hy-order')).toHaveLength(4));
    expect(parseUrl(sent('GET', '/api/work-orders').at(-1)!.url).query).toEqual({ mine: '1', page: '1', pageSize: '20' });
  });

  test('nothing waiting but one under way: opens on 处理中; an empty filter says so', async () => {
    asTechnician({ 'GET /api/work-orders': ordersRoute([orderItem(5, { state: 'in_progress' })]) });
    const { container } = render(<HomePage />);
    await waitFor(() => expect(one(container, 'hy-order-filter--in_progress').className).toContain('hy-chip--on'));
    await waitFor(() => expect(all(container, 'hy-order')).toHaveLength(1));
    expect(one(container, 'hy-order').textContent).toContain('处理中');
    await click(one(container, 'hy-order-filter--dispatched'));
    expect(await screen.findByText('暂无待办工单')).toBeTruthy();
    expect(badge(container, '消息')).toBe('');
  });

  test('a failed list shows the message and 重试; 改派他人 is said once and acknowledged', async () => {
    let fails = true;
    asTechnician({
      'GET /api/work-orders': (req) => (fails ? fail(500, 'INTERNAL', '服务器暂时不可用，请稍后重试') : ordersRoute(orders)(req)),
      'GET /api/notifications': () =>
        ok({
          ...page([notification(9, { kind: 'reassign', title: '工单已改派他人', body: 'FW-20261128-0003：原技师请假', workOrderId: 3 })]),
          unread: 1,
        }),
    });
    const { container } = render(<HomePage />);
    expect(await screen.findByText('服务器暂时不可用，请稍后重试')).toBeTruthy();
    expect(one(container, 'hy-orders__reassigned').textContent).toContain('工单已改派他人：FW-20261128-0003：原技师请假');
    fails = false;
    await click(screen.getByText('重试'));
    await waitFor(() => expect(all(container, 'hy-order')).toHaveLength(2));
    await click(one(container, 'hy-orders__ack'));
    expect(sent('POST', '/api/notifications/9/read')).toHaveLength(1);
  });
});

describe('the order page', () => {
  beforeEach(() => {
    taroMock.state.params = { id: '4' };
  });

  /** A server for one order that changes with the commands, like the real one. */
  function orderServer(initial: WorkOrderDetail, extra: Record<string, Handler> = {}) {
    let current = initial;
    const set = (patch: Partial<WorkOrderDetail>) => {
      current = { ...current, ...patch };
      const charged = [...current.parts.filter((p) => p.kind === 'used' && !p.removed), ...current.labour];
      current.totals = totals(charged);
      current.unsettled = totals(charged.filter((l) => l.settlementId === null));
      return ok(current);
    };
    asTechnician({
      'GET /api/work-orders/4': () => ok(current),
      'GET /api/notifications': () =>
        ok({ ...page([notification(9, { workOrderId: 4 }), notification(10, { workOrderId: 5 })]), unread: 2 }),
      'POST /api/work-orders/4/start': () => set({ state: 'in_progress', actions: ['finish'], startedAt: new Date().toISOString() }),
      // the customer's level (会员价) price of 机油滤清器, not its sale price (¥35.50)
      'GET /api/work-orders/4/part-price': (req) =>
        parseUrl(req.url).query.partId === '11'
          ? ok({ partId: 11, unitPrice: 3200, priceLevelName: '会员价', taxRate: 13 })
          : fail(404, 'NOT_FOUND', '配件不存在'),
      'GET /api/holdings': (req) => {
        const kw = (parseUrl(req.url).query.keyword ?? '').toUpperCase();
        const held = [
          {
            partId: 11,
            partCode: '6950100852570',
            partName: '机油滤清器',
            partModel: 'W712/75',
            partSpec: 'M20×1.5',
            unit: '个',
            qty: 3,
            heldSince: ago(DAY),
          },
          {
            partId: 13,
            partCode: 'JL-0013',
            partName: '火花塞',
            partModel: 'BKR6E',
            partSpec: '',
            unit: '个',
            qty: 4,
            heldSince: ago(DAY),
          },
        ];
        return ok(page(held.filter((h) => !kw || h.partCode.includes(kw) || h.partName.includes(kw))));
      },
      'POST /api/work-orders/4/parts': (req) =>
        set({
          parts: [...current.parts, usedPart(70 + current.parts.length, { qty: req.data.qty, unitPrice: 3200 })],
        }),
      'DELETE /api/work-orders/4/parts/70': () => set({ parts: current.parts.map((p) => (p.id === 70 ? { ...p, removed: true } : p)) }),
      'POST /api/work-orders/4/labour': (req) => set({ labour: [...current.labour, labourLine(80 + current.labour.length, req.data)] }),
      'DELETE /api/work-orders/4/labour/80': () => set({ labour: current.labour.filter((l) => l.id !== 80) }),
      'POST /api/work-orders/4/finish': (req) =>
        set({
          state: 'finished',
          actions: [],
          summary: req.data.note,
          timeline: [
            ...current.timeline,
            {
              action: 'finish',
              fromState: 'in_progress',
              toState: 'finished',
              by: PEOPLE.technician.name,
              technician: PEOPLE.technician.name,
              note: req.data.note,
              at: new Date().toISOString(),
            },
          ],
        }),
      ...extra,
    });
  }

  async function openPage() {
    const view = render(<WorkOrderPage />);
    await waitFor(() => expect(view.container.querySelector('.hy-wo-customer')).toBeTruthy());
    return view;
  }

  test('a dispatched order: who, where, what, planned parts, 上次服务清单, timeline; call; the notification is read', async () => {
    orderServer(orderDetail(4, { parts: [{ ...usedPart(60), kind: 'planned', qty: 2 }], appointmentAt: '2026-12-01T01:30:00.000Z' }));
    const { container } = await openPage();
    const customer = one(container, 'hy-wo-customer').textContent;
    expect(customer).toContain('庆元县松源镇兴旺农资店');
    expect(customer).toContain('联系人：吴德兴 13957811234');
    expect(customer).toContain('地址：庆元县松源街道新建路 18 号');
    expect(customer).toContain('浙K·5A321');
    expect(customer).toContain('大众 朗逸 2021款');
    expect(customer).toContain('保养到期，更换机油机滤');
    expect(one(container, 'hy-wo-head').textContent).toContain('上门服务 · 技师 李技师');
    expect(one(container, 'hy-wo-head').textContent).toContain('12-01 09:30');
    expect(taroMock.state.titles).toContain('FW-20261128-0004');

    expect(all(container, 'hy-wo-planned')).toHaveLength(1);
    expect(one(container, 'hy-wo-planned').textContent).toContain('机油滤清器');
    expect(one(container, 'hy-wo-planned').textContent).toContain('2 个');
    expect(container.querySelector('.hy-wo-planned__use')).toBeNull(); // not started: nothing to use yet

    const history = one(container, 'hy-wo-history__item').textContent;
    expect(history).toContain('2026-06-12');
    expect(history).toContain('刘志强');
    expect(history).toContain('问题：空调不制冷');
    expect(history).toContain('处理：加注冷媒，更换空调滤芯');
    expect(history).toContain('用料：空调滤芯 ×1个');

    const steps = all(container, 'hy-wo-timeline__item').map((e) => e.textContent);
    expect(steps[0]).toContain('提交派工');
    expect(steps[1]).toContain('派工给 李技师');
    expect(steps[1]).toContain('说明：客户下午在家');

    // only the start button: no 用料 before he starts
    expect(all(container, 'hy-act-start')).toHaveLength(1);
    expect(container.querySelector('.hy-act-finish')).toBeNull();
    expect(container.querySelector('.hy-wo-add-part')).toBeNull();

    await click(one(container, 'hy-wo-call'));
    expect(taroMock.state.phoneCalls).toEqual(['13957811234']);
    // the notification about this order (not the other one) is read
    await waitFor(() => expect(sent('POST', '/api/notifications/9/read')).toHaveLength(1));
    expect(taroMock.state.requests.filter((r) => r.method === 'POST' && r.url.includes('/notifications/'))).toHaveLength(1);
  });

  test('开始处理 asks first; the location goes along when he allows it, and is left out when he does not', async () => {
    orderServer(orderDetail(4));
    const { container } = await openPage();
    taroMock.state.modalConfirm = false;
    await click(one(container, 'hy-act-start'));
    expect(taroMock.state.modals.at(-1)?.title).toBe('开始处理');
    expect(sent('POST', '/api/work-orders/4/start')).toHaveLength(0);
    expect(taroMock.state.locationAsked).toBe(0);

    taroMock.state.modalConfirm = true;
    taroMock.state.location = { latitude: 27.6186, longitude: 119.0625 };
    await click(one(container, 'hy-act-start'));
    await waitFor(() => expect(sent('POST', '/api/work-orders/4/start')).toHaveLength(1));
    expect(sent('POST', '/api/work-orders/4/start')[0].data).toEqual({ location: '27.618600,119.062500' });
    await waitFor(() => expect(container.querySelector('.hy-act-finish')).toBeTruthy());
    expect(container.querySelector('.hy-act-start')).toBeNull();
    expect(one(container, 'hy-wo__state').textContent).toBe('处理中');
    expect(container.querySelector('.hy-wo-add-part')).toBeTruthy();
    expect(taroMock.state.toasts.at(-1)?.title).toBe('已开始处理，已记录位置');
  });

  test('开始处理 without the location when he declines it', async () => {
    orderServer(orderDetail(4));
    const { container } = await openPage();
    await click(one(container, 'hy-act-start'));
    await waitFor(() => expect(sent('POST', '/api/work-orders/4/start')).toHaveLength(1));
    expect(taroMock.state.locationAsked).toBe(1);
    expect(sent('POST', '/api/work-orders/4/start')[0].data).toEqual({});
    await waitFor(() => expect(taroMock.state.toasts.at(-1)?.title).toBe('已开始处理'));
  });

  test("用料: from his holdings, at the customer's fixed tax-included level price, quantity within what he holds, amounts from the tax function", async () => {
    orderServer(orderDetail(4, { state: 'in_progress', actions: ['finish'] }));
    const { container } = await openPage();
    await click(one(container, 'hy-wo-add-part'));
    await waitFor(() => expect(all(container, 'hy-use__item')).toHaveLength(2));
    expect(all(container, 'hy-use__item')[0].textContent).toContain('手上 3 个');
    await click(all(container, 'hy-use__item')[0]);
    await waitFor(() => expect(container.querySelector('.hy-use__price')).toBeTruthy());
    // the price of his level (会员价), not the sale price
    expect(one(container, 'hy-use__price').textContent).toBe('¥32.00 / 个（会员价）');
    // a part's price includes tax: nothing for him to switch (it would change what the customer pays)
    expect(one(container, 'hy-use__tax').textContent).toBe('含税价（税率 13%）');
    expect(container.querySelector('.hy-use__form .nut-switch')).toBeNull();

    // up to what he holds, not beyond
    for (let i = 0; i < 5; i++) await click(stepper(container, 'useQty', 'plus'));
    expect(valueOf(container, 'useQty')).toBe('3');
    await click(stepper(container, 'useQty', 'minus'));
    const included = lineAmounts({ unitPrice: 3200, qty: 2, taxRate: 13, taxIncluded: true });
    expect(one(container, 'hy-use__amount').textContent).toBe(`金额 ¥64.00（含税额 ¥${(included.tax / 100).toFixed(2)}）`);
    expect(one(container, 'hy-use__confirm').textContent).toBe('确认用料 ¥64.00');

    await click(one(container, 'hy-use__confirm'));
    expect(sent('POST', '/api/work-orders/4/parts').map((r) => r.data)).toEqual([{ partId: 11, qty: 2 }]);
    await waitFor(() => expect(all(container, 'hy-wo-charge--part')).toHaveLength(1));
    expect(container.querySelector('[data-testid="sheet"]')).toBeNull();
    const line = one(container, 'hy-wo-charge--part').textContent;
    expect(line).toContain('机油滤清器');
    expect(line).toContain('¥32.00 × 2 个');
    expect(line).toContain('含税 13%');
    expect(line).toContain('¥64.00');
    expect(one(container, 'hy-wo-totals__net').textContent).toBe(`¥${(included.net / 100).toFixed(2)}`);
    expect(one(container, 'hy-wo-totals__tax').textContent).toBe(`¥${(included.tax / 100).toFixed(2)}`);
    expect(one(container, 'hy-wo-totals__gross').textContent).toBe('¥64.00');
  });

  test('a rework visit: the first visit is settled and its lines are locked; 本次合计 and 结束处理 count only the new lines', async () => {
    const first = {
      id: 31,
      visit: 0,
      label: '第1次',
      ...totals([usedPart(70), labourLine(80)], 550),
      paymentMethod: 'cash' as const,
      free: false,
      note: '',
      settledBy: '叶建国',
      at: ago(DAY),
      invoiceRequestId: null,
    };
    orderServer(
      orderDetail(4, {
        state: 'in_progress',
        actions: ['finish'],
        reworkCount: 1,
        parts: [usedPart(70, { settlementId: 31 })],
        labour: [labourLine(80, { settlementId: 31 })],
        settlements: [first],
      }),
    );
    const { container } = await openPage();
    expect(one(container, 'hy-wo-charge--part').textContent).toContain('已在第1次结算');
    expect(one(container, 'hy-wo-charge--labour').textContent).toContain('已在第1次结算');
    expect(container.querySelector('.hy-wo-charge__remove')).toBeNull();
    expect(container.querySelector('.hy-wo-totals')).toBeNull();
    expect(one(container, 'hy-wo-settlement').textContent).toContain('第1次');
    expect(one(container, 'hy-wo-settlement__payable').textContent).toBe('¥110.00');
    expect(one(container, 'hy-wo-settlement').textContent).toContain('现金');

    await click(one(container, 'hy-wo-add-labour'));
    await click(byText(container, 'hy-labour__name-chip', '检测诊断'));
    await type(container, 'labourPrice', '30');
    await click(one(container, 'hy-labour__confirm'));
    await waitFor(() => expect(all(container, 'hy-wo-charge--labour')).toHaveLength(2));
    // only the new line can be removed, and only it is in 本次合计
    expect(all(container, 'hy-wo-charge__remove')).toHaveLength(1);
    expect(one(container, 'hy-wo-totals__gross').textContent).toBe('¥30.00');
    await click(one(container, 'hy-act-finish'));
    expect(one(container, 'hy-finish__summary').textContent).toBe('已登记用料 0 项、工时 1 项，价税合计 ¥30.00。结束后不能再改用料。');
  });

  test('a scanned barcode picks the part at once; not enough in his hands offers a requisition', async () => {
    orderServer(orderDetail(4, { state: 'in_progress', actions: ['finish'] }), {
      'POST /api/work-orders/4/parts': () => ({
        statusCode: 409,
        data: {
          ok: false,
          code: 'INSUFFICIENT_STOCK',
          message: '你手上只有 0 个「机油滤清器」，不够用 1，请先领用',
          details: { partId: 11, held: 0, offerRequisition: true },
        },
      }),
    });
    const { container } = await openPage();
    await click(one(container, 'hy-wo-add-part'));
    await waitFor(() => expect(all(container, 'hy-use__item')).toHaveLength(2));
    // on H5 the scan button opens a box to type the code
    await click(one(container, 'hy-scan__btn'));
    await type(container, 'scanCode', '6950100852570');
    await click(byText(container, 'nut-button', '确定'));
    await waitFor(() => expect(container.querySelector('.hy-use__price')).toBeTruthy());
    expect(parseUrl(sent('GET', '/api/holdings').at(-1)!.url).query.keyword).toBe('6950100852570');
    expect(one(container, 'hy-use__name').textContent).toBe('机油滤清器');

    await click(one(container, 'hy-use__confirm'));
    expect(await screen.findByText('你手上只有 0 个「机油滤清器」，不够用 1，请先领用')).toBeTruthy();
    await waitFor(() => expect(taroMock.state.modals.at(-1)?.title).toBe('手上的配件不够'));
    expect(taroMock.state.modals.at(-1)?.content).toBe('你手上只有 0 个「机油滤清器」，不够用 1。现在去填领用单吗？');
    expect(taroMock.state.navigations.at(-1)).toEqual({ type: 'navigateTo', url: '/packages/stock/requisition-form/index' });
  });

  test('a planned part: 登记用料 opens the sheet on it', async () => {
    orderServer(orderDetail(4, { state: 'in_progress', actions: ['finish'], parts: [{ ...usedPart(60), kind: 'planned' }] }));
    const { container } = await openPage();
    await click(one(container, 'hy-wo-planned__use'));
    await waitFor(() => expect(container.querySelector('.hy-use__price')).toBeTruthy());
    expect(one(container, 'hy-use__name').textContent).toBe('机油滤清器');
  });

  test('删除用料 asks first, then the part goes back to his hands', async () => {
    orderServer(orderDetail(4, { state: 'in_progress', actions: ['finish'], parts: [usedPart(70, { qty: 2 })] }));
    const { container } = await openPage();
    expect(all(container, 'hy-wo-charge--part')).toHaveLength(1);
    taroMock.state.modalConfirm = false;
    await click(one(container, 'hy-wo-charge__remove'));
    expect(taroMock.state.modals.at(-1)?.content).toBe('删除「机油滤清器」×2个？配件会回到你的持有中。');
    expect(sent('DELETE', '/api/work-orders/4/parts/70')).toHaveLength(0);
    taroMock.state.modalConfirm = true;
    await click(one(container, 'hy-wo-charge__remove'));
    expect(sent('DELETE', '/api/work-orders/4/parts/70')).toHaveLength(1);
    await waitFor(() => expect(all(container, 'hy-wo-charge--part')).toHaveLength(0));
    expect(screen.getByText('还没有登记用料')).toBeTruthy();
    expect(taroMock.state.toasts.at(-1)?.title).toBe('已删除，配件已回到你手上');
  });

  test('工时: name, quantity, price in yuan, tax rate and 含税; checked before sending; deleted with a confirmation', async () => {
    orderServer(orderDetail(4, { state: 'in_progress', actions: ['finish'] }));
    const { container } = await openPage();
    await click(one(container, 'hy-wo-add-labour'));
    await click(one(container, 'hy-labour__confirm'));
    expect(screen.getByText('请填写工时项目')).toBeTruthy();
    expect(screen.getByText('请填写单价')).toBeTruthy();
    await click(byText(container, 'hy-labour__name-chip', '上门服务工时'));
    await type(container, 'labourPrice', '80.555');
    await click(one(container, 'hy-labour__confirm'));
    expect(screen.getByText('单价应为金额，最多两位小数')).toBeTruthy();
    expect(sent('POST', '/api/work-orders/4/labour')).toHaveLength(0);

    await type(container, 'labourPrice', '80');
    await click(stepper(container, 'labourQty', 'plus'));
    expect(one(container, 'hy-labour__rate--6').className).toContain('hy-chip--on');
    const a = lineAmounts({ unitPrice: 8000, qty: 2, taxRate: 6, taxIncluded: true });
    expect(one(container, 'hy-use__amount').textContent).toBe(
      `不含税 ¥${(a.net / 100).toFixed(2)} + 税额 ¥${(a.tax / 100).toFixed(2)} = ¥160.00`,
    );
    await click(one(container, 'hy-labour__rate--13'));
    await click(one(container, 'hy-labour__confirm'));
    expect(sent('POST', '/api/work-orders/4/labour').map((r) => r.data)).toEqual([
      { name: '上门服务工时', qty: 2, unitPrice: 8000, taxRate: 13, taxIncluded: true },
    ]);
    await waitFor(() => expect(all(container, 'hy-wo-charge--labour')).toHaveLength(1));
    expect(one(container, 'hy-wo-charge--labour').textContent).toContain('¥80.00 × 2 项');
    expect(one(container, 'hy-wo-totals__gross').textContent).toBe('¥160.00');

    await click(one(container, 'hy-wo-charge__remove'));
    expect(taroMock.state.modals.at(-1)?.content).toBe('删除工时「上门服务工时」？');
    await waitFor(() => expect(all(container, 'hy-wo-charge--labour')).toHaveLength(0));
    expect(container.querySelector('.hy-wo-totals')).toBeNull();
  });

  test('结束处理 needs the 处理结果; then the order is 已完工 with no more buttons', async () => {
    orderServer(orderDetail(4, { state: 'in_progress', actions: ['finish'], parts: [usedPart(70)], labour: [labourLine(80)] }));
    const { container } = await openPage();
    await click(one(container, 'hy-act-finish'));
    expect(one(container, 'hy-finish__summary').textContent).toBe(`已登记用料 1 项、工时 1 项，价税合计 ¥115.50。结束后不能再改用料。`);
    await click(one(container, 'hy-finish__confirm'));
    expect(screen.getByText('请填写处理结果')).toBeTruthy();
    expect(sent('POST', '/api/work-orders/4/finish')).toHaveLength(0);
    await type(container, 'finishNote', '更换机油机滤，复位保养灯');
    await click(one(container, 'hy-finish__confirm'));
    expect(sent('POST', '/api/work-orders/4/finish').map((r) => r.data)).toEqual([{ note: '更换机油机滤，复位保养灯' }]);
    await waitFor(() => expect(one(container, 'hy-wo__state').textContent).toBe('已完工'));
    expect(container.querySelector('.hy-actions')).toBeNull();
    expect(container.querySelector('.hy-wo-add-part')).toBeNull();
    expect(container.querySelector('.hy-wo-charge__remove')).toBeNull();
    expect(one(container, 'hy-wo-summary').textContent).toContain('更换机油机滤，复位保养灯');
    expect(all(container, 'hy-wo-timeline__item').at(-1)!.textContent).toContain('处理结果：更换机油机滤，复位保养灯');
    expect(taroMock.state.toasts.at(-1)?.title).toBe('已结束处理');
  });

  test('a command the server refuses shows why and reloads the order', async () => {
    let state: WorkOrderState = 'dispatched';
    asTechnician({
      'GET /api/work-orders/4': () => ok(orderDetail(4, { state })),
      'POST /api/work-orders/4/start': () => {
        state = 'cancelled';
        return fail(409, 'CONFLICT', '工单已取消，不能开始处理');
      },
    });
    const { container } = await openPage();
    await click(one(container, 'hy-act-start'));
    expect(await screen.findByText('工单已取消，不能开始处理')).toBeTruthy();
    await waitFor(() => expect(one(container, 'hy-wo__state').textContent).toBe('已取消'));
    await flush();
  });

  test("helping on someone else's order: no buttons, and it says who does it", async () => {
    asTechnician({
      'GET /api/work-orders/4': () => ok(orderDetail(4, { state: 'in_progress', technicianId: 7, technicianName: '刘志强', actions: [] })),
    });
    const { container } = await openPage();
    expect(one(container, 'hy-wo__helper').textContent).toBe('本单由 刘志强 负责开始、结束处理和登记用料，你是协助技师。');
    expect(container.querySelector('.hy-actions')).toBeNull();
    expect(container.querySelector('.hy-wo-add-part')).toBeNull();
  });

  test('an order that is not his: the message and 重试', async () => {
    asTechnician({ 'GET /api/work-orders/4': () => fail(404, 'NOT_FOUND', '工单不存在') });
    render(<WorkOrderPage />);
    expect(await screen.findByText('工单不存在')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });
});
