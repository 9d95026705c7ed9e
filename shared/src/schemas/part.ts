import { z } from '../zod-zh';
import { bool, fen, id, optionalId, optionalText, text, pageQuery, queryBool, quantity } from './fields';

/** Categories of car parts in the catalogue (配件分类). */
export const PART_CATEGORIES = [
  '滤清器',
  '制动系统',
  '点火系统',
  '电气',
  '轮胎',
  '雨刮',
  '灯具',
  '皮带',
  '油液',
  '悬挂',
  '发动机',
  '空调',
  '车身',
  '其他',
] as const;

/** VAT rates in percent that a part may carry. */
export const TAX_RATES = [13, 9, 6, 3, 1, 0] as const;

export const partCode = z
  .string({ required_error: '请填写配件编号', invalid_type_error: '配件编号应为文字' })
  .trim()
  .min(1, '请填写配件编号')
  .max(40, '配件编号不能超过 40 个字')
  .regex(/^[A-Za-z0-9\-_./]+$/, '配件编号只能包含字母、数字和 - _ . /');

export const partPriceInput = z.object({ priceLevelId: id('价格等级'), price: fen('等级价格') }).strict();

export const partInput = z
  .object({
    code: partCode,
    name: text('配件名称', 100),
    /** 别名: other names the workshop uses (机滤、机油格), separated by 、 or spaces */
    aliases: optionalText('别名', 200),
    model: optionalText('配件型号', 100),
    spec: optionalText('配件规格', 100),
    unit: text('单位', 10),
    category: z.enum(PART_CATEGORIES, { errorMap: () => ({ message: `分类应为：${PART_CATEGORIES.join('、')}` }) }).default('其他'),
    costPrice: fen('成本价'),
    salePrice: fen('销售价'),
    taxRate: z
      .number({ invalid_type_error: '税率应为数字' })
      .refine((v) => (TAX_RATES as readonly number[]).includes(v), `税率应为 ${TAX_RATES.join('%、')}% 之一`)
      .default(13),
    minStock: quantity('最低库存', 100000).default(0),
    vehicleModelIds: z.array(id('车型')).max(200, '适用车型最多 200 个').default([]),
    prices: z.array(partPriceInput).max(20).default([]),
    enabled: bool('启用').default(true),
  })
  .strict();
export type PartInput = z.infer<typeof partInput>;

export const partListQuery = z
  .object({
    ...pageQuery,
    enabled: queryBool,
    category: z.enum(PART_CATEGORIES).optional(),
    vehicleModelId: optionalId('车型').optional(),
  })
  .strict();
export type PartListQuery = z.infer<typeof partListQuery>;

export const priceLevelInput = z
  .object({
    name: text('价格等级名称', 20),
    sort: z.number().int().min(0).max(999).default(0),
    enabled: bool('启用').default(true),
  })
  .strict();
export type PriceLevelInput = z.infer<typeof priceLevelInput>;

export interface PartView {
  id: number;
  code: string;
  name: string;
  pinyin: string;
  /** 别名, separated by 、 */
  aliases: string;
  model: string;
  spec: string;
  unit: string;
  category: string;
  /** Omitted for those without the part.cost permission (technicians never see cost). */
  costPrice?: number;
  salePrice: number;
  taxRate: number;
  minStock: number;
  enabled: boolean;
  vehicleModels: { id: number; name: string }[];
  prices: { priceLevelId: number; priceLevelName: string; price: number }[];
}

export interface PriceLevelView {
  id: number;
  name: string;
  sort: number;
  enabled: boolean;
}

export const optionalPriceLevel = optionalId('价格等级');

/** The words of an alias or synonym list: split on 、 , ， ; ； / and spaces, trimmed, each once. */
export function splitWords(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of text.split(/[、,，;；/\s]+/)) {
    const word = w.trim();
    if (word && !seen.has(word.toUpperCase())) {
      seen.add(word.toUpperCase());
      out.push(word);
    }
  }
  return out;
}

/** 同义词: a group of words that mean the same part; a search for one also finds the others. */
export const partSynonymInput = z
  .object({
    words: z
      .array(z.string({ invalid_type_error: '同义词应为文字' }).trim().min(1, '同义词不能为空').max(20, '每个同义词不能超过 20 个字'), {
        required_error: '请填写同义词',
        invalid_type_error: '同义词应为一组文字',
      })
      .transform((ws) => splitWords(ws.join('、')))
      .refine((ws) => ws.length >= 2, '一组同义词至少要有两个词')
      .refine((ws) => ws.length <= 20, '一组同义词最多 20 个词')
      .refine((ws) => ws.join('、').length <= 500, '这组同义词太长了，请拆成几组'),
  })
  .strict();
export type PartSynonymInput = z.infer<typeof partSynonymInput>;

export interface PartSynonymView {
  id: number;
  words: string[];
  updatedAt: string;
}

export const partFitmentQuery = z.object({ vehicleId: id('车辆') }).strict();

/** GET /parts/:id/fitment?vehicleId=: is the part listed for the vehicle's model (适用车型)? */
export interface PartFitmentView {
  partId: number;
  /** the vehicle's model, null when the vehicle has none */
  vehicleModelName: string | null;
  /** the part lists no model: it fits every vehicle */
  universal: boolean;
  /** false: the part lists models and the vehicle's is not among them (warn, do not block) */
  fits: boolean;
}
