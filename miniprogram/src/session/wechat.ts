/**
 * WeChat login on the mini-program (weapp build only): wx.login's one-time code goes to the
 * server, which logs a bound WeChat straight in or answers a ticket to bind with.
 */
import Taro from '@tarojs/taro';
import { bindingCodeOf, type LoginResult, type WechatBindInput, type WechatLoginResult } from '@hongyuan/shared';
import { api, ApiError, CLIENT, setSession, wasLoggedOut } from '../api/request';

/** Whether this build logs in through WeChat at all (H5 keeps phone + password only). */
export const WECHAT_LOGIN = CLIENT === 'weapp';

/** Whether the login page should try WeChat by itself (not right after the person logged out). */
export function shouldTryWechat(): boolean {
  return WECHAT_LOGIN && !wasLoggedOut();
}

function keep(result: LoginResult): void {
  setSession({ employee: result.employee, token: result.token, csrfToken: result.csrfToken, expiresAt: result.expiresAt });
}

/** Taro.login → POST /auth/wechat. A bound WeChat's session is stored; an unbound one gets its ticket. */
export async function loginWithWechat(): Promise<WechatLoginResult> {
  let code: string;
  try {
    code = (await Taro.login()).code;
  } catch {
    throw new ApiError(0, 'NETWORK', '微信登录失败，请检查网络后重试');
  }
  const result = await api.post<WechatLoginResult>('/auth/wechat', { code }, { authRedirect: false });
  if (result.bound) keep(result);
  return result;
}

/** POST /auth/wechat/bind with a binding code or the person's phone and password; stores the session. */
export async function bindWechat(input: Omit<WechatBindInput, 'bindingCode'> & { bindingCode?: string }): Promise<LoginResult> {
  const result = await api.post<LoginResult>('/auth/wechat/bind', input, { authRedirect: false });
  keep(result);
  return result;
}

/**
 * Scans the QR the desk shows (Taro.scanCode) and answers its binding code; null when the person
 * cancelled. Throws a Chinese message when the QR is not a binding code.
 */
export async function scanBindingCode(): Promise<string | null> {
  let text: string;
  try {
    text = (await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })).result;
  } catch {
    return null;
  }
  const code = bindingCodeOf(text ?? '');
  if (code === null) throw new Error('这不是绑定码二维码，请扫描管理员在工作台生成的二维码');
  return code;
}
