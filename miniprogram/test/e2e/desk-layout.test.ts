/** @jest-environment node */
/**
 * The desk on the screens offices have: at 1366×768 and 1920×1080 every main list shows its key
 * columns at a readable width, inside the window, without scrolling sideways (issue 10 §2). Each
 * role opens the lists of its job; the header cells are measured where the browser drew them.
 */
import type { Page } from 'playwright-core';
import { DEMO, TEST_TIMEOUT, describeBrowser, pickOption, saveScreenshot, waitForDesk } from './browser';
import { eventually, openView, useBrowser } from './desk';

jest.setTimeout(TEST_TIMEOUT * 3);

const SCREENS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
/** A column narrower than this shows nothing useful (two characters and the cell's padding). */
const MIN_WIDTH = 48;

const WORK_ORDER_KEYS = ['工单编号', '状态', '客户', '车辆', '问题描述', '技师', '建单', '操作'];

interface Case {
  view: string;
  keys: string[];
  /** the list scrolls sideways by design, its key columns fixed at the edges (配件, 库存: the customer's many columns) */
  scrolls?: boolean;
  /** what to do once the view is open (员工持有: pick an employee) */
  prepare?: (page: Page) => Promise<void>;
}

const ROLES: { role: string; phone: string; cases: Case[] }[] = [
  {
    role: '客服',
    phone: DEMO.service,
    cases: [
      { view: 'workOrders', keys: WORK_ORDER_KEYS },
      { view: 'pendingFollowup', keys: WORK_ORDER_KEYS },
      { view: 'customers', keys: ['客户名称', '联系人', '电话', '地址', '车牌', '状态', '操作'] },
      { view: 'invoices', keys: ['工单编号', '客户', '发票抬头', '分税率金额', '价税合计', '状态', '发票号码', '操作'] },
      { view: 'receivables', keys: ['工单编号', '客户', '车牌', '上门', '应收', '已收', '未收', '状态', '收款方式'] },
    ],
  },
  {
    role: '服务主管',
    phone: DEMO.supervisor,
    cases: [
      { view: 'pendingDispatch', keys: WORK_ORDER_KEYS },
      { view: 'pendingSettle', keys: WORK_ORDER_KEYS },
    ],
  },
  {
    role: '库管',
    phone: DEMO.keeper,
    cases: [
      { view: 'parts', keys: ['配件编号', '配件名称', '销售价', '操作'], scrolls: true },
      { view: 'requisitions', keys: ['出库单编号', '审批状态', '签收状态', '备注', '操作'] },
      { view: 'stock', keys: ['配件编号', '配件名称', '仓库合计', '状态'], scrolls: true },
      {
        view: 'holdings',
        keys: ['配件编号', '配件名称', '持有数量'],
        prepare: async (page) => {
          await pickOption(page, page.locator('[data-testid=holdings-employee]'), '王建学');
          await page.locator('[data-testid=holdings-table]').waitFor();
        },
      },
    ],
  },
];

interface Measured {
  cells: { title: string; width: number; left: number; right: number }[];
  /** the page itself scrolls sideways */
  pageScrolls: boolean;
  /** the view's table scrolls sideways */
  tableScrolls: boolean;
}

/** The header cells of the view's list whose title is one of `titles`, where they are drawn. */
async function measure(page: Page, view: string, titles: string[]): Promise<Measured> {
  return page.evaluate(
    ({ view, titles }) => {
      // The view's list: of its tables (待派工 shows the technicians' workload first), the one with these columns.
      const root = document.querySelector(`[data-testid=view-${view}]`)!;
      const headers = (t: Element) => Array.from(t.querySelectorAll('.ant-table-thead th')) as HTMLElement[];
      const matches = (t: Element) => headers(t).filter((h) => titles.includes(h.innerText.trim())).length;
      const table = Array.from(root.querySelectorAll('.ant-table-wrapper')).reduce((a, b) => (matches(b) > matches(a) ? b : a));
      const ths = headers(table);
      const cells = titles.map((title) => {
        const th = ths.find((h) => h.innerText.trim() === title);
        const r = th?.getBoundingClientRect();
        return { title, width: r ? Math.round(r.width) : -1, left: r ? Math.round(r.left) : -1, right: r ? Math.round(r.right) : -1 };
      });
      const body = (table.querySelector('.ant-table-body') ?? table.querySelector('.ant-table-content')) as HTMLElement;
      return {
        cells,
        pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
        tableScrolls: body.scrollWidth > body.clientWidth + 1,
      };
    },
    { view, titles },
  );
}

describeBrowser('desk layout at 1366×768 and 1920×1080', () => {
  const world = useBrowser();

  for (const screen of SCREENS) {
    for (const { role, phone, cases } of ROLES) {
      test(`${role} at ${screen.width}×${screen.height}: every key column shows, inside the window`, async () => {
        const s = await world.logIn(phone, screen);
        await waitForDesk(s.page);
        for (const c of cases) {
          await openView(s.page, c.view);
          if (c.prepare) await c.prepare(s.page);
          await s.page.waitForFunction(() => !document.querySelector('.ant-table-wrapper .ant-spin-spinning'));
          const m = await eventually(
            () => measure(s.page, c.view, c.keys),
            (m) => {
              for (const cell of m.cells) {
                // (the measures in the message when it fails)
                const wideEnough = cell.width >= MIN_WIDTH ? 'wide enough' : `${cell.width} px wide`;
                const inside = cell.left >= 0 && cell.right <= screen.width ? 'inside' : `at ${cell.left}..${cell.right} px`;
                expect([c.view, cell.title, wideEnough, inside]).toEqual([c.view, cell.title, 'wide enough', 'inside']);
              }
              expect([c.view, 'page scrolls sideways', m.pageScrolls]).toEqual([c.view, 'page scrolls sideways', false]);
              if (!c.scrolls) expect([c.view, 'table scrolls sideways', m.tableScrolls]).toEqual([c.view, 'table scrolls sideways', false]);
            },
          );
          expect(m.cells.map((x) => x.title)).toEqual(c.keys);
          if (screen.width === 1366 && ['workOrders', 'customers', 'invoices'].includes(c.view))
            await saveScreenshot(s.page, `desk-1366-${c.view}`);
        }
        expect(s.errors).toEqual([]);
        await s.context.close();
      });
    }
  }
});
