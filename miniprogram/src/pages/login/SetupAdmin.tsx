import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { setupInput, type Me, type SetupStatus } from '@hongyuan/shared';
import { api, errorMessage, fieldErrors, login } from '../../api/request';
import { LoginField } from './LoginField';

/** Whether the server waits for its first administrator (GET /setup/status); false until it says so, or if it cannot. */
export function useSetupPending(): boolean {
  const [pending, setPending] = useState(false);
  useEffect(() => {
    let alive = true;
    api
      .get<SetupStatus>('/setup/status', undefined, { authRedirect: false })
      .then((s) => alive && setPending(s.pending))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  return pending;
}

type Field = 'token' | 'name' | 'phone' | 'password' | 'confirm';

const FIELDS: { key: Field; label: string; type: 'text' | 'number' | 'password'; placeholder: string; maxLength: number }[] = [
  { key: 'token', label: '初始化口令', type: 'text', placeholder: '服务器启动时打印的口令', maxLength: 200 },
  { key: 'name', label: '管理员姓名', type: 'text', placeholder: '请输入姓名', maxLength: 30 },
  { key: 'phone', label: '手机号（登录账号）', type: 'number', placeholder: '请输入手机号', maxLength: 11 },
  { key: 'password', label: '密码', type: 'password', placeholder: '至少 8 位，包含字母和数字', maxLength: 64 },
  { key: 'confirm', label: '确认密码', type: 'password', placeholder: '请再次输入密码', maxLength: 64 },
];

/**
 * 首次使用：创建管理员. The installation has no administrator (no demo data): whoever started the
 * server has the one-time setup token it printed; with it the first administrator is created,
 * then logged in.
 */
export function SetupAdminForm({ enter }: { enter: (me: Me) => void }) {
  const [values, setValues] = useState<Record<Field, string>>({ token: '', name: '', phone: '', password: '', confirm: '' });
  const [error, setError] = useState('');
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    if (submitting) return;
    const input = { token: values.token.trim(), name: values.name.trim(), phone: values.phone.trim(), password: values.password };
    const parsed = setupInput.safeParse(input);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请检查填写的内容');
    if (values.confirm !== values.password) return setError('两次输入的密码不一致');
    setError('');
    setSubmitting(true);
    try {
      await api.post('/setup', parsed.data, { authRedirect: false });
      enter((await login(parsed.data.phone, parsed.data.password)).employee);
    } catch (e) {
      setError(Object.values(fieldErrors(e))[0] ?? errorMessage(e, '创建失败，请稍后重试'));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="hy-login__form" data-testid="setup-form">
      <View className="hy-login__setup-title">首次使用：创建管理员</View>
      <View className="hy-login__hint hy-login__setup-hint">
        系统中还没有管理员。请填写服务器启动时打印的一次性初始化口令（也保存在数据目录的 setup-token 文件中）。
      </View>
      {FIELDS.map((f) => (
        <LoginField
          key={f.key}
          label={f.label}
          input={{ name: `setup-${f.key}`, type: f.type, placeholder: f.placeholder, maxLength: f.maxLength }}
          value={values[f.key]}
          onValue={(v) => setValues((prev) => ({ ...prev, [f.key]: v }))}
          clearError={() => error && setError('')}
        />
      ))}
      <View className="hy-login__error" data-testid="setup-error">
        {error ? <Text className="hy-error">{error}</Text> : null}
      </View>
      <Button block type="primary" size="large" loading={submitting} disabled={submitting} onClick={submit}>
        {submitting ? '正在创建…' : '创建管理员并登录'}
      </Button>
    </View>
  );
}
