/** @jest-environment node */
/**
 * 调回差异待确认 on the desk: 王建学 returns 3 of a part and declares 1 more damaged; 陈美华
 * counts only 1 back and writes 3 off as lost, 2 more than he declared. Nothing is posted on
 * her word: the return waits as 差异待确认. 季红, the other keeper listed on it, opens it on her
 * desk, sees what he declared beside what was counted, and confirms it: only then do the parts
 * go back to 总仓 and the 3 to loss, and 王建学 is told what was written off. 陈美华, who
 * counted, could not have confirmed it herself. Set up through the API; the confirmation is
 * done on 季红's desk.
 */
import type { NotificationView, Page as ListPage, RequisitionView, ReturnView, StockView, WarehouseView } from '@hongyuan/shared';
import { DEMO, SETUP_TIMEOUT, TEST_TIMEOUT, describeBrowser } from './browser';
import { confirm, eventually, expectNone, expectTextContaining, success, useDesk } from './desk';
import { apiAs, callApi, type ApiUser } from '../support/api';

jest.setTimeout(TEST_TIMEOUT);

/** 季红, the other keeper of 总仓: she is on the desk. */
const KEEPER_B = '13800000009';

describeBrowser('desk: 调回差异待确认 — a second keeper confirms a write-off beyond the declaration', () => {
  const desk = useDesk(KEEPER_B);
  let keeperA: ApiUser;
  let tech: ApiUser;
  let main: WarehouseView;
  let part: StockView;
  let doc: ReturnView;

  const mainStock = async () => {
    const s = (await keeperA.get<ListPage<StockView>>(`/stock?keyword=${encodeURIComponent(part.partCode)}`)).items.find(
      (x) => x.partId === part.partId,
    )!;
    return s.warehouses.find((w) => w.warehouseId === main.id)?.qty ?? 0;
  };

  beforeAll(async () => {
    keeperA = await apiAs(desk.url, DEMO.keeper);
    tech = await apiAs(desk.url, DEMO.technician);
    const jiHong = await apiAs(desk.url, KEEPER_B);
    const techId = (await tech.get<{ id: number }>('/auth/me')).id;
    const approverIds = [(await keeperA.get<{ id: number }>('/auth/me')).id, (await jiHong.get<{ id: number }>('/auth/me')).id];
    main = (await keeperA.get<ListPage<WarehouseView>>('/warehouses?enabled=true')).items.find((w) => w.name === '总仓')!;
    part = (await keeperA.get<ListPage<StockView>>(`/stock?warehouseId=${main.id}&pageSize=200`)).items.find(
      (s) => (s.warehouses.find((w) => w.warehouseId === main.id)?.qty ?? 0) >= 4,
    )!;
    const req = await tech.post<RequisitionView>('/requisitions', {
      employeeId: techId,
      warehouseId: main.id,
      remark: '差异确认 E2E',
      approverIds,
      lines: [{ partId: part.partId, qty: 4 }],
      submit: true,
    });
    await keeperA.post(`/requisitions/${req.id}/approve`);
    await tech.post(`/requisitions/${req.id}/sign`, { disputes: [] });
    const declared = await tech.post<ReturnView>('/returns', {
      employeeId: techId,
      warehouseId: main.id,
      remark: '差异确认 E2E',
      approverIds,
      lines: [{ partId: part.partId, qty: 3, problemQty: 1, problemReason: '损坏' }],
      submit: true,
    });
    doc = await keeperA.post<ReturnView>(`/returns/${declared.id}/approve`, {
      counts: [{ lineId: declared.lines[0].id, qty: 1, problemQty: 3, problemReason: '丢失' }],
    });
    expect(doc.status).toBe('variance');
  }, SETUP_TIMEOUT);

  test('季红 sees both figures and confirms; only then is it posted and 王建学 told; 陈美华 could not', async () => {
    const before = await mainStock();
    // The keeper who counted may not confirm her own count.
    const self = await callApi(desk.url, 'POST', `/returns/${doc.id}/variance/confirm`, keeperA.token, {
      countsVersion: doc.countsVersion,
    });
    expect(self.status).toBe(403);

    const page = desk.page;
    await page.goto(`${desk.url}/#/pages/desk/index?view=returns&open=${doc.id}`);
    const detail = page.locator('[data-testid=return-detail]');
    await detail.locator('[data-testid=return-detail-head]').getByText(doc.no).waitFor();
    await detail.locator('[data-status=variance]').waitFor();
    await expectTextContaining(
      detail.locator('[data-testid=return-variance]'),
      '陈美华核对的数量与王建学的申报不同（退回少于申报或报损多于申报），尚未入账',
    );
    await expectTextContaining(detail.locator('[data-testid=return-declared-0]'), '退还 3，问题 1（损坏）', '核对多报损 2', '核对少退回 2');
    await expectTextContaining(detail.locator('[data-testid=return-detail-lines]'), '丢失');
    // She is not 王建学: no 提出异议, and no approval of a document already counted.
    await expectNone(detail.locator('[data-testid=return-variance-object], [data-testid=return-approve]'));

    await confirm(page, 'return-variance-confirm');
    await success(page, '已确认：配件已入库，问题数量已报损');
    await detail.locator('[data-status=approved]').waitFor();
    await expectTextContaining(detail.locator('[data-testid=return-confirmed-by]'), '季红（另一位库管）');
    await expectNone(detail.locator('[data-testid=return-variance]'));

    const posted = await keeperA.get<ReturnView>(`/returns/${doc.id}`);
    expect(posted).toMatchObject({ status: 'approved', confirmedByName: '季红', decidedByName: '陈美华' });
    expect(await mainStock()).toBe(before + 1);
    await eventually(
      () => tech.get<ListPage<NotificationView>>('/notifications?pageSize=50'),
      (notes) => {
        const result = notes.items.find((n) => n.docType === 'return' && n.docId === doc.id && n.kind === 'result');
        expect(result?.title).toBe('调回单已批准（含报损）');
        expect(result?.body).toContain('×3（丢失）');
      },
    );
    expect(desk.errors).toEqual([]);
  });
});
