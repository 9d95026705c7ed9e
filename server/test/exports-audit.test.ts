import ExcelJS from 'exceljs';
import { shanghaiDate } from '@hongyuan/shared';
import { createTestApp, DEMO, type TestApp } from './support/app';

/**
 * Exports of personal data: the customer list (names, phones, addresses, plates) only for the
 * desk (客服) and the admin, under customer.export; every export of customers, invoice requests
 * and technicians' figures is in the audit log with who, the filters and the number of rows.
 */
describe('exports of personal data', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let service: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    [admin, service] = await Promise.all([t.bearer(DEMO.admin), t.bearer(DEMO.service)]);
  });
  afterAll(() => t.close());

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

  /** The data rows of the first sheet (the header row left out). */
  const dataRows = async (file: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file);
    return wb.worksheets[0].rowCount - 1;
  };

  const audits = async (action: string) => {
    const res = await t
      .http()
      .get('/api/audit-logs')
      .query({ entity: action.split('.')[0], pageSize: 200 })
      .set(admin);
    expect(res.status).toBe(200);
    return (res.body.data.items as { action: string; employeeName: string; entityId: string; after: any }[]).filter(
      (a) => a.action === action,
    );
  };

  it('lets only the desk and the admin export customers', async () => {
    for (const phone of [DEMO.technician, DEMO.keeper, DEMO.supervisor, DEMO.followup]) {
      const auth = await t.bearer(phone);
      const res = await t.http().get('/api/customers/export').set(auth);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      // they still read customers for their work
      expect((await t.http().get('/api/customers').set(auth)).status).toBe(200);
    }
    expect((await download('/api/customers/export', service)).status).toBe(200);
    expect((await download('/api/customers/export', admin)).status).toBe(200);
    expect((await t.http().get('/api/customers/export')).status).toBe(401);
  });

  it('records each customer export with who, the filters and the row count', async () => {
    const before = (await audits('customer.export')).length;
    const all = await download('/api/customers/export', service);
    const some = await download('/api/customers/export', service, { keyword: '恒达物流' });
    const entries = await audits('customer.export');
    expect(entries).toHaveLength(before + 2);
    const [newest, previous] = entries;
    expect(previous).toMatchObject({ employeeName: '林晓燕', after: { rows: await dataRows(all.body) } });
    expect(previous.after.filters).toEqual({});
    expect(newest).toMatchObject({ employeeName: '林晓燕', after: { rows: 3 } });
    expect(newest.after.filters).toEqual({ keyword: '恒达物流' });
    expect(await dataRows(some.body)).toBe(3);
    expect(newest.after.rows).toBeLessThan(previous.after.rows);
    expect(newest.after.file).toMatch(/^客户资料-\d{8}\.xlsx$/);
  });

  it('records the exports of invoice requests and of the technicians’ figures', async () => {
    const invoices = await download('/api/invoices/export', service);
    expect(invoices.status).toBe(200);
    const [invoiceEntry] = await audits('invoice.export');
    expect(invoiceEntry).toMatchObject({ employeeName: '林晓燕', after: { rows: await dataRows(invoices.body), filters: {} } });
    expect(invoiceEntry.after.filters).toEqual({});

    const supervisor = await t.bearer(DEMO.supervisor);
    const today = shanghaiDate();
    const stats = await download('/api/work-order-stats/export', supervisor, { from: '2020-01-01', to: today });
    expect(stats.status).toBe(200);
    const [statsEntry] = await audits('workOrderStats.export');
    expect(statsEntry).toMatchObject({ employeeName: '叶建国', after: { rows: await dataRows(stats.body) } });
    expect(statsEntry.after.filters).toEqual({ from: '2020-01-01', to: today });
    expect(statsEntry.after.rows).toBeGreaterThan(0);
  });

  it('sends nothing and records nothing when the export is refused', async () => {
    const before = (await audits('invoice.export')).length;
    const technician = await t.bearer(DEMO.technician);
    expect((await t.http().get('/api/invoices/export').set(technician)).status).toBe(403);
    expect(await audits('invoice.export')).toHaveLength(before);
  });
});
