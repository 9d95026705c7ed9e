import type { PartView } from '@hongyuan/shared';

/**
 * The unit price the server will charge for a part on this customer's order: the price of the
 * customer's level when the part has one, else the sale price (server: WorkOrderService.priceFor).
 */
export function chargePrice(
  part: Pick<PartView, 'salePrice' | 'prices'>,
  priceLevelId: number | null,
): { price: number; levelName: string | null } {
  const level = priceLevelId ? part.prices.find((p) => p.priceLevelId === priceLevelId) : undefined;
  return level ? { price: level.price, levelName: level.priceLevelName } : { price: part.salePrice, levelName: null };
}
