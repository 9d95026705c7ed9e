/**
 * @jest-environment node
 *
 * The compiled mini-program (dist/weapp) against the real server and its demo data: the keeper's
 * 审批 (approve in one tap, and a decision someone else made first), the technician's 签收 of
 * his approved requisition, a new requisition with a scanned part, and 退还今日剩余配件.
 * Every outcome is checked through the API, not only on screen.
 */
import type { Page, RequisitionListItem, RequisitionView, ReturnView, StockView, HoldingView } from '@hongyuan/shared';
import { launchWeapp, type Weapp } from '../support/weapp';
import { DEMO, type RunningServer } from '../support/server';
import { apiUsers, callApi, type ApiUser } from '../support/api';
import { badge, goBack, logIn, logOut, openTab, pageOpened, startDemoServer, tabTitles } from '../support/weapp-user';

let server: RunningServer;
let weapp: Weapp;

/** Demo people this file needs beyond support/server.ts's DEMO. */
const PEOPLE = { keeperA: DEMO.keeper, keeperB: '13800000009', technician: DEMO.technician };

let users: Record<keyof typeof PEOPLE, ApiUser>;

/** API call that must succeed, as one of PEOPLE. */
function get<T>(path: string, who: keyof typeof PEOPLE): Promise<T> {
  return users[who].get<T>(path);
}

/** Quantity of a part in 总仓 and held (in hands or issued, not yet signed for). */
async function stockOf(partCode: string): Promise<{ main: number; held: number }> {
  const page = await get<Page<StockView>>(`/stock?keyword=${encodeURIComponent(partCode)}`, 'keeperA');
  const p = page.items.find((x) => x.partCode === partCode)!;
  return { main: p.warehouses.find((w) => w.warehouseName === '总仓')!.qty ?? 0, held: p.held };
}

beforeAll(async () => {
  server = await startDemoServer(DEMO.keeper);
  users = await apiUsers(server.url, PEOPLE);
  weapp = await launchWeapp(server.url);
}, 600_000);

afterAll(async () => {
  weapp?.close();
  await server?.stop();
});

test('keeper 陈美华: 审批 lists what waits for her; 批准 in one tap moves the stock; a decision made first by 季红 is explained', async () => {
  // What the server says waits for her.
  const mine = await get<Page<RequisitionListItem>>('/requisitions?mine=approve', 'keeperA');
  const returns = await get<Page<RequisitionListItem>>('/returns?mine=approve', 'keeperA');
  const pending = mine.items.find((r) => r.employeeName === '王建学' && r.remark === '明日上门用料')!;
  expect(pending).toBeTruthy();
  const detail = await get<RequisitionView>(`/requisitions/${pending.id}`, 'keeperA');
  const before = await Promise.all(detail.lines.map((l) => stockOf(l.partCode)));

  await weapp.open('/pages/home/index');
  const home = await logIn(weapp, PEOPLE.keeperA);
  expect(tabTitles(home)).toEqual(['审批', '库存', '消息', '我的']);
  await weapp.waitFor(() => home.all('hy-approval').length === mine.total + returns.total, 'the pending documents');
  expect(badge(home, '审批')).toBe(String(mine.total + returns.total));
  const card = home.all('hy-approval').find((c) => (c.textContent ?? '').includes(pending.no))!;
  expect(card.textContent).toContain('王建学');
  expect(card.textContent).toContain('总仓');
  expect(card.textContent).toContain(`${detail.lines.length} 种配件`);
  expect(card.textContent).toContain('备注：明日上门用料');
  expect(card.textContent).toMatch(/已等待|刚刚提交/);

  // Open it: lines with today's stock, and the two decisions.
  await home.tap(card);
  const page = await pageOpened(
    weapp,
    'packages/stock/requisition/index',
    (p) => p.all('hy-act-approve').length === 1,
    'the approve button',
  );
  expect(weapp.navigations.at(-1)).toEqual({ type: 'navigateTo', url: `/packages/stock/requisition/index?id=${pending.id}` });
  expect(page.all('hy-req-line')).toHaveLength(detail.lines.length);
  for (const [i, l] of detail.lines.entries()) {
    const line = page.all('hy-req-line')[i].textContent ?? '';
    expect(line).toContain(l.partName);
    expect(line).toContain(`今日可领 ${before[i].main}`);
  }
  expect(page.all('hy-act-reject')).toHaveLength(1);

  await page.tap(page.one('hy-act-approve'));
  await weapp.waitFor(() => weapp.current().route === 'pages/home/index', 'back on the list');
  expect(weapp.toasts).toContain('已批准');

  // The server: approved by her, and the parts left 总仓 (issued to him, waiting for his 签收).
  const after = await get<RequisitionView>(`/requisitions/${pending.id}`, 'keeperA');
  expect(after.status).toBe('approved');
  expect(after.signStatus).toBe('unsigned');
  expect(after.decidedByName).toBe('陈美华');
  for (const [i, l] of detail.lines.entries()) {
    expect(await stockOf(l.partCode)).toEqual({ main: before[i].main - l.qty, held: before[i].held + l.qty });
  }
  // The list came back without it, and the badge went down.
  await weapp.waitFor(() => !home.text().includes(pending.no), 'the approved requisition to leave the list');
  expect(badge(home, '审批')).toBe(mine.total + returns.total - 1 > 0 ? String(mine.total + returns.total - 1) : '');

  // 王建学 asks again; 季红 approves it from her phone while 陈美华 has it open.
  const part = detail.lines[0];
  const created = await callApi<RequisitionView>(server.url, 'POST', '/requisitions', users.technician.token, {
    employeeId: after.employeeId,
    warehouseId: after.warehouseId,
    remark: '补领一个',
    approverIds: after.approvers.map((a) => a.id),
    lines: [{ partId: part.partId, qty: 1 }],
    submit: true,
  });
  expect(created.body.ok).toBe(true);
  const second = created.body.data;
  // (a pull-to-refresh would do the same: the list reloads when the page shows again)
  await home.tap(home.one('hy-approvals__refresh'));
  await weapp.waitFor(() => home.text().includes(second.no), 'the new requisition in the list');
  await home.tap(home.all('hy-approval').find((c) => (c.textContent ?? '').includes(second.no))!);
  const racing = await pageOpened(
    weapp,
    'packages/stock/requisition/index',
    (p) => p.all('hy-act-approve').length === 1 && p.text().includes(second.no),
    'the second requisition',
  );
  expect((await callApi(server.url, 'POST', `/requisitions/${second.id}/approve`, users.keeperB.token)).body.ok).toBe(true);
  await racing.tap(racing.one('hy-act-approve'));
  await weapp.waitFor(() => racing.text().includes('该领用单已由季红处理（已批准）'), 'the message naming who decided');
  // The page reloads: no more decision buttons, 季红 shown as the one who decided.
  await weapp.waitFor(() => racing.all('hy-act-approve').length === 0 && racing.text().includes('季红'), 'the reloaded requisition');
  expect(racing.text()).toContain('已批准');
  expect(weapp.current().route).toBe('packages/stock/requisition/index');

  // The back button of the navigation bar.
  goBack();
  await weapp.waitFor(
    () => weapp.current().route === 'pages/home/index' && !home.text().includes(second.no),
    'the list without the decided requisition',
  );
  await logOut(weapp, home);
});

test('technician 王建学: 配件 shows what waits for his 签收; he signs one in full and disputes part of another', async () => {
  const unsigned = await get<Page<RequisitionListItem>>('/requisitions?status=approved&signStatus=unsigned', 'technician');
  expect(unsigned.total).toBeGreaterThanOrEqual(2);
  const plain = unsigned.items.find((r) => r.remark === '外四补货')!;
  const disputed = unsigned.items.find((r) => r.remark === '明日上门用料')!;
  const heldBefore = await get<Page<HoldingView>>('/holdings?pageSize=200', 'technician');
  const plainDoc = await get<RequisitionView>(`/requisitions/${plain.id}`, 'technician');

  const home = await logIn(weapp, PEOPLE.technician);
  expect(tabTitles(home)).toEqual(['工单', '配件', '消息', '我的']);
  await weapp.waitFor(() => badge(home, '配件') === String(unsigned.total), 'the 配件 badge');
  await openTab(home, '配件');
  const notice = await weapp.waitFor(() => home.all('hy-parts-hub__unsigned')[0], 'the 待签收 notice');
  expect(notice.textContent).toContain(`有 ${unsigned.total} 张领用单已批准，等你签收`);
  await home.tap(notice);
  await weapp.waitFor(() => home.all('hy-my-req').length === unsigned.total, 'his unsigned requisitions');
  const filter = weapp.requests.filter((r) => r.url.includes('/api/requisitions?')).at(-1)!;
  expect(Object.fromEntries(new URL(filter.url).searchParams)).toMatchObject({ status: 'approved', signStatus: 'unsigned' });

  // 签收 in full.
  await home.tap(home.all('hy-my-req').find((c) => (c.textContent ?? '').includes(plain.no))!);
  let page = await pageOpened(weapp, 'packages/stock/requisition/index', (p) => p.all('hy-act-sign').length === 1, 'the 签收 button');
  expect(page.text()).toContain('未签收');
  await page.tap(page.one('hy-act-sign'));
  await weapp.waitFor(() => page.all('hy-sign__confirm').length === 1, 'the sign-for sheet');
  expect(page.all('hy-sign-line')).toHaveLength(plainDoc.lines.length);
  await page.tap(page.one('hy-sign__confirm'));
  await weapp.waitFor(() => page.all('hy-act-sign').length === 0 && page.text().includes('已签收'), 'the signed requisition');
  expect(weapp.toasts).toContain('已签收');

  const signed = await get<RequisitionView>(`/requisitions/${plain.id}`, 'technician');
  expect(signed.signStatus).toBe('signed');
  expect(signed.signedAt).not.toBeNull();
  const heldAfter = await get<Page<HoldingView>>('/holdings?pageSize=200', 'technician');
  for (const l of plainDoc.lines) {
    const was = heldBefore.items.find((h) => h.partId === l.partId)?.qty ?? 0;
    expect(heldAfter.items.find((h) => h.partId === l.partId)?.qty).toBe(was + l.qty);
  }

  // Back to the list: it reloads, one fewer to sign. The next one: one line not as ordered.
  goBack();
  await weapp.waitFor(
    () => weapp.current().route === 'pages/home/index' && home.all('hy-my-req').length === unsigned.total - 1,
    'the list without the signed one',
  );
  const doc = await get<RequisitionView>(`/requisitions/${disputed.id}`, 'technician');
  const line = doc.lines[0];
  expect(line.qty).toBeGreaterThan(1);
  const mainBefore = await stockOf(line.partCode);
  await home.tap(home.all('hy-my-req').find((c) => (c.textContent ?? '').includes(disputed.no))!);
  page = await pageOpened(
    weapp,
    'packages/stock/requisition/index',
    (p) => p.all('hy-act-sign').length === 1 && p.text().includes(disputed.no),
    'the second requisition',
  );
  await page.tap(page.one('hy-act-sign'));
  await weapp.waitFor(() => page.all('hy-sign-line__toggle').length === doc.lines.length, 'the sign-for sheet');
  await page.tap(page.all('hy-sign-line__toggle')[0]);
  const box = await weapp.waitFor(() => page.all('hy-dispute')[0], 'the dispute fields');
  // (the disputed quantity starts at the whole line: down to 1)
  for (let i = 1; i < line.qty; i++) await page.tap(page.one('hy-stepper__minus', box));
  await page.tap(page.one('hy-sign__confirm'));
  await weapp.waitFor(() => page.text().includes('请填写异议原因'), 'the missing reason');
  await page.input(page.one('nut-input-native', box), '少发 1 个');
  await page.tap(page.one('hy-sign__confirm'));
  await weapp.waitFor(() => page.text().includes('有异议') && page.all('hy-act-sign').length === 0, 'the disputed requisition');
  expect(page.text()).toContain(`异议 1 ${line.unit}：少发 1 个 · 待核实`);

  const after = await get<RequisitionView>(`/requisitions/${disputed.id}`, 'technician');
  expect(after.signStatus).toBe('disputed');
  expect(after.lines[0]).toMatchObject({ disputedQty: 1, disputeReason: '少发 1 个' });
  // the disputed one waits for a keeper (not back in 总仓 on his word); the rest is in his hands
  expect(after.lines[0].disputeStatus).toBe('open');
  const mainAfter = await stockOf(line.partCode);
  expect(mainAfter.main).toBe(mainBefore.main);
  expect(mainAfter.held).toBe(mainBefore.held);
  goBack();
  await weapp.waitFor(() => weapp.current().route === 'pages/home/index', 'home');
});

test("technician: 新建领用 with a scanned barcode, quantity within today's stock, submitted once; then 退还今日剩余配件 in two taps", async () => {
  const home = weapp.current();
  // A part 总仓 has at least 2 of.
  const stock = await get<Page<StockView>>('/stock?warehouseId=1&pageSize=50', 'keeperA');
  const part = stock.items.find((p) => (p.warehouses.find((w) => w.warehouseId === 1)?.qty ?? 0) >= 2)!;
  const available = part.warehouses.find((w) => w.warehouseId === 1)!.qty ?? 0;

  await home.tap(home.one('hy-parts-hub__new'));
  const form = await pageOpened(
    weapp,
    'packages/stock/requisition-form/index',
    (p) => p.all('hy-warehouse-chip').length === 2 && p.all('hy-approver-chip').length === 2,
    'the form with warehouses and approvers',
  );
  expect(form.one('hy-chip--on').textContent).toBe('总仓');
  expect(
    form
      .all('hy-approver-chip')
      .filter((c) => c.className.includes('hy-chip--on'))
      .map((c) => c.textContent),
  ).toEqual(['陈美华', '季红']);

  // Nothing added yet: told so, nothing sent.
  await form.tap(form.one('hy-req-form__submit'));
  await weapp.waitFor(() => form.text().includes('请添加要领用的配件'), 'the missing lines');

  await form.tap(form.one('hy-req-form__add-btn'));
  await weapp.waitFor(() => form.all('hy-picker__item').length > 0, 'the part picker');
  weapp.scanResult = part.partCode;
  await form.tap(form.one('hy-scan__btn', form.one('hy-picker__search')));
  await weapp.waitFor(() => form.all('hy-form-line').length === 1, 'the scanned part added');
  weapp.scanResult = null;
  expect(form.one('hy-form-line').textContent).toContain(part.partName);
  expect(form.one('hy-form-line').textContent).toContain(`今日可领 ${available}`);
  await form.tap(form.one('hy-picker__done'));
  await weapp.waitFor(() => form.all('hy-picker__done').length === 0, 'the picker closed');

  // + never goes past today's stock.
  for (let i = 0; i < available + 2; i++) await form.tap(form.one('hy-stepper__plus', form.one('hy-form-line')));
  expect(form.text()).toContain(`领用配件（1 种，共 ${available} 件）`);
  await form.tap(form.one('hy-stepper__minus', form.one('hy-form-line')));

  await form.tap(form.one('hy-req-form__submit'));
  const detail = await pageOpened(
    weapp,
    'packages/stock/requisition/index',
    (p) => p.all('hy-req-line').length === 1,
    'the submitted requisition',
  );
  expect(weapp.navigations.at(-1)?.type).toBe('redirectTo');
  const posted = weapp.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/requisitions'));
  expect(posted).toHaveLength(1);
  expect(posted[0].header['Idempotency-Key']).toMatch(/^[\w.:-]{8,100}$/);
  expect(posted[0].data).toMatchObject({ warehouseId: 1, lines: [{ partId: part.partId, qty: available - 1 }], submit: true });
  const id = Number(new URL(weapp.navigations.at(-1)!.url, 'http://x').searchParams.get('id'));
  const created = await get<RequisitionView>(`/requisitions/${id}`, 'technician');
  expect(created.status).toBe('pending');
  expect(created.approvers.map((a) => a.name)).toEqual(['陈美华', '季红']);
  expect(detail.text()).toContain(created.no);
  goBack();
  await weapp.waitFor(() => weapp.current().route === 'pages/home/index', 'home');

  // 退还今日剩余配件: the button, then the confirmation.
  const holding = await get<Page<HoldingView>>('/holdings?pageSize=200', 'technician');
  expect(holding.total).toBeGreaterThan(0);
  await home.tap(home.one('nut-button', home.one('hy-parts-hub__leftovers')));
  const back = await pageOpened(
    weapp,
    'packages/stock/return/index',
    (p) => p.all('hy-ret-line').length === holding.total,
    'the return just submitted',
  );
  const leftovers = weapp.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/returns/leftovers'));
  expect(leftovers).toHaveLength(1);
  expect(leftovers[0].header['Idempotency-Key']).toBeTruthy();
  const id2 = Number(new URL(weapp.navigations.at(-1)!.url, 'http://x').searchParams.get('id'));
  const ret = await get<ReturnView>(`/returns/${id2}`, 'technician');
  expect(ret.status).toBe('pending');
  expect(ret.remark).toBe('每日剩余配件入库');
  expect(ret.lines.map((l) => [l.partId, l.qty]).sort()).toEqual(holding.items.map((h) => [h.partId, h.qty]).sort());
  expect(back.text()).toContain('待审批');
  goBack();
  await weapp.waitFor(() => weapp.current().route === 'pages/home/index' && home.text().includes(ret.no), 'the waiting return on 配件');
  await logOut(weapp, home);
});

test('keeper 陈美华 checks the leftovers return: one part damaged he did not declare waits for 王建学, who confirms it', async () => {
  const waiting = await get<Page<RequisitionListItem>>('/returns?mine=approve', 'keeperA');
  const ret = await get<ReturnView>(
    `/returns/${waiting.items.find((r) => r.remark === '每日剩余配件入库' && r.employeeName === '王建学')!.id}`,
    'keeperA',
  );
  const first = ret.lines[0];
  const before = await stockOf(first.partCode);
  const heldBefore = await get<Page<HoldingView>>('/holdings?pageSize=200', 'technician');

  const home = await logIn(weapp, PEOPLE.keeperA);
  await weapp.waitFor(() => home.text().includes(ret.no), 'the return in 审批');
  await home.tap(home.all('hy-approval').find((c) => (c.textContent ?? '').includes(ret.no))!);
  const page = await pageOpened(
    weapp,
    'packages/stock/return/index',
    (p) => p.all('hy-count-editor').length === ret.lines.length,
    'the count editors',
  );
  const editor = page.all('hy-count-editor')[0];
  await page.tap(page.all('hy-stepper__plus', editor)[1]);
  await page.tap(page.one('hy-act-approve'));
  await weapp.waitFor(() => page.text().includes('有问题数量，请选择原因'), 'the missing reason');
  await page.tap(page.all('hy-chip', editor).find((c) => c.textContent === '损坏')!);
  await page.tap(page.one('hy-act-approve'));
  await weapp.waitFor(() => weapp.current().route === 'pages/home/index', 'back on the list');

  // 1 damaged where he declared none: nothing is posted on her count alone.
  const held = await get<ReturnView>(`/returns/${ret.id}`, 'keeperA');
  expect(held.status).toBe('variance');
  expect(held.decidedByName).toBe('陈美华');
  expect(held.lines[0]).toMatchObject({
    qty: first.qty - 1,
    problemQty: 1,
    problemReason: '损坏',
    declaredQty: first.qty,
    declaredProblemQty: 0,
  });
  expect(await stockOf(first.partCode)).toEqual(before);
  expect((await get<Page<HoldingView>>('/holdings?pageSize=200', 'technician')).total).toBe(heldBefore.total);
  await logOut(weapp, home);

  // 王建学: the to-do in 消息 opens his return; he sees both figures and confirms.
  const tech = await logIn(weapp, PEOPLE.technician);
  await openTab(tech, '消息');
  await weapp.waitFor(() => tech.all('hy-msg--variance').some((m) => (m.textContent ?? '').includes(ret.no)), 'the variance to-do in 消息');
  await tech.tap(tech.all('hy-msg--variance').find((m) => (m.textContent ?? '').includes(ret.no))!);
  const mine = await pageOpened(weapp, 'packages/stock/return/index', (p) => p.all('hy-act-confirm').length === 1, 'his confirm button');
  expect(mine.text()).toContain('陈美华核对的数量与你的申报不同');
  expect(mine.text()).toContain(`申报：退 ${first.qty}，问题 0；核对多报损 1`);
  expect(mine.all('hy-act-object')).toHaveLength(1);
  await mine.tap(mine.one('hy-act-confirm'));
  await weapp.waitFor(() => mine.all('hy-act-confirm').length === 0 && mine.text().includes('已批准'), 'the return approved');

  const after = await get<ReturnView>(`/returns/${ret.id}`, 'keeperA');
  expect(after).toMatchObject({ status: 'approved', confirmedByName: '王建学' });
  expect(await stockOf(first.partCode)).toEqual({ main: before.main + first.qty - 1, held: before.held - first.qty });
  const left = await get<Page<HoldingView>>('/holdings?pageSize=200', 'technician');
  expect(left.total).toBe(0);
});
