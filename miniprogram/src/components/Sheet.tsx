import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './Sheet.scss';

export interface SheetProps {
  visible: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** buttons pinned under the content */
  footer?: ReactNode;
}

/**
 * A panel that slides over the bottom of the page (the reject reason, sign-for disputes, a
 * count entry, the manual barcode input). Drawn with plain views so it behaves the same in
 * the mini-program, on H5 and in tests.
 */
export default function Sheet({ visible, title, onClose, children, footer }: SheetProps) {
  if (!visible) return null;
  return (
    <View className="hy-sheet" data-testid="sheet">
      <View className="hy-sheet__mask" onClick={onClose} />
      <View className="hy-sheet__panel" catchMove>
        <View className="hy-sheet__head">
          <Text className="hy-sheet__title">{title}</Text>
          <Text className="hy-sheet__close" onClick={onClose}>
            关闭
          </Text>
        </View>
        <View className="hy-sheet__body">{children}</View>
        {footer ? <View className="hy-sheet__foot">{footer}</View> : null}
      </View>
    </View>
  );
}
