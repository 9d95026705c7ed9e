/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import ChangePasswordPage from '../../src/packages/account/password';
import { clearSession, getEmployee, setSession } from '../../src/api/request';
import { PEOPLE } from '../support/fixtures';
import { fail, fakeServer, ok, taroMock } from '../support/taro-mock';

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

async function submit(container: HTMLElement) {
  await act(async () => {
    fireEvent.click(container.querySelector('.nut-button') as HTMLElement);
  });
}

beforeEach(() => {
  localStorage.clear();
  clearSession();
  taroMock.reset();
  setSession({ employee: PEOPLE.technician, csrfToken: 'c' });
});

test('checks the new password and its confirmation before calling the server', async () => {
  fakeServer({ 'POST /api/auth/password': () => ok(null) });
  const { container } = render(<ChangePasswordPage />);
  await submit(container);
  expect(screen.getByText('请填写原密码')).toBeTruthy();
  expect(screen.getByText('请再次输入新密码')).toBeTruthy();

  await type(container, 'oldPassword', 'hy123456');
  await type(container, 'newPassword', 'abcdefgh');
  await type(container, 'confirm', 'abcdefgh');
  await submit(container);
  expect(screen.getByText('新密码需同时包含字母和数字')).toBeTruthy();

  await type(container, 'newPassword', 'qy-7Kd92');
  await type(container, 'confirm', 'qy-7Kd92z');
  await submit(container);
  expect(screen.getByText('两次输入的新密码不一致')).toBeTruthy();
  expect(taroMock.state.requests).toHaveLength(0);
});

test("wrong old password: the server's message shows under the field", async () => {
  fakeServer({
    'POST /api/auth/password': () => fail(400, 'VALIDATION', '原密码不正确', [{ path: 'oldPassword', message: '原密码不正确' }]),
  });
  const { container } = render(<ChangePasswordPage />);
  await type(container, 'oldPassword', 'wrong');
  await type(container, 'newPassword', 'qy-7Kd92');
  await type(container, 'confirm', 'qy-7Kd92');
  await submit(container);
  expect(await screen.findByText('原密码不正确')).toBeTruthy();
  expect(taroMock.state.requests[0].header['X-CSRF-Token']).toBe('c');
  expect(taroMock.state.navigations).toEqual([]);
});

test('success: says so and goes back', async () => {
  let body: unknown;
  fakeServer({
    'POST /api/auth/password': (req) => {
      body = req.data;
      return ok(null);
    },
  });
  const { container } = render(<ChangePasswordPage />);
  await type(container, 'oldPassword', 'hy123456');
  await type(container, 'newPassword', 'qy-7Kd92');
  await type(container, 'confirm', 'qy-7Kd92');
  await submit(container);
  expect(body).toEqual({ oldPassword: 'hy123456', newPassword: 'qy-7Kd92' });
  await waitFor(() => expect(taroMock.state.toasts.map((t) => t.title)).toEqual(['密码已修改']));
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'navigateBack', url: undefined }]), { timeout: 3000 });
});

test('refuses a common password and one containing his phone before calling the server', async () => {
  fakeServer({ 'POST /api/auth/password': () => ok(null) });
  const { container } = render(<ChangePasswordPage />);
  await type(container, 'oldPassword', 'hy123456');
  await type(container, 'newPassword', 'abc12345');
  await type(container, 'confirm', 'abc12345');
  await submit(container);
  expect(screen.getByText('这个密码太常见，容易被猜中，请换一个')).toBeTruthy();
  await type(container, 'newPassword', `x${PEOPLE.technician.phone}`);
  await type(container, 'confirm', `x${PEOPLE.technician.phone}`);
  await submit(container);
  expect(screen.getByText('密码不能包含手机号')).toBeTruthy();
  expect(taroMock.state.requests).toHaveLength(0);
});

test('required (a password someone else knows): says why, and goes on to the landing page after the change', async () => {
  setSession({ employee: { ...PEOPLE.technician, mustChangePassword: true }, csrfToken: 'c' });
  taroMock.state.params = { required: '1' };
  fakeServer({
    'POST /api/auth/password': () => ok(null),
    'GET /api/auth/me': () => ok({ ...PEOPLE.technician, mustChangePassword: false, csrfToken: 'c2' }),
  });
  const { container } = render(<ChangePasswordPage />);
  expect(screen.getByTestId('password-required').textContent).toContain('首次登录请先修改密码');
  await type(container, 'oldPassword', 'hy123456');
  await type(container, 'newPassword', 'qy-7Kd92');
  await type(container, 'confirm', 'qy-7Kd92');
  await submit(container);
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'reLaunch', url: '/pages/home/index' }]));
  expect(getEmployee()?.mustChangePassword).toBe(false);
});
