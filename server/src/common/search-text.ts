import { pinyin } from 'pinyin-pro';

/**
 * 宏沅汽车 -> "hyqc": the initials a clerk types to find a name. Letters and digits that are
 * not Chinese are kept (EA211 -> ea211); punctuation and spaces are dropped, so
 * "机油滤清器（大众EA211）" reads "jylqqdzea211", not "jylqq（dzea211）".
 */
export function pinyinInitials(text: string): string {
  if (!text) return '';
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();
}

/** One upper-case string of every way a record can be searched, separated by |. */
export function searchText(parts: (string | null | undefined)[], max: number): string {
  return parts
    .filter((p): p is string => !!p)
    .map((p) => p.toUpperCase())
    .join('|')
    .slice(0, max);
}
