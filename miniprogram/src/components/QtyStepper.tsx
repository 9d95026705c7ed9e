import { useEffect, useState } from 'react';
import { Input, View } from '@tarojs/components';
import './QtyStepper.scss';

export interface QtyStepperProps {
  value: number;
  min?: number;
  /** the most that may be entered (today's available, what he holds ...) */
  max: number;
  onChange: (value: number) => void;
  name?: string;
  disabled?: boolean;
}

/** − [n] +, whole numbers only, kept within min..max. */
export default function QtyStepper({ value, min = 0, max, onChange, name, disabled }: QtyStepperProps) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);

  const clamp = (n: number) => Math.max(min, Math.min(max, n));
  const commit = (raw: string) => {
    const n = Number.parseInt(raw, 10);
    const next = Number.isFinite(n) ? clamp(n) : clamp(min);
    setText(String(next));
    if (next !== value) onChange(next);
  };

  const canDown = !disabled && value > min;
  const canUp = !disabled && value < max;
  return (
    <View className={`hy-stepper${disabled ? ' hy-stepper--disabled' : ''}`}>
      <View
        className={`hy-stepper__btn hy-stepper__minus${canDown ? '' : ' hy-stepper__btn--off'}`}
        onClick={() => canDown && onChange(clamp(value - 1))}
      >
        −
      </View>
      <Input
        className="hy-stepper__input"
        name={name}
        type="number"
        disabled={disabled}
        value={text}
        onInput={(e) => {
          const raw = String(e.detail.value ?? '').replace(/\D/g, '');
          setText(raw);
          // Apply at once when it is already a valid quantity, so a tap on submit uses it.
          if (raw !== '') {
            const n = Number.parseInt(raw, 10);
            if (n >= min && n <= max && n !== value) onChange(n);
          }
        }}
        onBlur={(e) => commit(String(e.detail.value ?? text))}
      />
      <View
        className={`hy-stepper__btn hy-stepper__plus${canUp ? '' : ' hy-stepper__btn--off'}`}
        onClick={() => canUp && onChange(clamp(value + 1))}
      >
        +
      </View>
    </View>
  );
}
