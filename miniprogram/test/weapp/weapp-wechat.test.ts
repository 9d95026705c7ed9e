/**
 * @jest-environment node
 *
 * WeChat login in the compiled mini-program, against the real server and the WeChat stand-in
 * (tools/wechat-standin, in this process): wx.login answers the stand-in's codes, so a bound
 * technician is logged in on start without typing anything, and an unbound WeChat binds with the
 * code an admin issued.
 */
import { launchWeapp, type Weapp } from '../support/weapp';
import { DEMO, startServer, type RunningServer } from '../support/server';
import { apiAs, callApi, waitForDemoLogin, type ApiUser } from '../support/api';
import { buildIfNeeded } from '../support/build';
import { homeShown, logOut } from '../support/weapp-user';

const STANDIN = { appid: 'wx0123456789abcdef', secret: '0123456789abcdef0123456789abcdef' };

let standin: { listen(port: number): Promise<string>; login(user: string): { code: string }; close(): Promise<void> };
let server: RunningServer;
let weapp: Weapp;
let admin: ApiUser;
/** the WeChat user on the phone: wx.login answers a fresh stand-in code for him */
let wechatUser = 'technician-wechat';

const employeeId = async (phone: string) => (await admin.get<{ items: { id: number }[] }>(`/employees?keyword=${phone}`)).items[0].id;
const issueCode = async (phone: string) =>
  (await admin.post<{ code: string }>(`/employees/${await employeeId(phone)}/wechat-binding-code`)).code;

beforeAll(async () => {
  const { createStandin } = require('@hongyuan/wechat-standin');
  standin = createStandin(STANDIN);
  const standinUrl = await standin.listen(0);
  buildIfNeeded();
  server = await startServer({ WECHAT_API_BASE: standinUrl });
  await waitForDemoLogin(server.url, DEMO.admin);
  admin = await apiAs(server.url, DEMO.admin);
  // The technician bound his WeChat earlier (a desk code, through the API as the phone sends it).
  const start = await callApi<{ ticket: string }>(server.url, 'POST', '/auth/wechat', undefined, { code: standin.login(wechatUser).code });
  const bound = await callApi(server.url, 'POST', '/auth/wechat/bind', undefined, {
    ticket: start.body.data.ticket,
    bindingCode: await issueCode(DEMO.technician),
  });
  if (!bound.body.ok) throw new Error(`could not bind: ${JSON.stringify(bound.body)}`);

  weapp = await launchWeapp(server.url);
  // miniprogram-simulate's own wx.login answers a fixed code; WeChat's is the stand-in's.
  (global as any).wx.login = (o: any = {}) => {
    const res = { code: standin.login(wechatUser).code, errMsg: 'login:ok' };
    setTimeout(() => {
      o.success?.(res);
      o.complete?.(res);
    }, 0);
  };
}, 600_000);

afterAll(async () => {
  weapp?.close();
  await server?.stop();
  await standin?.close();
});

test('a bound technician opens the mini-program and is logged in by WeChat, nothing typed', async () => {
  await weapp.open('/pages/home/index');
  // home (no session) → the login page → WeChat → home again
  await weapp.waitFor(
    () => weapp.navigations.some((n) => n.type === 'redirectTo' && n.url.includes('/pages/home/')),
    'the login page to go on',
  );
  const home = await homeShown(weapp);
  expect(weapp.navigations.map((n) => `${n.type} ${n.url}`)).toEqual(['reLaunch /pages/login/index', 'redirectTo /pages/home/index']);
  expect(weapp.requests.filter((r) => r.url.includes('/api/auth/login'))).toEqual([]);
  const wx = weapp.requests.find((r) => r.url.endsWith('/api/auth/wechat'))!;
  expect(wx.status).toBe(200);
  expect(JSON.stringify(weapp.storage.get('hy.session'))).not.toMatch(/session_?key/i);
  expect((weapp.storage.get('hy.session') as { employee: { name: string } }).employee.name).toBe('王建学');
  await logOut(weapp, home);
});

test('an unbound WeChat binds with the code from the desk and goes in', async () => {
  wechatUser = 'keeper-wechat';
  const login = weapp.current();
  // after logging out nothing happens by itself: the person taps 用微信登录
  await weapp.waitFor(() => login.all('hy-login__wechat-retry').length === 1, 'the 用微信登录 link');
  expect(weapp.requests.filter((r) => r.url.endsWith('/api/auth/wechat'))).toHaveLength(1);
  await login.tap(login.byText('hy-login__wechat-retry', '用微信登录'));
  await weapp.waitFor(() => login.text().includes('首次使用，请绑定微信'), 'the binding form');
  await login.input(login.one('nut-input-native'), await issueCode(DEMO.keeper));
  await login.tap(login.one('nut-button'));
  await homeShown(weapp);
  expect((weapp.storage.get('hy.session') as { employee: { name: string } }).employee.name).toBe('陈美华');
  const binding = (await admin.get<{ items: { wechatBound: boolean }[] }>(`/employees?keyword=${DEMO.keeper}`)).items[0];
  expect(binding.wechatBound).toBe(true);
});
