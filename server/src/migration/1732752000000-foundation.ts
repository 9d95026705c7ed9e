import { Provide } from '@midwayjs/core';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, fk } from './schema-helpers';

/** Accounts, sessions, audit, organisation, customers & vehicles, parts & prices, warehouses. */
// @Provide: @midwayjs/typeorm makes TypeORM build migrations through Midway's container.
@Provide()
export class Foundation1732752000000 implements MigrationInterface {
  name = 'Foundation1732752000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(qr, 'department', [col.id(), col.str('name', 50), col.bool('enabled', true), ...col.stamps()], {
      unique: [['name']],
    });
    await createTable(
      qr,
      'employee',
      [
        col.id(),
        col.str('name', 30),
        col.str('phone', 20),
        col.str('passwordHash', 200),
        col.ref('departmentId', true),
        col.str('roles', 100),
        col.bool('enabled', true),
        ...col.stamps(),
      ],
      { unique: [['phone']], foreignKeys: [fk('departmentId', 'department')] },
    );
    await createTable(
      qr,
      'session',
      [
        col.id(),
        col.str('tokenHash', 64),
        col.ref('employeeId'),
        col.str('client', 10),
        col.str('csrfToken', 64),
        col.time('createdAt'),
        col.time('expiresAt'),
        col.time('revokedAt', true),
      ],
      { unique: [['tokenHash']], index: [['employeeId']], foreignKeys: [fk('employeeId', 'employee')] },
    );
    await createTable(
      qr,
      'login_attempt',
      [
        col.id(),
        col.str('phone', 20),
        col.str('ip', 64),
        col.bool('success', false),
        col.str('reason', 50, { default: "''" }),
        col.time('createdAt'),
      ],
      {
        index: [
          ['phone', 'createdAt'],
          ['ip', 'createdAt'],
        ],
      },
    );
    await createTable(
      qr,
      'audit_log',
      [
        col.id(),
        col.ref('employeeId', true),
        col.str('employeeName', 30, { default: "''" }),
        col.str('action', 50),
        col.str('entity', 50),
        col.str('entityId', 50, { default: "''" }),
        col.text('before'),
        col.text('after'),
        col.str('ip', 64, { default: "''" }),
        col.str('requestId', 64, { default: "''" }),
        col.time('createdAt'),
      ],
      { index: [['entity', 'entityId'], ['createdAt']] },
    );
    await createTable(
      qr,
      'warehouse',
      [col.id(), col.str('name', 50), col.str('address', 200, { default: "''" }), col.bool('enabled', true), ...col.stamps()],
      { unique: [['name']] },
    );
    await createTable(qr, 'warehouse_keeper', [col.int('warehouseId', { isPrimary: true }), col.int('employeeId', { isPrimary: true })], {
      index: [['employeeId']],
      foreignKeys: [fk('warehouseId', 'warehouse', 'CASCADE'), fk('employeeId', 'employee')],
    });
    await createTable(
      qr,
      'price_level',
      [col.id(), col.str('name', 20), col.int('sort', { default: 0 }), col.bool('enabled', true), ...col.stamps()],
      { unique: [['name']] },
    );
    await createTable(
      qr,
      'customer',
      [
        col.id(),
        col.str('kind', 10),
        col.str('name', 100),
        col.str('pinyin', 200, { default: "''" }),
        col.ref('priceLevelId', true),
        col.str('taxNumber', 30, { default: "''" }),
        col.str('remark', 500, { default: "''" }),
        col.str('searchText', 2000, { default: "''" }),
        col.bool('enabled', true),
        ...col.stamps(),
      ],
      { index: [['name'], ['updatedAt']], foreignKeys: [fk('priceLevelId', 'price_level')] },
    );
    await createTable(
      qr,
      'customer_contact',
      [
        col.id(),
        col.ref('customerId'),
        col.str('name', 30),
        col.str('phone', 20),
        col.bool('isPrimary', false),
        col.int('sort', { default: 0 }),
      ],
      { index: [['customerId'], ['phone']], foreignKeys: [fk('customerId', 'customer', 'CASCADE')] },
    );
    await createTable(
      qr,
      'customer_address',
      [col.id(), col.ref('customerId'), col.str('address', 200), col.bool('isDefault', false), col.int('sort', { default: 0 })],
      { index: [['customerId']], foreignKeys: [fk('customerId', 'customer', 'CASCADE')] },
    );
    await createTable(
      qr,
      'vehicle_model',
      [
        col.id(),
        col.str('brand', 30),
        col.str('series', 50),
        col.int('modelYear', { isNullable: true }),
        col.str('engine', 50, { default: "''" }),
        col.str('pinyin', 200, { default: "''" }),
        col.bool('enabled', true),
        ...col.stamps(),
      ],
      { index: [['brand', 'series']] },
    );
    await createTable(
      qr,
      'vehicle',
      [
        col.id(),
        col.ref('customerId'),
        col.str('plate', 12),
        col.str('vin', 17, { default: "''" }),
        col.str('brand', 30, { default: "''" }),
        col.ref('vehicleModelId', true),
        col.int('year', { isNullable: true }),
        col.int('mileage', { isNullable: true }),
        col.str('remark', 200, { default: "''" }),
        col.bool('enabled', true),
        ...col.stamps(),
      ],
      {
        unique: [['plate']],
        index: [['customerId'], ['vin']],
        foreignKeys: [fk('customerId', 'customer'), fk('vehicleModelId', 'vehicle_model')],
      },
    );
    await createTable(
      qr,
      'part',
      [
        col.id(),
        col.str('code', 40),
        col.str('name', 100),
        col.str('pinyin', 200, { default: "''" }),
        col.str('model', 100, { default: "''" }),
        col.str('spec', 100, { default: "''" }),
        col.str('unit', 10),
        col.str('category', 20),
        col.int('costPrice'),
        col.int('salePrice'),
        col.int('taxRate'),
        col.int('minStock', { default: 0 }),
        col.str('searchText', 600, { default: "''" }),
        col.bool('enabled', true),
        ...col.stamps(),
      ],
      { unique: [['code']], index: [['name'], ['category']] },
    );
    await createTable(qr, 'part_vehicle_model', [col.int('partId', { isPrimary: true }), col.int('vehicleModelId', { isPrimary: true })], {
      index: [['vehicleModelId']],
      foreignKeys: [fk('partId', 'part', 'CASCADE'), fk('vehicleModelId', 'vehicle_model')],
    });
    await createTable(
      qr,
      'part_price',
      [col.int('partId', { isPrimary: true }), col.int('priceLevelId', { isPrimary: true }), col.int('price')],
      { index: [['priceLevelId']], foreignKeys: [fk('partId', 'part', 'CASCADE'), fk('priceLevelId', 'price_level')] },
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'part_price',
      'part_vehicle_model',
      'part',
      'vehicle',
      'vehicle_model',
      'customer_address',
      'customer_contact',
      'customer',
      'price_level',
      'warehouse_keeper',
      'warehouse',
      'audit_log',
      'login_attempt',
      'session',
      'employee',
      'department',
    ]) {
      await qr.dropTable(t, true);
    }
  }
}
