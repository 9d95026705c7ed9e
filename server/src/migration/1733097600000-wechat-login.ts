import { Provide } from '@midwayjs/core';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, fk } from './schema-helpers';

/** WeChat login: openid ↔ employee bindings, binding codes, login tickets, attempt counters. */
@Provide()
export class WechatLogin1733097600000 implements MigrationInterface {
  name = 'WechatLogin1733097600000';

  async up(qr: QueryRunner): Promise<void> {
    // The attempt counters first: the login tables below are limited by them.
    await createTable(
      qr,
      'attempt_counter',
      [col.id(), col.str('scope', 20), col.str('subject', 100), col.int('bucket'), col.int('tries', { default: 0 })],
      { unique: [['scope', 'subject', 'bucket']] },
    );
    await createTable(
      qr,
      'wechat_binding',
      [
        col.id(),
        col.str('openid', 64),
        col.ref('employeeId'),
        col.str('sessionKey', 64),
        col.str('method', 10),
        col.time('boundAt'),
        col.ref('boundById', true),
      ],
      { unique: [['openid'], ['employeeId']], foreignKeys: [fk('employeeId', 'employee')] },
    );
    await createTable(
      qr,
      'wechat_binding_code',
      [
        col.id(),
        col.ref('employeeId'),
        col.str('codeHash', 64),
        col.ref('issuedById'),
        col.time('createdAt'),
        col.time('expiresAt'),
        col.time('usedAt', true),
        col.time('voidedAt', true),
      ],
      { index: [['codeHash'], ['employeeId']], foreignKeys: [fk('employeeId', 'employee'), fk('issuedById', 'employee')] },
    );
    await createTable(
      qr,
      'wechat_ticket',
      [
        col.id(),
        col.str('ticketHash', 64),
        col.str('openid', 64),
        col.str('sessionKey', 64),
        col.time('createdAt'),
        col.time('expiresAt'),
        col.time('usedAt', true),
      ],
      { unique: [['ticketHash']], index: [['expiresAt']] },
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['attempt_counter', 'wechat_ticket', 'wechat_binding_code', 'wechat_binding']) await qr.dropTable(t);
  }
}
