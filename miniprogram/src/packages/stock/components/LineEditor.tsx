import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { PartLineHead, QtyRow, type LinePart } from '../../../stock/PartLine';

/** A part line being edited on a form: the part and the quantity asked for. */
export interface EditorLine extends LinePart {
  partId: number;
  qty: number;
}

export interface LineEditorProps<L extends EditorLine> {
  /** the section title, with the totals (种数, 件数) */
  title: string;
  /** a hint at the right of the title */
  hint?: string;
  lines: L[];
  /** class and data-testid of each line (the tests and styles find lines by them) */
  lineClass: string;
  testId: string;
  /** right of the part's name: 删除, what he holds ... */
  aside: (l: L, i: number) => ReactNode;
  /** left of the stepper: what the quantity is */
  qtyLabel: (l: L) => ReactNode;
  /** the stepper's bounds */
  min: (l: L) => number;
  max: (l: L) => number;
  onQty: (i: number, qty: number) => void;
  /** under the quantity: hints, the 配件问题 part ... */
  extra?: (l: L, i: number) => ReactNode;
  /** the line's messages from the check before sending or from the server ('' for none) */
  lineErrors: (i: number) => string[];
  /** the message about the lines as a whole (none added ...) */
  error?: string;
  /** under the lines: the 添加配件 button */
  footer?: ReactNode;
}

/**
 * The part lines of a stock form (新建领用, 退还): each part with its code and spec, a quantity
 * stepper and what else the form needs on the line, under a title with the totals.
 */
export default function LineEditor<L extends EditorLine>(props: LineEditorProps<L>) {
  const { lines, lineClass, testId, aside, qtyLabel, min, max, onQty, extra, lineErrors } = props;
  return (
    <>
      <View className="hy-section-title">
        <Text>{props.title}</Text>
        {props.hint ? <Text>{props.hint}</Text> : null}
      </View>
      <View className="hy-form">
        {lines.map((l, i) => (
          <View key={l.partId} className={`hy-line ${lineClass}`} data-testid={testId}>
            <PartLineHead part={l} aside={aside(l, i)} />
            <QtyRow label={qtyLabel(l)} name={`qty-${l.partId}`} value={l.qty} min={min(l)} max={max(l)} onChange={(q) => onQty(i, q)} />
            {extra?.(l, i)}
            {lineErrors(i)
              .filter(Boolean)
              .map((e, k) => (
                <Text key={k} className="hy-error">
                  {e}
                </Text>
              ))}
          </View>
        ))}
        {props.footer}
        {props.error ? <Text className="hy-error">{props.error}</Text> : null}
      </View>
    </>
  );
}
