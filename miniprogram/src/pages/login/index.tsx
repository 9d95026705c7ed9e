import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { loginInput, type Me } from '@hongyuan/shared';
import { CLIENT, errorMessage, getSession, login } from '../../api/request';
import { landingPage } from '../../session/landing';
import { bindWechat, WECHAT_LOGIN } from '../../session/wechat';
import { LoginField } from './LoginField';
import { SetupAdminForm, useSetupPending } from './SetupAdmin';
import { useWechatStart, WechatCodeForm } from './WechatBind';
import './index.scss';
import './login-pc.scss';

export default function LoginPage() {
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const clearError = () => error && setError('');
  const enter = useCallback((me: Pick<Me, 'roles' | 'mustChangePassword'>) => void Taro.redirectTo({ url: landingPage(me) }), []);
  // weapp: WeChat logs a bound employee in on open; an unbound WeChat binds (code, or password once).
  const wechat = useWechatStart(enter);
  const [usePassword, setUsePassword] = useState(false);
  const [loginOnly, setLoginOnly] = useState(false);
  const binding = wechat.phase === 'unbound' && !loginOnly;
  // An installation without any administrator yet: the first one is created here (首次使用).
  const setupPending = useSetupPending();

  // Already logged in (e.g. opened the login URL again): go straight on.
  useEffect(() => {
    const s = getSession();
    if (s) void Taro.redirectTo({ url: landingPage(s.employee) });
  }, []);

  const submit = async () => {
    if (submitting) return;
    if (!phone.trim()) {
      setError('请输入手机号');
      return;
    }
    const parsed = loginInput.safeParse({ phone: phone.trim(), password, client: CLIENT });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请检查手机号和密码');
      return;
    }
    setError('');
    setSubmitting(true);
    try {
      const { phone: p, password: pw } = parsed.data;
      const result = binding ? await bindWechat({ ticket: wechat.ticket, phone: p, password: pw }) : await login(p, pw);
      await Taro.redirectTo({ url: landingPage(result.employee) });
    } catch (e) {
      setError(errorMessage(e, '登录失败，请稍后重试'));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="hy-page hy-login">
      <View className="hy-login__brand">
        <View className="hy-login__logo">宏沅</View>
        <Text className="hy-login__title">宏沅汽车售后服务</Text>
        <Text className="hy-login__subtitle">庆元县宏沅汽车服务有限公司 · 员工登录</Text>
        {/* Shown on a PC screen only (login-pc.scss): what the desk is for. */}
        <View className="hy-login__pc-intro" data-testid="login-pc-intro">
          <View>客服建单与回访 · 派工与结算 · 配件领用与库存</View>
          <View>电脑登录进入工作台，手机登录进入移动端</View>
        </View>
      </View>

      {setupPending ? (
        <SetupAdminForm enter={enter} />
      ) : wechat.phase === 'checking' ? (
        <View className="hy-login__form hy-login__checking">正在通过微信登录…</View>
      ) : wechat.phase === 'unbound' && !usePassword ? (
        <WechatCodeForm wechat={wechat} enter={enter} onUsePassword={() => setUsePassword(true)} />
      ) : (
        <View className="hy-login__form">
          {binding ? <View className="hy-login__wechat-hint">用本人手机号和密码绑定此微信（每个账号仅可用密码绑定一次）</View> : null}
          <LoginField
            label="手机号"
            input={{ name: 'phone', type: 'number', placeholder: '请输入手机号', maxLength: 11, clearable: true }}
            value={phone}
            onValue={setPhone}
            clearError={clearError}
          />
          <LoginField
            label="密码"
            input={{ name: 'password', type: 'password', placeholder: '请输入密码', maxLength: 100, confirmType: 'go' }}
            value={password}
            onValue={setPassword}
            clearError={clearError}
          />

          <View className="hy-login__error" data-testid="login-error">
            {error || wechat.error ? <Text className="hy-error">{error || wechat.error}</Text> : null}
          </View>

          <Button block type="primary" size="large" loading={submitting} disabled={submitting} onClick={submit}>
            {submitting ? '正在登录…' : binding ? '绑定并登录' : '登录'}
          </Button>
          <View className="hy-login__hint">忘记密码请联系管理员重置</View>
          {WECHAT_LOGIN && wechat.phase === 'unbound' ? (
            <View className="hy-login__links">
              <View className="hy-login__switch" onClick={() => setUsePassword(false)}>
                用绑定码绑定
              </View>
              <View className="hy-login__switch hy-login__login-only" onClick={() => setLoginOnly(!loginOnly)}>
                {loginOnly ? '登录并绑定此微信' : '不绑定，仅本次登录'}
              </View>
            </View>
          ) : null}
          {WECHAT_LOGIN && (wechat.phase === 'failed' || wechat.phase === 'off') ? (
            <View className="hy-login__switch hy-login__wechat-retry" onClick={wechat.retry}>
              {wechat.phase === 'failed' ? '重新用微信登录' : '用微信登录'}
            </View>
          ) : null}
        </View>
      )}
    </View>
  );
}
