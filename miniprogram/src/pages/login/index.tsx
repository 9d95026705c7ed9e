import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Input } from '@nutui/nutui-react-taro';
import { loginInput, type Me } from '@hongyuan/shared';
import { CLIENT, DESK_PAGE, HOME_PAGE, errorMessage, getSession, login } from '../../api/request';
import { hasDeskRole } from '../../session/role';
import './index.scss';

/** Where a person lands after logging in: the PC desk on a wide H5 screen, else the mobile home. */
export function landingPage(me: Pick<Me, 'roles'>): string {
  if (CLIENT === 'h5' && hasDeskRole(me) && typeof window !== 'undefined' && window.innerWidth >= 1024) return DESK_PAGE;
  return HOME_PAGE;
}

export default function LoginPage() {
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [submitting, setSubmitting] = useState(false);

  // Already logged in (e.g. opened the login URL again): go straight on.
  useEffect(() => {
    const s = getSession();
    if (s) void Taro.redirectTo({ url: landingPage(s.employee) });
  }, []);

  const submit = async () => {
    if (submitting) return;
    const parsed = loginInput.safeParse({ phone: phone.trim(), password, client: CLIENT });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请检查手机号和密码');
      return;
    }
    setError('');
    setSubmitting(true);
    try {
      const result = await login(parsed.data.phone, parsed.data.password);
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
      </View>

      <View className="hy-login__form">
        <View className="hy-login__field">
          <Text className="hy-login__label">手机号</Text>
          <Input
            name="phone"
            type="number"
            placeholder="请输入手机号"
            maxLength={11}
            clearable
            value={phone}
            onChange={(v) => {
              setPhone(v);
              if (error) setError('');
            }}
          />
        </View>
        <View className="hy-login__field">
          <Text className="hy-login__label">密码</Text>
          <Input
            name="password"
            type="password"
            placeholder="请输入密码"
            maxLength={100}
            value={password}
            confirmType="go"
            onChange={(v) => {
              setPassword(v);
              if (error) setError('');
            }}
          />
        </View>

        <View className="hy-login__error" data-testid="login-error">
          {error ? <Text className="hy-error">{error}</Text> : null}
        </View>

        <Button block type="primary" size="large" loading={submitting} disabled={submitting} onClick={submit}>
          {submitting ? '正在登录…' : '登录'}
        </Button>
        <View className="hy-login__hint">忘记密码请联系管理员重置</View>
      </View>
    </View>
  );
}
