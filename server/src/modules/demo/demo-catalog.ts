import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { pinyinInitials } from '../../common/search-text';
import { Customer, CustomerAddress, CustomerContact, Vehicle, VehicleModel } from '../customer/customer.entity';
import { customerSearchText } from '../customer/customer-rules';
import { modelPinyin } from '../customer/vehicle-model.service';
import { Part, PartPrice, PartVehicleModel, PriceLevel } from '../part/part.entity';
import { partRow } from '../part/part-rules';
import { ADDRESS_PREFIX, DEMO_CUSTOMERS, demoVinFactory } from './demo-customers';
import { DEMO_MODELS } from './demo-models';
import { DEMO_PARTS, DEMO_PRICE_LEVELS, levelPrice } from './demo-parts';

const BATCH = 100;

/** Multi-row inserts: a few statements instead of one per row keeps the first start fast. */
async function insertAll<T extends ObjectLiteral>(m: EntityManager, entity: new () => T, rows: QueryDeepPartialEntity<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await m.insert(entity, rows.slice(i, i + BATCH));
}

export interface CatalogIds {
  levelId: Map<string, number>;
  /** DEMO_MODELS key -> vehicle_model.id */
  modelId: Map<string, number>;
}

/** Price levels, vehicle models and the parts catalogue with fitments and level prices. */
export async function seedCatalog(m: EntityManager, now: Date): Promise<CatalogIds> {
  await insertAll(
    m,
    PriceLevel,
    DEMO_PRICE_LEVELS.map((l) => ({ name: l.name, sort: l.sort, enabled: true, createdAt: now, updatedAt: now })),
  );
  const levels = await m.find(PriceLevel);
  const levelId = new Map(levels.map((l) => [l.name, l.id]));

  await insertAll(
    m,
    VehicleModel,
    DEMO_MODELS.map((x) => ({
      brand: x.brand,
      series: x.series,
      modelYear: x.modelYear,
      engine: x.engine,
      pinyin: modelPinyin(x),
      enabled: true,
      createdAt: now,
      updatedAt: now,
    })),
  );
  const models = await m.find(VehicleModel);
  const modelId = new Map(
    DEMO_MODELS.map((x) => [
      x.key,
      models.find((r) => r.brand === x.brand && r.series === x.series && r.modelYear === x.modelYear && r.engine === x.engine)!.id,
    ]),
  );

  await insertAll(
    m,
    Part,
    DEMO_PARTS.map((p) => ({
      ...partRow({
        code: p.code,
        name: p.name,
        model: p.model,
        spec: p.spec,
        unit: p.unit,
        category: p.category,
        costPrice: p.costPrice,
        salePrice: p.salePrice,
        taxRate: 13,
        minStock: p.minStock,
        vehicleModelIds: [],
        prices: [],
        enabled: true,
      }),
      createdAt: now,
      updatedAt: now,
    })),
  );
  const partId = new Map((await m.find(Part, { select: { id: true, code: true } })).map((p) => [p.code, p.id]));
  await insertAll(
    m,
    PartVehicleModel,
    DEMO_PARTS.flatMap((p) => p.fits.map((key) => ({ partId: partId.get(p.code)!, vehicleModelId: modelId.get(key)! }))),
  );
  await insertAll(
    m,
    PartPrice,
    DEMO_PARTS.flatMap((p) =>
      DEMO_PRICE_LEVELS.map((l) => ({ partId: partId.get(p.code)!, priceLevelId: levelId.get(l.name)!, price: levelPrice(p, l.rate) })),
    ),
  );
  return { levelId, modelId };
}

/** Customers with their contacts, addresses and vehicles (VINs generated, always the same). */
export async function seedCustomers(m: EntityManager, now: Date, { levelId, modelId }: CatalogIds): Promise<void> {
  const demoModel = new Map(DEMO_MODELS.map((x) => [x.key, x]));
  await insertAll(
    m,
    Customer,
    DEMO_CUSTOMERS.map((c) => ({
      kind: c.kind,
      name: c.name,
      pinyin: pinyinInitials(c.name),
      priceLevelId: c.level ? levelId.get(c.level)! : null,
      taxNumber: c.taxNumber ?? '',
      remark: c.remark ?? '',
      searchText: customerSearchText(
        c.name,
        c.contacts.map(([name, phone]) => ({ name, phone })),
        c.vehicles.map(([plate]) => plate),
      ),
      enabled: true,
      createdAt: now,
      updatedAt: now,
    })),
  );
  const customerId = new Map((await m.find(Customer, { select: { id: true, name: true } })).map((c) => [c.name, c.id]));
  const vin = demoVinFactory(7781);
  await insertAll(
    m,
    CustomerContact,
    DEMO_CUSTOMERS.flatMap((c) =>
      c.contacts.map(([name, phone], i) => ({ customerId: customerId.get(c.name)!, name, phone, isPrimary: i === 0, sort: i })),
    ),
  );
  await insertAll(
    m,
    CustomerAddress,
    DEMO_CUSTOMERS.flatMap((c) =>
      c.addresses.map((a, i) => ({ customerId: customerId.get(c.name)!, address: `${ADDRESS_PREFIX}${a}`, isDefault: i === 0, sort: i })),
    ),
  );
  await insertAll(
    m,
    Vehicle,
    DEMO_CUSTOMERS.flatMap((c) =>
      c.vehicles.map(([plate, key, year, mileage]) => {
        const model = demoModel.get(key)!;
        return {
          customerId: customerId.get(c.name)!,
          plate,
          vin: vin(model.wmi, year),
          brand: model.brand,
          vehicleModelId: modelId.get(key)!,
          year,
          mileage,
          remark: '',
          enabled: true,
          createdAt: now,
          updatedAt: now,
        };
      }),
    ),
  );
}
