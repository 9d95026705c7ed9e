/** @jest-environment node */
/**
 * 签收异议 settled on the desk: 王建学 signs for a requisition of two parts from 总仓 and
 * disputes one of each (少发, 包装破损). The disputed parts are neither on the shelf nor in his
 * hands until a keeper listed on the requisition settles them:
 *  - 预警 lists both under 签收异议待核实, and its link opens the requisition;
 *  - 王建学 himself cannot settle them (the server answers 403);
 *  - 陈美华 settles line 1 as 已退回仓库 (总仓 gets it back) and line 2 as 记为丢失, which asks
 *    for the reason first (总仓 does not get it back);
 *  - afterwards 预警 has no open dispute left.
 * The requisition is made through the API (he submits it, 陈美华 approves); the settling is done
 * on 陈美华's desk.
 */
import type { AlertsView, Page as ListPage, RequisitionView, StockView, WarehouseView } from '@hongyuan/shared';
import { DEMO, SETUP_TIMEOUT, TEST_TIMEOUT, closeOverlays, describeBrowser } from './browser';
import {
  confirm,
  eventually,
  expectCount,
  expectNone,
  expectText,
  expectTextContaining,
  openView,
  success,
  tableTexts,
  useDesk,
} from './desk';
import { apiAs, callApi, type ApiUser } from '../support/api';

jest.setTimeout(TEST_TIMEOUT);

const TECH = '王建学';
const KEEPER = '陈美华';
/** 季红, the other keeper of 总仓. */
const KEEPER_B = '13800000009';
const SHORT = '少发';
const DAMAGED = '包装破损';
const LOST_NOTE = '仓库未找到该件，领用人确认遗失';

describeBrowser('desk: 签收异议 — 预警 lists them, a keeper settles them (已退回仓库 / 记为丢失)', () => {
  const keeper = useDesk(DEMO.keeper);
  let keeperApi: ApiUser;
  let tech: ApiUser;
  let main: WarehouseView;
  let req: RequisitionView;
  /** 总仓's stock of each line's part once he has signed (the disputed ones are not in it) */
  let signedStock: [number, number];

  /** How many of a part 总仓 has (through the API). */
  async function mainStock(code: string): Promise<number> {
    const s = (await keeperApi.get<ListPage<StockView>>(`/stock?keyword=${encodeURIComponent(code)}`)).items.find(
      (x) => x.partCode === code,
    )!;
    return s.warehouses.find((w) => w.warehouseId === main.id)?.qty ?? 0;
  }

  beforeAll(async () => {
    keeperApi = await apiAs(keeper.url, DEMO.keeper);
    tech = await apiAs(keeper.url, DEMO.technician);
    const jiHong = await apiAs(keeper.url, KEEPER_B);
    const techId = (await tech.get<{ id: number }>('/auth/me')).id;
    const approverIds = [(await keeperApi.get<{ id: number }>('/auth/me')).id, (await jiHong.get<{ id: number }>('/auth/me')).id];

    // The seed has one open dispute of its own (刘志强's, 城东服务站仓): 季红, listed on it,
    // settles it first, so the card's last word below is about this suite's requisition.
    const seeded = (await keeperApi.get<AlertsView>('/alerts')).openDisputes;
    for (const d of seeded)
      await jiHong.post(`/requisitions/${d.requisitionId}/lines/${d.lineId}/dispute`, { outcome: 'returned', note: '' });

    main = (await keeperApi.get<ListPage<WarehouseView>>('/warehouses?enabled=true')).items.find((w) => w.name === '总仓')!;
    const stock = (await keeperApi.get<ListPage<StockView>>(`/stock?warehouseId=${main.id}&pageSize=200`)).items.filter(
      (s) => (s.warehouses.find((w) => w.warehouseId === main.id)?.qty ?? 0) >= 3,
    );
    expect(stock.length).toBeGreaterThanOrEqual(2);
    const created = await tech.post<RequisitionView>('/requisitions', {
      employeeId: techId,
      warehouseId: main.id,
      remark: '签收异议 E2E',
      approverIds,
      lines: [
        { partId: stock[0].partId, qty: 2 },
        { partId: stock[1].partId, qty: 2 },
      ],
      submit: true,
    });
    await keeperApi.post(`/requisitions/${created.id}/approve`);
    const [l1, l2] = created.lines;
    req = await tech.post<RequisitionView>(`/requisitions/${created.id}/sign`, {
      disputes: [
        { lineId: l1.id, qty: 1, reason: SHORT },
        { lineId: l2.id, qty: 1, reason: DAMAGED },
      ],
    });
    expect(req.signStatus).toBe('disputed');
    expect(req.lines.map((l) => [l.lineNo, l.disputedQty, l.disputeStatus])).toEqual([
      [1, 1, 'open'],
      [2, 1, 'open'],
    ]);
    signedStock = [await mainStock(l1.partCode), await mainStock(l2.partCode)];
  }, SETUP_TIMEOUT);

  test('预警 lists both; 陈美华 settles them from there (已退回仓库, 记为丢失), 王建学 may not; none is left', async () => {
    const page = keeper.page;
    await openView(page, 'alerts');
    const card = page.locator('[data-testid=alerts-disputes]');
    await eventually(
      () => tableTexts(card),
      (rows) => {
        expect(rows).toHaveLength(2);
        const [l1, l2] = req.lines;
        expect(rows[0]).toContain(req.no);
        expect(rows[0]).toContain(TECH);
        expect(rows[0]).toContain(l1.partName);
        expect(rows[0]).toContain(`1 ${l1.unit}`);
        expect(rows[0]).toContain(SHORT);
        expect(rows[1]).toContain(req.no);
        expect(rows[1]).toContain(l2.partName);
        expect(rows[1]).toContain(DAMAGED);
      },
    );
    await expectText(card.locator('.ant-badge-count').first(), '2');

    // The employee who disputed is never the one who settles it.
    const own = await callApi(keeper.url, 'POST', `/requisitions/${req.id}/lines/${req.lines[0].id}/dispute`, tech.token, {
      outcome: 'returned',
      note: '',
    });
    expect(own.status).toBe(403);
    expect(own.body.ok).toBe(false);

    await card.locator('a', { hasText: req.no }).first().click();
    const detail = page.locator('[data-testid=requisition-detail]');
    await detail.locator('[data-testid=requisition-detail-head]').getByText(req.no).waitFor();
    await expectText(detail.locator('[data-testid=dispute-1-status]'), '待核实');
    await expectText(detail.locator('[data-testid=dispute-2-status]'), '待核实');
    await expectTextContaining(detail.locator('[data-testid=dispute-1]'), `1 ${req.lines[0].unit}：${SHORT}`);
    await expectTextContaining(detail.locator('[data-testid=dispute-2]'), `1 ${req.lines[1].unit}：${DAMAGED}`);

    // Line 1: the part is back on the shelf.
    await confirm(page, 'dispute-1-returned');
    await success(page, '已核实：配件退回仓库');
    await expectText(detail.locator('[data-testid=dispute-1-status]'), '已核实退回仓库');
    await expectTextContaining(detail.locator('[data-testid=dispute-1]'), KEEPER);
    await expectNone(detail.locator('[data-testid=dispute-1-returned], [data-testid=dispute-1-lost]'));

    // Line 2: lost, which needs a reason.
    await detail.locator('[data-testid=dispute-2-lost]').click();
    const ok = page.locator('[data-testid=dispute-2-lost-ok]');
    await ok.click();
    const modal = page.locator('.ant-modal-wrap:visible');
    await modal.locator('.ant-form-item-explain-error', { hasText: '请填写丢失的原因' }).waitFor();
    await expectText(detail.locator('[data-testid=dispute-2-status]'), '待核实'); // nothing was sent
    await page.locator('[data-testid=dispute-2-note]').fill(LOST_NOTE);
    await ok.click();
    await success(page, '已核实：记为丢失');
    await expectCount(page.locator('.ant-modal-wrap:visible'), 0);
    await expectText(detail.locator('[data-testid=dispute-2-status]'), '已记为丢失');
    await expectTextContaining(detail.locator('[data-testid=dispute-2]'), KEEPER, LOST_NOTE);
    await expectNone(detail.locator('[data-testid=dispute-2-returned], [data-testid=dispute-2-lost]'));

    const settled = await keeperApi.get<RequisitionView>(`/requisitions/${req.id}`);
    expect(settled.lines.map((l) => [l.disputeStatus, l.disputeResolvedByName, l.disputeNote])).toEqual([
      ['returned', KEEPER, ''],
      ['lost', KEEPER, LOST_NOTE],
    ]);

    // 预警 has no open dispute left; 总仓 got line 1's part back, not line 2's.
    await closeOverlays(page);
    await openView(page, 'alerts');
    await card.getByText('没有待核实的签收异议').waitFor();
    await expectCount(card.locator('.ant-table-row'), 0);
    expect((await keeperApi.get<AlertsView>('/alerts')).counts.openDisputes).toBe(0);

    expect(await mainStock(req.lines[0].partCode)).toBe(signedStock[0] + 1);
    expect(await mainStock(req.lines[1].partCode)).toBe(signedStock[1]);
    expect(keeper.errors).toEqual([]);
  });
});
