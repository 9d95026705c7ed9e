import { z, ZodIssueCode, type ZodErrorMap } from 'zod';
import type { FieldIssue } from './errors';
import { FIELD_LABELS, labelMessage, labelOfPath, type IssueLabel } from './field-labels';

/** Chinese messages for the issues our field builders do not word themselves. */
export const zhErrorMap: ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      if (issue.received === 'undefined' || issue.received === 'null') return { message: '此项必填' };
      return { message: `格式不对，应为${typeName(issue.expected)}` };
    case ZodIssueCode.unrecognized_keys:
      return { message: unrecognized(issue.keys) };
    case ZodIssueCode.invalid_enum_value:
      // the options are codes (close, rework…) unless they are words a person reads
      return {
        message: issue.options.every((o) => typeof o === 'string' && !/[A-Za-z_]{2,}/.test(o))
          ? `取值无效，可选：${issue.options.join('、')}`
          : '取值无效，请重新选择',
      };
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
      {
        string: '文字',
        number: '数字',
        nan: '数字',
        integer: '整数',
        float: '数字',
        bigint: '整数',
        boolean: '是/否',
        array: '列表',
        object: '对象',
        map: '对象',
        date: '日期',
      } as Record<string, string>
    )[t] ?? '正确的格式'
  );
}

/** Keys the schema does not take, by their Chinese names; keys nobody named are only counted. */
function unrecognized(keys: string[]): string {
  const named = keys.map((k) => FIELD_LABELS[k]).filter(Boolean);
  const unknown = keys.length - named.length;
  const parts = [...new Set(named)].join('、');
  if (!unknown) return `不接受的字段：${parts}`;
  return `不接受的字段：${parts ? `${parts}，另有 ` : ''}${unknown} 个无法识别的字段`;
}

z.setErrorMap(zhErrorMap);

/**
 * Flattens a ZodError into the field issues of the error envelope. Each message names its field
 * in Chinese (the field's `.describe()` label in `schema` when given, else FIELD_LABELS):
 * "满意度：不能小于 1", "第 3 行 数量：应为整数"; a message that already names it stays as it is.
 */
export function toFieldIssues(error: z.ZodError, schema?: z.ZodTypeAny): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: labelMessage(i.message, labelOfPath(i.path, schema)) }));
}

/**
 * "请填写客户名称；联系人 1：联系电话格式不对" — for a one-line message. Never shows a path: an
 * issue whose message does not name its field is named by `labels[path]`, else by the Chinese
 * names of its path (FIELD_LABELS).
 */
export function summarizeIssues(issues: FieldIssue[], labels: Record<string, string> = {}): string {
  return [
    ...new Set(
      issues.slice(0, 5).map((i) => {
        const label: IssueLabel | string = labels[i.path] ?? labelOfPath(i.path);
        return labelMessage(i.message, label);
      }),
    ),
  ].join('；');
}

export { z };
