import { z, ZodIssueCode, type ZodErrorMap } from 'zod';
import type { FieldIssue } from './errors';

/** Chinese messages for the issues our field builders do not word themselves. */
export const zhErrorMap: ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      if (issue.received === 'undefined' || issue.received === 'null') return { message: '此项必填' };
      return { message: `格式不对，应为${typeName(issue.expected)}` };
    case ZodIssueCode.unrecognized_keys:
      return { message: `不接受的字段：${issue.keys.join('、')}` };
    case ZodIssueCode.invalid_enum_value:
      return { message: `取值无效，可选：${issue.options.join('、')}` };
    case ZodIssueCode.too_small:
      return {
        message:
          issue.type === 'array'
            ? `至少需要 ${issue.minimum} 项`
            : issue.type === 'string'
              ? `至少 ${issue.minimum} 个字`
              : `不能小于 ${issue.minimum}`,
      };
    case ZodIssueCode.too_big:
      return {
        message:
          issue.type === 'array'
            ? `最多 ${issue.maximum} 项`
            : issue.type === 'string'
              ? `不能超过 ${issue.maximum} 个字`
              : `不能大于 ${issue.maximum}`,
      };
    case ZodIssueCode.invalid_date:
      return { message: '日期无效' };
    case ZodIssueCode.invalid_string:
      return { message: '格式不对' };
    default:
      return { message: ctx.defaultError === 'Required' ? '此项必填' : '输入有误' };
  }
};

function typeName(t: string): string {
  return (
    (
      { string: '文字', number: '数字', integer: '整数', boolean: '是/否', array: '列表', object: '对象', date: '日期' } as Record<
        string,
        string
      >
    )[t] ?? t
  );
}

z.setErrorMap(zhErrorMap);

/** Flattens a ZodError into the field issues of the error envelope. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** "客户名称：不能超过 100 个字；联系人 1 电话：格式不对" — for a one-line message. */
export function summarizeIssues(issues: FieldIssue[], labels: Record<string, string> = {}): string {
  return issues
    .slice(0, 5)
    .map((i) => {
      const label = labels[i.path] ?? i.path;
      return label ? `${label}：${i.message}` : i.message;
    })
    .join('；');
}

export { z };
