import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import ActionBar from '../../../components/ActionBar';

export interface FormFooterProps {
  remark: string;
  onRemark: (v: string) => void;
  remarkPlaceholder: string;
  /** the form's message above the button ('' for none) */
  error: string;
  submitting: boolean;
  onSubmit: () => void;
  /** the button's class (the tests press it by that) and words */
  submitClass: string;
  submitText: string;
}

/** The end of a stock form: 备注, and the bar with its submit button and the form's message. */
export default function FormFooter(props: FormFooterProps) {
  return (
    <>
      <View className="hy-form">
        <Text className="hy-form__label">备注</Text>
        <TextArea
          name="remark"
          placeholder={props.remarkPlaceholder}
          maxLength={500}
          showCount
          value={props.remark}
          onChange={props.onRemark}
        />
      </View>
      <ActionBar error={props.error}>
        <Button
          className={props.submitClass}
          type="primary"
          size="large"
          loading={props.submitting}
          disabled={props.submitting}
          onClick={props.onSubmit}
        >
          {props.submitText}
        </Button>
      </ActionBar>
    </>
  );
}
