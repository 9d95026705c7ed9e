/**
 * @jest-environment node
 *
 * The compiled mini-program (dist/weapp) against the real server: log in as a technician and as
 * a keeper, check the tabs each gets, the parts search, 我的 and logging out.
 */
import { launchWeapp, type Weapp, type WeappPage } from '../support/weapp';
import { DEMO, type RunningServer } from '../support/server';
import { apiLogin, callApi, type ApiAnswer } from '../support/api';
import { logIn, openTab, startDemoServer, submitLogin, tabTitles } from '../support/weapp-user';

let server: RunningServer;
let weapp: Weapp;

const PART = {
  code: 'WX-SMOKE-01',
  name: '小程序冒烟机油滤清器',
  model: 'W712/95',
  spec: 'M20×1.5',
  unit: '个',
  category: '滤清器',
  costPrice: 1234,
  salePrice: 4560,
};

/** Direct API call (not through the app), for setting up data and checking the server's view. */
function call<T>(method: string, path: string, token?: string, body?: unknown): Promise<ApiAnswer<T>> {
  return callApi<T>(server.url, method, path, token, body);
}

/**
 * Searches for the test part and returns its card: the technician's catalogue (配件 → 配件查询,
 * /api/parts) or the keeper's 库存 (/api/stock).
 */
async function findTestPart(home: WeappPage, tab: '配件' | '库存'): Promise<Element> {
  await openTab(home, tab);
  const [card, route, loading] =
    tab === '配件' ? ['hy-part', '/api/parts?', '正在加载配件'] : ['hy-stock-item', '/api/stock?', '正在查询库存'];
  if (tab === '配件') {
    await weapp.waitFor(() => home.all('hy-segment--catalogue').length === 1, 'the 配件查询 segment');
    await home.tap(home.one('hy-segment--catalogue'));
  }
  await weapp.waitFor(() => home.all('nut-searchbar-input').length === 1 && !home.text().includes(loading), 'the parts search');
  await home.input(home.one('nut-searchbar-input'), PART.code.toLowerCase());
  await weapp.waitFor(() => home.all(card).length === 1 && home.text().includes(PART.code), `the search result for ${PART.code}`);
  const search = weapp.requests.filter((r) => r.url.includes(route)).at(-1)!;
  expect(new URL(search.url).searchParams.get('keyword')).toBe(PART.code.toLowerCase());
  return home.one(card);
}

beforeAll(async () => {
  server = await startDemoServer(DEMO.keeper);
  // A part to search for, entered by the keeper.
  const keeperToken = await apiLogin(server.url, DEMO.keeper);
  const created = await call('POST', '/parts', keeperToken, PART);
  if (!created.body.ok) throw new Error(`could not create the test part: ${created.status} ${JSON.stringify(created.body)}`);
  weapp = await launchWeapp(server.url);
}, 600_000);

afterAll(async () => {
  weapp?.close();
  await server?.stop();
});

test('technician: logged out → login page; wrong password → Chinese error; then 工单/配件/我的', async () => {
  // The entry page (first in app.json) sends a logged-out user to the login page.
  await weapp.open('/pages/home/index');
  await weapp.waitFor(
    () => weapp.navigations.find((n) => n.type === 'reLaunch' && n.url === '/pages/login/index'),
    'the redirect to login',
  );
  const login = weapp.current();
  expect(login.route).toBe('pages/login/index');
  await weapp.waitFor(() => login.text().includes('员工登录'), 'the login form');

  await submitLogin(weapp, DEMO.technician, 'not-the-password');
  await weapp.waitFor(() => login.text().includes('手机号或密码错误'), 'the login error');
  expect(weapp.current().route).toBe('pages/login/index');

  const home = await logIn(weapp, DEMO.technician);
  expect(weapp.navigations.at(-1)).toEqual({ type: 'redirectTo', url: '/pages/home/index' });
  expect(tabTitles(home)).toEqual(['工单', '配件', '消息', '我的']);
  // NutUI's icons must render as mini-program views (its default <i> does not exist there)
  expect(home.all('nut-icon', home.one('nut-tabbar'))).toHaveLength(4);
  // 工单 opens on 待处理: the demo data dispatched one order to him
  await weapp.waitFor(() => home.all('hy-order').length === 1, 'his dispatched order on 工单');
  expect(home.one('hy-order').textContent).toContain('已派工');

  // The weapp build talks to its built-in API_BASE with a bearer token, no cookies.
  const loginReq = weapp.requests.filter((r) => r.url.endsWith('/api/auth/login')).at(-1)!;
  expect(loginReq.url).toBe('http://127.0.0.1:7001/api/auth/login');
  expect(loginReq.data).toEqual({ phone: DEMO.technician, password: DEMO.password, client: 'weapp' });
  const meReq = await weapp.waitFor(
    () => weapp.requests.find((r) => r.url.endsWith('/api/auth/me') && r.status === 200),
    'GET /api/auth/me',
  );
  expect(meReq.header.Authorization).toMatch(/^Bearer \S{16,}$/);
  const session = weapp.storage.get('hy.session') as { token: string; employee: { roles: string[] } };
  expect(session.employee.roles).toEqual(['technician']);
  expect(meReq.header.Authorization).toBe(`Bearer ${session.token}`);

  // 配件: the part the keeper entered, with its sale price and never the cost price.
  const item = await findTestPart(home, '配件');
  expect(item.textContent).toContain(PART.name);
  expect(item.textContent).toContain('¥45.60');
  expect(item.textContent).toContain('单位：个');
  expect(home.text()).not.toContain('成本');

  // 我的: who is logged in, and no desk link in the mini-program.
  await openTab(home, '我的');
  await weapp.waitFor(() => home.text().includes('退出登录'), 'the 我的 tab');
  expect(home.text()).toContain(DEMO.technician);
  expect(home.text()).toContain('技师');
  expect(home.text()).not.toContain('进入电脑工作台');
  expect(home.text()).not.toContain('切换身份');

  // 退出登录: back to the login page, the token is gone here and dead on the server.
  const token = session.token;
  await home.tap(home.one('nut-button', home.one('hy-me__logout')));
  await weapp.waitFor(
    () => weapp.navigations.at(-1)?.type === 'reLaunch' && weapp.current().route === 'pages/login/index',
    'the login page after logout',
  );
  expect(weapp.storage.has('hy.session')).toBe(false);
  expect((await call('GET', '/auth/me', token)).status).toBe(401);
});

test('keeper: 审批/库存/我的, and 库存 shows the part per warehouse and held', async () => {
  expect(weapp.current().route).toBe('pages/login/index');
  const home = await logIn(weapp, DEMO.keeper);
  expect(tabTitles(home)).toEqual(['审批', '库存', '消息', '我的']);
  // the demo data has a requisition waiting for her
  await weapp.waitFor(() => home.all('hy-approval').length > 0, 'the documents waiting for her');

  const item = await findTestPart(home, '库存');
  expect(item.textContent).toContain(PART.name);
  // a new part: nothing in either warehouse, nothing held
  expect(item.textContent).toContain('0总仓');
  expect(item.textContent).toContain('0城东服务站仓');
  expect(item.textContent).toContain('0员工持有');

  // 修改密码 lives in a subpackage and opens from 我的.
  await openTab(home, '我的');
  await weapp.waitFor(() => home.text().includes('修改密码'), 'the 我的 tab');
  expect(home.text()).not.toContain('进入电脑工作台'); // desk roles see it on H5 only
  await home.tap(home.byText('nut-cell', '修改密码›'));
  const pwd = await weapp.waitFor(
    () => weapp.current().route === 'packages/account/password/index' && weapp.current(),
    'the password page',
  );
  await weapp.waitFor(() => pwd.text().includes('确认修改'), 'the password form');
  expect(pwd.all('nut-input-native')).toHaveLength(3);
  expect(weapp.navigations.at(-1)).toEqual({ type: 'navigateTo', url: '/packages/account/password/index' });
});
