import { type EntityManager, In } from 'typeorm';
import { splitWords, type PartInput } from '@hongyuan/shared';
import { duplicate, invalid } from '../../common/errors';
import { pinyinInitials, searchText } from '../../common/search-text';
import { VehicleModel } from '../customer/customer.entity';
import { Part, PartPrice, PartVehicleModel, PriceLevel } from './part.entity';

/** The columns of a part row derived from its input: initials and the search strings. */
export function partRow(input: Omit<PartInput, 'aliases'> & { aliases?: string }) {
  const { vehicleModelIds: _fits, prices: _prices, ...fields } = input;
  return { ...fields, ...partWords(input) };
}

/**
 * The aliases as stored (机滤、机油格), the name's initials, the initials of the name and of every
 * alias (jylqq|jl|jyg) and the one upper-case string of code, name, aliases, model and spec.
 */
export function partWords(p: { code: string; name: string; aliases?: string; model: string; spec: string }) {
  const aliases = splitWords(p.aliases ?? '')
    .join('、')
    .slice(0, 200);
  const pinyin = pinyinInitials(p.name).slice(0, 200);
  const wordInitials = [...new Set([p.name, ...splitWords(aliases)].map(pinyinInitials).filter(Boolean))].join('|').slice(0, 300);
  return { aliases, pinyin, wordInitials, searchText: searchText([p.code, p.name, aliases, p.model, p.spec], 600) };
}

export const codeTaken = (code: string, owner: string) => duplicate(`配件编号 ${code} 已被配件“${owner}”使用`, 'code');

/** The error for a unique-index violation on the code, with the owner looked up after the fact. */
export async function codeClash(m: EntityManager, code: string): Promise<Error> {
  return codeTaken(code, (await m.findOneBy(Part, { code }))?.name ?? '其他');
}

export async function assertCodeFree(m: EntityManager, code: string, exceptId?: number): Promise<void> {
  const other = await m.findOneBy(Part, { code });
  if (other && other.id !== exceptId) throw codeTaken(code, other.name);
}

/** The vehicle models and price levels a part refers to exist; a level is priced once. */
export async function checkPartRefs(m: EntityManager, input: PartInput): Promise<void> {
  const modelIds = [...new Set(input.vehicleModelIds)];
  if (modelIds.length) {
    const found = new Set((await m.findBy(VehicleModel, { id: In(modelIds) })).map((x) => x.id));
    const missing = modelIds.find((x) => !found.has(x));
    if (missing) throw invalid('vehicleModelIds', `适用车型（编号 ${missing}）不存在`);
  }
  const seen = new Set<number>();
  input.prices.forEach((p, i) => {
    if (seen.has(p.priceLevelId)) throw invalid(`prices.${i}.priceLevelId`, '同一价格等级只能填写一个价格');
    seen.add(p.priceLevelId);
  });
  if (seen.size) {
    const found = new Set((await m.findBy(PriceLevel, { id: In([...seen]) })).map((x) => x.id));
    const i = input.prices.findIndex((p) => !found.has(p.priceLevelId));
    if (i >= 0) throw invalid(`prices.${i}.priceLevelId`, `价格等级（编号 ${input.prices[i].priceLevelId}）不存在`);
  }
}

/** Makes the part's fitments and level prices exactly those of the input. */
export async function replacePartLinks(
  m: EntityManager,
  partId: number,
  input: Pick<PartInput, 'vehicleModelIds' | 'prices'>,
): Promise<void> {
  await m.delete(PartVehicleModel, { partId });
  await m.delete(PartPrice, { partId });
  const fits = [...new Set(input.vehicleModelIds)].map((vehicleModelId) => ({ partId, vehicleModelId }));
  if (fits.length) await m.insert(PartVehicleModel, fits);
  if (input.prices.length)
    await m.insert(
      PartPrice,
      input.prices.map((p) => ({ partId, ...p })),
    );
}
