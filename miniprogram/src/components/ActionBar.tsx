import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './ActionBar.scss';

/**
 * The bar pinned to the bottom of a document page or form: the last action's error above its
 * buttons (the page itself takes `hy-with-actions` so that nothing hides under the bar).
 */
export default function ActionBar({ error, children }: { error: string; children?: ReactNode }) {
  return (
    <View className="hy-actions hy-actions--stack">
      {error ? <Text className="hy-error hy-action-error">{error}</Text> : null}
      {children ? <View className="hy-actions__row">{children}</View> : null}
    </View>
  );
}
