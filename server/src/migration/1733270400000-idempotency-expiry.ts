import { Provide } from '@midwayjs/core';
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './schema-helpers';

/**
 * Idempotency keys that survive a crash: when the current claim was taken (an old one may be
 * taken over) and which document the key made (a replay reads it again).
 */
@Provide()
export class IdempotencyExpiry1733270400000 implements MigrationInterface {
  name = 'IdempotencyExpiry1733270400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('idempotency_key', [new TableColumn(col.ref('docId', true)), new TableColumn(col.time('claimedAt', true))]);
    await qr.query('UPDATE idempotency_key SET claimedAt = createdAt');
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const c of ['claimedAt', 'docId']) await qr.dropColumn('idempotency_key', c);
  }
}
