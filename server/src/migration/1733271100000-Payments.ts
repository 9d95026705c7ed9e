import { Provide } from '@midwayjs/core';
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, createTable, fk } from './schema-helpers';

const money = (name: string) => ({ name, type: 'bigint', default: 0 });

/**
 * 收款: a settlement (应收) gets what was paid and refunded against it and its status; payments
 * (cash, transfer, WeChat Pay) and refunds are rows of their own. Settlements made before count
 * as paid by the method chosen then (countEarlierSettlementsPaid), so nothing paid then shows as
 * owed now.
 */
@Provide()
export class Payments1733271100000 implements MigrationInterface {
  name = 'Payments1733271100000';

  async up(qr: QueryRunner): Promise<void> {
    await addReceivableColumns(qr);
    await createTable(
      qr,
      'payment',
      [
        col.id(),
        col.ref('settlementId'),
        col.ref('workOrderId'),
        col.str('channel', 10),
        { name: 'amount', type: 'bigint' },
        money('refunded'),
        col.str('reference', 64, { default: "''" }),
        col.str('note', 200, { default: "''" }),
        col.ref('recordedById', true),
        col.time('createdAt'),
      ],
      // No foreign key to the settlement: the service writes a payment only inside the transaction
      // that moved the settlement's paid amount, and earlier migrations rebuild work_order_settlement.
      { index: [['settlementId'], ['workOrderId'], ['createdAt']] },
    );
    await createTable(
      qr,
      'payment_refund',
      [
        col.id(),
        col.ref('paymentId'),
        col.ref('settlementId'),
        { name: 'amount', type: 'bigint' },
        col.str('reason', 80),
        col.str('status', 12),
        col.str('outRefundNo', 32),
        col.ref('requestedById'),
        col.time('createdAt'),
        col.time('finishedAt', true),
      ],
      { unique: [['outRefundNo']], index: [['paymentId']], foreignKeys: [fk('paymentId', 'payment')] },
    );

    await countEarlierSettlementsPaid(qr);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('payment_refund');
    await qr.dropTable('payment');
    for (const c of ['payStatus', 'refunded', 'paid']) await qr.dropColumn('work_order_settlement', c);
  }
}

const MIGRATED = '系统迁移：结算时登记的付款方式';

/** What a settlement gets to be a receivable: paid and refunded (fen) and the status they give. */
export async function addReceivableColumns(qr: QueryRunner): Promise<void> {
  const table = 'work_order_settlement';
  await qr.addColumn(table, new TableColumn(money('paid')));
  await qr.addColumn(table, new TableColumn(money('refunded')));
  await qr.addColumn(table, new TableColumn(col.str('payStatus', 12, { default: "'unpaid'" })));
}

/**
 * Settlements that took their 付款方式 as the money having come in get one payment of their
 * payable by that method; free or zero ones are 免费. A few statements whatever the number of
 * rows, and re-entrant: a settlement that already has a payment or a paid amount is left alone.
 */
export async function countEarlierSettlementsPaid(qr: QueryRunner): Promise<void> {
  const earlier = `s.free = 0 AND s.payable > 0 AND s.paid = 0 AND s.paymentMethod IN ('cash', 'transfer', 'wechat')`;
  await qr.query(
    `INSERT INTO payment (settlementId, workOrderId, channel, amount, refunded, reference, note, recordedById, createdAt)
     SELECT s.id, s.workOrderId, s.paymentMethod, s.payable, 0, '', ?, s.settledById, s.createdAt
     FROM work_order_settlement s
     WHERE ${earlier} AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.settlementId = s.id)`,
    [MIGRATED],
  );
  await qr.query(
    `UPDATE work_order_settlement SET paid = payable, payStatus = 'paid'
     WHERE paid = 0 AND EXISTS (SELECT 1 FROM payment p WHERE p.settlementId = work_order_settlement.id AND p.note = ?)`,
    [MIGRATED],
  );
  await qr.query(`UPDATE work_order_settlement SET payStatus = 'free' WHERE free = 1 OR payable = 0`);
}
