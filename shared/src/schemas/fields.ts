import { z } from '../zod-zh';
import { fieldLabel } from '../field-labels';

/** A required line of text, trimmed, with the field's name in every message. */
export const text = (label: string, max: number) =>
  z
    .string({ required_error: `请填写${label}`, invalid_type_error: `${label}应为文字` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .describe(fieldLabel(label));

/** An optional line of text; missing or null becomes ''. */
export const optionalText = (label: string, max: number) =>
  z
    .string({ invalid_type_error: `${label}应为文字` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .nullish()
    .transform((v) => v ?? '')
    .describe(fieldLabel(label));

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/** Mobile (13812345678) or landline (0578-6123456). */
export const phone = (label = '电话') =>
  z
    .string({ required_error: `请填写${label}`, invalid_type_error: `${label}应为文字` })
    .trim()
    .min(1, `请填写${label}`)
    .refine((v) => MOBILE.test(v) || LANDLINE.test(v), `${label}格式不对，应为 11 位手机号或带区号的座机号`)
    .describe(fieldLabel(label));

export const mobilePhone = (label = '手机号') =>
  z
    .string({ required_error: `请填写${label}`, invalid_type_error: `${label}应为文字` })
    .trim()
    .regex(MOBILE, `${label}应为 11 位手机号`)
    .describe(fieldLabel(label));

/**
 * A database id. Accepts "12" from a query string; anything else that is not a number is
 * refused (z.coerce would turn true into 1 and [5] into 5, silently picking a record).
 */
export const id = (label = '编号') =>
  z
    .preprocess(
      (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
      z
        .number({ required_error: `请选择${label}`, invalid_type_error: `${label}应为数字` })
        .int(`${label}应为整数`)
        .positive(`${label}无效`)
        .max(2147483647, `${label}无效`),
    )
    .describe(fieldLabel(label));

export const optionalId = (label = '编号') =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), id(label).nullable()).describe(fieldLabel(label));

/** Money in integer fen (分). 10,000,000.00 元 at most per amount. */
export const fen = (label: string) =>
  z
    .number({ required_error: `请填写${label}`, invalid_type_error: `${label}应为数字` })
    .int(`${label}应以分为单位的整数`)
    .min(0, `${label}不能为负数`)
    .max(1_000_000_000, `${label}过大`)
    .describe(fieldLabel(label));

export const quantity = (label: string, max = 1_000_000) =>
  z
    .number({ required_error: `请填写${label}`, invalid_type_error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(max, `${label}不能大于 ${max}`)
    .describe(fieldLabel(label));

export const bool = (label: string) => z.boolean({ invalid_type_error: `${label}应为是或否` }).describe(fieldLabel(label));

/** "true"/"false"/"1"/"0" from a query string. */
export const queryBool = z.preprocess(
  (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v === '' ? undefined : v),
  z.boolean().optional(),
);

export const PAGE_SIZE = 30;
export const PAGE_SIZES = [10, 20, 30, 50, 100];

export const pageQuery = {
  page: z.coerce.number().int().min(1, '页码应从 1 开始').max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, '每页最多 200 条').default(PAGE_SIZE),
  keyword: optionalText('搜索词', 50),
};
export const listQuery = z.object({ ...pageQuery, enabled: queryBool }).strict();
export type ListQuery = z.infer<typeof listQuery>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
