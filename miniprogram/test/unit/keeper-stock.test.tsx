/**
 * @jest-environment jsdom
 *
 * The keeper's 库存 tab (alerts at a glance, stock per warehouse and held, search and scan),
 * the alerts page, and stock-take counting (one line at a time, blind counts, parts found on
 * the shelf).
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import HomePage from '../../src/pages/home';
import AlertsPage from '../../src/packages/stock/alerts';
import StocktakesPage from '../../src/packages/stock/stocktakes';
import StocktakePage from '../../src/packages/stock/stocktake';
import { clearSession, setSession } from '../../src/api/request';
import { PEOPLE, part } from '../support/fixtures';
import { HOUR, ago, page, stockItem, stocktake } from '../support/stock-fixtures';
import { fail, fakeServer, ok, parseUrl, taroMock, type FakeRequest, type Handler } from '../support/taro-mock';
import { all, byText, click, one, stepper, type } from '../support/ui';

const ALERTS = {
  settings: { heldDays: 7, pendingHours: 4 },
  lowStock: [
    { partId: 1, partCode: 'JL-0001', partName: '机油滤清器', unit: '个', warehouseId: 1, warehouseName: '总仓', qty: 1, minStock: 6 },
    { partId: 2, partCode: 'JL-0002', partName: '空调滤芯', unit: '个', warehouseId: null, warehouseName: '尚未入库', qty: 0, minStock: 2 },
  ],
  longHeld: [
    {
      employeeId: 4,
      employeeName: '王建学',
      partId: 3,
      partCode: 'JL-0003',
      partName: '火花塞',
      unit: '个',
      qty: 4,
      heldSince: ago(9 * 24 * HOUR),
      days: 9,
    },
  ],
  waitingDocs: [
    {
      docType: 'return' as const,
      status: 'variance' as const,
      id: 8,
      no: 'TH-20261127-0002',
      employeeId: 7,
      employeeName: '刘志强',
      createdAt: ago(30 * HOUR),
      hours: 30,
    },
  ],
  openDisputes: [],
  counts: { lowStock: 2, longHeld: 1, waitingDocs: 1, openDisputes: 0, total: 4 },
  hiddenWarehouses: [] as { warehouseId: number; warehouseName: string }[],
};

function asKeeper(routes: Record<string, Handler>) {
  setSession({ employee: PEOPLE.keeper, csrfToken: 'csrf-k' });
  fakeServer({
    'GET /api/auth/me': () => ok({ ...PEOPLE.keeper, csrfToken: 'csrf-k' }),
    'GET /api/requisitions': () => ok(page([])),
    'GET /api/returns': () => ok(page([])),
    'GET /api/alerts': () => ok(ALERTS),
    ...routes,
  });
}

const sent = (method: string, path: string) => taroMock.state.requests.filter((r) => r.method === method && parseUrl(r.url).path === path);

async function openStockTab(container: HTMLElement) {
  await waitFor(() => expect(all(container, 'nut-tabbar-item-text').length).toBe(4));
  await click(all(container, 'nut-tabbar-item-text').find((e) => e.textContent === '库存'));
}

beforeEach(() => {
  localStorage.clear();
  clearSession();
  taroMock.reset();
});

describe('库存 tab', () => {
  const stockRoute: Handler = (req) => {
    const kw = parseUrl(req.url).query.keyword ?? '';
    const items = [
      stockItem(1, { partName: '机油滤清器', minStock: 20 }),
      stockItem(2, { partCode: '6950100852570', partName: '刹车片', minStock: 0, held: 0 }),
    ];
    return ok(page(items.filter((p) => !kw || p.partCode.includes(kw) || p.partName.includes(kw))));
  };

  test('alert counts, stock per warehouse and held; the tiles open the alerts and the stock-take', async () => {
    asKeeper({ 'GET /api/stock': stockRoute });
    const { container } = render(<HomePage />);
    await openStockTab(container);
    await waitFor(() => expect(all(container, 'hy-stock-item')).toHaveLength(2));
    expect(screen.getByText('共 2 个配件')).toBeTruthy();
    await waitFor(() => expect(one(container, 'hy-alert-tile--lowStock').textContent).toBe('2低库存'));
    expect(one(container, 'hy-alert-tile--longHeld').textContent).toBe('1持有过久');
    expect(one(container, 'hy-alert-tile--waitingDocs').textContent).toBe('1待审批超时');

    const [oil, pads] = all(container, 'hy-stock-item');
    expect(within(oil).getByText('低于最低库存 20')).toBeTruthy();
    expect(all(oil, 'hy-stock-item__cell').map((c) => c.textContent)).toEqual(['12总仓', '3城东服务站仓', '2员工持有']);
    expect(oil.textContent).toContain('仓库合计 15 个');
    expect(pads.textContent).not.toContain('低于最低库存');

    await click(one(container, 'hy-alert-tile--longHeld'));
    await click(one(container, 'hy-stock__tile--action'));
    expect(taroMock.state.navigations.map((n) => n.url)).toEqual([
      '/packages/stock/alerts/index?kind=longHeld',
      '/packages/stock/stocktakes/index',
    ]);
  });

  test('扫码 on H5 opens a box for the code; the code searches the stock', async () => {
    asKeeper({ 'GET /api/stock': stockRoute });
    const { container } = render(<HomePage />);
    await openStockTab(container);
    await waitFor(() => expect(all(container, 'hy-stock-item')).toHaveLength(2));
    await click(one(container, 'hy-scan__btn'));
    expect(screen.getByText('浏览器中不能调用摄像头扫码，请输入或粘贴配件条码、编号（扫码枪可直接扫入）。')).toBeTruthy();
    await type(container, 'scanCode', '6950100852570');
    await click(byText(container, 'nut-button', '确定'));
    await waitFor(() => expect(all(container, 'hy-stock-item')).toHaveLength(1));
    expect(one(container, 'hy-stock-item').textContent).toContain('刹车片');
    expect(parseUrl(sent('GET', '/api/stock').at(-1)!.url).query.keyword).toBe('6950100852570');
    expect(screen.getByText('“6950100852570” 共 1 个配件')).toBeTruthy();
  });

  test('alerts that fail to load say so and retry, the stock list still works', async () => {
    let calls = 0;
    asKeeper({
      'GET /api/stock': stockRoute,
      'GET /api/alerts': () => (++calls === 1 ? fail(500, 'INTERNAL', '服务器内部错误，请稍后重试') : ok(ALERTS)),
    });
    const { container } = render(<HomePage />);
    await openStockTab(container);
    expect(await screen.findByText('预警加载失败：服务器内部错误，请稍后重试')).toBeTruthy();
    expect(all(container, 'hy-stock-item')).toHaveLength(2);
    await click(within(one(container, 'hy-error-bar')).getByText('重试'));
    await waitFor(() => expect(one(container, 'hy-alert-tile--lowStock').textContent).toBe('2低库存'));
  });
});

test('alerts page during a blind count: says whose low stock is left out (盲盘)', async () => {
  taroMock.state.params = { kind: 'lowStock' };
  asKeeper({ 'GET /api/alerts': () => ok({ ...ALERTS, hiddenWarehouses: [{ warehouseId: 2, warehouseName: '城东服务站仓' }] }) });
  const { container } = render(<AlertsPage />);
  await waitFor(() => expect(all(container, 'hy-alert-item')).toHaveLength(2));
  expect(container.querySelector('[data-testid=alerts-hidden]')?.textContent).toBe('「城东服务站仓」盲盘进行中，暂不显示该仓库库存');
});

test('alerts page: opens on the kind asked for, switches, and a waiting document opens', async () => {
  taroMock.state.params = { kind: 'longHeld' };
  asKeeper({});
  const { container } = render(<AlertsPage />);
  await waitFor(() => expect(all(container, 'hy-alert-item')).toHaveLength(1));
  expect(screen.getByText('员工持有超过 7 天的配件')).toBeTruthy();
  expect(one(container, 'hy-alert-item').textContent).toContain('王建学 持有 4 个');
  expect(one(container, 'hy-alert-item').textContent).toContain('已 9 天');

  await click(one(container, 'hy-alerts__tab--lowStock'));
  expect(all(container, 'hy-alert-item').map((e) => e.textContent)).toEqual([
    '机油滤清器1 / 6 个JL-0001总仓',
    '空调滤芯0 / 2 个JL-0002尚未入库',
  ]);

  await click(one(container, 'hy-alerts__tab--waitingDocs'));
  expect(one(container, 'hy-alert-item').textContent).toContain('已等 30 小时');
  // a return whose count waits for the employee's confirmation says so
  expect(one(container, 'hy-alert-item').textContent).toContain('退还单 · 刘志强 · 差异待员工确认');
  await click(one(container, 'hy-alert-item'));
  expect(taroMock.state.navigations).toEqual([{ type: 'navigateTo', url: '/packages/stock/return/index?id=8' }]);
});

describe('stock-take counting', () => {
  test('the open stock-takes with their progress', async () => {
    asKeeper({ 'GET /api/stocktakes': () => ok(page([{ ...stocktake(5, { blind: true }), lines: undefined }])) });
    const { container } = render(<StocktakesPage />);
    await waitFor(() => expect(all(container, 'hy-stocktake-item')).toHaveLength(1));
    expect(parseUrl(sent('GET', '/api/stocktakes')[0].url).query).toMatchObject({ status: 'counting' });
    const card = one(container, 'hy-stocktake-item');
    expect(card.textContent).toContain('PD-20261128-0005');
    expect(card.textContent).toContain('盲盘');
    expect(card.textContent).toContain('已盘 1 / 3');
    await click(card);
    expect(taroMock.state.navigations).toEqual([{ type: 'navigateTo', url: '/packages/stock/stocktake/index?id=5' }]);
  });

  test('none open: says where they come from', async () => {
    asKeeper({ 'GET /api/stocktakes': () => ok(page([])) });
    render(<StocktakesPage />);
    expect(await screen.findByText('没有进行中的盘点')).toBeTruthy();
  });

  test('enter a count: one line is sent, the progress moves, the line leaves 未盘', async () => {
    taroMock.state.params = { id: '5' };
    let body: FakeRequest['data'];
    asKeeper({
      'GET /api/stocktakes/5': () => ok(stocktake(5)),
      'PUT /api/stocktakes/5/counts': (req) => {
        body = req.data;
        const line = {
          ...stocktake(5).lines[2],
          countedQty: req.data.counts[0].countedQty,
          difference: req.data.counts[0].countedQty - 20,
          countedByName: '吴库管',
          countedAt: new Date().toISOString(),
        };
        return ok({ stocktakeId: 5, lineCount: 3, countedCount: 2, lines: [line] });
      },
    });
    const { container } = render(<StocktakePage />);
    await waitFor(() => expect(all(container, 'hy-count-line')).toHaveLength(2));
    expect(container.textContent).toContain('已盘 1 / 3');
    expect(one(container, 'hy-count-filter--todo').textContent).toBe('未盘 2');
    // not blind: the book quantity is shown
    expect(all(container, 'hy-count-line')[1].textContent).toContain('账面 20');

    await click(all(container, 'hy-count-line')[1]);
    expect(screen.getByText('录入实盘数量')).toBeTruthy();
    expect(one(container, 'hy-count-sheet').textContent).toContain('账面 20 个');
    await type(container, 'countedQty', '18');
    await click(one(container, 'hy-count__save'));
    expect(body).toEqual({ counts: [{ partId: 13, countedQty: 18 }] });
    expect(container.textContent).toContain('已盘 2 / 3');
    expect(all(container, 'hy-count-line')).toHaveLength(1);
    expect(taroMock.state.toasts.at(-1)?.title).toBe('已记录 火花塞：18');

    await click(one(container, 'hy-count-filter--done'));
    const done = all(container, 'hy-count-line').find((l) => l.textContent?.includes('火花塞'))!;
    expect(done.textContent).toContain('实盘 18 个');
    expect(done.textContent).toContain('差异 -2');
  });

  test('blind count: no book quantity anywhere, even for a keeper', async () => {
    taroMock.state.params = { id: '6' };
    asKeeper({ 'GET /api/stocktakes/6': () => ok(stocktake(6, { blind: true })) });
    const { container } = render(<StocktakePage />);
    await waitFor(() => expect(all(container, 'hy-count-line')).toHaveLength(2));
    expect(screen.getByText('盲盘：不显示账面数量，请按实物清点')).toBeTruthy();
    // the keeper sees the book elsewhere: the counting is for technicians and supervisors
    expect(container.querySelector('[data-testid=count-blind-keeper]')?.textContent).toBe(
      '盲盘须由看不到账面数量的人员录入（如技师、主管）',
    );
    await click(one(container, 'hy-count-filter--all'));
    const lines = all(container, 'hy-count-line').map((l) => l.textContent ?? '');
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      expect(l).not.toContain('账面');
      expect(l).not.toContain('差异');
    }
    await click(all(container, 'hy-count-line')[0]);
    expect(one(container, 'hy-count-sheet').textContent).not.toContain('账面');
  });

  test('a scanned code on the sheet opens that line; one not on the sheet is looked up and added', async () => {
    taroMock.state.params = { id: '5' };
    let body: FakeRequest['data'];
    asKeeper({
      'GET /api/stocktakes/5': () => ok(stocktake(5)),
      'GET /api/parts': () => ok(page([part(77, { code: '6920000000777', name: '雨刮片' })])),
      'PUT /api/stocktakes/5/counts': (req) => {
        body = req.data;
        return ok({
          stocktakeId: 5,
          lineCount: 4,
          countedCount: 2,
          lines: [
            {
              id: 399,
              partId: 77,
              partCode: '6920000000777',
              partName: '雨刮片',
              partModel: 'W712/75',
              partSpec: '3/4-16UNF',
              unit: '个',
              bookQty: 0,
              countedQty: 2,
              difference: 2,
              added: true,
              countedByName: '吴库管',
              countedAt: new Date().toISOString(),
            },
          ],
        });
      },
    });
    const { container } = render(<StocktakePage />);
    await waitFor(() => expect(all(container, 'hy-count-line')).toHaveLength(2));
    await click(one(container, 'hy-scan__btn'));
    await type(container, 'scanCode', '6950100852570');
    await click(byText(container, 'nut-button', '确定'));
    expect(one(container, 'hy-count-sheet').textContent).toContain('机油滤清器');
    await click(byText(container, 'nut-button', '取消'));

    await click(one(container, 'hy-scan__btn'));
    await type(container, 'scanCode', '6920000000777');
    await click(byText(container, 'nut-button', '确定'));
    await waitFor(() => expect(container.querySelector('.hy-count-sheet')).toBeTruthy());
    expect(one(container, 'hy-count-sheet').textContent).toContain('雨刮片');
    expect(screen.getByText('这个配件不在盘点表中（货架上发现），保存后会加入盘点表。')).toBeTruthy();
    await click(stepper(container, 'countedQty', 'plus'));
    await click(stepper(container, 'countedQty', 'plus'));
    await click(one(container, 'hy-count__save'));
    expect(body).toEqual({ counts: [{ partId: 77, countedQty: 2 }] });
    expect(container.textContent).toContain('已盘 2 / 4');
    await click(one(container, 'hy-count-filter--done'));
    expect(all(container, 'hy-count-line').find((l) => l.textContent?.includes('雨刮片'))!.textContent).toContain('盘点中新增');
  });

  test('a stock-take approved meanwhile: the message, and no more entry', async () => {
    taroMock.state.params = { id: '5' };
    let approved = false;
    asKeeper({
      'GET /api/stocktakes/5': () => ok(approved ? stocktake(5, { status: 'approved' }) : stocktake(5)),
      'PUT /api/stocktakes/5/counts': () => {
        approved = true;
        return fail(409, 'ALREADY_DECIDED', '盘点单 PD-20261128-0005 已审核，不能录入实盘数量');
      },
    });
    const { container } = render(<StocktakePage />);
    await waitFor(() => expect(all(container, 'hy-count-line')).toHaveLength(2));
    await click(all(container, 'hy-count-line')[0]);
    await click(one(container, 'hy-count__save'));
    expect(await screen.findByText('盘点单 PD-20261128-0005 已审核，不能录入实盘数量')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('盘点单已审核，不能再录入')).toBeTruthy());
    expect(container.querySelector('.hy-scan__btn')).toBeNull();
  });
});
