/**
 * @jest-environment jsdom
 *
 * The request wrapper every page (and the desk) uses: envelope, errors, session headers.
 */
import Taro from '@tarojs/taro';
import { fail, fakeServer, ok, parseUrl, taroMock } from '../support/taro-mock';
import { PEOPLE } from '../support/fixtures';
import * as request from '../../src/api/request';

const { api, ApiError, clearSession, errorMessage, fieldErrors, getSession, setSession } = request;

beforeEach(() => {
  localStorage.clear();
  clearSession();
  taroMock.reset();
});

test('unwraps { ok: true, data } and builds the URL under /api, leaving out empty query values', async () => {
  fakeServer({ 'GET /api/parts': (req) => ok({ url: req.url }) });
  const res = await api.get<{ url: string }>('/parts', { keyword: '机油', page: 2, enabled: undefined, category: null, model: '' });
  expect(parseUrl(res.url)).toEqual({ path: '/api/parts', query: { keyword: '机油', page: '2' } });
  expect(res.url.startsWith('/api/parts?')).toBe(true); // H5: same origin
  // a path already under /api is taken as is
  await api.get('/api/parts');
  expect(parseUrl(taroMock.state.requests[1].url).path).toBe('/api/parts');
  expect(api.url('/parts/export', { keyword: 'a b' })).toBe('/api/parts/export?keyword=a%20b');
});

test('a failure envelope becomes an ApiError with status, code, message and issues', async () => {
  fakeServer({
    'POST /api/customers': () => fail(400, 'VALIDATION', '输入有误', [{ path: 'contacts.0.phone', message: '联系电话格式不对' }]),
  });
  const err = await api.post('/customers', { name: 'x' }).catch((e) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect(err).toMatchObject({ status: 400, code: 'VALIDATION', message: '输入有误' });
  expect(fieldErrors(err)).toEqual({ 'contacts.0.phone': '联系电话格式不对' });
  // the generic summary gives way to the first field message
  expect(errorMessage(err)).toBe('联系电话格式不对');
});

test('answers that are not our envelope still give a Chinese message', async () => {
  taroMock.setHandler(() => ({ statusCode: 502, data: '<html>Bad Gateway</html>' }));
  const err = await api.get('/parts').catch((e) => e);
  expect(err).toMatchObject({ status: 502, code: 'INTERNAL', message: '服务器暂时不可用，请稍后重试' });
  expect(errorMessage(new Error('boom'))).toBe('操作失败，请稍后重试');
});

test('H5: cookies go along, and writes (not reads) carry the CSRF token', async () => {
  setSession({ employee: PEOPLE.service, csrfToken: 'tok-1' });
  fakeServer({ 'GET /api/customers': () => ok([]), 'PUT /api/customers/1': () => ok(null), 'DELETE /api/customers/1': () => ok(null) });
  await api.get('/customers');
  await api.put('/customers/1', { name: 'y' });
  await api.delete('/customers/1');
  const [get, put, del] = taroMock.state.requests;
  expect(get.credentials).toBe('include');
  expect(get.header['X-CSRF-Token']).toBeUndefined();
  expect(put.header['X-CSRF-Token']).toBe('tok-1');
  expect(put.header['Content-Type']).toBe('application/json');
  expect(put.data).toEqual({ name: 'y' });
  expect(del.header['X-CSRF-Token']).toBe('tok-1');
  expect(get.header.Authorization).toBeUndefined();
});

test('H5: a stale CSRF token is refreshed from /auth/me and the write retried once', async () => {
  setSession({ employee: PEOPLE.service, csrfToken: 'old' });
  let posts = 0;
  fakeServer({
    'GET /api/auth/me': () => ok({ ...PEOPLE.service, csrfToken: 'new' }),
    'POST /api/customers': (req) => {
      posts += 1;
      return req.header['X-CSRF-Token'] === 'new' ? ok({ id: 9 }) : fail(403, 'CSRF', '页面已过期，请刷新后重试');
    },
  });
  await expect(api.post('/customers', {})).resolves.toEqual({ id: 9 });
  expect(posts).toBe(2);
  expect(getSession()?.csrfToken).toBe('new');
});

test('401 on any call: the session is forgotten and the login page opens, once', async () => {
  setSession({ employee: PEOPLE.technician, csrfToken: 'x' });
  fakeServer({ 'GET /api/parts': () => fail(401, 'UNAUTHENTICATED', '请先登录') });
  const results = await Promise.allSettled([api.get('/parts'), api.get('/parts'), api.get('/parts')]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  expect(getSession()).toBeNull();
  expect(Taro.getStorageSync('hy.session')).toBeFalsy();
  expect(taroMock.state.navigations).toEqual([{ type: 'reLaunch', url: '/pages/login/index' }]);
});

test('403 PASSWORD_CHANGE_REQUIRED: 修改密码 opens, once, and the session stays', async () => {
  setSession({ employee: { ...PEOPLE.technician, mustChangePassword: true }, csrfToken: 'x' });
  fakeServer({ 'GET /api/parts': () => fail(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改初始密码') });
  const results = await Promise.allSettled([api.get('/parts'), api.get('/parts')]);
  expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ status: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
  expect(taroMock.state.navigations).toEqual([{ type: 'reLaunch', url: '/packages/account/password/index?required=1' }]);
  expect(getSession()?.employee.id).toBe(PEOPLE.technician.id);
  // on that page already: no second navigation
  await expect(api.get('/parts')).rejects.toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
  expect(taroMock.state.navigations).toHaveLength(1);
});

test('a failed login (401 LOGIN_FAILED) is not a lost session: no redirect', async () => {
  fakeServer({ 'POST /api/auth/login': () => fail(401, 'LOGIN_FAILED', '手机号或密码错误') });
  await expect(request.login('13800000004', 'x')).rejects.toMatchObject({ code: 'LOGIN_FAILED', message: '手机号或密码错误' });
  expect(taroMock.state.navigations).toEqual([]);
});

test('weapp: logs in with client "weapp", keeps the token and sends it as a bearer token', async () => {
  // A fresh copy of the module (and of the fake Taro) built for the mini-program.
  let weapp!: typeof request;
  let mock!: typeof import('../support/taro-mock');
  const saved = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  jest.isolateModules(() => {
    weapp = require('../../src/api/request');
    mock = require('../support/taro-mock');
  });
  process.env.TARO_ENV = saved;
  expect(weapp.CLIENT).toBe('weapp');

  mock.fakeServer({
    'POST /api/auth/login': (req) =>
      ok({ employee: PEOPLE.technician, token: `tok-for-${req.data.client}`, expiresAt: '2030-01-01T00:00:00Z' }),
    'GET /api/auth/me': () => ok(PEOPLE.technician),
    'POST /api/auth/logout': () => ok(null),
  });
  const requests = mock.taroMock.state.requests;
  await weapp.login('13800000004', 'hy123456');
  expect(requests[0].data).toEqual({ phone: '13800000004', password: 'hy123456', client: 'weapp' });
  expect(weapp.getSession()?.token).toBe('tok-for-weapp');

  await weapp.fetchMe();
  const me = requests[1];
  expect(me.header.Authorization).toBe('Bearer tok-for-weapp');
  expect(me.credentials).toBeUndefined();
  expect(me.header['X-CSRF-Token']).toBeUndefined();
  expect(weapp.getSession()?.token).toBe('tok-for-weapp'); // kept across the /auth/me refresh

  await weapp.logout();
  expect(requests[2].header.Authorization).toBe('Bearer tok-for-weapp');
  expect(weapp.getSession()).toBeNull();
});

test('network failure and timeout are told apart', async () => {
  taroMock.setHandler(() => {
    throw new Error('timeout');
  });
  await expect(api.get('/parts')).rejects.toMatchObject({ status: 0, code: 'TIMEOUT', message: '请求超时，请检查网络后重试' });
  taroMock.setHandler(() => {
    throw new Error('ECONNREFUSED');
  });
  await expect(api.get('/parts')).rejects.toMatchObject({ status: 0, code: 'NETWORK', message: '网络连接失败，请检查网络后重试' });
});
