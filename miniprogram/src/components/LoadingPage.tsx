import { View } from '@tarojs/components';
import ErrorBar from './ErrorBar';

/** A document page before its document is there: the load's error with 重试, else what is loading. */
export default function LoadingPage({ error, onRetry, text }: { error: string; onRetry: () => void; text: string }) {
  return (
    <View className="hy-page">{error ? <ErrorBar message={error} onRetry={onRetry} /> : <View className="hy-state">{text}</View>}</View>
  );
}
