/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import TaroModule from '@tarojs/taro';
import LoginPage from '../../src/pages/login';
import { clearSession, getSession, logout } from '../../src/api/request';
import { PEOPLE } from '../support/fixtures';
import { fail, fakeServer, ok, parseUrl, taroMock, type FakeRequest } from '../support/taro-mock';
import { type } from '../support/ui';

// The weapp build: request.ts says which client this is (everything else of it runs for real).
jest.mock('../../src/api/request', () => ({ ...jest.requireActual('../../src/api/request'), CLIENT: 'weapp' }));

/** Taro.login and Taro.scanCode as WeChat answers them (the H5 shim has neither). */
const wx = { logins: 0, scan: null as string | null };
const taroApis = [TaroModule as any, require('@tarojs/taro')];
for (const t of taroApis) {
  t.login = () => {
    wx.logins += 1;
    return Promise.resolve({ code: `wx-code-${wx.logins}`, errMsg: 'login:ok' });
  };
  t.scanCode = () =>
    wx.scan === null ? Promise.reject({ errMsg: 'scanCode:fail cancel' }) : Promise.resolve({ result: wx.scan, errMsg: 'scanCode:ok' });
}

const SESSION = { employee: PEOPLE.technician, token: 'bearer-1', expiresAt: '2030-01-01T00:00:00Z' };
const unbound = () => ok({ bound: false, ticket: 'ticket-1', expiresAt: '2030-01-01T00:00:00Z' });
const bodies = (path: string) => taroMock.state.requests.filter((r) => parseUrl(r.url).path === path).map((r: FakeRequest) => r.data);

const tap = async (text: string) => {
  const el = await screen.findByText(text);
  await act(async () => {
    fireEvent.click(el);
  });
};

beforeEach(() => {
  localStorage.clear();
  clearSession();
  taroMock.reset();
  taroMock.state.pageStack = [{ route: 'pages/login/index' }];
  wx.logins = 0;
  wx.scan = null;
});

test('a bound WeChat logs in on open: Taro.login, POST /auth/wechat, straight to the home page', async () => {
  fakeServer({ 'POST /api/auth/wechat': () => ok({ bound: true, ...SESSION }) });
  render(<LoginPage />);
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/pages/home/index' }]));
  expect(bodies('/api/auth/wechat')).toEqual([{ code: 'wx-code-1' }]);
  expect(getSession()).toMatchObject({ employee: PEOPLE.technician, token: 'bearer-1' });
});

test('an unbound WeChat binds with the code typed from the desk', async () => {
  fakeServer({
    'POST /api/auth/wechat': unbound,
    'POST /api/auth/wechat/bind': (req) =>
      req.data.bindingCode === '12345678'
        ? ok(SESSION)
        : fail(400, 'VALIDATION', '绑定码不正确，请核对后重试', [{ path: 'bindingCode', message: '绑定码不正确，请核对后重试' }]),
  });
  const { container } = render(<LoginPage />);
  expect(await screen.findByText('首次使用，请绑定微信')).toBeTruthy();

  await type(container, 'bindingCode', '1234');
  await tap('绑定并登录');
  expect(await screen.findByText('绑定码应为 8 位数字')).toBeTruthy();
  expect(bodies('/api/auth/wechat/bind')).toEqual([]);

  await type(container, 'bindingCode', '87654321');
  await tap('绑定并登录');
  expect(await screen.findByText('绑定码不正确，请核对后重试')).toBeTruthy();
  expect(taroMock.state.navigations).toEqual([]);

  await type(container, 'bindingCode', '12345678');
  await tap('绑定并登录');
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/pages/home/index' }]));
  expect(bodies('/api/auth/wechat/bind').at(-1)).toEqual({ ticket: 'ticket-1', bindingCode: '12345678' });
  expect(getSession()?.token).toBe('bearer-1');
  expect(wx.logins).toBe(1);
});

test('scans the QR of the desk (and says so when the QR is something else)', async () => {
  fakeServer({ 'POST /api/auth/wechat': unbound, 'POST /api/auth/wechat/bind': () => ok(SESSION) });
  render(<LoginPage />);
  wx.scan = 'https://example.com/not-a-code';
  await tap('扫码绑定');
  expect(await screen.findByText('这不是绑定码二维码，请扫描管理员在工作台生成的二维码')).toBeTruthy();

  wx.scan = 'HONGYUAN-BIND:24681357';
  await tap('扫码绑定');
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/pages/home/index' }]));
  expect(bodies('/api/auth/wechat/bind')).toEqual([{ ticket: 'ticket-1', bindingCode: '24681357' }]);
});

test('用密码绑定: phone and password bind this WeChat; an account bound elsewhere is told to ask an admin', async () => {
  fakeServer({
    'POST /api/auth/wechat': unbound,
    'POST /api/auth/wechat/bind': () => fail(409, 'DUPLICATE', '该账号已绑定其他微信，请联系管理员解除绑定后再绑定'),
  });
  const { container } = render(<LoginPage />);
  await tap('没有绑定码？用密码绑定');
  expect(await screen.findByText('用本人手机号和密码绑定此微信（每个账号仅可用密码绑定一次）')).toBeTruthy();
  await type(container, 'phone', '13800000004');
  await type(container, 'password', 'hy123456');
  await tap('绑定并登录');
  expect(await screen.findByText('该账号已绑定其他微信，请联系管理员解除绑定后再绑定')).toBeTruthy();
  expect(bodies('/api/auth/wechat/bind')).toEqual([{ ticket: 'ticket-1', phone: '13800000004', password: 'hy123456' }]);
  expect(getSession()).toBeNull();

  // 不绑定，仅本次登录: the plain password login stays as a fallback
  fakeServer({ 'POST /api/auth/login': () => ok(SESSION) });
  await tap('不绑定，仅本次登录');
  await tap('登录');
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/pages/home/index' }]));
  expect(bodies('/api/auth/login')).toEqual([expect.objectContaining({ phone: '13800000004', password: 'hy123456' })]);
});

test('WeChat unavailable: says so, and the phone + password login still works', async () => {
  fakeServer({ 'POST /api/auth/wechat': () => fail(503, 'WECHAT_UNAVAILABLE', '无法连接微信服务器，请稍后重试') });
  const { container } = render(<LoginPage />);
  expect(await screen.findByText('无法连接微信服务器，请稍后重试')).toBeTruthy();
  expect(screen.getByText('重新用微信登录')).toBeTruthy();
  // The password form renders its inputs a moment after the message: wait for them.
  await waitFor(() => expect(container.querySelector('input[name="phone"]')).toBeTruthy());
  expect(screen.queryByText('绑定并登录')).toBeNull();
});

test('after logging out, the login page does not log the same WeChat back in', async () => {
  fakeServer({ 'POST /api/auth/logout': () => ok(null), 'POST /api/auth/wechat': () => ok({ bound: true, ...SESSION }) });
  await logout();
  const { container } = render(<LoginPage />);
  await waitFor(() => expect(container.querySelector('input[name="phone"]')).toBeTruthy());
  expect(wx.logins).toBe(0);
  expect(taroMock.state.navigations).toEqual([]);
  // ... until the person taps 用微信登录
  await tap('用微信登录');
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/pages/home/index' }]));
  expect(wx.logins).toBe(1);
});
