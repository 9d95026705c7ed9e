import { type EntityManager, In, Not } from 'typeorm';
import type { VehicleInput } from '@hongyuan/shared';
import { duplicate, invalid } from '../../common/errors';
import { pinyinInitials, searchText } from '../../common/search-text';
import { PriceLevel } from '../part/part.entity';
import { Customer, CustomerContact, Vehicle, VehicleModel } from './customer.entity';

/** Every way a clerk finds a customer: name, its initials, contacts' names and phones, plates. */
export function customerSearchText(name: string, contacts: { name: string; phone: string }[], plates: string[]): string {
  return searchText([name, pinyinInitials(name), ...contacts.flatMap((c) => [c.name, c.phone]), ...plates], 2000);
}

/** Plates are stored without the dot ("浙K·3B721" -> 浙K3B721); the search text is upper case. */
export function searchKeyword(keyword: string): string {
  return keyword.replace(/·/g, '').toUpperCase();
}

/** Recomputes the search text after contacts or vehicles changed. */
export async function refreshCustomerSearch(m: EntityManager, customerId: number): Promise<void> {
  const c = await m.findOneByOrFail(Customer, { id: customerId });
  const [contacts, vehicles] = await Promise.all([
    m.find(CustomerContact, { where: { customerId }, order: { sort: 'ASC', id: 'ASC' } }),
    m.find(Vehicle, { where: { customerId }, order: { id: 'ASC' } }),
  ]);
  await m.update(
    Customer,
    { id: customerId },
    {
      searchText: customerSearchText(
        c.name,
        contacts,
        vehicles.map((v) => v.plate),
      ),
      updatedAt: new Date(),
    },
  );
}

/** Exactly one item ends up flagged: the first flagged one, or the first of all. */
export function flagOne<T>(items: T[], isFlagged: (x: T) => boolean): boolean[] {
  const chosen = Math.max(0, items.findIndex(isFlagged));
  return items.map((_, i) => i === chosen);
}

export const plateTaken = (plate: string, owner: string, path?: string) => duplicate(`车牌号 ${plate} 已登记在客户 ${owner} 名下`, path);
export const vinTaken = (vin: string, owner: string, plate: string, path?: string) =>
  duplicate(`车架号 ${vin} 已登记在客户 ${owner} 的车辆 ${plate} 上`, path);

/**
 * Checks vehicles about to be written: plates and non-empty VINs unique among themselves and in
 * the database (the vehicle being edited excepted), and the chosen vehicle models exist.
 * `path(i)` names the field prefix for the form ("vehicles.0." or "").
 */
export async function checkVehicles(
  m: EntityManager,
  vehicles: VehicleInput[],
  path: (i: number) => string,
  exceptId?: number,
): Promise<void> {
  const seenPlates = new Map<string, number>();
  const seenVins = new Map<string, number>();
  vehicles.forEach((v, i) => {
    if (seenPlates.has(v.plate)) throw invalid(`${path(i)}plate`, `车牌号 ${v.plate} 填写了两次`);
    seenPlates.set(v.plate, i);
    if (v.vin && seenVins.has(v.vin)) throw invalid(`${path(i)}vin`, `车架号 ${v.vin} 填写了两次`);
    if (v.vin) seenVins.set(v.vin, i);
  });
  const except = exceptId ? { id: Not(exceptId) } : {};
  const plates = [...seenPlates.keys()];
  const vins = [...seenVins.keys()];
  const clashes = [
    ...(plates.length ? await m.find(Vehicle, { where: { plate: In(plates), ...except } }) : []),
    ...(vins.length ? await m.find(Vehicle, { where: { vin: In(vins), ...except } }) : []),
  ];
  for (const other of clashes) {
    const owner = (await m.findOneBy(Customer, { id: other.customerId }))?.name ?? '';
    if (seenPlates.has(other.plate)) throw plateTaken(other.plate, owner, `${path(seenPlates.get(other.plate)!)}plate`);
    throw vinTaken(other.vin, owner, other.plate, `${path(seenVins.get(other.vin)!)}vin`);
  }
  const modelIds = [...new Set(vehicles.map((v) => v.vehicleModelId).filter((x): x is number => x !== null))];
  if (modelIds.length) {
    const found = new Set((await m.findBy(VehicleModel, { id: In(modelIds) })).map((x) => x.id));
    const i = vehicles.findIndex((v) => v.vehicleModelId !== null && !found.has(v.vehicleModelId));
    if (i >= 0) throw invalid(`${path(i)}vehicleModelId`, '所选车型不存在');
  }
}

/** The error a unique-index violation on a vehicle stands for, found again after the fact. */
export async function vehicleClash(
  m: EntityManager,
  vehicles: VehicleInput[],
  path: (i: number) => string,
  exceptId?: number,
): Promise<Error> {
  try {
    await checkVehicles(m, vehicles, path, exceptId);
  } catch (e) {
    return e as Error;
  }
  return duplicate('车牌号已被登记，请刷新后重试');
}

/** The brand follows the chosen model when the clerk left it empty. */
export async function withModelBrand(m: EntityManager, v: VehicleInput): Promise<VehicleInput> {
  if (v.brand || !v.vehicleModelId) return v;
  const model = await m.findOneBy(VehicleModel, { id: v.vehicleModelId });
  return { ...v, brand: model?.brand ?? '' };
}

/** A newly chosen price level must exist and be in use; keeping a since-disabled one is fine. */
export async function checkPriceLevel(m: EntityManager, priceLevelId: number | null, current: number | null = null): Promise<void> {
  if (priceLevelId === null || priceLevelId === current) return;
  const level = await m.findOneBy(PriceLevel, { id: priceLevelId });
  if (!level) throw invalid('priceLevelId', '所选价格等级不存在');
  if (!level.enabled) throw invalid('priceLevelId', `价格等级“${level.name}”已停用`);
}
