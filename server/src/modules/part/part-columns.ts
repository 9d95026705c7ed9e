import { DomainError } from '../../common/errors';
import { headerKey } from '../../common/excel';

/** The sheet's columns; the import and the export use the same, so an export can be re-imported. */
export const COLUMNS = [
  { header: '配件编号', field: 'code', width: 18 },
  { header: '配件名称', field: 'name', width: 26 },
  { header: '配件型号', field: 'model', width: 16 },
  { header: '配件规格', field: 'spec', width: 16 },
  { header: '单位', field: 'unit', width: 8 },
  { header: '分类', field: 'category', width: 10 },
  { header: '成本价(元)', field: 'costPrice', width: 12 },
  { header: '销售价(元)', field: 'salePrice', width: 12 },
  { header: '税率(%)', field: 'taxRate', width: 9 },
  { header: '最低库存', field: 'minStock', width: 10 },
  { header: '适用车型', field: 'vehicleModelIds', width: 40 },
  { header: '启用(是/否)', field: 'enabled', width: 11 },
  { header: '别名', field: 'aliases', width: 20 },
] as const;

/** A price level's column, after the fixed ones: 零售 -> 零售价(元), 会员价 -> 会员价(元). */
export const levelHeader = (name: string) => `${name.endsWith('价') ? name : `${name}价`}(元)`;

/**
 * The import finds a column by its name without the bracketed hint and spaces, so a level
 * called 销售 (销售价(元)) would read the fixed 销售价 column, and 会员 and 会员价 would read the
 * same one: every row's sale price would silently become that level's price. Such a level name
 * is refused when the level is saved and before an import reads a sheet.
 */
export function levelColumnClash(name: string, otherLevels: string[]): string | null {
  const key = headerKey(levelHeader(name));
  const fixed = COLUMNS.find((c) => headerKey(c.header) === key);
  if (fixed) return `价格等级“${name}”的 Excel 列名与固定列“${fixed.header}”相同，请换个名称`;
  const other = otherLevels.find((o) => o !== name && headerKey(levelHeader(o)) === key);
  if (other) return `价格等级“${name}”与“${other}”在 Excel 中是同一列（${levelHeader(name)}），请换个名称`;
  return null;
}

/** Refuses an import or export whose level columns could be read as another column. */
export function assertLevelColumns(names: string[]): void {
  for (const n of names) {
    const clash = levelColumnClash(n, names);
    if (clash) throw new DomainError('BAD_REQUEST', `${clash}，再导入`);
  }
}
