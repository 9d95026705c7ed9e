import ExcelJS from 'exceljs';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { auditOf, countRows, dbSnapshot } from './support/db';

const PART_HEADERS = [
  '配件编号',
  '配件名称',
  '配件型号',
  '配件规格',
  '单位',
  '分类',
  '成本价(元)',
  '销售价(元)',
  '税率(%)',
  '最低库存',
  '适用车型',
  '启用(是/否)',
  '别名',
  '零售价(元)',
  '会员价(元)',
  '车队价(元)',
];
const CUSTOMER_HEADERS = [
  '客户类型(个人/单位)',
  '客户名称',
  '联系人',
  '联系电话',
  '地址',
  '车牌号',
  '车架号',
  '品牌',
  '车型',
  '年份',
  '里程(公里)',
  '税号',
  '备注',
];

async function xlsx(headers: string[], rows: unknown[][], filename = 'data.xlsx') {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Sheet1');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return { filename, contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

async function readSheet(body: Buffer, index = 0): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body);
  const rows: unknown[][] = [];
  wb.worksheets[index].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

describe('Excel import and export', () => {
  let t: TestApp;
  let keeper: { Authorization: string };
  let service: { Authorization: string };
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    [keeper, service, admin] = await Promise.all([t.bearer(DEMO.keeper), t.bearer(DEMO.service), t.bearer(DEMO.admin)]);
  });
  afterAll(() => t.close());

  /** A file route's answer, collected into a Buffer. */
  const download = (path: string, auth: object, query: object = {}) =>
    t
      .http()
      .get(path)
      .query(query)
      .set(auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('exports the filtered parts as a readable workbook with a UTF-8 file name', async () => {
    const res = await download('/api/parts/export', keeper, { category: '轮胎' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="parts-\d{8}\.xlsx"; filename\*=UTF-8''%E9%85%8D%E4%BB%B6/);
    const rows = await readSheet(res.body);
    expect(rows[0]).toEqual(PART_HEADERS);
    expect(rows).toHaveLength(9);
    const michelin = rows.find((r) => r[0] === '6950100852570')!;
    expect(michelin.slice(1, 6)).toEqual(['米其林 轮胎 205/55R16', '浩悦4 91V', '205/55R16', '条', '轮胎']);
    expect(michelin[6]).toBe(455);
    expect(String(michelin[10])).toContain('大众 朗逸 2021款 1.5L；');
    expect(michelin[11]).toBe('是');
  });

  it('leaves the cost column out of a technician’s export', async () => {
    const technician = await t.bearer(DEMO.technician);
    const res = await download('/api/parts/export', technician, { keyword: '6950100852570' });
    expect(res.status).toBe(200);
    const rows = await readSheet(res.body);
    expect(rows[0]).not.toContain('成本价(元)');
    expect(rows).toHaveLength(2);
  });

  it('serves an import template whose columns the import accepts', async () => {
    const res = await download('/api/parts/import-template', keeper);
    expect(res.status).toBe(200);
    expect((await readSheet(res.body))[0]).toEqual(PART_HEADERS);
    expect(JSON.stringify(await readSheet(res.body, 1))).toContain('大众 朗逸 2021款 1.5L');
    expect((await t.http().get('/api/parts/import-template').set(service)).status).toBe(403);
  });

  it('imports nothing when one row is wrong, reporting every bad row and column', async () => {
    const before = await dbSnapshot(t);
    const file = await xlsx(PART_HEADERS, [
      ['IMP-001', '曼牌 空气滤清器 导入', 'C 27009', '', '个', '滤清器', 28.5, '49.00', 13, 6, '大众 朗逸 2021款 1.5L；丰田 卡罗拉', '是'],
      ['IMP-002', '', '', '', '个', '滤清器', 'abc', 30, 17, 2, '', '是'],
      ['IMP-003', '后刹车片', '', '', '套', '刹车', 100, 150.123, 13, 2, '特斯拉 Model 3', '也许'],
      ['IMP-001', '重复编号', '', '', '个', '其他', 1, 2, 13, 0, '', ''],
    ]);
    const res = await t.http().post('/api/parts/import').set(keeper).send(file);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('IMPORT_INVALID');
    expect(res.body.message).toMatch(/未导入任何数据/);
    const errors = res.body.details.errors as { row: number; column?: string; message: string }[];
    const at = (row: number) =>
      errors
        .filter((e) => e.row === row)
        .map((e) => e.column)
        .sort();
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['成本价(元)', '税率(%)', '配件名称'].sort());
    expect(at(4)).toEqual(['分类', '启用(是/否)', '适用车型', '销售价(元)'].sort());
    expect(errors.find((e) => e.row === 5)).toEqual({ row: 5, column: '配件编号', message: '配件编号 IMP-001 与第 2 行重复' });
    expect(errors.find((e) => e.column === '适用车型')!.message).toBe('适用车型“特斯拉 Model 3”未登记，请先在车型管理中添加');
    expect(await dbSnapshot(t)).toBe(before);
  });

  it('imports good rows in one go, and a second import updates the same codes', async () => {
    const rows = [
      ['IMP-101', '曼牌 空气滤清器 导入', 'C 27009', '', '个', '滤清器', 28.5, '49.00', 13, 6, '大众 朗逸 2021款 1.5L；丰田 卡罗拉', '是'],
      ['imp-102', '博世 雨刮片 导入', '', '', '套', '雨刮', '¥35', 60, 0.13, '', '', ''],
      ['IMP-103', '防冻液 导入', '', '-35℃', '桶', '', 40, 68, '9%', 3, '', '否'],
    ];
    const res = await t
      .http()
      .post('/api/parts/import')
      .set(keeper)
      .send(await xlsx(PART_HEADERS, rows));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ imported: 3, created: 3, updated: 0 });
    const air = (await t.http().get('/api/parts').query({ keyword: 'IMP-101' }).set(keeper)).body.data.items[0];
    expect(air).toMatchObject({ costPrice: 2850, salePrice: 4900, taxRate: 13, minStock: 6, category: '滤清器', enabled: true });
    expect(air.vehicleModels.map((m: { name: string }) => m.name).sort()).toEqual(
      ['丰田 卡罗拉 2017款 1.6L', '丰田 卡罗拉 2021款 1.2T', '大众 朗逸 2021款 1.5L'].sort(),
    );
    const wiper = (await t.http().get('/api/parts').query({ keyword: 'imp-102' }).set(keeper)).body.data.items[0];
    expect(wiper).toMatchObject({ costPrice: 3500, salePrice: 6000, taxRate: 13, minStock: 0 });
    const coolant = (await t.http().get('/api/parts').query({ keyword: 'IMP-103' }).set(keeper)).body.data.items[0];
    expect(coolant).toMatchObject({ category: '其他', taxRate: 9, enabled: false });
    expect((await auditOf(t, admin, 'part', air.id))[0].action).toBe('part.import.create');

    rows[0][7] = 52;
    rows[0][10] = '';
    const again = await t
      .http()
      .post('/api/parts/import')
      .set(keeper)
      .send(await xlsx(PART_HEADERS, rows.slice(0, 1)));
    expect(again.body.data).toEqual({ imported: 1, created: 0, updated: 1 });
    const air2 = (await t.http().get(`/api/parts/${air.id}`).set(keeper)).body.data;
    expect(air2).toMatchObject({ salePrice: 5200, vehicleModels: [] });
    const log = await auditOf(t, admin, 'part', air.id);
    expect(log[0]).toMatchObject({ action: 'part.import.update', before: { salePrice: 4900 }, after: { salePrice: 5200 } });
  });

  it('reads headers without their bracketed hints (启用 as 启用(是/否), 成本价 as 成本价(元))', async () => {
    const bare = PART_HEADERS.map((h) => h.replace(/\(.*\)/, ''));
    expect(bare).toContain('启用');
    const res = await t
      .http()
      .post('/api/parts/import')
      .set(keeper)
      .send(await xlsx(bare, [['BARE-1', '火花塞 导入', '', '', '只', '点火系统', 20, 45, 13, 2, '', '否']]));
    expect(res.status).toBe(200);
    const part = (await t.http().get('/api/parts').query({ keyword: 'BARE-1' }).set(keeper)).body.data.items[0];
    expect(part).toMatchObject({ costPrice: 2000, salePrice: 4500, category: '点火系统', enabled: false });
  });

  it('an exported catalogue imports back unchanged', async () => {
    const exported = await download('/api/parts/export', keeper, { category: '滤清器' });
    const res = await t
      .http()
      .post('/api/parts/import')
      .set(keeper)
      .send({ filename: '配件资料.xlsx', contentBase64: exported.body.toString('base64') });
    expect(res.status).toBe(200);
    expect(res.body.data.created).toBe(0);
    expect(res.body.data.updated).toBe(res.body.data.imported);
  });

  it('refuses files that are not xlsx, too large, too long or without the columns', async () => {
    const before = await dbSnapshot(t);
    const notXlsx = await t
      .http()
      .post('/api/parts/import')
      .set(keeper)
      .send({ filename: 'parts.csv', contentBase64: Buffer.from('a,b').toString('base64') });
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.message).toContain('.xlsx');
    const garbage = await t
      .http()
      .post('/api/parts/import')
      .set(keeper)
      .send({ filename: 'parts.xlsx', contentBase64: Buffer.from('PK but not a zip').toString('base64') });
    expect(garbage.status).toBe(400);
    expect(garbage.body.message).toContain('无法读取');
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 1);
    big.write('PK');
    const tooBig = await t
      .http()
      .post('/api/parts/import')
      .set(keeper)
      .send({ filename: 'big.xlsx', contentBase64: big.toString('base64') });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.message).toContain('5 MB');
    const many = await xlsx(
      PART_HEADERS,
      Array.from({ length: 2001 }, (_, i) => [`MANY-${i}`, '配件', '', '', '个', '其他', 1, 2, 13, 0, '', '']),
    );
    const tooLong = await t.http().post('/api/parts/import').set(keeper).send(many);
    expect(tooLong.status).toBe(413);
    expect(tooLong.body.message).toContain('2000');
    const noColumns = await t
      .http()
      .post('/api/parts/import')
      .set(keeper)
      .send(await xlsx(['编号', '名称'], [['X', 'Y']]));
    expect(noColumns.status).toBe(422);
    expect(noColumns.body.details.errors[0]).toMatchObject({ row: 1 });
    expect(noColumns.body.details.errors[0].message).toContain('配件编号');
    const empty = await t
      .http()
      .post('/api/parts/import')
      .set(keeper)
      .send(await xlsx(PART_HEADERS, []));
    expect(empty.status).toBe(400);
    const extra = await t
      .http()
      .post('/api/parts/import')
      .set(keeper)
      .send({ ...(await xlsx(PART_HEADERS, [])), overwrite: true });
    expect(extra.status).toBe(400);
    expect(await dbSnapshot(t)).toBe(before);
  });

  it('imports customers: rows with the same name and phone become one customer with several vehicles', async () => {
    const file = await xlsx(CUSTOMER_HEADERS, [
      [
        '单位',
        '庆元县云鹤茶业有限公司',
        '管云鹤',
        '13819876543',
        '庆元县屏都街道茶园路 3 号',
        '浙K·6N231',
        'lsvax60e6m2000999',
        '大众',
        '朗逸',
        2021,
        15000,
        '91331126MA2X9Y8Z7W',
        '月结',
      ],
      ['单位', '庆元县云鹤茶业有限公司', '管云鹤', '13819876543', '', '浙K6N232', '', '丰田', '卡罗拉 2017款 1.6L', 2018, '86,000', '', ''],
      ['个人', '柳文华', '', '15857001234', '庆元县竹口镇新窑村 9 号', '', '', '', '', '', '', '', ''],
    ]);
    const res = await t.http().post('/api/customers/import').set(service).send(file);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ imported: 3, created: 2, vehiclesCreated: 2 });
    const tea = (await t.http().get('/api/customers').query({ keyword: '浙K6N232' }).set(service)).body.data.items[0];
    expect(tea).toMatchObject({ name: '庆元县云鹤茶业有限公司', kind: 'company', contactName: '管云鹤', plates: ['浙K6N231', '浙K6N232'] });
    const detail = (await t.http().get(`/api/customers/${tea.id}`).set(service)).body.data;
    expect(detail).toMatchObject({ taxNumber: '91331126MA2X9Y8Z7W', remark: '月结' });
    expect(detail.vehicles.map((v: { vehicleModelName: string }) => v.vehicleModelName)).toEqual([
      '大众 朗逸 2021款 1.5L',
      '丰田 卡罗拉 2017款 1.6L',
    ]);
    expect(detail.vehicles[1].mileage).toBe(86000);
    expect(detail.vehicles[0].vin).toBe('LSVAX60E6M2000999');
    const liu = (await t.http().get('/api/customers').query({ keyword: 'lwh' }).set(service)).body.data.items[0];
    expect(liu).toMatchObject({ name: '柳文华', kind: 'person', contactName: '柳文华', plates: [] });
    expect((await auditOf(t, admin, 'customer', tea.id))[0].action).toBe('customer.import.create');

    const again = await t.http().post('/api/customers/import').set(service).send(file);
    expect(again.status).toBe(422);
    expect(again.body.details.errors).toEqual(
      expect.arrayContaining([
        { row: 2, column: '客户名称', message: '客户“庆元县云鹤茶业有限公司”（电话 13819876543）已存在，请勿重复导入' },
        { row: 2, column: '车牌号', message: '车牌号 浙K6N231 已登记在客户 庆元县云鹤茶业有限公司 名下' },
      ]),
    );
  });

  it('imports no customer when any row is wrong', async () => {
    const before = await dbSnapshot(t);
    const customersBefore = await countRows(t, 'customer');
    const file = await xlsx(CUSTOMER_HEADERS, [
      ['个人', '好客户', '', '13911112222', '', '浙K1Q001', '', '', '', '', '', '', ''],
      ['个体', '坏客户甲', '', '12345', '', 'ABC', 'IOQ', '', '', '二〇二〇', -3, '', ''],
      ['个人', '坏客户乙', '', '13911113333', '', '浙K1Q001', '', '特斯拉', 'Model 3', '', '', '', ''],
      ['个人', '坏客户丙', '', '13911114444', '', '浙K3B721', '', '', '', '', '', '', ''],
    ]);
    const res = await t.http().post('/api/customers/import').set(service).send(file);
    expect(res.status).toBe(422);
    const errors = res.body.details.errors as { row: number; column?: string; message: string }[];
    const at = (row: number) =>
      errors
        .filter((e) => e.row === row)
        .map((e) => e.column)
        .sort();
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['客户类型(个人/单位)', '联系电话', '车牌号', '车架号', '年份', '里程(公里)'].sort());
    expect(at(4)).toEqual(['车型', '车牌号'].sort());
    expect(errors.find((e) => e.row === 4 && e.column === '车牌号')!.message).toBe('车牌号 浙K1Q001 与第 2 行重复');
    expect(errors.find((e) => e.row === 5)).toEqual({ row: 5, column: '车牌号', message: '车牌号 浙K3B721 已登记在客户 吴建平 名下' });
    expect(await countRows(t, 'customer')).toBe(customersBefore);
    expect(await dbSnapshot(t)).toBe(before);
  });

  it('exports customers a row per vehicle, in the import’s columns', async () => {
    const res = await download('/api/customers/export', service, { keyword: '恒达物流' });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="customers-\d{8}\.xlsx"/);
    const rows = await readSheet(res.body);
    expect(rows[0]).toEqual(CUSTOMER_HEADERS);
    expect(rows.slice(1).map((r) => r[5])).toEqual(['浙K7H290', '浙K7H291', '浙K3W806']);
    expect(rows[1].slice(0, 4)).toEqual(['单位', '庆元县恒达物流有限公司', '吴永华', '13867890321']);
    expect(rows[1].slice(7, 9)).toEqual(['五菱', '宏光 2016款 1.5L']);
    const technician = await t.bearer(DEMO.technician);
    expect(
      (
        await t
          .http()
          .post('/api/customers/import')
          .set(technician)
          .send(await xlsx(CUSTOMER_HEADERS, [['个人', '甲', '', '13911115555']]))
      ).status,
    ).toBe(403);
  });
});
