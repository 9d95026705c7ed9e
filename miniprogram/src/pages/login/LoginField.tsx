import type { ComponentProps } from 'react';
import { Text, View } from '@tarojs/components';
import { Input } from '@nutui/nutui-react-taro';

type InputProps = Omit<ComponentProps<typeof Input>, 'value' | 'onChange'>;

interface Props {
  label: string;
  /** what the NutUI Input takes besides its value (name, type, placeholder, maxLength ...) */
  input: InputProps;
  value: string;
  onValue(value: string): void;
  /** typing clears the form's error message */
  clearError(): void;
}

/** A labelled input of the login page (手机号, 密码, 绑定码). */
export function LoginField({ label, input, value, onValue, clearError }: Props) {
  return (
    <View className="hy-login__field">
      <Text className="hy-login__label">{label}</Text>
      <Input
        {...input}
        value={value}
        onChange={(v) => {
          onValue(v);
          clearError();
        }}
      />
    </View>
  );
}
