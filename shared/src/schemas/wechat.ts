import { z } from '../zod-zh';
import type { LoginResult } from './auth';
import type { EmployeeView } from './org';
import { mobilePhone } from './fields';

/** A binding code is 8 digits; the QR shown on the desk carries it after this prefix. */
export const BINDING_CODE_LENGTH = 8;
export const BINDING_QR_PREFIX = 'HONGYUAN-BIND:';

/**
 * The binding code in what the phone read or the person typed: the QR's text
 * ("HONGYUAN-BIND:12345678") or the digits alone, spaces and dashes ignored; null when there is none.
 */
export function bindingCodeOf(text: string): string | null {
  const raw = text
    .trim()
    .replace(/^HONGYUAN-BIND:/i, '')
    .replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${BINDING_CODE_LENGTH}}$`).test(raw) ? raw : null;
}

/** POST /auth/wechat: the one-time code of Taro.login (wx.login). */
export const wechatLoginInput = z
  .object({
    code: z
      .string({ required_error: '缺少微信登录凭证', invalid_type_error: '微信登录凭证应为文字' })
      .trim()
      .min(1, '缺少微信登录凭证')
      .max(128, '微信登录凭证无效'),
  })
  .strict();
export type WechatLoginInput = z.infer<typeof wechatLoginInput>;

/**
 * POST /auth/wechat/bind: the ticket of an unbound WeChat login plus either the binding code an
 * admin issued (绑定码) or the employee's own phone and password (用密码绑定), never both.
 */
export const wechatBindInput = z
  .object({
    ticket: z
      .string({ required_error: '微信登录已过期，请重新进入小程序', invalid_type_error: '微信登录凭据应为文字' })
      .min(1, '微信登录已过期，请重新进入小程序')
      .max(100, '微信登录凭据无效'),
    bindingCode: z
      .string({ invalid_type_error: '绑定码应为文字' })
      .max(40, '绑定码应为 8 位数字')
      .transform((v, ctx) => {
        const code = bindingCodeOf(v);
        if (code === null) ctx.addIssue({ code: 'custom', message: '绑定码应为 8 位数字' });
        return code ?? '';
      })
      .optional(),
    phone: mobilePhone('手机号').optional(),
    password: z.string({ invalid_type_error: '密码应为文字' }).min(1, '请填写密码').max(100, '密码过长').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const byPassword = v.phone !== undefined || v.password !== undefined;
    if (v.bindingCode !== undefined) {
      if (byPassword) ctx.addIssue({ code: 'custom', path: ['bindingCode'], message: '绑定码与密码只能选一种' });
      return;
    }
    if (v.phone === undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: '请填写绑定码，或填写手机号和密码' });
    if (v.password === undefined) ctx.addIssue({ code: 'custom', path: ['password'], message: '请填写密码' });
  });
export type WechatBindInput = z.infer<typeof wechatBindInput>;

/** An unbound WeChat login: the ticket stands for the openid (kept on the server) for a few minutes. */
export interface WechatTicket {
  bound: false;
  ticket: string;
  expiresAt: string;
}

/** What POST /auth/wechat answers: the weapp session of the bound employee, or a ticket to bind with. */
export type WechatLoginResult = (LoginResult & { bound: true }) | WechatTicket;

/** A binding code issued on the desk: shown as text and as a QR (qrText) for the phone to scan. */
export interface WechatBindingCode {
  code: string;
  expiresAt: string;
  qrText: string;
}

/** Whether an employee's WeChat is bound (never the openid or its session key). */
export interface WechatBindingStatus {
  wechatBound: boolean;
  wechatBoundAt: string | null;
}

/** An employee as the employee routes answer him: with his WeChat binding status. */
export type EmployeeWithWechat = EmployeeView & WechatBindingStatus;
