import { Provide } from '@midwayjs/core';
import { TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { totals, type AmountLine } from '@hongyuan/shared';
import { col, createTable, fk } from './schema-helpers';

type Row = Record<string, unknown>;

/**
 * 结算 per visit: a settlement row per settled visit, and each used part and labour line stamped
 * with the settlement that billed it, so a rework visit bills only its own lines.
 *
 * Orders settled before this change get one settlement from their columns (discount, payment
 * method, note) at the time of their last 结算, covering the lines that existed then; lines of a
 * rework visit started since stay open for its own settlement.
 *
 * On MySQL the audit log's before/after become MEDIUMTEXT: TEXT stops at 64 KB, which a long
 * document's entry passes (SQLite's TEXT has no such limit).
 */
@Provide()
export class PerVisitSettlements1733270600000 implements MigrationInterface {
  name = 'PerVisitSettlements1733270600000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'work_order_settlement',
      [
        col.id(),
        col.ref('workOrderId'),
        col.int('visit'),
        // BIGINT: a settlement carried over from before may exceed what an INT holds.
        ...['net', 'tax', 'gross', 'discount', 'payable'].map((name) => ({ name, type: 'bigint' })),
        { name: 'byRate', type: 'text' },
        col.str('paymentMethod', 10, { default: "''" }),
        col.bool('free', false),
        col.str('note', 200, { default: "''" }),
        col.ref('settledById'),
        col.time('createdAt'),
        col.ref('invoiceRequestId', true),
      ],
      {
        unique: [['workOrderId', 'visit']],
        index: [['createdAt'], ['invoiceRequestId']],
        foreignKeys: [fk('workOrderId', 'work_order', 'CASCADE'), fk('settledById', 'employee'), fk('invoiceRequestId', 'invoice_request')],
      },
    );
    // Several invoice requests per order now (each covers settlements not yet invoiced): the
    // plain index keeps serving the foreign key before the unique one goes.
    const requests = await qr.getTable('invoice_request');
    if (!requests?.indices.some((i) => i.name === 'IX_invoice_request_workOrderId'))
      await qr.createIndex('invoice_request', new TableIndex({ name: 'IX_invoice_request_workOrderId', columnNames: ['workOrderId'] }));
    if (requests?.indices.some((i) => i.name === 'UQ_invoice_request_workOrderId'))
      await qr.dropIndex('invoice_request', 'UQ_invoice_request_workOrderId');
    else if (requests?.uniques.some((u) => u.name === 'UQ_invoice_request_workOrderId'))
      await qr.dropUniqueConstraint('invoice_request', 'UQ_invoice_request_workOrderId');
    for (const table of ['work_order_part', 'work_order_labour']) {
      await qr.addColumn(table, new TableColumn(col.ref('settlementId', true)));
      await qr.createForeignKey(table, new TableForeignKey(fk('settlementId', 'work_order_settlement')));
      await qr.createIndex(table, new TableIndex({ name: `IX_${table}_settlementId`, columnNames: ['settlementId'] }));
    }
    await settleLegacyOrders(qr);
    // A request made before covered everything its order had settled.
    await qr.query(
      'UPDATE work_order_settlement SET invoiceRequestId = (SELECT MIN(i.id) FROM invoice_request i WHERE i.workOrderId = work_order_settlement.workOrderId) WHERE invoiceRequestId IS NULL',
    );
    if (qr.connection.options.type === 'mysql') {
      await qr.query('ALTER TABLE audit_log MODIFY `before` MEDIUMTEXT NULL, MODIFY `after` MEDIUMTEXT NULL');
    }
  }

  /**
   * The audit columns stay MEDIUMTEXT, and invoice requests keep a plain index on the order:
   * shrinking the one or making the other unique again would fail on the rows they now hold.
   */
  async down(qr: QueryRunner): Promise<void> {
    for (const table of ['work_order_labour', 'work_order_part']) {
      const t = await qr.getTable(table);
      const key = t?.foreignKeys.find((k) => k.columnNames.includes('settlementId'));
      if (key) await qr.dropForeignKey(table, key);
      await qr.dropIndex(table, `IX_${table}_settlementId`);
      await qr.dropColumn(table, 'settlementId');
    }
    await qr.dropTable('work_order_settlement', true);
  }
}

/**
 * One settlement per order settled before settlements were kept (see the class comment), in
 * plain SQL for both databases. An order that already has a settlement is left alone.
 */
export async function settleLegacyOrders(qr: QueryRunner): Promise<void> {
  const orders: Row[] = await qr.query(
    "SELECT id, discount, paymentMethod, settlementNote FROM work_order WHERE id IN (SELECT workOrderId FROM work_order_event WHERE action = 'settle') AND id NOT IN (SELECT workOrderId FROM work_order_settlement) ORDER BY id",
  );
  for (const o of orders) {
    const [last]: Row[] = await qr.query(
      "SELECT id, employeeId, createdAt FROM work_order_event WHERE workOrderId = ? AND action = 'settle' ORDER BY id DESC LIMIT 1",
      [o.id],
    );
    const [reworks]: Row[] = await qr.query(
      "SELECT COUNT(*) AS n FROM work_order_event WHERE workOrderId = ? AND action = 'rework' AND id < ?",
      [o.id, last.id],
    );
    const parts: Row[] = await qr.query(
      "SELECT id, unitPrice, qty, taxRate, taxIncluded FROM work_order_part WHERE workOrderId = ? AND kind = 'used' AND removedAt IS NULL AND createdAt <= ?",
      [o.id, last.createdAt],
    );
    const labour: Row[] = await qr.query(
      'SELECT id, unitPrice, qty, taxRate, taxIncluded FROM work_order_labour WHERE workOrderId = ? AND createdAt <= ?',
      [o.id, last.createdAt],
    );
    const lines: AmountLine[] = [...parts, ...labour].map((l) => ({
      unitPrice: Number(l.unitPrice),
      qty: Number(l.qty),
      taxRate: Number(l.taxRate),
      taxIncluded: !!Number(l.taxIncluded),
    }));
    const gross = totals(lines).gross;
    const t = totals(lines, Math.min(Number(o.discount) || 0, gross));
    const visit = Number(reworks.n);
    await qr.query(
      'INSERT INTO work_order_settlement (`workOrderId`, `visit`, `net`, `tax`, `gross`, `discount`, `payable`, `byRate`, `paymentMethod`, `free`, `note`, `settledById`, `createdAt`) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        o.id,
        visit,
        t.net,
        t.tax,
        t.gross,
        t.discount,
        t.payable,
        JSON.stringify(t.byRate),
        String(o.paymentMethod ?? ''),
        0,
        String(o.settlementNote ?? ''),
        last.employeeId,
        last.createdAt,
      ],
    );
    const [made]: Row[] = await qr.query('SELECT id FROM work_order_settlement WHERE workOrderId = ? AND visit = ?', [o.id, visit]);
    for (const [table, rows] of [
      ['work_order_part', parts],
      ['work_order_labour', labour],
    ] as const) {
      if (rows.length) {
        await qr.query(`UPDATE ${table} SET settlementId = ? WHERE id IN (${rows.map(() => '?').join(', ')})`, [
          made.id,
          ...rows.map((r) => r.id),
        ]);
      }
    }
  }
}
