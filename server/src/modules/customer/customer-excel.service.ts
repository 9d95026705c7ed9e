import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { type EntityManager, In } from 'typeorm';
import {
  CUSTOMER_KIND_LABELS,
  customerCreateInput,
  normalizePlate,
  vehicleModelName,
  type CustomerCreateInput,
  type CustomerListQuery,
} from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import {
  addSheet,
  datedXlsx,
  ImportErrors,
  intOf,
  newWorkbook,
  readImportRows,
  type ImportFile,
  type SheetRow,
  type XlsxFile,
} from '../../common/excel';
import { inChunks, likeContains, likeSql } from '../../common/paging';
import { pinyinInitials } from '../../common/search-text';
import { Tx } from '../../common/tx';
import { AuditService, type AuditEntry } from '../audit/audit.service';
import { Customer, CustomerAddress, CustomerContact, Vehicle, VehicleModel } from './customer.entity';
import { customerSearchText, flagOne, plateTaken, searchKeyword, vinTaken } from './customer-rules';

const COLUMNS = [
  { header: '客户类型(个人/单位)', width: 10 },
  { header: '客户名称', width: 28 },
  { header: '联系人', width: 10 },
  { header: '联系电话', width: 15 },
  { header: '地址', width: 36 },
  { header: '车牌号', width: 12 },
  { header: '车架号', width: 20 },
  { header: '品牌', width: 10 },
  { header: '车型', width: 22 },
  { header: '年份', width: 8 },
  { header: '里程(公里)', width: 11 },
  { header: '税号', width: 22 },
  { header: '备注', width: 30 },
];
const HEADERS = COLUMNS.map((c) => c.header);
const REQUIRED = ['客户名称', '联系电话'];
const KIND_OF: Record<string, string> = { 个人: 'person', 单位: 'company' };
const VEHICLE_COLUMN: Record<string, string> = {
  plate: '车牌号',
  vin: '车架号',
  brand: '品牌',
  vehicleModelId: '车型',
  year: '年份',
  mileage: '里程(公里)',
};

/** Rows of the sheet that make one customer: the same 客户名称 and 联系电话. */
interface Group {
  rows: SheetRow[];
  addressRows: SheetRow[];
  vehicleRows: SheetRow[];
  raw: Record<string, unknown>;
}

/** 客户 Excel: export of the filtered customers (a row per vehicle) and the import. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class CustomerExcelService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  async export(q: CustomerListQuery): Promise<XlsxFile> {
    const db = this.tx.dataSource.manager;
    const qb = db.createQueryBuilder(Customer, 'c').orderBy('c.id', 'ASC');
    if (q.keyword) qb.andWhere(likeSql('c.searchText', 'kw'), { kw: likeContains(searchKeyword(q.keyword)) });
    if (q.enabled !== undefined) qb.andWhere('c.enabled = :enabled', { enabled: q.enabled });
    const customers = await qb.getMany();
    const ids = customers.map((c) => c.id);
    const [contacts, addresses, vehicles, models] = await Promise.all([
      inChunks(ids, (s) => db.find(CustomerContact, { where: { customerId: In(s) }, order: { sort: 'ASC', id: 'ASC' } })),
      inChunks(ids, (s) => db.find(CustomerAddress, { where: { customerId: In(s) }, order: { sort: 'ASC', id: 'ASC' } })),
      inChunks(ids, (s) => db.find(Vehicle, { where: { customerId: In(s) }, order: { id: 'ASC' } })),
      db.find(VehicleModel),
    ]);
    const model = new Map(models.map((m) => [m.id, m]));
    const wb = newWorkbook();
    const sheet = addSheet(wb, '客户资料', COLUMNS);
    for (const c of customers) {
      const mine = contacts.filter((x) => x.customerId === c.id);
      const contact = mine.find((x) => x.isPrimary) ?? mine[0];
      const places = addresses.filter((x) => x.customerId === c.id);
      const address = places.find((x) => x.isDefault) ?? places[0];
      const head = [
        CUSTOMER_KIND_LABELS[c.kind as 'person'] ?? c.kind,
        c.name,
        contact?.name ?? '',
        contact?.phone ?? '',
        address?.address ?? '',
      ];
      const tail = [c.taxNumber, c.remark];
      const cars = vehicles.filter((v) => v.customerId === c.id);
      if (!cars.length) sheet.addRow([...head, '', '', '', '', null, null, ...tail]);
      for (const v of cars) {
        const m = v.vehicleModelId ? model.get(v.vehicleModelId) : undefined;
        // Brand and the model name without it, so that the pair reads back as the same model.
        const series = m ? vehicleModelName(m).slice(m.brand.length).trim() : '';
        sheet.addRow([...head, v.plate, v.vin, m?.brand ?? v.brand, series, v.year, v.mileage, ...tail]);
      }
    }
    return datedXlsx(wb, '客户资料', 'customers');
  }

  /**
   * Rows with the same 客户名称 and 联系电话 become one customer with several vehicles. Every
   * row is checked before anything is written; customers already on file (same name and phone)
   * and plates or VINs already registered are errors, so importing twice creates nothing twice.
   */
  async import(file: ImportFile, meta: RequestMeta): Promise<{ imported: number; created: number; vehiclesCreated: number }> {
    const rows = await readImportRows(file, HEADERS, REQUIRED);
    return this.tx.run(async (m) => {
      const errors = new ImportErrors();
      const groups = groupRows(rows, modelFinder(await m.find(VehicleModel)), errors);
      const inputs = groups.map((g) => validate(g, errors));
      checkAgainstFile(groups, inputs, errors);
      await checkAgainstDatabase(m, groups, inputs, errors);
      errors.throwIfAny();
      return this.write(m, inputs as CustomerCreateInput[], rows.length, meta);
    });
  }

  private async write(m: EntityManager, inputs: CustomerCreateInput[], rowCount: number, meta: RequestMeta) {
    const now = new Date();
    const contacts: Partial<CustomerContact>[] = [];
    const addresses: Partial<CustomerAddress>[] = [];
    const vehicles: Partial<Vehicle>[] = [];
    const audit: AuditEntry[] = [];
    const brandOf = new Map((await m.find(VehicleModel)).map((x) => [x.id, x.brand]));
    for (const input of inputs) {
      const { identifiers } = await m.insert(Customer, {
        kind: input.kind,
        name: input.name,
        pinyin: pinyinInitials(input.name).slice(0, 200),
        priceLevelId: null,
        taxNumber: input.taxNumber,
        remark: input.remark,
        searchText: customerSearchText(
          input.name,
          input.contacts,
          input.vehicles.map((v) => v.plate),
        ),
        enabled: true,
        createdAt: now,
        updatedAt: now,
      });
      const customerId: number = identifiers[0].id;
      contacts.push(...input.contacts.map((c, i) => ({ customerId, name: c.name, phone: c.phone, isPrimary: i === 0, sort: i })));
      const isDefault = flagOne(input.addresses, (a) => a.isDefault);
      addresses.push(...input.addresses.map((a, i) => ({ customerId, address: a.address, isDefault: isDefault[i], sort: i })));
      vehicles.push(
        ...input.vehicles.map((v) => ({
          ...v,
          brand: v.brand || (v.vehicleModelId ? (brandOf.get(v.vehicleModelId) ?? '') : ''),
          customerId,
          createdAt: now,
          updatedAt: now,
        })),
      );
      audit.push({ action: 'customer.import.create', entity: 'customer', entityId: customerId, after: input });
    }
    for (const [entity, list] of [
      [CustomerContact, contacts],
      [CustomerAddress, addresses],
      [Vehicle, vehicles],
    ] as const) {
      for (let i = 0; i < list.length; i += 200) await m.insert(entity, list.slice(i, i + 200));
    }
    await this.audit.recordMany(m, meta, audit);
    return { imported: rowCount, created: inputs.length, vehiclesCreated: vehicles.length };
  }
}

type ModelFinder = (brand: string, model: string, year: number | undefined) => number | null | undefined;

/** 品牌 + 车型 ("大众" + "朗逸 2021款 1.5L", or just "朗逸"): the closest model year wins. */
function modelFinder(models: VehicleModel[]): ModelFinder {
  const named = models.map((m) => ({ m, key: nameKey(vehicleModelName(m)) }));
  return (brand, model, year) => {
    if (!model) return undefined;
    const key = nameKey(brand && !model.startsWith(brand) ? `${brand} ${model}` : model);
    const exact = named.filter((x) => x.key === key);
    const found = exact.length ? exact : named.filter((x) => x.key.startsWith(`${key} `));
    if (!found.length) return null;
    const distance = (x: VehicleModel) => (year && x.modelYear ? Math.abs(x.modelYear - year) : 0);
    return found.map((x) => x.m).sort((a, b) => distance(a) - distance(b) || (b.modelYear ?? 0) - (a.modelYear ?? 0))[0].id;
  };
}

const nameKey = (s: string) => s.replace(/\s+/g, ' ').trim().toUpperCase();

/** Gathers the rows of each customer and turns them into the raw create input. */
function groupRows(rows: SheetRow[], findModel: ModelFinder, errors: ImportErrors): Group[] {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const name = r.text('客户名称');
    const phone = r.text('联系电话');
    const key = `${name}\n${phone}`;
    let g = groups.get(key);
    if (!g) {
      const kind = r.text('客户类型(个人/单位)');
      g = {
        rows: [],
        addressRows: [],
        vehicleRows: [],
        raw: {
          kind: kind ? (KIND_OF[kind] ?? kind) : undefined,
          name,
          taxNumber: r.text('税号'),
          remark: r.text('备注'),
          contacts: [{ name: r.text('联系人') || name, phone, isPrimary: true }],
          addresses: [],
          vehicles: [],
        },
      };
      groups.set(key, g);
    }
    g.rows.push(r);
    const address = r.text('地址');
    const addresses = g.raw.addresses as { address: string }[];
    if (address && !addresses.some((a) => a.address === address)) {
      addresses.push({ address });
      g.addressRows.push(r);
    }
    const plate = r.text('车牌号');
    if (!plate) {
      if (r.text('车架号') || r.text('车型')) errors.add(r.row, '车牌号', '填写了车辆信息但没有车牌号');
      continue;
    }
    const year = intOf(r.cell('年份'));
    const modelId = findModel(r.text('品牌'), r.text('车型'), year ?? undefined);
    if (modelId === null)
      errors.add(r.row, '车型', `车型“${[r.text('品牌'), r.text('车型')].filter(Boolean).join(' ')}”未登记，请先在车型管理中添加，或留空`);
    (g.raw.vehicles as unknown[]).push({
      plate,
      vin: r.text('车架号'),
      brand: r.text('品牌'),
      vehicleModelId: modelId ?? null,
      // Left as typed when not a whole number, so the schema words the error.
      year: year === null ? r.cell('年份') : year,
      mileage: intOf(r.cell('里程(公里)')) ?? (r.text('里程(公里)') || undefined),
    });
    g.vehicleRows.push(r);
  }
  return [...groups.values()];
}

/** The shared schema checks the customer; each problem is reported at its row and column. */
function validate(g: Group, errors: ImportErrors): CustomerCreateInput | null {
  const parsed = customerCreateInput.safeParse(g.raw);
  if (parsed.success) return parsed.data;
  const first = g.rows[0];
  const at: Record<string, [SheetRow, string]> = {
    kind: [first, '客户类型(个人/单位)'],
    name: [first, '客户名称'],
    taxNumber: [first, '税号'],
    remark: [first, '备注'],
  };
  for (const issue of parsed.error.issues) {
    const [head, index, field] = issue.path;
    let place: [SheetRow, string | undefined] = at[String(head)] ?? [first, undefined];
    if (head === 'contacts') place = [first, field === 'name' ? '联系人' : '联系电话'];
    if (head === 'addresses') place = [g.addressRows[Number(index)] ?? first, '地址'];
    if (head === 'vehicles') place = [g.vehicleRows[Number(index)] ?? first, VEHICLE_COLUMN[String(field)]];
    if (head === 'vehicles' && index === undefined) place = [first, '车牌号'];
    errors.add(place[0].row, place[1], issue.message);
  }
  return null;
}

/** A plate or VIN written on two rows of the file. */
function checkAgainstFile(groups: Group[], inputs: (CustomerCreateInput | null)[], errors: ImportErrors) {
  const plates = new Map<string, number>();
  const vins = new Map<string, number>();
  groups.forEach((g, gi) => {
    inputs[gi]?.vehicles.forEach((v, vi) => {
      const row = g.vehicleRows[vi].row;
      const plateRow = plates.get(v.plate);
      if (plateRow) errors.add(row, '车牌号', `车牌号 ${v.plate} 与第 ${plateRow} 行重复`);
      else plates.set(v.plate, row);
      if (!v.vin) return;
      const vinRow = vins.get(v.vin);
      if (vinRow) errors.add(row, '车架号', `车架号 ${v.vin} 与第 ${vinRow} 行重复`);
      else vins.set(v.vin, row);
    });
  });
}

/** Customers already on file (same name and phone), plates and VINs already registered. */
async function checkAgainstDatabase(m: EntityManager, groups: Group[], inputs: (CustomerCreateInput | null)[], errors: ImportErrors) {
  const valid = inputs.map((x, i) => ({ input: x, g: groups[i] })).filter((x): x is { input: CustomerCreateInput; g: Group } => !!x.input);
  const names = [...new Set(valid.map((x) => x.input.name))];
  const sameName = await inChunks(names, (s) => m.find(Customer, { select: { id: true, name: true }, where: { name: In(s) } }));
  const phones = await inChunks(
    sameName.map((c) => c.id),
    (s) => m.find(CustomerContact, { where: { customerId: In(s) } }),
  );
  const onFile = new Set(phones.map((p) => `${sameName.find((c) => c.id === p.customerId)?.name}\n${p.phone}`));
  for (const { input, g } of valid) {
    const phone = input.contacts[0].phone;
    if (onFile.has(`${input.name}\n${phone}`))
      errors.add(g.rows[0].row, '客户名称', `客户“${input.name}”（电话 ${phone}）已存在，请勿重复导入`);
  }
  const vehicles = valid.flatMap(({ input, g }) => input.vehicles.map((v, i) => ({ v, row: g.vehicleRows[i].row })));
  const taken = [
    ...(await inChunks(
      vehicles.map((x) => x.v.plate),
      (s) => m.find(Vehicle, { where: { plate: In(s) } }),
    )),
    ...(await inChunks(vehicles.map((x) => x.v.vin).filter(Boolean), (s) => m.find(Vehicle, { where: { vin: In(s) } }))),
  ];
  if (!taken.length) return;
  const owners = new Map((await m.findBy(Customer, { id: In([...new Set(taken.map((t) => t.customerId))]) })).map((c) => [c.id, c.name]));
  for (const { v, row } of vehicles) {
    const byPlate = taken.find((t) => normalizePlate(t.plate) === v.plate);
    if (byPlate) errors.add(row, '车牌号', plateTaken(v.plate, owners.get(byPlate.customerId) ?? '').message);
    const byVin = v.vin ? taken.find((t) => t.vin === v.vin) : undefined;
    if (byVin) errors.add(row, '车架号', vinTaken(v.vin, owners.get(byVin.customerId) ?? '', byVin.plate).message);
  }
}
