import ExcelJS from 'exceljs';
import { Tx } from '../src/common/tx';
import { backfillPartWords, SEED_SYNONYMS } from '../src/migration/1733270900000-PartWords';
import { expandKeyword } from '../src/modules/part/part-search';
import { createTestApp, DEMO, type TestApp } from './support/app';
import { auditOf } from './support/db';

/** Search in the workshop's own words: aliases, synonyms, pinyin initials; fitment; level prices in Excel. */
describe('part words: aliases, synonyms and pinyin initials', () => {
  let t: TestApp;
  let keeper: { Authorization: string };
  let technician: { Authorization: string };
  let service: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    [keeper, technician, service] = await Promise.all([t.bearer(DEMO.keeper), t.bearer(DEMO.technician), t.bearer(DEMO.service)]);
  });
  afterAll(() => t.close());

  const names = async (path: string, keyword: string, auth = keeper, key = 'name') => {
    const res = await t.http().get(path).query({ keyword, pageSize: 200 }).set(auth);
    expect(res.status).toBe(200);
    return res.body.data.items.map((p: Record<string, string>) => p[key]) as string[];
  };
  const download = (path: string, query: object = {}) =>
    t
      .http()
      .get(path)
      .query(query)
      .set(keeper)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const readSheet = async (body: Buffer, index = 0) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body);
    const rows: unknown[][] = [];
    wb.worksheets[index].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return rows;
  };
  const xlsx = async (rows: unknown[][]) => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('配件资料');
    for (const r of rows) sheet.addRow(r);
    return { filename: '配件资料.xlsx', contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
  };

  it('"jylx" and "机油滤芯" find 机油滤清器 through the seeded synonyms, on the catalogue, the stock and the holdings', async () => {
    for (const kw of ['jylx', 'JYLX', '机油滤芯', '机滤', '机油滤清器', 'jylqq']) {
      const found = await names('/api/parts', kw);
      expect(found.length).toBeGreaterThan(0);
      expect([kw, found.filter((n) => !n.includes('机油滤清器'))]).toEqual([kw, []]);
    }
    // "jl" is 机滤, and also 吉利.
    expect((await names('/api/parts', 'jl')).some((n) => n.includes('机油滤清器'))).toBe(true);
    // 电瓶 is 蓄电池, 刹车片 is also 制动片, and 雨刷 finds the 雨刮片.
    expect((await names('/api/parts', '电瓶')).some((n) => n.includes('蓄电池'))).toBe(true);
    expect((await names('/api/parts', 'dp')).some((n) => n.includes('蓄电池'))).toBe(true);
    expect((await names('/api/parts', '雨刷')).some((n) => n.includes('雨刮片'))).toBe(true);
    expect((await names('/api/stock', '机油滤芯', keeper, 'partName')).some((n) => n.includes('机油滤清器'))).toBe(true);
    // The technician's holdings search the same way (his pickers and the use-part sheet call it).
    const held = await t.http().get('/api/holdings').query({ pageSize: 200 }).set(technician);
    expect(held.status).toBe(200);
    const heldNames = (held.body.data.items as { partName: string }[]).map((h) => h.partName);
    // A part he holds whose name has a word of a seeded group, searched by another word of that group.
    const hit = SEED_SYNONYMS.flatMap((g) => g.map((w) => ({ w, other: g.find((o) => o !== w && !heldNames.some((n) => n.includes(o)))! })))
      .filter((x) => x.other)
      .map((x) => ({ ...x, name: heldNames.find((n) => n.includes(x.w)) }))
      .find((x) => x.name)!;
    expect(hit).toBeTruthy();
    expect(await names('/api/holdings', hit.other, technician, 'partName')).toContain(hit.name);
    expect(await names('/api/parts', '没有这种配件')).toEqual([]);
  });

  it('expands a keyword through each group word it contains, as written or as initials', () => {
    const groups = [
      ['机滤', '机油滤芯', '机油滤清器'],
      ['轮胎', '胎'],
    ];
    expect(expandKeyword('jylx', groups)).toEqual(expect.arrayContaining(['JYLX', '机滤', '机油滤清器']));
    expect(expandKeyword('曼牌 机滤', groups)).toEqual(expect.arrayContaining(['曼牌 机油滤芯', '曼牌 机油滤清器']));
    // A one-letter initial (胎 -> t) expands nothing.
    expect(expandKeyword('t100', groups)).toEqual(['T100']);
  });

  it('finds a part by an alias and by its initials, and by barcode; the form keeps the aliases', async () => {
    const created = await t.http().post('/api/parts').set(keeper).send({
      code: '6900000000017',
      name: '博世 火花塞 铱金',
      aliases: '火嘴、点火头 ',
      unit: '个',
      category: '点火系统',
      costPrice: 3000,
      salePrice: 5000,
    });
    expect(created.status).toBe(200);
    expect(created.body.data.aliases).toBe('火嘴、点火头');
    expect(created.body.data.pinyin).toBe('bshhsyj');
    for (const kw of ['点火头', 'dht', 'hz', '6900000000017', 'bshhs']) expect(await names('/api/parts', kw)).toContain('博世 火花塞 铱金');
    const id = created.body.data.id;
    const cleared = await t
      .http()
      .put(`/api/parts/${id}`)
      .set(keeper)
      .send({ ...created.body.data, id: undefined, pinyin: undefined, vehicleModels: undefined, aliases: '', prices: [] });
    expect(cleared.status).toBe(200);
    expect(await names('/api/parts', 'dht')).not.toContain('博世 火花塞 铱金');
  });

  it('keepers maintain the synonym list; a new group changes the search at once; others only read it', async () => {
    const list = await t.http().get('/api/part-synonyms').set(technician);
    expect(list.status).toBe(200);
    expect(list.body.data.map((g: { words: string[] }) => g.words.join('/'))).toContain('机滤/机油滤芯/机油滤清器/机油格');
    expect(await names('/api/parts', '三元催化')).toEqual([]);
    const refused = await t
      .http()
      .post('/api/part-synonyms')
      .set(technician)
      .send({ words: ['三元催化', '水泵'] });
    expect(refused.status).toBe(403);
    const created = await t
      .http()
      .post('/api/part-synonyms')
      .set(keeper)
      .send({ words: ['三元催化', ' 水泵 ', '三元催化'] });
    expect(created.status).toBe(200);
    expect(created.body.data.words).toEqual(['三元催化', '水泵']);
    expect((await names('/api/parts', '三元催化')).some((n) => n.includes('水泵'))).toBe(true);
    const clash = await t
      .http()
      .post('/api/part-synonyms')
      .set(keeper)
      .send({ words: ['机滤', '滤芯'] });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toContain('机滤');
    const one = await t
      .http()
      .post('/api/part-synonyms')
      .set(keeper)
      .send({ words: ['只有一个'] });
    expect(one.status).toBe(400);
    expect(one.body.message).toContain('至少要有两个词');
    const id = created.body.data.id;
    const edited = await t
      .http()
      .put(`/api/part-synonyms/${id}`)
      .set(keeper)
      .send({ words: ['三元催化', '三元催化器'] });
    expect(edited.status).toBe(200);
    expect(await names('/api/parts', '三元催化')).toEqual([]);
    expect((await t.http().delete(`/api/part-synonyms/${id}`).set(keeper)).status).toBe(200);
    expect((await auditOf(t, await t.bearer(DEMO.admin), 'part_synonym', id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['part_synonym.create', 'part_synonym.update', 'part_synonym.delete']),
    );
    expect((await t.http().get('/api/part-synonyms').set(service)).status).toBe(200);
  });

  it('the migration backfills the initials and search string of parts written before it', async () => {
    const tx = await t.app.getApplicationContext().getAsync(Tx);
    await tx.dataSource.query("UPDATE part SET wordInitials = '', searchText = code WHERE name LIKE ?", ['%机油滤清器%']);
    expect(await names('/api/parts', 'jylx')).toEqual([]);
    const qr = tx.dataSource.createQueryRunner();
    try {
      await backfillPartWords(qr);
    } finally {
      await qr.release();
    }
    expect((await names('/api/parts', 'jylx')).length).toBeGreaterThan(0);
    const [row] = await tx.dataSource.query("SELECT wordInitials FROM part WHERE code = '04E115561H'");
    expect(row.wordInitials).toBe('mpjylqqdzea211');
  });

  it('tells whether a part is listed for a vehicle’s model (universal parts fit every vehicle)', async () => {
    const vehicles = await t.http().get('/api/vehicles').query({ pageSize: 200 }).set(technician);
    expect(vehicles.status).toBe(200);
    const lavida = (vehicles.body.data.items as { id: number; vehicleModelName: string | null }[]).find((v) =>
      v.vehicleModelName?.startsWith('大众 朗逸 2021款'),
    )!;
    expect(lavida).toBeTruthy();
    const partId = async (code: string) =>
      (await t.http().get('/api/parts').query({ keyword: code }).set(technician)).body.data.items[0].id;
    const fit = async (code: string) => {
      const res = await t
        .http()
        .get(`/api/parts/${await partId(code)}/fitment`)
        .query({ vehicleId: lavida.id })
        .set(technician);
      expect(res.status).toBe(200);
      return res.body.data;
    };
    expect(await fit('48510-02N50')).toMatchObject({ fits: false, universal: false, vehicleModelName: lavida.vehicleModelName });
    expect(await fit('5Q0413031GL')).toMatchObject({ fits: true, universal: false });
    expect(await fit('6-QW-60')).toMatchObject({ fits: true, universal: true });
    const missing = await t.http().get(`/api/parts/1/fitment`).query({ vehicleId: 999999 }).set(technician);
    expect(missing.status).toBe(404);
  });

  it('refuses a price level whose Excel column would read another column (销售 → 销售价, 会员价 beside 会员)', async () => {
    const admin = await t.bearer(DEMO.admin);
    const levels = (await t.http().get('/api/price-levels').query({ pageSize: 200 }).set(admin)).body.data.items as { name: string }[];
    expect(levels.map((l) => l.name)).toContain('会员');
    const sale = await t.http().post('/api/price-levels').set(admin).send({ name: '销售', sort: 9, enabled: true });
    expect(sale.status).toBe(400);
    expect(sale.body.message).toMatch(/固定列“销售价\(元\)”/);
    const member = await t.http().post('/api/price-levels').set(admin).send({ name: '会员价', sort: 9, enabled: true });
    expect(member.status).toBe(400);
    expect(member.body.message).toMatch(/与“会员”在 Excel 中是同一列/);
    const fine = await t.http().post('/api/price-levels').set(admin).send({ name: '批发', sort: 9, enabled: false });
    expect(fine.status).toBe(200);
  });

  it('the Excel export and template carry aliases and the price levels; export → import changes nothing; level prices import', async () => {
    const template = await readSheet((await download('/api/parts/import-template')).body);
    expect(template[0].slice(-4)).toEqual(['别名', '零售价(元)', '会员价(元)', '车队价(元)']);
    expect(String(template[1][0])).toMatch(/^示例/);
    expect(template[1].slice(-4)).toEqual(['机滤、机油格', 35, 33, 31]);

    const before = (await t.http().get('/api/parts').query({ category: '滤清器', pageSize: 200 }).set(keeper)).body.data.items;
    const exported = await download('/api/parts/export', { category: '滤清器' });
    const sheet = await readSheet(exported.body);
    const row = sheet.find((r) => r[0] === '04E115561H')!;
    const levelPrices = before.find((p: { code: string }) => p.code === '04E115561H').prices.map((p: { price: number }) => p.price / 100);
    expect(row.slice(-3)).toEqual(levelPrices);
    const again = await t
      .http()
      .post('/api/parts/import')
      .set(keeper)
      .send({ filename: '配件资料.xlsx', contentBase64: exported.body.toString('base64') });
    expect(again.status).toBe(200);
    const after = (await t.http().get('/api/parts').query({ category: '滤清器', pageSize: 200 }).set(keeper)).body.data.items;
    expect(after).toEqual(before);

    // The template itself, filled below its example row: the example is passed over, level prices and aliases go in.
    const headers = template[0];
    const filled = await xlsx([
      headers,
      template[1],
      ['IMPW-1', '测试 空气滤清器', '', '', '个', '滤清器', 20, 40, 13, 0, '', '是', '空气格 风格', 39.5, '38', ''],
      ['04E115561H', '曼牌 机油滤清器（大众EA211）', ...row.slice(2, 12), '', 99, '', ''],
    ]);
    const imported = await t.http().post('/api/parts/import').set(keeper).send(filled);
    expect(imported.status).toBe(200);
    expect(imported.body.data).toEqual({ imported: 2, created: 1, updated: 1 });
    const fresh = (await t.http().get('/api/parts').query({ keyword: 'IMPW-1' }).set(keeper)).body.data.items[0];
    expect(fresh.aliases).toBe('空气格、风格');
    expect(fresh.prices.map((p: { priceLevelName: string; price: number }) => [p.priceLevelName, p.price])).toEqual([
      ['零售', 3950],
      ['会员', 3800],
    ]);
    const oil = (await t.http().get('/api/parts').query({ keyword: '04E115561H' }).set(keeper)).body.data.items[0];
    expect(oil.prices.map((p: { price: number }) => p.price)).toEqual([
      9900,
      ...levelPrices.slice(1).map((y: number) => Math.round(y * 100)),
    ]);
    expect(await t.http().get('/api/parts').query({ keyword: '示例' }).set(keeper)).toMatchObject({ body: { data: { total: 0 } } });

    const bad = await xlsx([headers, ['IMPW-2', '测试', '', '', '个', '其他', 1, 2, 13, 0, '', '是', '', 'abc']]);
    const refused = await t.http().post('/api/parts/import').set(keeper).send(bad);
    expect(refused.status).toBe(422);
    expect(refused.body.details.errors).toEqual([{ row: 2, column: '零售价(元)', message: expect.stringContaining('零售价应为金额') }]);
  });
});
