/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import ChangePasswordPage from '../../src/packages/account/password';
import { clearSession, setSession } from '../../src/api/request';
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

  await type(container, 'newPassword', 'abcd1234');
  await type(container, 'confirm', 'abcd12345');
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
  await type(container, 'newPassword', 'abcd1234');
  await type(container, 'confirm', 'abcd1234');
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
  await type(container, 'newPassword', 'abcd1234');
  await type(container, 'confirm', 'abcd1234');
  await submit(container);
  expect(body).toEqual({ oldPassword: 'hy123456', newPassword: 'abcd1234' });
  await waitFor(() => expect(taroMock.state.toasts.map((t) => t.title)).toEqual(['密码已修改']));
  await waitFor(() => expect(taroMock.state.navigations).toEqual([{ type: 'navigateBack', url: undefined }]), { timeout: 3000 });
});
