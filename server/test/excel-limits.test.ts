import { randomBytes } from 'crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { countRows } from './support/db';

const PART_HEADERS = ['配件编号', '配件名称', '单位', '成本价(元)', '销售价(元)'];
const CUSTOMER_HEADERS = ['客户名称', '联系电话'];

type Value = string | number;

/** A cell as Excel writes it: numbers as values, text inline. */
const cellXml = (ref: string, v: Value) =>
  typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
const rowXml = (n: number, values: Value[]) =>
  `<row r="${n}">${values.map((v, i) => cellXml(`${String.fromCharCode(65 + i)}${n}`, v)).join('')}</row>`;
const sheetXml = (rows: string[], tail = '</sheetData></worksheet>') =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  rows.join('') +
  tail;
const partRows = (count: number, prefix: string) =>
  [rowXml(1, PART_HEADERS)].concat(Array.from({ length: count }, (_, i) => rowXml(i + 2, [`${prefix}-${i}`, '配件', '个', 1, 2])));

/**
 * A workbook whose sheets are written directly as XML (quick for 250,000 rows): `sheets` holds
 * each sheet's XML, in order; `extra` adds other files to the archive (a picture, say).
 */
async function workbook(sheets: string[], extra: Record<string, Buffer> = {}, filename = 'parts.xlsx') {
  const wb = new ExcelJS.Workbook();
  sheets.forEach((_, i) => wb.addWorksheet(`Sheet${i + 1}`));
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  sheets.forEach((xml, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, xml));
  for (const [path, data] of Object.entries(extra)) zip.file(path, data, { compression: 'STORE' });
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { filename, contentBase64: data.toString('base64') };
}

describe('Excel import limits: refused before the workbook is loaded', () => {
  let t: TestApp;
  let keeper: { Authorization: string };
  let service: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    [keeper, service] = await Promise.all([t.bearer(DEMO.keeper), t.bearer(DEMO.service)]);
  });
  afterAll(() => t.close());

  const importParts = (file: object) => t.http().post('/api/parts/import').set(keeper).send(file);

  it('refuses a real workbook over 5 MB by its size, before reading any sheet', async () => {
    // A valid sheet with a 5.5 MB picture: refused for its size even though its rows are fine.
    const file = await workbook([sheetXml(partRows(3, 'BIG'))], { 'xl/media/image1.png': randomBytes(5.5 * 1024 * 1024) });
    expect(Buffer.byteLength(file.contentBase64, 'base64')).toBeGreaterThan(5 * 1024 * 1024);
    const res = await importParts(file);
    expect(res.status).toBe(413);
    expect(res.body.message).toBe('文件过大：最大 5 MB，请拆分后分批导入');
    expect(await countRows(t, 'part', "code LIKE 'BIG-%'")).toBe(0);
  });

  it('refuses a 250,000-row file with the row limit message, and customers over the limit alike', async () => {
    const file = await workbook([sheetXml(partRows(250_000, 'LONG'))]);
    expect(Buffer.byteLength(file.contentBase64, 'base64')).toBeLessThan(5 * 1024 * 1024);
    const res = await importParts(file);
    expect(res.status).toBe(413);
    expect(res.body.message).toBe('每次最多导入 2000 行，本文件超过 2000 行，请拆分后分批导入');
    expect(await countRows(t, 'part', "code LIKE 'LONG-%'")).toBe(0);

    const customers = await workbook([
      sheetXml([rowXml(1, CUSTOMER_HEADERS)].concat(Array.from({ length: 2001 }, (_, i) => rowXml(i + 2, [`客户${i}`, `139${i}`])))),
    ]);
    const refused = await t.http().post('/api/customers/import').set(service).send(customers);
    expect(refused.status).toBe(413);
    expect(refused.body.message).toContain('每次最多导入 2000 行');
  });

  it('stops reading at the limit: what follows row 2002 is never read', async () => {
    // Broken XML after the limit would make a full read fail with “无法读取”; the row message proves it stopped.
    const file = await workbook([sheetXml(partRows(2001, 'STOP'), '<row r="99999"><c r="A99999"><v>1</v></c><<< not xml')]);
    const res = await importParts(file);
    expect(res.status).toBe(413);
    expect(res.body.message).toContain('每次最多导入 2000 行');
    // The same breakage within the limit is read, and refused as unreadable.
    const broken = await workbook([sheetXml(partRows(5, 'STOP'), '<<< not xml')]);
    const unreadable = await importParts(broken);
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.message).toContain('无法读取');
  });

  it('counts every sheet, and formatted empty rows, since loading builds them all', async () => {
    const second = await workbook([sheetXml(partRows(3, 'SECOND')), sheetXml(partRows(2500, 'OTHER'))]);
    const res = await importParts(second);
    expect(res.status).toBe(413);
    expect(res.body.message).toContain('每次最多导入 2000 行');

    const formatted = Array.from({ length: 25_000 }, (_, i) => `<row r="${i + 5}" s="0" customFormat="1"/>`);
    const empty = await workbook([sheetXml(partRows(3, 'EMPTY').concat(formatted))]);
    const refused = await importParts(empty);
    expect(refused.status).toBe(413);
    expect(refused.body.message).toContain('含设置了格式的空行');
    expect(await countRows(t, 'part', "code LIKE 'SECOND-%' OR code LIKE 'EMPTY-%'")).toBe(0);
  });

  it('imports a file at the limit: 2000 rows, with empty rows and a short second sheet', async () => {
    // Blank and formatted rows between the data do not count.
    const rows = [rowXml(1, PART_HEADERS), '<row r="2"/>', '<row r="3" s="0" customFormat="1"><c r="A3" s="0"/></row>'].concat(
      Array.from({ length: 2000 }, (_, i) => rowXml(i + 4, [`LIMIT-${i}`, '配件', '个', 1, 2])),
    );
    const file = await workbook([sheetXml(rows), sheetXml([rowXml(1, ['说明']), rowXml(2, ['配件编号必填'])])]);
    const res = await importParts(file);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ imported: 2000, created: 2000, updated: 0 });
    expect(await countRows(t, 'part', "code LIKE 'LIMIT-%'")).toBe(2000);
  });
});
