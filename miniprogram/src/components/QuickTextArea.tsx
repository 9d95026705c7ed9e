import { Text, View } from '@tarojs/components';
import { TextArea } from '@nutui/nutui-react-taro';

export interface QuickTextAreaProps {
  /** the usual texts, one tap each */
  quick: string[];
  value: string;
  onChange: (v: string) => void;
  /** class prefix of the chips (`__quick`) and the box (`__field`): hy-reject, hy-finish */
  block: string;
  placeholder: string;
  maxLength: number;
  /** the text area's name and class (the tests type into it by them) */
  name?: string;
  inputClassName?: string;
}

/** A required text in a sheet (否决原因, 处理结果): the usual ones as chips, or typed. */
export default function QuickTextArea({ quick, value, onChange, block, placeholder, maxLength, name, inputClassName }: QuickTextAreaProps) {
  return (
    <>
      <View className={`hy-chips ${block}__quick`}>
        {quick.map((q) => (
          <Text key={q} className={`hy-chip${value === q ? ' hy-chip--on' : ''}`} onClick={() => onChange(q)}>
            {q}
          </Text>
        ))}
      </View>
      <View className={`${block}__field`}>
        <TextArea
          className={inputClassName}
          name={name}
          placeholder={placeholder}
          maxLength={maxLength}
          showCount
          value={value}
          onChange={onChange}
        />
      </View>
    </>
  );
}
