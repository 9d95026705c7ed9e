import { z } from '../zod-zh';
import { ROLES } from '../roles';
import { mobilePhone, optionalText, pageQuery, text } from './fields';
import { fieldLabel } from '../field-labels';

export const CLIENTS = ['h5', 'weapp'] as const;

export const loginInput = z
  .object({
    phone: mobilePhone('手机号'),
    password: z.string({ required_error: '请填写密码' }).min(1, '请填写密码').max(100, '密码过长'),
    /** h5: HttpOnly cookie session + CSRF token; weapp: bearer token. */
    client: z.enum(CLIENTS).default('h5'),
  })
  .strict();
export type LoginInput = z.infer<typeof loginInput>;

/**
 * Passwords anyone tries first (compared without case): what the letter-and-digit rule lets
 * through, and the demo accounts' published password, which stays theirs in demo mode but is
 * never chosen again.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  'hy123456',
  'hy888888',
  'hy666666',
  'hongyuan1',
  'hongyuan123',
  'a1234567',
  'a12345678',
  'a123456789',
  'aa123456',
  'aa112233',
  'abc12345',
  'abc123456',
  'abcd1234',
  'abc123abc',
  'a1b2c3d4',
  'asd12345',
  'zxc12345',
  'qwe12345',
  'qwer1234',
  'qwerty123',
  'qwerty12',
  '1qaz2wsx',
  '1q2w3e4r',
  'q1w2e3r4',
  '123456abc',
  '12345678a',
  '123456789a',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'admin123',
  'admin1234',
  'admin888',
  'admin123456',
  'test1234',
  'root1234',
  'woaini1314',
  'iloveyou1',
  '12345678',
  '123456789',
  '87654321',
  '11111111',
  '88888888',
  '66666666',
  'password',
  'qwertyui',
]);

/**
 * At least 8 characters with a letter and a digit, and not one of the first guesses; the
 * messages name the field as the form does (新密码, or 初始密码 for one an admin sets).
 */
export const passwordRule = (label: string) =>
  z
    .string({ required_error: `请填写${label}` })
    .min(8, `${label}至少 8 位`)
    .max(64, `${label}最多 64 位`)
    .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), `${label}需同时包含字母和数字`)
    .refine((v) => !COMMON_PASSWORDS.has(v.toLowerCase()), '这个密码太常见，容易被猜中，请换一个')
    .describe(fieldLabel(label));

export const newPassword = passwordRule('新密码');

/** The rule that needs the account: a password may not contain its login phone. Null when it is fine. */
export function passwordPhoneIssue(password: string, phone: string): string | null {
  return phone && password.includes(phone) ? '密码不能包含手机号' : null;
}

export const changePasswordInput = z
  .object({
    oldPassword: z.string({ required_error: '请填写原密码' }).min(1, '请填写原密码').max(100),
    newPassword,
  })
  .strict();
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

export const roleEnum = z.enum(ROLES, { errorMap: () => ({ message: '角色无效' }) });

export interface Me {
  id: number;
  name: string;
  phone: string;
  departmentId: number | null;
  departmentName: string | null;
  roles: (typeof ROLES)[number][];
  /**
   * The password was set by someone else (the demo data): every route but 我的、退出登录 and
   * 修改密码 answers PASSWORD_CHANGE_REQUIRED until he sets his own. Never true in demo mode.
   */
  mustChangePassword?: boolean;
}

export interface LoginResult {
  employee: Me;
  /** weapp only: send as "Authorization: Bearer <token>". */
  token?: string;
  /** h5 only: send as header "X-CSRF-Token" on every write. */
  csrfToken?: string;
  expiresAt: string;
}

export const nameField = (label: string) => text(label, 50);

const adminAccount = {
  name: text('姓名', 30),
  phone: mobilePhone('手机号'),
  password: newPassword,
};

function passwordWithoutPhone(v: { phone: string; password: string }, ctx: z.RefinementCtx) {
  const issue = passwordPhoneIssue(v.password, v.phone);
  if (issue) ctx.addIssue({ code: 'custom', path: ['password'], message: issue });
}

/** The first administrator, as `npm run create-admin -w server` takes him. */
export const firstAdminInput = z.object(adminAccount).strict().superRefine(passwordWithoutPhone);
export type FirstAdminInput = z.infer<typeof firstAdminInput>;

/** The first administrator of an empty installation (首次使用), with the setup token the server printed. */
export const setupInput = z
  .object({
    token: z.string({ required_error: '请填写初始化口令' }).trim().min(1, '请填写初始化口令').max(200, '初始化口令不正确'),
    ...adminAccount,
  })
  .strict()
  .superRefine(passwordWithoutPhone);
export type SetupInput = z.infer<typeof setupInput>;

/** GET /api/setup/status: pending while the database has no administrator and a setup token is out. */
export interface SetupStatus {
  pending: boolean;
}

/** 安全事件: failed logins and refused requests, one row per kind, person, address and route per minute. */
export const SECURITY_EVENT_KINDS = ['login_failed', 'login_limited', 'forbidden'] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];
export const SECURITY_EVENT_KIND_LABELS: Record<SecurityEventKind, string> = {
  login_failed: '登录失败',
  login_limited: '登录被限制',
  forbidden: '越权请求被拒绝',
};

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .optional();

/** keyword: a phone or a name; from/to: Shanghai days, both included. */
export const securityEventQuery = z
  .object({
    ...pageQuery,
    kind: z.enum(SECURITY_EVENT_KINDS, { errorMap: () => ({ message: '事件类型无效' }) }).optional(),
    ip: optionalText('IP 地址', 64),
    from: day,
    to: day,
  })
  .strict();
export type SecurityEventQuery = z.infer<typeof securityEventQuery>;

export interface SecurityEventView {
  id: number;
  kind: SecurityEventKind;
  employeeId: number | null;
  employeeName: string;
  phone: string;
  ip: string;
  /** "POST /api/employees" for a refused request; '' for a login */
  route: string;
  reason: string;
  /** how many times within that minute */
  count: number;
  firstAt: string;
  lastAt: string;
}
