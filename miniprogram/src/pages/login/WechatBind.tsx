import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { bindingCodeOf, type Me } from '@hongyuan/shared';
import { errorMessage, getSession, isApiError } from '../../api/request';
import { bindWechat, loginWithWechat, scanBindingCode, shouldTryWechat } from '../../session/wechat';
import { LoginField } from './LoginField';

export type WechatPhase = 'off' | 'checking' | 'unbound' | 'failed';

/** The WeChat side of the login page: the silent login on start, and the ticket of an unbound WeChat. */
export interface WechatStart {
  phase: WechatPhase;
  ticket: string;
  /** why the WeChat login failed (shown above the password form) */
  error: string;
  /** runs Taro.login → /auth/wechat again (a new ticket) */
  retry(): void;
}

/**
 * On the weapp login page: Taro.login → /auth/wechat once on open; a bound WeChat goes straight on
 * (`enter`), an unbound one keeps its ticket for binding. H5 (and after logging out) does nothing.
 */
export function useWechatStart(enter: (me: Me) => void): WechatStart {
  const [phase, setPhase] = useState<WechatPhase>(() => (shouldTryWechat() && !getSession() ? 'checking' : 'off'));
  const [ticket, setTicket] = useState('');
  const [error, setError] = useState('');

  const run = useCallback(async () => {
    setPhase('checking');
    setError('');
    try {
      const result = await loginWithWechat();
      if (result.bound) return enter(result.employee);
      setTicket(result.ticket);
      setPhase('unbound');
    } catch (e) {
      setError(errorMessage(e, '微信登录失败，请用手机号和密码登录'));
      setPhase('failed');
    }
  }, [enter]);

  useEffect(() => {
    if (phase === 'checking') void run();
    // Once, on open: later attempts are the person's taps (retry).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { phase, ticket, error, retry: () => void run() };
}

interface CodeFormProps {
  wechat: WechatStart;
  enter: (me: Me) => void;
  /** 用密码绑定: the phone + password form, binding this WeChat */
  onUsePassword(): void;
}

/** 绑定码: the 8 digits the admin issued on the desk, typed or scanned from its QR. */
export function WechatCodeForm({ wechat, enter, onUsePassword }: CodeFormProps) {
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [submitting, setSubmitting] = useState(false);

  const submit = async (raw = code) => {
    if (submitting) return;
    const bindingCode = bindingCodeOf(raw);
    if (bindingCode === null) return setError('绑定码应为 8 位数字');
    setError('');
    setSubmitting(true);
    try {
      enter((await bindWechat({ ticket: wechat.ticket, bindingCode })).employee);
    } catch (e) {
      setError(errorMessage(e, '绑定失败，请稍后重试'));
      // The ticket ran out (10 minutes): fetch a new one, the person just tries again.
      if (isApiError(e) && e.code === 'BAD_REQUEST') wechat.retry();
    } finally {
      setSubmitting(false);
    }
  };

  const scan = async () => {
    try {
      const scanned = await scanBindingCode();
      if (scanned === null) return;
      setCode(scanned);
      await submit(scanned);
    } catch (e) {
      setError(e instanceof Error ? e.message : '扫码失败，请手动输入绑定码');
    }
  };

  return (
    <View className="hy-login__form hy-login__wechat" data-testid="wechat-bind">
      <View className="hy-login__wechat-title">首次使用，请绑定微信</View>
      <View className="hy-login__wechat-hint">请管理员在工作台「员工」中为你生成绑定码，输入或扫码即可，绑定后打开小程序自动登录。</View>
      <LoginField
        label="绑定码"
        input={{ name: 'bindingCode', type: 'number', placeholder: '请输入 8 位绑定码', maxLength: 8, clearable: true }}
        value={code}
        onValue={setCode}
        clearError={() => error && setError('')}
      />
      <View className="hy-login__error" data-testid="wechat-bind-error">
        {error ? <Text className="hy-error">{error}</Text> : null}
      </View>
      <Button block type="primary" size="large" loading={submitting} disabled={submitting} onClick={() => void submit()}>
        {submitting ? '正在绑定…' : '绑定并登录'}
      </Button>
      <Button className="hy-login__scan" block fill="outline" type="primary" size="large" disabled={submitting} onClick={() => void scan()}>
        扫码绑定
      </Button>
      <View className="hy-login__switch hy-login__use-password" onClick={onUsePassword}>
        没有绑定码？用密码绑定
      </View>
    </View>
  );
}
