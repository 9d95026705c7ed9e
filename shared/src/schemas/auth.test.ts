import { changePasswordInput, firstAdminInput, newPassword, passwordPhoneIssue, setupInput } from './auth';
import { can } from '../permissions';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => i.message);

describe('password rules', () => {
  it('wants 8 characters with a letter and a digit, and none of the first guesses (any case)', () => {
    expect(newPassword.safeParse('qy-7Kd92').success).toBe(true);
    expect(messages(newPassword.safeParse('ab12'))).toContain('新密码至少 8 位');
    expect(messages(newPassword.safeParse('abcdefgh'))).toContain('新密码需同时包含字母和数字');
    for (const common of ['hy123456', 'HY123456', 'abc12345', 'Password1', 'qwer1234', '1qaz2wsx', 'admin123']) {
      expect(messages(newPassword.safeParse(common))).toEqual(['这个密码太常见，容易被猜中，请换一个']);
    }
    expect(messages(changePasswordInput.safeParse({ oldPassword: 'hy123456', newPassword: 'hy123456' }))).toEqual([
      '这个密码太常见，容易被猜中，请换一个',
    ]);
  });

  it('refuses a password that contains the login phone', () => {
    expect(passwordPhoneIssue('a13800000001', '13800000001')).toBe('密码不能包含手机号');
    expect(passwordPhoneIssue('qy-7Kd92', '13800000001')).toBeNull();
    const admin = { name: '周宏沅', phone: '13700000001', password: 'x13700000001' };
    expect(firstAdminInput.safeParse(admin).error?.issues).toEqual([
      expect.objectContaining({ path: ['password'], message: '密码不能包含手机号' }),
    ]);
    expect(setupInput.safeParse({ ...admin, token: 't' }).error?.issues[0].path).toEqual(['password']);
    expect(setupInput.safeParse({ ...admin, password: 'qy-7Kd92', token: 't' }).success).toBe(true);
    expect(messages(setupInput.safeParse({ ...admin, password: 'qy-7Kd92', token: '' }))).toEqual(['请填写初始化口令']);
  });
});

describe('customer export', () => {
  it('is for the desk (客服) and the admin only', () => {
    expect(can(['service'], 'customer.export')).toBe(true);
    expect(can(['admin'], 'customer.export')).toBe(true);
    for (const role of ['supervisor', 'technician', 'keeper', 'followup'] as const) expect(can([role], 'customer.export')).toBe(false);
  });
});
