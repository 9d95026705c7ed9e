import { Tx } from '../../src/common/tx';
import type { TestApp } from './app';

/** The tables the foundation's write routes touch (sessions and login attempts left out: logins write them). */
export const FOUNDATION_TABLES = [
  'department',
  'employee',
  'warehouse',
  'warehouse_keeper',
  'price_level',
  'customer',
  'customer_contact',
  'customer_address',
  'vehicle_model',
  'vehicle',
  'part',
  'part_vehicle_model',
  'part_price',
  'audit_log',
];

/** Every row of the tables, to prove a refused request changed nothing. */
export async function dbSnapshot(t: TestApp, tables = FOUNDATION_TABLES): Promise<string> {
  const tx = await t.app.getApplicationContext().getAsync(Tx);
  const out: Record<string, unknown[]> = {};
  for (const table of tables) out[table] = await tx.dataSource.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
  return JSON.stringify(out);
}

export async function countRows(t: TestApp, table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
  const tx = await t.app.getApplicationContext().getAsync(Tx);
  const rows: { n: number | string }[] = await tx.dataSource.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(rows[0].n);
}

/** The newest audit entries of a record, as the admin's audit route answers them. */
export async function auditOf(t: TestApp, auth: object, entity: string, entityId: number | string) {
  const res = await t.http().get(`/api/audit-logs?entity=${entity}&entityId=${entityId}`).set(auth);
  expect(res.status).toBe(200);
  return res.body.data.items as { action: string; before: any; after: any; employeeName: string }[];
}
