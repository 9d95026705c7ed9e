import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import QtyStepper, { type QtyStepperProps } from '../components/QtyStepper';
import { specOf } from './format';

/** What a part line shows of its part. */
export interface LinePart {
  partName: string;
  partCode: string;
  partModel: string;
  partSpec: string;
}

/**
 * The top of a part line (.hy-line, in stock.scss): the part's name with something on the right
 * (its quantity, 删除 ...), then its code and spec. Used by the stock forms and the 用料 sheet.
 */
export function PartLineHead({ part, aside, nameClassName }: { part: LinePart; aside: ReactNode; nameClassName?: string }) {
  return (
    <>
      <View className="hy-line__head">
        <Text className={nameClassName ? `hy-line__name ${nameClassName}` : 'hy-line__name'}>{part.partName}</Text>
        {aside}
      </View>
      <View className="hy-line__meta">
        <Text className="hy-code">{part.partCode}</Text>
        <Text>{specOf(part)}</Text>
      </View>
    </>
  );
}

/** A part line's quantity row: what the number is (a label or today's stock), and its stepper. */
export function QtyRow({ label, ...stepper }: QtyStepperProps & { label: ReactNode }) {
  return (
    <View className="hy-line__edit">
      {label}
      <QtyStepper {...stepper} />
    </View>
  );
}
