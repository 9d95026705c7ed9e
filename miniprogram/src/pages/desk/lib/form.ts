import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { formatFen, parseYuan, summarizeIssues, toFieldIssues, type FieldIssue, type z } from '@hongyuan/shared';
import { ApiError, errorMessage, isApiError } from '../../../api/request';

type NamePath = (string | number)[];

/** An antd rule that checks one field with the same zod schema the server uses. */
export function zodRule(schema: z.ZodTypeAny): Rule {
  return {
    validator: async (_rule, value) => {
      const r = schema.safeParse(value === null ? undefined : value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '输入有误');
    },
  };
}

/** A money field typed in yuan ("12.5"); empty is allowed unless `required`. */
export function yuanRule(label: string, required = false): Rule {
  return {
    validator: async (_rule, value) => {
      const s = value === undefined || value === null ? '' : String(value).trim();
      if (s === '') {
        if (required) throw new Error(`请填写${label}`);
        return;
      }
      const fen = parseYuan(s);
      if (fen === null) throw new Error(`${label}应为金额，最多两位小数`);
      if (fen < 0) throw new Error(`${label}不能为负数`);
      if (fen > 1_000_000_000) throw new Error(`${label}过大`);
    },
  };
}

/** "contacts.0.phone" -> ['contacts', 0, 'phone'] */
export function issuePath(path: string): NamePath {
  return path
    .split('.')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Puts field issues (from zod on the client or the server's `issues`) against the form fields.
 * `mapPath` may rename a path (return null to leave it for the summary only).
 * Returns the issues that could not be placed on a field of the form.
 */
export function showIssues(
  form: FormInstance,
  issues: FieldIssue[],
  mapPath: (path: NamePath) => NamePath | null = (p) => p,
): FieldIssue[] {
  const known = new Set((form.getFieldsError() as { name: NamePath }[]).map((f) => JSON.stringify(f.name)));
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const rest: FieldIssue[] = [];
  for (const issue of issues) {
    const mapped = mapPath(issuePath(issue.path));
    const key = mapped ? JSON.stringify(mapped) : '';
    if (!mapped || !known.has(key)) {
      rest.push(issue);
      continue;
    }
    const entry = byField.get(key) ?? { name: mapped, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  if (byField.size) {
    form.setFields([...byField.values()]);
    const first = [...byField.values()][0];
    form.scrollToField(first.name, { block: 'center' });
  }
  return rest;
}

export interface Notifier {
  error: (text: string) => unknown;
}

/**
 * Shows an error from a save: field issues go next to the fields, the rest as a message.
 * Returns nothing; the caller keeps the form open.
 */
export function reportSaveError(
  err: unknown,
  form: FormInstance | null,
  message: Notifier,
  opts: { labels?: Record<string, string>; mapPath?: (p: NamePath) => NamePath | null } = {},
): void {
  if (err instanceof ApiError) {
    const issues: FieldIssue[] = err.issues ?? [];
    // A VALIDATION message lists every issue; the fields say it better.
    const head = err.code === 'VALIDATION' ? '输入有误，请按提示修改' : err.message;
    if (issues.length && form) {
      const rest = showIssues(form, issues, opts.mapPath);
      message.error(rest.length ? `${head}：${summarizeIssues(rest, opts.labels)}` : head);
      return;
    }
    if (issues.length) {
      message.error(`${head}：${summarizeIssues(issues, opts.labels)}`);
      return;
    }
    message.error(err.message);
    return;
  }
  message.error(errorText(err));
}

/** The error text of anything thrown by a request. */
export function errorText(err: unknown): string {
  if (isApiError(err)) return errorMessage(err);
  if (err instanceof Error && err.message) return err.message;
  return '操作失败，请稍后重试';
}

/** fen -> "12.50" for an input box (no grouping), '' for null/undefined. */
export function fenToInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return formatFen(fen, { grouping: false });
}

/** "12.5" -> 1250; '' -> null. */
export function inputToFen(v: unknown): number | null {
  if (v === undefined || v === null || String(v).trim() === '') return null;
  return parseYuan(String(v));
}

/**
 * Checks the whole payload with the shared zod schema before it is sent. On failure the issues
 * go next to the fields (the rest into a message) and null is returned.
 */
export function parseForm<S extends z.ZodTypeAny>(
  schema: S,
  payload: unknown,
  form: FormInstance,
  message: Notifier,
  opts: { labels?: Record<string, string>; mapPath?: (p: NamePath) => NamePath | null } = {},
): z.output<S> | null {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const issues = toFieldIssues(r.error, schema);
  const rest = showIssues(form, issues, opts.mapPath);
  if (rest.length) message.error(summarizeIssues(rest, opts.labels));
  return null;
}
