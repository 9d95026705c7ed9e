import type { EntityManager } from 'typeorm';
import { pinyinInitials } from '../../common/search-text';
import { likeContains, likeSql } from '../../common/paging';
import { PartSynonym } from './part.entity';

/** At most this many spellings of one keyword are searched (the keyword and its synonyms). */
const MAX_VARIANTS = 40;

/**
 * The spellings a parts search looks for: the keyword itself and, for each synonym word it
 * contains (as written, or as the word's pinyin initials: "jylx" is 机油滤芯), the keyword with
 * that word replaced by each other word of its group. Upper case, as part.searchText is.
 */
export function expandKeyword(keyword: string, groups: string[][]): string[] {
  const up = keyword.trim().toUpperCase();
  const out = new Set<string>([up]);
  for (const group of groups) {
    for (const word of group) {
      const forms = [word.toUpperCase()];
      const initials = initialsOf(word);
      // One letter (胎 -> t) would match almost any code; initials of a word already in letters add nothing.
      if (initials.length >= 2 && initials !== forms[0]) forms.push(initials);
      for (const form of forms) {
        if (!up.includes(form)) continue;
        for (const other of group) if (other !== word) out.add(up.replace(form, other.toUpperCase()));
      }
    }
  }
  return [...out].slice(0, MAX_VARIANTS);
}

/** A word's upper-case pinyin initials, remembered: every search (as-you-type on the phone) walks every synonym word. */
const INITIALS = new Map<string, string>();
function initialsOf(word: string): string {
  let known = INITIALS.get(word);
  if (known === undefined) {
    known = pinyinInitials(word).toUpperCase();
    if (INITIALS.size >= 50_000) INITIALS.clear();
    INITIALS.set(word, known);
  }
  return known;
}

/** Every synonym group, as word lists. */
export async function synonymGroups(m: EntityManager): Promise<string[][]> {
  const rows = await m.find(PartSynonym, { select: { id: true, words: true } });
  return rows.map((r) => r.words.split('、').filter(Boolean));
}

/**
 * The WHERE condition of a parts keyword search on the part alias `a`: name, aliases, code
 * (barcode), model, spec, or the pinyin initials of the name or an alias, for the keyword or any
 * of its synonyms. Used by the catalogue, the stock list and the holdings.
 */
export async function partKeywordWhere(m: EntityManager, a: string, keyword: string): Promise<[string, Record<string, string>]> {
  const variants = expandKeyword(keyword, await synonymGroups(m));
  const params: Record<string, string> = {};
  const ors = variants.flatMap((v, i) => {
    params[`pkw${i}`] = likeContains(v);
    params[`pki${i}`] = likeContains(v.toLowerCase());
    return [likeSql(`${a}.searchText`, `pkw${i}`), likeSql(`${a}.wordInitials`, `pki${i}`)];
  });
  return [`(${ors.join(' OR ')})`, params];
}
