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

/** What the page sent besides asking whether the installation waits for its first administrator. */
const sent = () => taroMock.state.requests.filter((r) => parseUrl(r.url).path !== '/api/setup/status');

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
  expect(sent()).toHaveLength(1);
  const req = sent()[0];
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

  await type(container, 'phone', '');
  submit(container);
  await waitFor(() => expect(container.querySelector('[data-testid=login-error]')?.textContent).toBe('请输入手机号'));

  await type(container, 'phone', '13800000004');
  await type(container, 'password', '');
  submit(container);
  expect(await screen.findByText('请填写密码')).toBeTruthy();

  expect(sent()).toHaveLength(0);
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
  expect(sent()[0].data.phone).toBe('13800000004');
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

test('a password someone else knows (demo data outside demo mode): 修改密码 comes first', async () => {
  fakeServer({
    'POST /api/auth/login': () =>
      ok({ employee: { ...PEOPLE.keeper, mustChangePassword: true }, csrfToken: 'c', expiresAt: '2030-01-01T00:00:00Z' }),
  });
  setWidth(1280);
  const { container } = render(<LoginPage />);
  await type(container, 'phone', '13800000005');
  await type(container, 'password', 'hy123456');
  submit(container);
  await waitFor(() =>
    expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/packages/account/password/index?required=1' }]),
  );
});

test('an installation without an administrator: 首次使用 creates him with the setup token and logs him in', async () => {
  const admin = { ...PEOPLE.keeper, name: '周宏沅', roles: ['admin'] };
  let created: unknown;
  fakeServer({
    'GET /api/setup/status': () => ok({ pending: true }),
    'POST /api/setup': (req) => {
      created = req.data;
      return req.data.token === 'right-token'
        ? ok({ id: 1, name: '周宏沅', phone: '13700000001' })
        : fail(403, 'FORBIDDEN', '初始化口令不正确');
    },
    'POST /api/auth/login': () => ok({ employee: admin, csrfToken: 'c', expiresAt: '2030-01-01T00:00:00Z' }),
  });
  setWidth(1280);
  const { container } = render(<LoginPage />);
  expect(await screen.findByText('首次使用：创建管理员')).toBeTruthy();
  await type(container, 'setup-token', 'wrong-token');
  await type(container, 'setup-name', '周宏沅');
  await type(container, 'setup-phone', '13700000001');
  await type(container, 'setup-password', 'hy123456');
  await type(container, 'setup-confirm', 'hy123456');
  submit(container);
  expect(await screen.findByText('这个密码太常见，容易被猜中，请换一个')).toBeTruthy();
  expect(created).toBeUndefined();

  await type(container, 'setup-password', 'qy-7Kd92x');
  await type(container, 'setup-confirm', 'qy-7Kd92');
  submit(container);
  expect(await screen.findByText('两次输入的密码不一致')).toBeTruthy();

  await type(container, 'setup-confirm', 'qy-7Kd92x');
  submit(container);
  expect(await screen.findByText('初始化口令不正确')).toBeTruthy();

  await type(container, 'setup-token', ' right-token ');
  submit(container);
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'redirectTo', url: '/pages/desk/index' }]));
  expect(created).toEqual({ token: 'right-token', name: '周宏沅', phone: '13700000001', password: 'qy-7Kd92x' });
  expect(getSession()?.employee.name).toBe('周宏沅');
});

test('an installation with its administrator shows the login form only', async () => {
  fakeServer({ 'GET /api/setup/status': () => ok({ pending: false }) });
  const { container } = render(<LoginPage />);
  await waitFor(() => expect(taroMock.state.requests.map((r) => parseUrl(r.url).path)).toEqual(['/api/setup/status']));
  await waitFor(() => expect(container.querySelector('input[name="phone"]')).toBeTruthy());
  expect(screen.queryByText('首次使用：创建管理员')).toBeNull();
});
