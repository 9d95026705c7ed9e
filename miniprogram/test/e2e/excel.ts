/**
 * Excel files in the browser tests: the workbooks a test uploads (built with exceljs, imported
 * normally: see nodeRequire in browser.ts) and the header row of a file the desk downloads.
 */
import { readFileSync } from 'fs';
import ExcelJS from 'exceljs';
import type { Download, Locator } from 'playwright-core';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An .xlsx file with one sheet: the header row, then the rows. */
export async function xlsx(sheet: string, header: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Chooses an .xlsx file in a file input (the desk's 导入 button). */
export async function uploadXlsx(input: Locator, name: string, buffer: Buffer): Promise<void> {
  await input.setInputFiles({ name, mimeType: XLSX_TYPE, buffer });
}

/** The downloaded workbook's first sheet. */
export async function downloadedSheet(download: Download): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

/** The cells of a sheet's first row, as trimmed text. */
export function headerOf(sheet: ExcelJS.Worksheet): string[] {
  return (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? '').trim());
}
