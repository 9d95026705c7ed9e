import { Provide } from '@midwayjs/core';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, fk } from './schema-helpers';

/** 入库单 and 盘点单 with their lines, and the setting table for alert thresholds. */
@Provide()
export class InboundStocktake1732924800000 implements MigrationInterface {
  name = 'InboundStocktake1732924800000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'inbound',
      [
        col.id(),
        col.str('no', 30),
        col.ref('warehouseId'),
        col.str('supplier', 100, { default: "''" }),
        col.str('remark', 500, { default: "''" }),
        col.str('status', 20),
        col.ref('createdById'),
        col.ref('decidedById', true),
        col.time('decidedAt', true),
        ...col.stamps(),
      ],
      {
        unique: [['no']],
        index: [
          ['status', 'createdAt'],
          ['warehouseId', 'createdAt'],
        ],
        foreignKeys: [fk('warehouseId', 'warehouse'), fk('createdById', 'employee'), fk('decidedById', 'employee')],
      },
    );
    await createTable(
      qr,
      'inbound_line',
      [col.id(), col.ref('inboundId'), col.int('lineNo'), col.ref('partId'), col.int('qty'), col.int('unitCost')],
      { index: [['inboundId'], ['partId']], foreignKeys: [fk('inboundId', 'inbound'), fk('partId', 'part')] },
    );
    await createTable(
      qr,
      'stocktake',
      [
        col.id(),
        col.str('no', 30),
        col.ref('warehouseId'),
        col.bool('blind', false),
        col.str('remark', 500, { default: "''" }),
        col.str('status', 20),
        col.int('openWarehouseId', { isNullable: true }),
        col.ref('createdById'),
        col.ref('decidedById', true),
        col.time('decidedAt', true),
        ...col.stamps(),
      ],
      {
        unique: [['no'], ['openWarehouseId']],
        index: [
          ['status', 'createdAt'],
          ['warehouseId', 'createdAt'],
        ],
        foreignKeys: [fk('warehouseId', 'warehouse'), fk('createdById', 'employee'), fk('decidedById', 'employee')],
      },
    );
    await createTable(
      qr,
      'stocktake_line',
      [
        col.id(),
        col.ref('stocktakeId'),
        col.ref('partId'),
        col.int('bookQty'),
        col.int('countedQty', { isNullable: true }),
        col.bool('added', false),
        col.ref('countedById', true),
        col.time('countedAt', true),
        col.int('unitCost', { isNullable: true }),
      ],
      { unique: [['stocktakeId', 'partId']], index: [['partId']], foreignKeys: [fk('stocktakeId', 'stocktake'), fk('partId', 'part')] },
    );
    await createTable(qr, 'setting', [col.str('key', 50, { isPrimary: true }), col.str('value', 500), col.time('updatedAt')]);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['setting', 'stocktake_line', 'stocktake', 'inbound_line', 'inbound']) await qr.dropTable(t, true);
  }
}
