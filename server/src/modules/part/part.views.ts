import { type EntityManager, In } from 'typeorm';
import { vehicleModelName, type PartView } from '@hongyuan/shared';
import { VehicleModel } from '../customer/customer.entity';
import { Part, PartPrice, PartVehicleModel, PriceLevel } from './part.entity';

/**
 * Parts with their vehicle models and level prices, a fixed number of queries per page.
 * The cost price is left out unless the reader may see it (technicians never do).
 */
export async function partViews(m: EntityManager, rows: Part[], showCost: boolean): Promise<PartView[]> {
  if (!rows.length) return [];
  const ids = rows.map((p) => p.id);
  const [fits, prices] = await Promise.all([
    m.find(PartVehicleModel, { where: { partId: In(ids) } }),
    m.find(PartPrice, { where: { partId: In(ids) } }),
  ]);
  const modelIds = [...new Set(fits.map((f) => f.vehicleModelId))];
  const levelIds = [...new Set(prices.map((p) => p.priceLevelId))];
  const [models, levels] = await Promise.all([
    modelIds.length ? m.findBy(VehicleModel, { id: In(modelIds) }) : [],
    levelIds.length ? m.findBy(PriceLevel, { id: In(levelIds) }) : [],
  ]);
  const modelName = new Map(models.map((x) => [x.id, vehicleModelName(x)]));
  const level = new Map(levels.map((x) => [x.id, x]));
  return rows.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    pinyin: p.pinyin,
    aliases: p.aliases,
    model: p.model,
    spec: p.spec,
    unit: p.unit,
    category: p.category,
    ...(showCost ? { costPrice: p.costPrice } : {}),
    salePrice: p.salePrice,
    taxRate: p.taxRate,
    minStock: p.minStock,
    enabled: p.enabled,
    vehicleModels: fits
      .filter((f) => f.partId === p.id)
      .map((f) => ({ id: f.vehicleModelId, name: modelName.get(f.vehicleModelId) ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    prices: prices
      .filter((x) => x.partId === p.id)
      .map((x) => ({
        priceLevelId: x.priceLevelId,
        priceLevelName: level.get(x.priceLevelId)?.name ?? '',
        price: x.price,
        sort: level.get(x.priceLevelId)?.sort ?? 0,
      }))
      .sort((a, b) => a.sort - b.sort || a.priceLevelId - b.priceLevelId)
      .map(({ sort: _sort, ...price }) => price),
  }));
}
