import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
// exceljs's own zip and XML readers (its dependencies): used to measure a file before it is loaded.
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import type { Context } from '@midwayjs/koa';
import { parseYuan, text, z } from '@hongyuan/shared';
import { DomainError } from './errors';

/**
 * exceljs (about 300 ms and 27 MB to load) is loaded on the first import or export, not at start-up:
 * most server starts never touch a spreadsheet.
 */
let excelModule: typeof ExcelJS | undefined;
function exceljs(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose (see above)
  excelModule ??= require('exceljs') as typeof ExcelJS;
  return excelModule;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 2000;
/**
 * Rows and cells of every sheet in the file, empty or formatted ones included: loading a workbook
 * builds all of them, so a file beyond these is refused even when its data rows are few.
 */
const MAX_SHEET_ROWS = 10 * MAX_IMPORT_ROWS;
const MAX_SHEET_CELLS = 100 * MAX_IMPORT_ROWS;
/** A file with thousands of errors is answered with the first ones: enough to see the pattern. */
const MAX_REPORTED_ERRORS = 200;

export const importFileInput = z
  .object({
    filename: text('文件名', 200),
    contentBase64: z.string({ required_error: '请选择要导入的文件', invalid_type_error: '文件内容格式不对' }).min(1, '文件是空的'),
  })
  .strict();
export type ImportFile = z.infer<typeof importFileInput>;

export type Cell = string | number | boolean | null;

export interface SheetRow {
  /** The Excel row number, as the clerk sees it. */
  row: number;
  cell(column: string): Cell;
  /** The cell as trimmed text ('' when empty). */
  text(column: string): string;
}

export interface ImportError {
  row: number;
  column?: string;
  message: string;
}

/** Collects every problem of a file, so the clerk fixes them all in one go. */
export class ImportErrors {
  readonly list: ImportError[] = [];

  add(row: number, column: string | undefined, message: string): void {
    this.list.push(column ? { row, column, message } : { row, message });
  }

  /** Nothing is imported when any row is wrong: 422 IMPORT_INVALID with the rows and columns. */
  throwIfAny(): void {
    if (!this.list.length) return;
    const errors = [...this.list].sort((a, b) => a.row - b.row).slice(0, MAX_REPORTED_ERRORS);
    const more = this.list.length > errors.length ? `（仅列出前 ${errors.length} 处）` : '';
    throw new DomainError('IMPORT_INVALID', `导入文件有 ${this.list.length} 处错误${more}，未导入任何数据，请修改后重新导入`, {
      details: { errors },
    });
  }
}

/**
 * Reads the first sheet of an uploaded .xlsx: row 1 names the columns (in any order, a
 * trailing * and spaces ignored); empty rows are skipped. Refuses files over 5 MB or 2000 rows
 * before the workbook is loaded: the size from the base64 length, the rows by streaming the sheets.
 */
export async function readImportRows(file: ImportFile, columns: readonly string[], required: readonly string[]): Promise<SheetRow[]> {
  if (!/\.xlsx$/i.test(file.filename))
    throw new DomainError('BAD_REQUEST', '请上传 .xlsx 格式的 Excel 文件（不支持 .xls、.csv），可先下载导入模板');
  if (Buffer.byteLength(file.contentBase64, 'base64') > MAX_IMPORT_BYTES) throw tooLarge();
  const data = Buffer.from(file.contentBase64, 'base64');
  if (data.length > MAX_IMPORT_BYTES) throw tooLarge();
  // An .xlsx is a zip archive; anything else is refused before the parser sees it.
  if (data.subarray(0, 2).toString('latin1') !== 'PK') throw unreadable();
  await checkRowCount(data);
  const workbook = new (exceljs().Workbook)();
  try {
    await workbook.xlsx.load(data);
  } catch {
    throw unreadable();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount < 2) throw new DomainError('BAD_REQUEST', '文件中没有数据：第 1 行是列名，数据从第 2 行开始');
  // checkRowCount has refused longer sheets already; this stays for a sheet stored where it does not look.
  if (sheet.actualRowCount - 1 > MAX_IMPORT_ROWS) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `每次最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${sheet.actualRowCount - 1} 行，请拆分后分批导入`,
    );
  }

  const indexOf = new Map<string, number>();
  sheet.getRow(1).eachCell((c, col) => {
    const name = cellValue(c.value);
    if (typeof name === 'string') indexOf.set(headerKey(name), col);
  });
  const missing = required.filter((c) => !indexOf.has(headerKey(c)));
  if (missing.length) {
    const errors = new ImportErrors();
    errors.add(1, undefined, `缺少列：${missing.join('、')}（第 1 行应为列名，请使用导入模板）`);
    errors.throwIfAny();
  }

  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const values = new Map<string, Cell>();
    for (const column of columns) {
      const col = indexOf.get(headerKey(column));
      if (col) values.set(column, cellValue(r.getCell(col).value));
    }
    if ([...values.values()].every((v) => v === null)) return;
    rows.push({
      row: n,
      cell: (column) => values.get(column) ?? null,
      text: (column) => cellText(values.get(column) ?? null),
    });
  });
  if (!rows.length) throw new DomainError('BAD_REQUEST', '文件中没有数据：第 1 行是列名，数据从第 2 行开始');
  return rows;
}

const tooLarge = () => new DomainError('PAYLOAD_TOO_LARGE', `文件过大：最大 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，请拆分后分批导入`);
const tooLong = () =>
  new DomainError('PAYLOAD_TOO_LARGE', `每次最多导入 ${MAX_IMPORT_ROWS} 行，本文件超过 ${MAX_IMPORT_ROWS} 行，请拆分后分批导入`);
const tooManyCells = () =>
  new DomainError(
    'PAYLOAD_TOO_LARGE',
    `文件中的行或单元格过多（含设置了格式的空行、其他工作表），每次最多导入 ${MAX_IMPORT_ROWS} 行，请删除多余的行和工作表后重新导入`,
  );
const unreadable = () => new DomainError('BAD_REQUEST', '无法读取文件内容，请确认是用 Excel 或 WPS 保存的 .xlsx 文件');

/**
 * Streams the XML of every sheet and stops as soon as one has more than MAX_IMPORT_ROWS rows with
 * a value after the header (the count the sheet's actualRowCount would give), or the file holds
 * more rows or cells than an import could need: a 250,000-row file is refused after reading about
 * MAX_IMPORT_ROWS of them, without building the workbook.
 */
async function checkRowCount(data: Buffer): Promise<void> {
  let rowElements = 0;
  let cellElements = 0;
  try {
    const zip = await JSZip.loadAsync(data);
    for (const entry of zip.file(/^xl\/worksheets\/[^/]+\.xml$/)) {
      let rowsWithValues = 0;
      let hasValue = false;
      const parser = new SaxesParser();
      parser.on('opentag', (tag) => {
        const name = localName(tag.name);
        if (name === 'row') {
          hasValue = false;
          if (++rowElements > MAX_SHEET_ROWS) throw tooManyCells();
        } else if (name === 'c') {
          if (++cellElements > MAX_SHEET_CELLS) throw tooManyCells();
        } else if (name === 'v' || name === 'is' || name === 'f') hasValue = true;
      });
      parser.on('closetag', (tag) => {
        if (localName(tag.name) === 'row' && hasValue && ++rowsWithValues - 1 > MAX_IMPORT_ROWS) throw tooLong();
      });
      await streamText(entry, (xml) => parser.write(xml));
      parser.close();
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw unreadable();
  }
}

/** x:row is a row too. */
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Feeds a zip entry's text to `read` as it is inflated. When `read` throws, the stream is paused
 * and left: the rest of the entry is never inflated.
 */
function streamText(entry: JSZip.JSZipObject, read: (text: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = entry.nodeStream('nodebuffer');
    const utf8 = new StringDecoder('utf8');
    const step = (text: () => string, done?: () => void) => {
      try {
        read(text());
        done?.();
      } catch (e) {
        stream.pause();
        stream.removeAllListeners('data');
        reject(e);
      }
    };
    stream.on('data', (chunk: Buffer) => step(() => utf8.write(chunk)));
    stream.on('end', () => step(() => utf8.end(), resolve));
    stream.on('error', reject);
  });
}

/**
 * "成本价（元）*", "成本价(元)" and "成本价" name the same column: the bracketed hint and the
 * required mark are for people, so a file that leaves them out still imports every column.
 */
export function headerKey(s: string): string {
  return s
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\([^)]*\)/g, '')
    .replace(/[\s*]/g, '');
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v)
    return (
      v.richText
        .map((t) => t.text)
        .join('')
        .trim() || null
    );
  if ('hyperlink' in v) return String(v.text ?? '').trim() || null;
  if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
  if ('error' in v) return String(v.error);
  return null;
}

function cellText(v: Cell): string {
  return v === null ? '' : String(v).trim();
}

/** Yuan in a cell (12.5, "12.50", "¥1,234") as fen; undefined when empty, null when not an amount. */
export function fenOf(v: Cell): number | null | undefined {
  if (v === null || v === '') return undefined;
  if (typeof v === 'number') {
    const fen = Math.round(v * 100);
    // A number typed as 12.5 may be stored as 12.499999999; more than 2 decimals is refused.
    return Math.abs(v * 100 - fen) < 1e-6 ? fen : null;
  }
  return typeof v === 'string' ? parseYuan(v) : null;
}

/** A whole number in a cell ("2019", 2019, "12,000"); undefined when empty, null when not one. */
export function intOf(v: Cell): number | null | undefined {
  if (v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(/,/g, '')) : NaN;
  return Number.isInteger(n) ? n : null;
}

export interface XlsxFile {
  /** Shown to the clerk, e.g. 配件资料-20241128.xlsx */
  name: string;
  /** For clients that cannot read the UTF-8 name. */
  fallback: string;
  workbook: ExcelJS.Workbook;
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new (exceljs().Workbook)();
  wb.creator = '宏沅汽车服务';
  wb.created = new Date();
  return wb;
}

/** A sheet with a bold, frozen header row. */
export function addSheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; width: number }[]): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/** A column of an export: its header, its width in characters and how a row fills it. */
export type ExportColumn<R> = [header: string, width: number, value: (row: R) => Cell];

/** A sheet with one line per row, filled column by column (see addSheet for the header). */
export function addTable<R>(wb: ExcelJS.Workbook, name: string, columns: ExportColumn<R>[], rows: Iterable<R>): ExcelJS.Worksheet {
  const sheet = addSheet(
    wb,
    name,
    columns.map(([header, width]) => ({ header, width })),
  );
  for (const r of rows) sheet.addRow(columns.map(([, , value]) => value(r)));
  return sheet;
}

/** An export named for today: 客户资料-20241128.xlsx, with customers-20241128.xlsx for clients that cannot read it. */
export function datedXlsx(workbook: ExcelJS.Workbook, name: string, fallback: string): XlsxFile {
  return { name: `${name}-${dateStamp()}.xlsx`, fallback: `${fallback}-${dateStamp()}.xlsx`, workbook };
}

/** Sets the download headers; the buffer is answered as is (the envelope skips Buffers). */
export async function sendXlsx(ctx: Context, file: XlsxFile): Promise<Buffer> {
  ctx.type = XLSX_TYPE;
  ctx.set('Content-Disposition', `attachment; filename="${file.fallback}"; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  ctx.set('Cache-Control', 'no-store');
  return Buffer.from(await file.workbook.xlsx.writeBuffer());
}

/** 20241128 in Asia/Shanghai, for file names. */
export function dateStamp(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}
