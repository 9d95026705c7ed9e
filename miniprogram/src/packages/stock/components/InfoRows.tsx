import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './components.scss';

/** Label / value rows of a document head; rows without a value are left out. */
export default function InfoRows({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <View className="hy-info">
      {rows
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([label, value]) => (
          <View key={label} className="hy-info__row">
            <Text className="hy-info__label">{label}</Text>
            <Text className="hy-info__value">{value}</Text>
          </View>
        ))}
    </View>
  );
}
