import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Empty } from '@nutui/nutui-react-taro';
import { List } from '@nutui/icons-react-taro';
import './EmptyState.scss';

/** An honest "nothing here (yet)" block. The picture is drawn locally: no remote images. */
export default function EmptyState(props: { title: string; description?: string; icon?: ReactNode; action?: ReactNode }) {
  return (
    <View className="hy-empty" data-testid="empty-state">
      <Empty
        image={<View className="hy-empty__icon">{props.icon ?? <List size={36} color="#a9b4c6" />}</View>}
        title={props.title}
        description={props.description ?? ''}
      />
      {props.action ? <View className="hy-empty__action">{props.action}</View> : null}
    </View>
  );
}
