import { Provide } from '@midwayjs/core';
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { verifyPassword } from '../modules/auth/password';
import { col, createTable } from './schema-helpers';

/** The password every demo account was created with, published in the README until now. */
const PUBLISHED_DEMO_PASSWORD = 'hy123456';

/**
 * A fresh install is safe: employees whose password someone else knows must set their own
 * (employee.mustChangePassword), and failed logins and refused requests are kept for the admin
 * (security_event, one row per kind, person, address and route per minute).
 *
 * Databases from before: every account still on the published demo password is marked, so a
 * production instance that kept the demo data no longer opens with it (demo mode ignores the mark).
 */
@Provide()
export class FirstRunPasswords1733270800000 implements MigrationInterface {
  name = 'FirstRunPasswords1733270800000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('employee', new TableColumn(col.bool('mustChangePassword', false)));
    const employees: { id: number; passwordHash: string }[] = await qr.query('SELECT id, passwordHash FROM employee');
    for (const e of employees) {
      if (await verifyPassword(PUBLISHED_DEMO_PASSWORD, e.passwordHash)) {
        await qr.query('UPDATE employee SET mustChangePassword = 1 WHERE id = ?', [e.id]);
      }
    }
    await createTable(
      qr,
      'security_event',
      [
        col.id(),
        col.str('kind', 20),
        /** sha256 of kind, subject, address and route: with the minute, the row a repeat adds to */
        col.str('dedupeKey', 64),
        col.int('minute'),
        col.ref('employeeId', true),
        col.str('employeeName', 30, { default: "''" }),
        col.str('phone', 20, { default: "''" }),
        col.str('ip', 64, { default: "''" }),
        col.str('route', 200, { default: "''" }),
        col.str('reason', 100, { default: "''" }),
        col.int('hits', { default: 1 }),
        col.time('firstAt'),
        col.time('lastAt'),
      ],
      { unique: [['dedupeKey', 'minute']], index: [['lastAt'], ['kind', 'lastAt']] },
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('security_event');
    await qr.dropColumn('employee', 'mustChangePassword');
  }
}
