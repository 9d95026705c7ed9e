import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';

/** A failed load: its message with 重试 beside it (nothing while there is no message). */
export default function ErrorBar({ message, onRetry }: { message: string; onRetry: () => void }) {
  if (!message) return null;
  return (
    <View className="hy-error-bar">
      <Text className="hy-error">{message}</Text>
      <Button size="small" type="primary" fill="outline" onClick={() => onRetry()}>
        重试
      </Button>
    </View>
  );
}
