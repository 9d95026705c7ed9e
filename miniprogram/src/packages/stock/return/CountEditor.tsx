import { Text, View } from '@tarojs/components';
import { PROBLEM_REASONS, type ReturnLineView } from '@hongyuan/shared';
import type { ReturnCount } from '../../../api/stock';
import QtyStepper from '../../../components/QtyStepper';

/**
 * The keeper's count of one returned line: what is back on the shelf, and what is damaged or
 * missing (written off with the reason). Together they cannot exceed what the employee held.
 */
export default function CountEditor({
  line,
  value,
  onChange,
}: {
  line: ReturnLineView;
  value: ReturnCount;
  onChange: (c: ReturnCount) => void;
}) {
  const held = line.heldQty;
  const kept = held - value.qty - value.problemQty;
  return (
    <View className="hy-count-editor">
      <View className="hy-line__edit">
        <Text>实收数量</Text>
        <QtyStepper
          name={`qty-${line.id}`}
          value={value.qty}
          min={0}
          max={held - value.problemQty}
          onChange={(qty) => onChange({ ...value, qty })}
        />
      </View>
      <View className="hy-line__edit">
        <Text>损坏/丢失</Text>
        <QtyStepper
          name={`problem-${line.id}`}
          value={value.problemQty}
          min={0}
          max={held}
          onChange={(problemQty) =>
            onChange({
              ...value,
              problemQty,
              qty: Math.min(value.qty, held - problemQty),
              problemReason: problemQty > 0 ? value.problemReason : '',
            })
          }
        />
      </View>
      {value.problemQty > 0 ? (
        <View className="hy-chips hy-count-editor__reasons">
          {PROBLEM_REASONS.map((reason) => (
            <Text
              key={reason}
              className={`hy-chip${value.problemReason === reason ? ' hy-chip--on' : ''}`}
              onClick={() => onChange({ ...value, problemReason: reason })}
            >
              {reason}
            </Text>
          ))}
        </View>
      ) : null}
      {kept > 0 ? (
        <Text className="hy-form__hint">
          另有 {kept} {line.unit} 仍记在员工名下
        </Text>
      ) : null}
    </View>
  );
}
