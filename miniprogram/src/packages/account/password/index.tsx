import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input } from '@nutui/nutui-react-taro';
import { changePasswordInput, passwordPhoneIssue } from '@hongyuan/shared';
import { LOGIN_PAGE, api, errorMessage, fetchMe, fieldErrors, getEmployee, logout } from '../../../api/request';
import { landingPage } from '../../../session/landing';
import './index.scss';

type Field = 'oldPassword' | 'newPassword' | 'confirm';

/**
 * 修改密码, from 我的; or required (?required=1, or the server said PASSWORD_CHANGE_REQUIRED): the
 * password is one someone else knows (the demo's), nothing else opens until he sets his own, and
 * then he goes on to where a login lands.
 */
export default function ChangePasswordPage() {
  const required = useRouter().params.required === '1' || !!getEmployee()?.mustChangePassword;
  const [values, setValues] = useState<Record<Field, string>>({ oldPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);

  const set = (f: Field) => (v: string) => {
    setValues((prev) => ({ ...prev, [f]: v }));
    setErrors((prev) => ({ ...prev, [f]: undefined }));
    setFormError('');
  };

  const submit = async () => {
    if (submitting) return;
    const next: Partial<Record<Field, string>> = {};
    const parsed = changePasswordInput.safeParse({ oldPassword: values.oldPassword, newPassword: values.newPassword });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const f = String(issue.path[0]) as Field;
        if (!next[f]) next[f] = issue.message;
      }
    }
    const phone = getEmployee()?.phone ?? '';
    const phoneIssue = values.newPassword ? passwordPhoneIssue(values.newPassword, phone) : null;
    if (phoneIssue && !next.newPassword) next.newPassword = phoneIssue;
    if (!values.confirm) next.confirm = '请再次输入新密码';
    else if (values.confirm !== values.newPassword) next.confirm = '两次输入的新密码不一致';
    else if (values.newPassword === values.oldPassword && values.oldPassword) next.newPassword = '新密码不能与原密码相同';
    setErrors(next);
    if (Object.keys(next).length > 0) return;

    setSubmitting(true);
    try {
      await api.post('/auth/password', { oldPassword: values.oldPassword, newPassword: values.newPassword });
      await Taro.showToast({ title: '密码已修改', icon: 'success', duration: 1500 });
      if (required) {
        const me = await fetchMe();
        await Taro.reLaunch({ url: landingPage(me) });
      } else setTimeout(() => Taro.navigateBack().catch(() => undefined), 1500);
    } catch (e) {
      const byField = fieldErrors(e);
      setErrors({ oldPassword: byField.oldPassword, newPassword: byField.newPassword });
      if (!byField.oldPassword && !byField.newPassword) setFormError(errorMessage(e, '修改失败，请稍后重试'));
    } finally {
      setSubmitting(false);
    }
  };

  const field = (f: Field, label: string, placeholder: string) => (
    <View className="hy-pwd__field">
      <Text className="hy-pwd__label">{label}</Text>
      <Input name={f} type="password" placeholder={placeholder} maxLength={64} value={values[f]} onChange={set(f)} />
      {errors[f] ? <Text className="hy-error">{errors[f]}</Text> : null}
    </View>
  );

  const leave = async () => {
    await logout();
    await Taro.reLaunch({ url: LOGIN_PAGE });
  };

  return (
    <View className="hy-page hy-pwd">
      {required ? (
        <View className="hy-pwd__notice" data-testid="password-required">
          首次登录请先修改密码：当前密码是初始密码，他人也知道。设置您自己的密码后才能继续使用。
        </View>
      ) : null}
      <View className="hy-pwd__form">
        {field('oldPassword', '原密码', '请输入当前密码')}
        {field('newPassword', '新密码', '至少 8 位，包含字母和数字')}
        {field('confirm', '确认新密码', '请再次输入新密码')}
        {formError ? (
          <View className="hy-pwd__form-error">
            <Text className="hy-error">{formError}</Text>
          </View>
        ) : null}
      </View>
      <View className="hy-pwd__actions">
        <Button block type="primary" size="large" loading={submitting} disabled={submitting} onClick={submit}>
          确认修改
        </Button>
        {required ? (
          <View className="hy-pwd__logout" onClick={leave}>
            退出登录
          </View>
        ) : null}
      </View>
    </View>
  );
}
