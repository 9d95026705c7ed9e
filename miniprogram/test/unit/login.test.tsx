/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import LoginPage from '../../src/pages/login';
import { clearSession, getSession } from '../../src/api/request';
import { PEOPLE } from '../support/fixtures';
import { fail, fakeServer, ok, parseUrl, taroMock } from '../support/taro-mock';

/** Types into the native <input> inside Taro's <taro-input-core> (rendered asynchronously). */
async function type(container: HTMLElement, name: string, value: string) {
  const input = await waitFor(() => {
    const el = container.querySelector(`input[name="${name}"]`) as HTMLInputElement | null;
    if (!el) throw new Error(`no input ${name}`);
    return el;
  });
  await act(async () => {
    fireEvent.input(input, { target: { value } });
  });
}

function submit(container: HTMLElement) {
  const button = container.querySelector('.nut-button') as HTMLElement;
  expect(button).toBeTruthy();
  fireEvent.click(button);
}

function setWidth(px: number) {
  Object.defineProperty(window, 'innerWidth', { configurable: true, value: px });
}

beforeEach(() => {
  localStorage.clear();
  clearSession();
  taroMock.reset();
  setWidth(390);
});

test("wrong password: shows the server's Chinese message and stays on the page", async () => {
  fakeServer({ 'POST /api/auth/login': () => fail(401, 'LOGIN_FAILED', '手机号或密码错误') });
  const { container } = render(<LoginPage />);

  await type(container, 'phone', '13800000004');
  await type(container, 'password', 'wrong-password');
  submit(container);

  expect(await screen.findByText('手机号或密码错误')).toBeTruthy();
  // what went over the wire
  expect(taroMock.state.requests).toHaveLength(1);
  const req = taroMock.state.requests[0];
  expect(req.method).toBe('POST');
  expect(parseUrl(req.url).path).toBe('/api/auth/login');
  expect(req.data).toEqual({ phone: '13800000004', password: 'wrong-password', client: 'h5' });
  expect(req.credentials).toBe('include');
  // a failed login is not a lost session: no redirect, nothing stored
  expect(taroMock.state.navigations).toEqual([]);
  expect(getSession()).toBeNull();
});

test('checks the form before calling the server', async () => {
  fakeServer({ 'POST /api/auth/login': () => ok({}) });
  const { container } = render(<LoginPage />);

  await type(container, 'phone', '1380000');
  await type(container, 'password', 'hy123456');
  submit(container);
  expect(await screen.findByText('手机号应为 11 位手机号')).toBeTruthy();

  await type(container, 'phone', '13800000004');
  await type(container, 'password', '');
  submit(container);
  expect(await screen.findByText('请填写密码')).toBeTruthy();

  expect(taroMock.state.requests).toHaveLength(0);
});

test('server unreachable: says so in Chinese', async () => {
  taroMock.setHandler(() => {
    throw new Error('connect ECONNREFUSED');
  });
  const { container } = render(<LoginPage />);
  await type(container, 'phone', '13800000004');
  await type(container, 'password', 'hy123456');
  submit(container);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
});

test('too many attempts: shows the rate-limit message', async () => {
  fakeServer({ 'POST /api/auth/login': () => fail(429, 'RATE_LIMITED', '尝试过于频繁，请稍后再试') });
  const { container } = render(<LoginPage />);
  await type(container, 'phone', '13800000004');
  await type(container, 'password', 'hy123456');
  submit(container);
  expect(await screen.findByText('尝试过于频繁，请稍后再试')).toBeTruthy();
});

test('technician logs in: session kept with the CSRF token, goes to the mobile home', async () => {
  fakeServer({
    'POST /api/auth/login': () => ok({ employee: PEOPLE.technician, csrfToken: 'csrf-1', expiresAt: '2030-01-01T00:00:00Z' }),
  });
  const { container } = render(<LoginPage />);
  await type(container, 'phone', ' 13800000004 ');
  await type(container, 'password', 'hy123456');
  submit(container);

  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/pages/home/index' }]));
  expect(taroMock.state.requests[0].data.phone).toBe('13800000004');
  expect(getSession()).toEqual({ employee: PEOPLE.technician, csrfToken: 'csrf-1', token: undefined, expiresAt: '2030-01-01T00:00:00Z' });
  expect(Taro.getStorageSync('hy.session').csrfToken).toBe('csrf-1');
});

test('desk roles go to the PC desk on a wide screen, to the mobile home on a phone', async () => {
  fakeServer({ 'POST /api/auth/login': () => ok({ employee: PEOPLE.keeper, csrfToken: 'c', expiresAt: '2030-01-01T00:00:00Z' }) });

  setWidth(1280);
  const wide = render(<LoginPage />);
  await type(wide.container, 'phone', '13800000005');
  await type(wide.container, 'password', 'hy123456');
  submit(wide.container);
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/pages/desk/index' }]));
  wide.unmount();

  clearSession();
  taroMock.state.navigations = [];
  setWidth(390);
  const narrow = render(<LoginPage />);
  await type(narrow.container, 'phone', '13800000005');
  await type(narrow.container, 'password', 'hy123456');
  submit(narrow.container);
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/pages/home/index' }]));
});

test('a technician (no desk role) never lands on the desk, even on a wide screen', async () => {
  fakeServer({ 'POST /api/auth/login': () => ok({ employee: PEOPLE.technician, csrfToken: 'c', expiresAt: '2030-01-01T00:00:00Z' }) });
  setWidth(1600);
  const { container } = render(<LoginPage />);
  await type(container, 'phone', '13800000004');
  await type(container, 'password', 'hy123456');
  await act(async () => submit(container));
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/pages/home/index' }]));
});
