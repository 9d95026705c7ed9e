import { z } from '../zod-zh';
import { ROLES } from '../roles';
import { mobilePhone, text } from './fields';

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

/** At least 8 characters with a letter and a digit. */
export const newPassword = z
  .string({ required_error: '请填写新密码' })
  .min(8, '新密码至少 8 位')
  .max(64, '新密码最多 64 位')
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), '新密码需同时包含字母和数字');

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
