import { Provide } from '@midwayjs/core';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, fk } from './schema-helpers';

/** Requisitions (领用单), returns (调回单), their approvers, and idempotency keys. */
@Provide()
export class RequisitionsReturns1732881600000 implements MigrationInterface {
  name = 'RequisitionsReturns1732881600000';

  async up(qr: QueryRunner): Promise<void> {
    const doc = [
      col.id(),
      col.str('no', 30),
      col.ref('employeeId'),
      col.ref('departmentId', true),
      col.ref('warehouseId'),
      col.ref('handlerId', true),
      col.str('remark', 500, { default: "''" }),
      col.str('status', 12),
    ];
    const decision = [
      col.ref('createdById'),
      col.ref('decidedById', true),
      col.time('decidedAt', true),
      col.str('rejectReason', 200, { default: "''" }),
    ];
    const docKeys = {
      unique: [['no']],
      index: [['status', 'createdAt'], ['employeeId', 'createdAt'], ['warehouseId', 'createdAt'], ['createdAt']],
      foreignKeys: [
        fk('employeeId', 'employee'),
        fk('warehouseId', 'warehouse'),
        fk('departmentId', 'department'),
        fk('handlerId', 'employee'),
      ],
    };
    await createTable(
      qr,
      'requisition',
      [...doc, col.str('signStatus', 12), ...decision, col.time('signedAt', true), col.ref('copiedFromId', true), ...col.stamps()],
      docKeys,
    );
    await createTable(
      qr,
      'requisition_line',
      [
        col.id(),
        col.ref('requisitionId'),
        col.int('lineNo'),
        col.ref('partId'),
        col.int('qty'),
        col.int('cappedFrom', { isNullable: true }),
        col.int('disputedQty', { default: 0 }),
        col.str('disputeReason', 200, { default: "''" }),
      ],
      { index: [['requisitionId'], ['partId']], foreignKeys: [fk('requisitionId', 'requisition', 'CASCADE'), fk('partId', 'part')] },
    );
    await createTable(qr, 'stock_return', [...doc, col.time('inboundAt'), ...decision, ...col.stamps()], docKeys);
    await createTable(
      qr,
      'stock_return_line',
      [
        col.id(),
        col.ref('returnId'),
        col.int('lineNo'),
        col.ref('partId'),
        col.int('heldQty'),
        col.int('qty'),
        col.int('problemQty', { default: 0 }),
        col.str('problemReason', 200, { default: "''" }),
      ],
      { index: [['returnId'], ['partId']], foreignKeys: [fk('returnId', 'stock_return', 'CASCADE'), fk('partId', 'part')] },
    );
    await createTable(
      qr,
      'document_approver',
      [col.str('docType', 20, { isPrimary: true }), col.int('docId', { isPrimary: true }), col.int('employeeId', { isPrimary: true })],
      { index: [['employeeId', 'docType']], foreignKeys: [fk('employeeId', 'employee')] },
    );
    await createTable(
      qr,
      'idempotency_key',
      [
        col.id(),
        col.ref('employeeId'),
        col.str('key', 100),
        col.str('route', 100),
        col.str('requestHash', 64),
        col.str('status', 12),
        col.int('httpStatus', { isNullable: true }),
        col.text('response'),
        col.time('createdAt'),
      ],
      { unique: [['employeeId', 'key']], index: [['createdAt']] },
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['idempotency_key', 'document_approver', 'stock_return_line', 'stock_return', 'requisition_line', 'requisition'])
      await qr.dropTable(t, true);
  }
}
