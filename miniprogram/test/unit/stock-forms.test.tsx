/**
 * @jest-environment jsdom
 *
 * The technician's forms: 新建领用 (warehouse, approvers, parts within today's stock, one
 * document per submission), a copied draft, and 退还 prefilled from what he holds.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import RequisitionFormPage from '../../src/packages/stock/requisition-form';
import ReturnFormPage from '../../src/packages/stock/return-form';
import { clearSession, setSession } from '../../src/api/request';
import { PEOPLE } from '../support/fixtures';
import { WAREHOUSES, page, requisition, stockItem, stockReturn } from '../support/stock-fixtures';
import { fail, fakeServer, ok, parseUrl, taroMock, type FakeRequest, type Handler } from '../support/taro-mock';
import { all, byText, click, flush, one, stepper, type, valueOf } from '../support/ui';

function asTechnician(routes: Record<string, Handler>) {
  setSession({ employee: PEOPLE.technician, csrfToken: 'csrf-t' });
  fakeServer({ 'GET /api/warehouses': () => ok(page(WAREHOUSES)), ...routes });
}

const sent = (method: string, path: string) => taroMock.state.requests.filter((r) => r.method === method && parseUrl(r.url).path === path);

/** /api/stock answering from a small catalogue, filtered like the server (keyword, warehouse with stock). */
const stockRoute =
  (
    items = [
      stockItem(1, { partCode: '6950100852570', partName: '机油滤清器' }),
      stockItem(2, {
        partName: '刹车片',
        warehouses: [
          { warehouseId: 1, warehouseName: '总仓', qty: 0 },
          { warehouseId: 2, warehouseName: '城东服务站仓', qty: 5 },
        ],
      }),
      stockItem(3, {
        partName: '火花塞',
        warehouses: [
          { warehouseId: 1, warehouseName: '总仓', qty: 3 },
          { warehouseId: 2, warehouseName: '城东服务站仓', qty: 0 },
        ],
      }),
    ],
  ): Handler =>
  (req) => {
    const q = parseUrl(req.url).query;
    const kw = (q.keyword ?? '').toUpperCase();
    const wh = Number(q.warehouseId);
    return ok(
      page(
        items.filter(
          (p) =>
            (!kw || p.partCode.toUpperCase().includes(kw) || p.partName.includes(kw)) &&
            (!wh || (p.warehouses.find((w) => w.warehouseId === wh)?.qty ?? 0) > 0),
        ),
      ),
    );
  };

beforeEach(() => {
  localStorage.clear();
  clearSession();
  taroMock.reset();
});

describe('新建领用', () => {
  async function openForm(routes: Record<string, Handler> = {}) {
    asTechnician({ 'GET /api/stock': stockRoute(), ...routes });
    const view = render(<RequisitionFormPage />);
    await waitFor(() => expect(all(view.container, 'hy-approver-chip')).toHaveLength(2));
    return view;
  }

  test('the first warehouse with its keepers as approvers; switching warehouse changes them', async () => {
    const { container } = await openForm();
    expect(all(container, 'hy-warehouse-chip').map((c) => c.textContent)).toEqual(['总仓', '城东服务站仓']);
    expect(one(container, 'hy-warehouse-chip').className).toContain('hy-chip--on');
    expect(all(container, 'hy-approver-chip').map((c) => [c.textContent, c.className.includes('hy-chip--on')])).toEqual([
      ['吴库管', true],
      ['季红', true],
    ]);
    await click(byText(container, 'hy-warehouse-chip', '城东服务站仓'));
    expect(all(container, 'hy-approver-chip').map((c) => c.textContent)).toEqual(['季红']);
    // no parts chosen yet: no question asked
    expect(taroMock.state.modals).toHaveLength(0);
  });

  test("parts come with today's stock in that warehouse; the quantity cannot go past it; submitted with one key", async () => {
    let body: FakeRequest['data'];
    const keys: string[] = [];
    let attempts = 0;
    const { container } = await openForm({
      'POST /api/requisitions': (req) => {
        keys.push(req.header['Idempotency-Key']);
        body = req.data;
        attempts += 1;
        // the first answer is lost on the way back
        if (attempts === 1) throw new Error('timeout');
        return ok(requisition(40));
      },
    });
    await click(one(container, 'hy-req-form__add-btn'));
    await waitFor(() => expect(all(container, 'hy-picker__item')).toHaveLength(2));
    const q = parseUrl(sent('GET', '/api/stock')[0].url).query;
    expect(q).toMatchObject({ warehouseId: '1' });
    const [oil, plug] = all(container, 'hy-picker__item');
    expect(within(oil).getByText('可领 12')).toBeTruthy();
    expect(within(plug).getByText('可领 3')).toBeTruthy();
    await click(one(plug, 'hy-picker__add'));
    expect(one(plug, 'hy-picker__add').textContent).toBe('已添加');
    await click(one(container, 'hy-picker__done'));

    const line = one(container, 'hy-form-line');
    expect(line.textContent).toContain('火花塞');
    expect(line.textContent).toContain('今日可领 3 个');
    for (let i = 0; i < 5; i++) await click(stepper(container, 'qty-3', 'plus'));
    expect(valueOf(container, 'qty-3')).toBe('3');
    // typing more than that is brought back to it
    await type(container, 'qty-3', '9');
    await click(one(container, 'hy-req-form__submit'));
    expect(screen.getByText('请求超时，请检查网络后重试')).toBeTruthy();
    await type(container, 'remark', '黄田镇客户上门');
    await click(one(container, 'hy-req-form__submit'));

    expect(body).toEqual({
      employeeId: PEOPLE.technician.id,
      warehouseId: 1,
      remark: '黄田镇客户上门',
      approverIds: [PEOPLE.keeper.id, 9],
      lines: [{ partId: 3, qty: 3 }],
      submit: true,
    });
    // the retry after a lost answer carries the same key, so the server makes one document
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[\w.:-]{8,100}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(taroMock.state.toasts.at(-1)?.title).toBe('已提交，等待库管审批');
    expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/packages/stock/requisition/index?id=40' }]);
  });

  test("checks before sending: a part, an approver; the server's stock message lands on the line", async () => {
    const { container } = await openForm({
      'POST /api/requisitions': () => ({
        statusCode: 409,
        data: {
          ok: false,
          code: 'INSUFFICIENT_STOCK',
          message: '「机油滤清器」库存不足：可领 1，申请 2',
          issues: [{ path: 'lines.0.qty', message: '「机油滤清器」库存不足：可领 1，申请 2' }],
        },
      }),
    });
    await click(one(container, 'hy-req-form__submit'));
    expect(screen.getByText('请添加要领用的配件')).toBeTruthy();
    await click(byText(container, 'hy-approver-chip', '吴库管'));
    await click(byText(container, 'hy-approver-chip', '季红'));
    await click(one(container, 'hy-req-form__submit'));
    expect(screen.getByText('至少选择一位审批人')).toBeTruthy();
    expect(sent('POST', '/api/requisitions')).toHaveLength(0);

    await click(byText(container, 'hy-approver-chip', '季红'));
    await click(one(container, 'hy-req-form__add-btn'));
    await waitFor(() => expect(all(container, 'hy-picker__item')).toHaveLength(2));
    await click(one(all(container, 'hy-picker__item')[0], 'hy-picker__add'));
    await click(one(container, 'hy-picker__done'));
    await click(stepper(container, 'qty-1', 'plus'));
    await click(one(container, 'hy-req-form__submit'));
    expect(sent('POST', '/api/requisitions')[0].data.approverIds).toEqual([9]);
    expect(within(one(container, 'hy-form-line')).getByText('「机油滤清器」库存不足：可领 1，申请 2')).toBeTruthy();
    // today's stock of the line is asked again
    await waitFor(() => expect(sent('GET', '/api/stock').some((r) => parseUrl(r.url).query.keyword === '6950100852570')).toBe(true));
  });

  test('switching warehouse with parts chosen asks, then clears them', async () => {
    const { container } = await openForm();
    await click(one(container, 'hy-req-form__add-btn'));
    await waitFor(() => expect(all(container, 'hy-picker__item')).toHaveLength(2));
    await click(one(all(container, 'hy-picker__item')[0], 'hy-picker__add'));
    await click(one(container, 'hy-picker__done'));
    taroMock.state.modalConfirm = false;
    await click(byText(container, 'hy-warehouse-chip', '城东服务站仓'));
    expect(all(container, 'hy-form-line')).toHaveLength(1);
    taroMock.state.modalConfirm = true;
    await click(byText(container, 'hy-warehouse-chip', '城东服务站仓'));
    expect(taroMock.state.modals.map((m) => m.content)).toEqual([
      '各仓库库存不同，切换到「城东服务站仓」会清空已选的 1 种配件，确定切换吗？',
      '各仓库库存不同，切换到「城东服务站仓」会清空已选的 1 种配件，确定切换吗？',
    ]);
    expect(all(container, 'hy-form-line')).toHaveLength(0);
  });

  test('a barcode (typed on H5) adds the part it names at once', async () => {
    const { container } = await openForm();
    await click(one(container, 'hy-req-form__add-btn'));
    await click(one(one(container, 'hy-picker__search'), 'hy-scan__btn'));
    expect(screen.getByText('输入条码')).toBeTruthy();
    await type(container, 'scanCode', '6950100852570');
    await click(byText(container, 'nut-button', '确定'));
    await waitFor(() => expect(all(container, 'hy-form-line')).toHaveLength(1));
    expect(one(container, 'hy-form-line').textContent).toContain('机油滤清器');
    expect(taroMock.state.toasts.at(-1)?.title).toBe('已添加 机油滤清器');
    expect(parseUrl(sent('GET', '/api/stock').at(-1)!.url).query).toMatchObject({ keyword: '6950100852570', warehouseId: '1' });
  });

  test('a warehouse under a blind count: the picker lists parts without quantities, they can be added and sent', async () => {
    let body: FakeRequest['data'];
    const hidden = [
      stockItem(3, {
        partName: '火花塞',
        total: null,
        warehouses: [
          { warehouseId: 1, warehouseName: '总仓', qty: null, hidden: true },
          { warehouseId: 2, warehouseName: '城东服务站仓', qty: 0 },
        ],
      }),
    ];
    const { container } = await openForm({
      'GET /api/stock': (req) =>
        parseUrl(req.url).query.warehouseId === '1' ? fail(403, 'FORBIDDEN', '「总仓」盲盘进行中，暂不显示该仓库库存') : ok(page(hidden)),
      'POST /api/requisitions': (req) => {
        body = req.data;
        return ok(requisition(41));
      },
    });
    await click(one(container, 'hy-req-form__add-btn'));
    await waitFor(() => expect(all(container, 'hy-picker__item')).toHaveLength(1));
    expect(parseUrl(sent('GET', '/api/stock').at(-1)!.url).query.warehouseId).toBeUndefined();
    expect(container.querySelector('[data-testid=picker-blind]')?.textContent).toContain('总仓盲盘进行中，暂不显示库存');
    expect(container.querySelector('.hy-error')).toBeNull();
    const plug = one(container, 'hy-picker__item');
    expect(within(plug).getByText('盲盘中')).toBeTruthy();
    await click(one(plug, 'hy-picker__add'));
    expect(one(plug, 'hy-picker__add').textContent).toBe('已添加');
    await click(one(container, 'hy-picker__done'));
    expect(one(container, 'hy-form-line').textContent).toContain('盲盘进行中，暂不显示库存');
    await click(one(container, 'hy-req-form__submit'));
    await waitFor(() => expect(body).toMatchObject({ warehouseId: 1, lines: [{ partId: 3, qty: 1 }] }));
  });

  test('a copied draft: filled in, lowered lines marked, submitted with PUT', async () => {
    taroMock.state.params = { id: '30' };
    const draft = requisition(30, {
      status: 'draft',
      copiedFromNo: 'LY-20261127-0009',
      handlerId: 5,
      lines: requisition(30).lines.map((l, i) => (i === 0 ? { ...l, qty: 1, available: 1, cappedFrom: 2 } : l)),
    });
    let body: FakeRequest['data'];
    asTechnician({
      'GET /api/requisitions/30': () => ok(draft),
      'PUT /api/requisitions/30': (req) => {
        body = req.data;
        return ok({ ...draft, status: 'pending' });
      },
    });
    const { container } = render(<RequisitionFormPage />);
    await waitFor(() => expect(all(container, 'hy-form-line')).toHaveLength(2));
    await flush();
    expect(screen.getByText('由 LY-20261127-0009 复制的草稿 LY-20261128-0030：数量已按今日库存核对，请确认后提交。')).toBeTruthy();
    expect(screen.getByText('原单申请 2，已按今日库存调低')).toBeTruthy();
    expect(taroMock.state.titles).toContain('编辑领用单');
    await click(one(container, 'hy-req-form__submit'));
    expect(body).toEqual({
      employeeId: PEOPLE.technician.id,
      warehouseId: 1,
      handlerId: 5,
      remark: '明日上门用料',
      approverIds: [PEOPLE.keeper.id, 9],
      lines: [
        { partId: 11, qty: 1 },
        { partId: 12, qty: 1 },
      ],
      submit: true,
    });
    expect(sent('POST', '/api/requisitions')).toHaveLength(0);
    expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/packages/stock/requisition/index?id=30' }]);
  });

  test('a draft line with nothing in stock today must be removed first', async () => {
    taroMock.state.params = { id: '31' };
    asTechnician({
      'GET /api/requisitions/31': () =>
        ok(
          requisition(31, {
            status: 'draft',
            lines: requisition(31).lines.map((l, i) => (i === 1 ? { ...l, qty: 0, available: 0, cappedFrom: 1 } : l)),
          }),
        ),
    });
    const { container } = render(<RequisitionFormPage />);
    await waitFor(() => expect(all(container, 'hy-form-line')).toHaveLength(2));
    await flush();
    await click(one(container, 'hy-req-form__submit'));
    expect(screen.getByText('今日无库存，请删除这一行')).toBeTruthy();
    expect(sent('PUT', '/api/requisitions/31')).toHaveLength(0);
    await click(all(container, 'hy-form-line__remove')[1]);
    expect(all(container, 'hy-form-line')).toHaveLength(1);
  });
});

describe('退还 form', () => {
  const prefill = {
    employeeId: PEOPLE.technician.id,
    employeeName: PEOPLE.technician.name,
    departmentId: 1,
    departmentName: '维修车间',
    warehouseId: 1,
    approverIds: [PEOPLE.keeper.id],
    lines: [
      { partId: 11, partCode: '6950100852570', partName: '机油滤清器', partModel: 'W712/75', partSpec: 'M20×1.5', unit: '个', heldQty: 3 },
      { partId: 13, partCode: 'JL-0013', partName: '火花塞', partModel: 'BKR6E', partSpec: '', unit: '个', heldQty: 4 },
    ],
  };

  test('lists what he holds, all returned by default; he keeps one and marks one damaged', async () => {
    let body: FakeRequest['data'];
    asTechnician({
      'GET /api/returns/prefill': () => ok(prefill),
      'POST /api/returns': (req) => {
        body = req.data;
        return ok(stockReturn(50));
      },
    });
    const { container } = render(<ReturnFormPage />);
    await waitFor(() => expect(all(container, 'hy-ret-form-line')).toHaveLength(2));
    await flush();
    expect(screen.getByText('李技师（维修车间）')).toBeTruthy();
    expect(one(container, 'hy-chip--on').textContent).toBe('总仓');
    expect(all(container, 'hy-approver-chip').map((c) => [c.textContent, c.className.includes('hy-chip--on')])).toEqual([
      ['吴库管', true],
      ['季红', false],
    ]);
    expect(valueOf(container, 'qty-11')).toBe('3');
    expect(screen.getByText('退还 7 件')).toBeTruthy();

    // keeps one 机油滤清器
    await click(stepper(container, 'qty-11', 'minus'));
    expect(screen.getByText('留在手上 1 个')).toBeTruthy();
    // one 火花塞 is broken
    await click(all(container, 'hy-problem-toggle')[1]);
    await click(stepper(container, 'problem-13', 'plus'));
    expect(valueOf(container, 'qty-13')).toBe('3');
    await click(one(container, 'hy-ret-form__submit'));
    expect(screen.getByText('请选择问题原因')).toBeTruthy();
    expect(sent('POST', '/api/returns')).toHaveLength(0);
    await click(byText(container, 'hy-chip', '损坏'));
    await click(one(container, 'hy-ret-form__submit'));

    expect(body).toEqual({
      employeeId: PEOPLE.technician.id,
      warehouseId: 1,
      remark: '',
      approverIds: [PEOPLE.keeper.id],
      lines: [
        { partId: 11, qty: 2, problemQty: 0, problemReason: '' },
        { partId: 13, qty: 3, problemQty: 1, problemReason: '损坏' },
      ],
      submit: true,
    });
    expect(sent('POST', '/api/returns')[0].header['Idempotency-Key']).toBeTruthy();
    expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/packages/stock/return/index?id=50' }]);
  });

  test('a line set to 0 is left out; all at 0 is refused before sending; nothing held says so', async () => {
    asTechnician({ 'GET /api/returns/prefill': () => ok({ ...prefill, lines: [prefill.lines[0]] }) });
    const { container } = render(<ReturnFormPage />);
    await waitFor(() => expect(all(container, 'hy-ret-form-line')).toHaveLength(1));
    await flush();
    for (let i = 0; i < 3; i++) await click(stepper(container, 'qty-11', 'minus'));
    await click(one(container, 'hy-ret-form__submit'));
    expect(screen.getByText('退还数量都为 0，没有可提交的配件')).toBeTruthy();
    expect(sent('POST', '/api/returns')).toHaveLength(0);
  });

  test('nothing in his hands: an empty state, no form', async () => {
    asTechnician({ 'GET /api/returns/prefill': () => ok({ ...prefill, lines: [] }) });
    const { container } = render(<ReturnFormPage />);
    expect(await screen.findByText('手上没有配件')).toBeTruthy();
    expect(container.querySelector('.hy-ret-form__submit')).toBeNull();
  });
});
