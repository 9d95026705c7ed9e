import type { PartInput, PartView } from '@hongyuan/shared';

/** The PUT body that keeps a part as it is (used by 启用/停用). */
export function partToInput(p: PartView): PartInput {
  return {
    code: p.code,
    name: p.name,
    aliases: p.aliases ?? '',
    model: p.model,
    spec: p.spec,
    unit: p.unit,
    category: p.category as PartInput['category'],
    costPrice: p.costPrice ?? 0,
    salePrice: p.salePrice,
    taxRate: p.taxRate,
    minStock: p.minStock,
    vehicleModelIds: p.vehicleModels.map((m) => m.id),
    prices: p.prices.map((x) => ({ priceLevelId: x.priceLevelId, price: x.price })),
    enabled: p.enabled,
  };
}
