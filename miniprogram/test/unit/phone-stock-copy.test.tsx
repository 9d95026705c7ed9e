/**
 * @jest-environment jsdom
 *
 * Issue 10 §1/§5 on the phone: 复制 is a form until it is submitted (GET …/copy fills it, nothing
 * is created before 提交, which posts to …/copies), and 发起盘点 offers only the warehouses the
 * keeper manages (GET /api/stocktakes/warehouses).
 */
import { render, screen, waitFor } from '@testing-library/react';
import RequisitionFormPage from '../../src/packages/stock/requisition-form';
import StocktakesPage from '../../src/packages/stock/stocktakes';
import StocktakePage from '../../src/packages/stock/stocktake';
import { clearSession, setSession } from '../../src/api/request';
import { PEOPLE } from '../support/fixtures';
import { WAREHOUSES, page, requisition, stocktake } from '../support/stock-fixtures';
import { fakeServer, ok, parseUrl, taroMock, type FakeRequest, type Handler } from '../support/taro-mock';
import { all, click, flush, one } from '../support/ui';

const sent = (method: string, path: string) => taroMock.state.requests.filter((r) => r.method === method && parseUrl(r.url).path === path);

beforeEach(() => {
  localStorage.clear();
  taroMock.reset();
});
afterEach(() => clearSession());

function as(employee: (typeof PEOPLE)[keyof typeof PEOPLE], routes: Record<string, Handler>) {
  setSession({ employee, csrfToken: 'csrf-x' });
  fakeServer({ 'GET /api/warehouses': () => ok(page(WAREHOUSES)), ...routes });
}

test('复制: the form is filled from the original and only 提交 creates the copy', async () => {
  taroMock.state.params = { copyOf: '4' };
  const preview = requisition(0, {
    no: '',
    status: 'draft',
    copiedFromNo: 'LY-20261128-0004',
    handlerId: 5,
    lines: requisition(4).lines.map((l, i) => (i === 0 ? { ...l, qty: 1, available: 1, cappedFrom: 2 } : l)),
  });
  let body: FakeRequest['data'];
  as(PEOPLE.technician, {
    'GET /api/requisitions/4/copy': () => ok(preview),
    'POST /api/requisitions/4/copies': (req) => {
      body = req.data;
      return ok(requisition(40, { status: 'pending', copiedFromNo: 'LY-20261128-0004' }));
    },
  });
  const { container } = render(<RequisitionFormPage />);
  await waitFor(() => expect(all(container, 'hy-form-line')).toHaveLength(2));
  await flush();
  expect(screen.getByText('由 LY-20261128-0004 复制：数量已按今日库存核对，请确认后提交（提交后才生成新单据）。')).toBeTruthy();
  expect(screen.getByText('原单申请 2，已按今日库存调低')).toBeTruthy();
  expect(taroMock.state.titles).toContain('复制领用单');
  // Filling the form created nothing.
  expect(taroMock.state.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  await click(one(container, 'hy-req-form__submit'));
  await waitFor(() => expect(sent('POST', '/api/requisitions/4/copies')).toHaveLength(1));
  expect(body).toMatchObject({ warehouseId: 1, handlerId: 5, lines: [{ partId: 11, qty: 1 }, { partId: 12 }], submit: true });
  expect(sent('POST', '/api/requisitions')).toHaveLength(0);
  expect(sent('POST', '/api/requisitions/4/copy')).toHaveLength(0);
  expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/packages/stock/requisition/index?id=40' }]);
});

test('发起盘点 lists the keeper’s own warehouses (a counting one cannot be picked) and opens the new count', async () => {
  as(PEOPLE.keeper, {
    'GET /api/stocktakes': () => ok(page([])),
    'GET /api/stocktakes/warehouses': () =>
      ok([
        { id: 1, name: '总仓', openNo: '' },
        { id: 3, name: '西区仓', openNo: 'PD-20261128-0002' },
      ]),
    'POST /api/stocktakes': () => ok(stocktake(7)),
  });
  const { container } = render(<StocktakesPage />);
  await click(one(container, 'hy-stocktake-new'));
  await waitFor(() => expect(all(container, 'hy-stocktake-wh')).toHaveLength(2));
  expect(all(container, 'hy-stocktake-wh').map((e) => e.textContent)).toEqual(['总仓', '西区仓（盘点中）']);
  await click(all(container, 'hy-stocktake-wh')[1]);
  expect(screen.getByText('「西区仓」已有进行中的盘点单 PD-20261128-0002，请先审核或作废')).toBeTruthy();
  await click(all(container, 'hy-stocktake-wh')[0]);
  await click(one(container, 'hy-stocktake-start__ok'));
  await waitFor(() => expect(sent('POST', '/api/stocktakes')).toHaveLength(1));
  expect(sent('POST', '/api/stocktakes')[0].data).toEqual({ warehouseId: 1, blind: false, remark: '' });
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'navigateTo', url: '/packages/stock/stocktake/index?id=7' }]));
});

test('a technician sees no 发起盘点', async () => {
  as(PEOPLE.technician, { 'GET /api/stocktakes': () => ok(page([])) });
  const { container } = render(<StocktakesPage />);
  expect(await screen.findByText('没有进行中的盘点')).toBeTruthy();
  expect(container.querySelector('.hy-stocktake-new')).toBeNull();
});

test('the count page marks a large variance for review', async () => {
  taroMock.state.params = { id: '5' };
  const st = stocktake(5);
  st.lines = st.lines.map((l, i) =>
    i === 0
      ? { ...l, countedQty: 46, difference: 31, countedByName: '吴库管', countEntries: 1 }
      : i === 1
        ? { ...l, countedQty: 3, difference: -1 }
        : l,
  );
  as(PEOPLE.keeper, { 'GET /api/stocktakes/5': () => ok(st) });
  const { container } = render(<StocktakePage />);
  await waitFor(() => expect(all(container, 'hy-count-line').length).toBeGreaterThan(0));
  await click(all(container, 'hy-count-filter--done')[0]);
  await waitFor(() => expect(all(container, 'hy-count-big')).toHaveLength(1));
  const flagged = all(container, 'hy-count-line').find((c) => c.textContent?.includes('机油滤清器'))!;
  expect(flagged.textContent).toContain('差异较大，请复核');
});
