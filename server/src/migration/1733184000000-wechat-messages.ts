import { Provide } from '@midwayjs/core';
import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, createTable, fk } from './schema-helpers';

/**
 * WeChat subscription messages: every notification becomes a to-do that can be closed and says
 * what happened to its WeChat copy; the outbox the worker sends from; quotas per employee and
 * template; the access token shared by all server processes (with a refresh lease); once-a-day jobs.
 */
@Provide()
export class WechatMessages1733184000000 implements MigrationInterface {
  name = 'WechatMessages1733184000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('notification', [
      new TableColumn(col.str('page', 200, { default: "''" })),
      new TableColumn(col.str('docType', 20, { isNullable: true })),
      new TableColumn(col.ref('docId', true)),
      new TableColumn(col.bool('todo', false)),
      new TableColumn(col.time('doneAt', true)),
      new TableColumn(col.str('doneNote', 100, { default: "''" })),
      new TableColumn(col.str('wechat', 10, { default: "'none'" })),
      new TableColumn(col.str('wechatError', 200, { default: "''" })),
    ]);
    await qr.createIndex('notification', new TableIndex({ name: 'IX_notification_docType_docId', columnNames: ['docType', 'docId'] }));
    await qr.createIndex('notification', new TableIndex({ name: 'IX_notification_workOrderId', columnNames: ['workOrderId'] }));
    await createTable(
      qr,
      'wechat_outbox',
      [
        col.id(),
        col.ref('notificationId'),
        col.ref('employeeId'),
        col.str('openid', 64),
        col.str('templateKind', 10),
        col.str('templateId', 64),
        col.str('page', 200, { default: "''" }),
        { name: 'data', type: 'text' },
        col.str('status', 10),
        col.int('attempts', { default: 0 }),
        col.time('nextAttemptAt'),
        col.str('claimedBy', 64, { isNullable: true }),
        col.time('claimedUntil', true),
        col.int('lastErrcode', { isNullable: true }),
        col.str('lastError', 200, { default: "''" }),
        col.time('sentAt', true),
        col.time('createdAt'),
      ],
      {
        unique: [['notificationId']],
        index: [['status', 'nextAttemptAt']],
        foreignKeys: [fk('notificationId', 'notification', 'CASCADE'), fk('employeeId', 'employee')],
      },
    );
    await createTable(
      qr,
      'wechat_subscription',
      [
        col.id(),
        col.ref('employeeId'),
        col.str('templateId', 64),
        col.int('quota', { default: 0 }),
        col.bool('alwaysReject', false),
        col.time('updatedAt'),
      ],
      { unique: [['employeeId', 'templateId']], foreignKeys: [fk('employeeId', 'employee')] },
    );
    await createTable(
      qr,
      'wechat_token',
      [
        col.id(),
        col.str('appid', 64),
        col.str('token', 600, { default: "''" }),
        col.time('expiresAt', true),
        col.str('leaseOwner', 64, { isNullable: true }),
        col.time('leaseUntil', true),
      ],
      { unique: [['appid']] },
    );
    await createTable(qr, 'job_run', [col.id(), col.str('job', 30), col.str('day', 10), col.time('ranAt')], { unique: [['job', 'day']] });
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['job_run', 'wechat_token', 'wechat_subscription', 'wechat_outbox']) await qr.dropTable(t);
    await qr.dropIndex('notification', 'IX_notification_workOrderId');
    await qr.dropIndex('notification', 'IX_notification_docType_docId');
    for (const c of ['page', 'docType', 'docId', 'todo', 'doneAt', 'doneNote', 'wechat', 'wechatError'])
      await qr.dropColumn('notification', c);
  }
}
