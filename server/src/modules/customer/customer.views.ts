import { type EntityManager, In } from 'typeorm';
import { vehicleModelName, type CustomerListItem, type CustomerView, type VehicleView } from '@hongyuan/shared';
import { PriceLevel } from '../part/part.entity';
import { Customer, CustomerAddress, CustomerContact, Vehicle, VehicleModel } from './customer.entity';

type Kind = CustomerView['kind'];

/** Builds the list rows of one page with four queries, whatever the page size. */
export async function customerListItems(m: EntityManager, rows: Customer[]): Promise<CustomerListItem[]> {
  if (!rows.length) return [];
  const ids = rows.map((c) => c.id);
  const [contacts, addresses, vehicles, levels] = await Promise.all([
    m.find(CustomerContact, { where: { customerId: In(ids) }, order: { sort: 'ASC', id: 'ASC' } }),
    m.find(CustomerAddress, { where: { customerId: In(ids) }, order: { sort: 'ASC', id: 'ASC' } }),
    m.find(Vehicle, { where: { customerId: In(ids) }, order: { id: 'ASC' } }),
    levelNames(
      m,
      rows.map((c) => c.priceLevelId),
    ),
  ]);
  return rows.map((c) => {
    const mine = contacts.filter((x) => x.customerId === c.id);
    const contact = mine.find((x) => x.isPrimary) ?? mine[0];
    const places = addresses.filter((x) => x.customerId === c.id);
    const address = places.find((x) => x.isDefault) ?? places[0];
    return {
      id: c.id,
      kind: c.kind as Kind,
      name: c.name,
      pinyin: c.pinyin,
      contactName: contact?.name ?? '',
      contactPhone: contact?.phone ?? '',
      address: address?.address ?? '',
      plates: vehicles.filter((v) => v.customerId === c.id).map((v) => v.plate),
      priceLevelName: c.priceLevelId ? (levels.get(c.priceLevelId) ?? null) : null,
      enabled: c.enabled,
    };
  });
}

export async function customerView(m: EntityManager, c: Customer): Promise<CustomerView> {
  const [contacts, addresses, vehicles] = await Promise.all([
    m.find(CustomerContact, { where: { customerId: c.id }, order: { sort: 'ASC', id: 'ASC' } }),
    m.find(CustomerAddress, { where: { customerId: c.id }, order: { sort: 'ASC', id: 'ASC' } }),
    m.find(Vehicle, { where: { customerId: c.id }, order: { id: 'ASC' } }),
  ]);
  return {
    id: c.id,
    kind: c.kind as Kind,
    name: c.name,
    pinyin: c.pinyin,
    priceLevelId: c.priceLevelId,
    taxNumber: c.taxNumber,
    remark: c.remark,
    enabled: c.enabled,
    contacts: contacts.map((x) => ({ id: x.id, name: x.name, phone: x.phone, isPrimary: x.isPrimary })),
    addresses: addresses.map((x) => ({ id: x.id, address: x.address, isDefault: x.isDefault })),
    vehicles: await vehicleViews(m, vehicles),
    createdAt: c.createdAt.toISOString(),
  };
}

/** Vehicles with their model's display name and, when asked, the owner's name. */
export async function vehicleViews(m: EntityManager, rows: Vehicle[], withCustomerName = false): Promise<VehicleView[]> {
  if (!rows.length) return [];
  const modelIds = [...new Set(rows.map((v) => v.vehicleModelId).filter((x): x is number => x !== null))];
  const customerIds = [...new Set(rows.map((v) => v.customerId))];
  const [models, customers] = await Promise.all([
    modelIds.length ? m.findBy(VehicleModel, { id: In(modelIds) }) : [],
    withCustomerName ? m.find(Customer, { select: { id: true, name: true }, where: { id: In(customerIds) } }) : [],
  ]);
  const modelName = new Map(models.map((x) => [x.id, vehicleModelName(x)]));
  const ownerName = new Map(customers.map((x) => [x.id, x.name]));
  return rows.map((v) => ({
    id: v.id,
    customerId: v.customerId,
    ...(withCustomerName ? { customerName: ownerName.get(v.customerId) ?? '' } : {}),
    plate: v.plate,
    vin: v.vin,
    brand: v.brand,
    vehicleModelId: v.vehicleModelId,
    vehicleModelName: v.vehicleModelId ? (modelName.get(v.vehicleModelId) ?? null) : null,
    year: v.year,
    mileage: v.mileage,
    remark: v.remark,
    enabled: v.enabled,
  }));
}

async function levelNames(m: EntityManager, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
  if (!wanted.length) return new Map();
  return new Map((await m.findBy(PriceLevel, { id: In(wanted) })).map((l) => [l.id, l.name]));
}
