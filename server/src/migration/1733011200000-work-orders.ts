import { Provide } from '@midwayjs/core';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, fk } from './schema-helpers';

/** Work orders with their timeline, parts, labour and follow-ups; in-app notifications. */
@Provide()
export class WorkOrders1733011200000 implements MigrationInterface {
  name = 'WorkOrders1733011200000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'work_order',
      [
        col.id(),
        col.str('no', 30),
        col.str('state', 20),
        col.ref('customerId'),
        col.ref('vehicleId', true),
        col.str('contactName', 30),
        col.str('contactPhone', 20),
        col.str('address', 200),
        col.str('problem', 1000),
        col.str('serviceType', 10),
        col.str('priority', 10),
        col.time('appointmentAt', true),
        col.ref('technicianId', true),
        col.str('helperIds', 100, { default: "''" }),
        col.ref('firstTechnicianId', true),
        col.int('reworkCount', { default: 0 }),
        col.str('summary', 1000, { default: "''" }),
        col.str('startLocation', 60, { default: "''" }),
        col.int('discount', { default: 0 }),
        col.str('paymentMethod', 10, { default: "''" }),
        col.str('settlementNote', 200, { default: "''" }),
        col.ref('createdById'),
        col.time('dispatchedAt', true),
        col.time('startedAt', true),
        col.time('finishedAt', true),
        col.time('settledAt', true),
        col.time('closedAt', true),
        ...col.stamps(),
      ],
      {
        unique: [['no']],
        index: [['state', 'createdAt'], ['technicianId', 'state'], ['customerId', 'createdAt'], ['vehicleId', 'createdAt'], ['createdAt']],
        foreignKeys: [
          fk('customerId', 'customer'),
          fk('vehicleId', 'vehicle'),
          fk('technicianId', 'employee'),
          fk('createdById', 'employee'),
        ],
      },
    );
    await createTable(
      qr,
      'work_order_event',
      [
        col.id(),
        col.ref('workOrderId'),
        col.str('action', 20),
        col.str('fromState', 20),
        col.str('toState', 20),
        col.ref('employeeId'),
        col.ref('technicianId', true),
        col.str('note', 500, { default: "''" }),
        col.time('createdAt'),
      ],
      { index: [['workOrderId', 'createdAt']], foreignKeys: [fk('workOrderId', 'work_order', 'CASCADE')] },
    );
    await createTable(
      qr,
      'work_order_part',
      [
        col.id(),
        col.ref('workOrderId'),
        col.ref('partId'),
        col.int('qty'),
        col.str('kind', 10),
        col.int('unitPrice'),
        col.int('taxRate'),
        col.bool('taxIncluded', true),
        col.ref('technicianId', true),
        col.time('removedAt', true),
        col.time('createdAt'),
      ],
      { index: [['workOrderId'], ['partId']], foreignKeys: [fk('workOrderId', 'work_order', 'CASCADE'), fk('partId', 'part')] },
    );
    await createTable(
      qr,
      'work_order_labour',
      [
        col.id(),
        col.ref('workOrderId'),
        col.ref('technicianId', true),
        col.str('name', 50),
        col.int('qty'),
        col.int('unitPrice'),
        col.int('taxRate'),
        col.bool('taxIncluded', true),
        col.time('createdAt'),
      ],
      { index: [['workOrderId']], foreignKeys: [fk('workOrderId', 'work_order', 'CASCADE')] },
    );
    await createTable(
      qr,
      'work_order_followup',
      [
        col.id(),
        col.ref('workOrderId'),
        col.bool('reached', false),
        col.int('satisfaction', { isNullable: true }),
        col.str('comments', 500, { default: "''" }),
        col.str('result', 10),
        col.str('reworkReason', 200, { default: "''" }),
        col.ref('employeeId'),
        col.time('createdAt'),
      ],
      { index: [['workOrderId']], foreignKeys: [fk('workOrderId', 'work_order', 'CASCADE')] },
    );
    await createTable(
      qr,
      'notification',
      [
        col.id(),
        col.ref('employeeId'),
        col.str('kind', 20),
        col.str('title', 50),
        col.str('body', 200, { default: "''" }),
        col.ref('workOrderId', true),
        col.time('readAt', true),
        col.time('createdAt'),
      ],
      { index: [['employeeId', 'readAt'], ['createdAt']], foreignKeys: [fk('employeeId', 'employee')] },
    );
    await createTable(
      qr,
      'invoice_request',
      [
        col.id(),
        col.ref('workOrderId'),
        col.str('buyerTitle', 100),
        col.str('taxNumber', 20, { default: "''" }),
        { name: 'byRate', type: 'text' },
        col.int('total'),
        col.str('status', 10),
        col.str('invoiceNo', 30, { default: "''" }),
        col.str('remark', 200, { default: "''" }),
        col.ref('createdById'),
        col.time('createdAt'),
        col.time('issuedAt', true),
      ],
      { unique: [['workOrderId']], index: [['status', 'createdAt']], foreignKeys: [fk('workOrderId', 'work_order')] },
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'invoice_request',
      'notification',
      'work_order_followup',
      'work_order_labour',
      'work_order_part',
      'work_order_event',
      'work_order',
    ])
      await qr.dropTable(t, true);
  }
}
