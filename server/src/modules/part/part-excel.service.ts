import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { type EntityManager, In } from 'typeorm';
import { PART_CATEGORIES, partInput, TAX_RATES, vehicleModelName, type PartInput, type PartListQuery } from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import { DomainError } from '../../common/errors';
import {
  addSheet,
  datedXlsx,
  fenOf,
  ImportErrors,
  intOf,
  newWorkbook,
  readImportRows,
  type Cell,
  type ImportFile,
  type SheetRow,
  type XlsxFile,
} from '../../common/excel';
import { inChunks } from '../../common/paging';
import { Tx } from '../../common/tx';
import { AuditService, type AuditEntry } from '../audit/audit.service';
import { VehicleModel } from '../customer/customer.entity';
import { Part, PartPrice, PartVehicleModel, PriceLevel } from './part.entity';
import { partRow } from './part-rules';
import { PartService } from './part.service';
import { COLUMNS, assertLevelColumns, levelHeader } from './part-columns';

type Field = (typeof COLUMNS)[number]['field'];
const HEADERS = COLUMNS.map((c) => c.header);
const REQUIRED = ['配件编号', '配件名称', '单位', '成本价(元)', '销售价(元)'];
const columnOf = (field: string) => COLUMNS.find((c) => c.field === field)?.header;

/** The example row of the template starts so; the import passes over such rows. */
const EXAMPLE_MARK = '示例';

/** 配件 Excel: export of the filtered catalogue, the import template, and the import itself. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PartExcelService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;
  @Inject() parts: PartService;

  /** The filtered catalogue; without the cost column for those who may not see cost. */
  async export(q: PartListQuery, showCost: boolean): Promise<XlsxFile> {
    const db = this.tx.dataSource.manager;
    const rows = await (await this.parts.query(q)).getMany();
    const fits = await inChunks(
      rows.map((p) => p.id),
      (ids) => db.findBy(PartVehicleModel, { partId: In(ids) }),
    );
    const models = modelNames(await db.find(VehicleModel));
    const levels = await enabledLevels(db);
    const prices = await inChunks(
      rows.map((p) => p.id),
      (ids) => db.findBy(PartPrice, { partId: In(ids) }),
    );
    const priceOf = new Map(prices.map((x) => [`${x.partId}-${x.priceLevelId}`, x.price]));
    const columns = COLUMNS.filter((c) => showCost || c.field !== 'costPrice');
    const wb = newWorkbook();
    const sheet = addSheet(wb, '配件资料', [...columns, ...levels.map((l) => ({ header: levelHeader(l.name), width: 12 }))]);
    for (const p of rows) {
      const values: Record<Field, string | number> = {
        code: p.code,
        name: p.name,
        model: p.model,
        spec: p.spec,
        unit: p.unit,
        category: p.category,
        costPrice: p.costPrice / 100,
        salePrice: p.salePrice / 100,
        taxRate: p.taxRate,
        minStock: p.minStock,
        vehicleModelIds: fits
          .filter((f) => f.partId === p.id)
          .map((f) => models.get(f.vehicleModelId) ?? '')
          .filter(Boolean)
          .join('；'),
        enabled: p.enabled ? '是' : '否',
        aliases: p.aliases,
      };
      const levelPrices = levels.map((l) => {
        const fen = priceOf.get(`${p.id}-${l.id}`);
        return fen === undefined ? null : fen / 100;
      });
      sheet.addRow([...columns.map((c) => values[c.field]), ...levelPrices]);
    }
    columns.forEach((c, i) => {
      if (c.field === 'costPrice' || c.field === 'salePrice') sheet.getColumn(i + 1).numFmt = '0.00';
    });
    levels.forEach((_l, i) => (sheet.getColumn(columns.length + i + 1).numFmt = '0.00'));
    return datedXlsx(wb, '配件资料', 'parts');
  }

  /** An empty sheet with the columns, and a sheet explaining each one with the allowed values. */
  async template(): Promise<XlsxFile> {
    const models = await this.tx.dataSource.manager.find(VehicleModel, {
      where: { enabled: true },
      order: { brand: 'ASC', series: 'ASC', modelYear: 'DESC' },
    });
    const levels = await enabledLevels(this.tx.dataSource.manager);
    const wb = newWorkbook();
    const sheet = addSheet(wb, '配件资料', [...COLUMNS, ...levels.map((l) => ({ header: levelHeader(l.name), width: 12 }))]);
    // One example row, marked so an import passes over it if it is left in.
    const example: Record<Field, string | number> = {
      code: `${EXAMPLE_MARK}-6950100852570`,
      name: '博世 机油滤清器',
      model: '0986AF0051',
      spec: 'M20×1.5',
      unit: '个',
      category: '滤清器',
      costPrice: 18.5,
      salePrice: 35,
      taxRate: 13,
      minStock: 10,
      vehicleModelIds: models.length ? vehicleModelName(models[0]) : '',
      enabled: '是',
      aliases: '机滤、机油格',
    };
    const exampleRow = sheet.addRow([...COLUMNS.map((c) => example[c.field]), ...levels.map((_l, i) => Math.max(35 - 2 * i, 1))]);
    exampleRow.font = { italic: true, color: { argb: 'FF8C8C8C' } };
    const help = addSheet(wb, '填写说明', [
      { header: '列名', width: 14 },
      { header: '说明', width: 70 },
      { header: '示例', width: 40 },
    ]);
    help.addRows([
      ['配件编号', '必填，字母、数字和 - _ . /，不超过 40 位；已存在的编号将更新该配件', '6950100852570'],
      ['配件名称', '必填，不超过 100 字', '博世 机油滤清器'],
      ['配件型号', '选填', '0986AF0051'],
      ['配件规格', '选填', 'M20×1.5'],
      ['单位', '必填，如 个、套、只、桶、条、瓶', '个'],
      ['分类', `选填，默认“其他”；可选：${PART_CATEGORIES.join('、')}`, '滤清器'],
      ['成本价(元)', '必填，最多两位小数', '18.50'],
      ['销售价(元)', '必填，最多两位小数', '35'],
      ['税率(%)', `选填，默认 13；可选：${TAX_RATES.join('、')}`, '13'],
      ['最低库存', '选填，整数，默认 0', '10'],
      [
        '适用车型',
        '选填，多个车型用分号（；或 ;）分隔，名称须与车型管理中一致，写到车系即包含该车系所有年款',
        '大众 朗逸 2021款 1.5L；丰田 卡罗拉',
      ],
      ['启用(是/否)', '选填，默认 是', '是'],
      ['别名', '选填，店里对这个配件的其他叫法，多个用顿号（、）或空格分隔，搜索时都能找到；留空则保留原有别名', '机滤、机油格'],
      ...levels.map((l) => [levelHeader(l.name), `选填，${l.name}客户的价格，最多两位小数；留空则保留原有价格（没有时按销售价）`, '33.00']),
      [],
      [`第 2 行`, `配件编号以“${EXAMPLE_MARK}”开头的行是填写示例，导入时自动跳过，可以直接删除或改成自己的配件`],
      ['已登记车型', models.map((m) => vehicleModelName(m)).join('；')],
    ]);
    help.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
    return { name: '配件导入模板.xlsx', fallback: 'parts-template.xlsx', workbook: wb };
  }

  /**
   * Every row is checked (schema, vehicle models, codes repeated in the file) before anything is
   * written; then all rows go in one transaction. A code already in the catalogue updates that
   * part. A level price or the aliases left empty keep what the part has, so a sheet from before
   * those columns (or one that fills only some levels) takes nothing away.
   */
  async import(file: ImportFile, meta: RequestMeta): Promise<{ imported: number; created: number; updated: number }> {
    const levels = await this.tx.dataSource.manager.find(PriceLevel, { order: { sort: 'ASC', id: 'ASC' } });
    assertLevelColumns(levels.map((l) => l.name));
    const read = await readImportRows(file, [...HEADERS, ...levels.map((l) => levelHeader(l.name))], REQUIRED);
    const rows = read.filter((r) => !r.text('配件编号').startsWith(EXAMPLE_MARK));
    if (!rows.length) throw new DomainError('BAD_REQUEST', '文件中只有示例行，请在示例行下面填写要导入的配件');
    return this.tx.run(async (m) => {
      const errors = new ImportErrors();
      const models = modelIndex(await m.find(VehicleModel));
      const inputs = rows.map((r) => toInput(r, models, levels, errors));
      const firstRowOf = new Map<string, number>();
      inputs.forEach((input, i) => {
        if (!input) return;
        const key = input.code.toUpperCase();
        const first = firstRowOf.get(key);
        if (first) errors.add(rows[i].row, '配件编号', `配件编号 ${input.code} 与第 ${first} 行重复`);
        else firstRowOf.set(key, rows[i].row);
      });
      errors.throwIfAny();
      return this.write(m, inputs as PartInput[], meta);
    });
  }

  private async write(m: EntityManager, inputs: PartInput[], meta: RequestMeta) {
    const existing = await inChunks(
      inputs.map((p) => p.code),
      (codes) => m.findBy(Part, { code: In(codes) }),
    );
    const byCode = new Map(existing.map((p) => [p.code.toUpperCase(), p]));
    const oldFits = await inChunks(
      existing.map((p) => p.id),
      (ids) => m.findBy(PartVehicleModel, { partId: In(ids) }),
    );
    const now = new Date();
    const audit: AuditEntry[] = [];
    const fresh = inputs.filter((p) => !byCode.has(p.code.toUpperCase()));
    for (let i = 0; i < fresh.length; i += 200) {
      await m.insert(
        Part,
        fresh.slice(i, i + 200).map((p) => ({ ...partRow(p), createdAt: now, updatedAt: now })),
      );
    }
    const created = await inChunks(
      fresh.map((p) => p.code),
      (codes) => m.find(Part, { select: { id: true, code: true }, where: { code: In(codes) } }),
    );
    const idOf = new Map([...created, ...existing].map((p) => [p.code.toUpperCase(), p.id]));
    for (const p of inputs) {
      const old = byCode.get(p.code.toUpperCase());
      const id = idOf.get(p.code.toUpperCase())!;
      if (old) {
        if (!p.aliases) p.aliases = old.aliases;
        await m.update(Part, { id }, { ...partRow(p), updatedAt: now });
        const before = { ...snapshot(old), vehicleModelIds: oldFits.filter((f) => f.partId === id).map((f) => f.vehicleModelId) };
        audit.push({
          action: 'part.import.update',
          entity: 'part',
          entityId: id,
          before,
          after: { ...snapshot(p), vehicleModelIds: p.vehicleModelIds, ...(p.prices.length ? { prices: p.prices } : {}) },
        });
      } else {
        audit.push({
          action: 'part.import.create',
          entity: 'part',
          entityId: id,
          after: { ...snapshot(p), vehicleModelIds: p.vehicleModelIds, ...(p.prices.length ? { prices: p.prices } : {}) },
        });
      }
    }
    const ids = inputs.map((p) => idOf.get(p.code.toUpperCase())!);
    for (let i = 0; i < ids.length; i += 500) await m.delete(PartVehicleModel, { partId: In(ids.slice(i, i + 500)) });
    const fits = inputs.flatMap((p) =>
      [...new Set(p.vehicleModelIds)].map((vehicleModelId) => ({ partId: idOf.get(p.code.toUpperCase())!, vehicleModelId })),
    );
    for (let i = 0; i < fits.length; i += 500) await m.insert(PartVehicleModel, fits.slice(i, i + 500));
    const prices = inputs.flatMap((p) => p.prices.map((x) => ({ partId: idOf.get(p.code.toUpperCase())!, ...x })));
    for (const x of prices) await m.delete(PartPrice, { partId: x.partId, priceLevelId: x.priceLevelId });
    for (let i = 0; i < prices.length; i += 500) await m.insert(PartPrice, prices.slice(i, i + 500));
    await this.audit.recordMany(m, meta, audit);
    return { imported: inputs.length, created: fresh.length, updated: inputs.length - fresh.length };
  }
}

/** One sheet row as a PartInput, or null with its problems added to `errors`. */
function toInput(r: SheetRow, models: ModelIndex, levels: PriceLevel[], errors: ImportErrors): PartInput | null {
  const bad = new Set<Field | 'prices'>();
  const convert = <T>(field: Field, value: T | null, message: string): T | undefined => {
    if (value !== null) return value;
    bad.add(field);
    errors.add(r.row, columnOf(field), message);
    return undefined;
  };
  const prices: { priceLevelId: number; price: number }[] = [];
  for (const l of levels) {
    const header = levelHeader(l.name);
    const fen = fenOf(r.cell(header));
    if (fen === null) {
      bad.add('prices');
      errors.add(r.row, header, `${header.replace('(元)', '')}应为金额，最多两位小数，例如 33.00`);
    } else if (fen !== undefined) prices.push({ priceLevelId: l.id, price: fen });
  }
  const raw = {
    code: r.text('配件编号'),
    name: r.text('配件名称'),
    aliases: r.text('别名'),
    model: r.text('配件型号'),
    spec: r.text('配件规格'),
    unit: r.text('单位'),
    category: r.text('分类') || undefined,
    costPrice: convert('costPrice', fenOf(r.cell('成本价(元)')), '成本价应为金额，最多两位小数，例如 18.50'),
    salePrice: convert('salePrice', fenOf(r.cell('销售价(元)')), '销售价应为金额，最多两位小数，例如 35.00'),
    taxRate: convert('taxRate', taxRateOf(r.cell('税率(%)')), `税率应为 ${TAX_RATES.join('、')} 之一`),
    minStock: convert('minStock', intOf(r.cell('最低库存')), '最低库存应为整数'),
    vehicleModelIds: [] as number[],
    prices,
    enabled: convert('enabled', yesNo(r.cell('启用(是/否)')), '启用列应填“是”或“否”'),
  };
  for (const name of r
    .text('适用车型')
    .split(/[;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const ids = models(name);
    if (ids.length) raw.vehicleModelIds.push(...ids);
    else convert('vehicleModelIds', null, `适用车型“${name}”未登记，请先在车型管理中添加`);
  }
  raw.vehicleModelIds = [...new Set(raw.vehicleModelIds)];
  const parsed = partInput.safeParse(raw);
  if (parsed.success) return bad.size ? null : parsed.data;
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '') as Field;
    if (field === ('prices' as Field)) {
      const level = levels.find((l) => l.id === prices[Number(issue.path[1])]?.priceLevelId);
      if (!bad.has('prices')) errors.add(r.row, level ? levelHeader(level.name) : undefined, issue.message);
    } else if (!bad.has(field)) errors.add(r.row, columnOf(field), issue.message);
  }
  return null;
}

/** 13, "13", "13%", or 0.13 from a cell formatted as a percentage. */
function taxRateOf(v: Cell): number | null | undefined {
  if (v === null) return undefined;
  const n = typeof v === 'number' ? (v > 0 && v < 1 ? Math.round(v * 100) : v) : Number(String(v).replace(/%$/, '').trim());
  return Number.isFinite(n) ? n : null;
}

function yesNo(v: Cell): boolean | null | undefined {
  if (v === null) return undefined;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim();
  if (['是', '启用', 'Y', 'y', '1'].includes(s)) return true;
  if (['否', '停用', 'N', 'n', '0'].includes(s)) return false;
  return null;
}

type ModelIndex = (name: string) => number[];

/** "大众 朗逸 2021款 1.5L" names one model; "大众 朗逸" every model year of the series. */
function modelIndex(models: VehicleModel[]): ModelIndex {
  const named = models.map((m) => ({ id: m.id, key: nameKey(vehicleModelName(m)) }));
  return (name) => {
    const key = nameKey(name);
    const exact = named.filter((m) => m.key === key);
    return (exact.length ? exact : named.filter((m) => m.key.startsWith(`${key} `))).map((m) => m.id);
  };
}

const nameKey = (s: string) => s.replace(/\s+/g, ' ').trim().toUpperCase();

function modelNames(models: VehicleModel[]): Map<number, string> {
  return new Map(models.map((m) => [m.id, vehicleModelName(m)]));
}

function snapshot(
  p: Pick<
    Part,
    'code' | 'name' | 'aliases' | 'model' | 'spec' | 'unit' | 'category' | 'costPrice' | 'salePrice' | 'taxRate' | 'minStock' | 'enabled'
  >,
) {
  const { code, name, aliases, model, spec, unit, category, costPrice, salePrice, taxRate, minStock, enabled } = p;
  return { code, name, aliases, model, spec, unit, category, costPrice, salePrice, taxRate, minStock, enabled };
}

/** The price levels in use, in their order: the sheet has a column for each. */
function enabledLevels(m: EntityManager): Promise<PriceLevel[]> {
  return m.find(PriceLevel, { where: { enabled: true }, order: { sort: 'ASC', id: 'ASC' } });
}
