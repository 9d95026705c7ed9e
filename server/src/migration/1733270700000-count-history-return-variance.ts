import { Provide } from '@midwayjs/core';
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, createTable, fk } from './schema-helpers';

/**
 * Two trails that were overwritten before:
 * - 调回单: what the employee declared stays beside the keeper's count (a write-off beyond the
 *   declaration waits for his confirmation, status 'variance'), with the objection note and who
 *   confirmed. Returns from before keep their final figures as the declaration.
 * - 盘点: every count entry of a line is kept (stocktake_count), and a line remembers when its book
 *   was frozen (bookAt; NULL = the count's start), so a ledger move since then is found.
 */
@Provide()
export class CountHistoryReturnVariance1733270700000 implements MigrationInterface {
  name = 'CountHistoryReturnVariance1733270700000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('stock_return', [
      new TableColumn(col.str('varianceNote', 200, { default: "''" })),
      new TableColumn(col.ref('confirmedById', true)),
      new TableColumn(col.time('confirmedAt', true)),
      new TableColumn(col.int('countsVersion', { default: 0 })),
    ]);
    await qr.addColumns('stock_return_line', [
      new TableColumn(col.int('declaredQty', { default: 0 })),
      new TableColumn(col.int('declaredProblemQty', { default: 0 })),
      new TableColumn(col.str('declaredProblemReason', 200, { default: "''" })),
    ]);
    await qr.query(
      'UPDATE stock_return_line SET declaredQty = qty, declaredProblemQty = problemQty, declaredProblemReason = problemReason',
    );

    await qr.addColumn('stocktake_line', new TableColumn(col.time('bookAt', true)));
    // A line found on the shelf froze its book when it was found, not at the count's start: without
    // this, a move between the start and the find would be reported as moved during the count. The
    // find time is no longer known for a line recounted since; its last count time is the closest.
    await qr.query('UPDATE stocktake_line SET bookAt = countedAt WHERE added = 1 AND countedAt IS NOT NULL');
    await createTable(
      qr,
      'stocktake_count',
      [
        col.id(),
        col.ref('stocktakeId'),
        col.ref('lineId'),
        col.ref('partId'),
        col.int('countedQty'),
        col.int('bookQty'),
        col.ref('countedById'),
        col.time('countedAt'),
        col.bool('bookSeen', false),
      ],
      {
        index: [['lineId'], ['stocktakeId']],
        foreignKeys: [fk('stocktakeId', 'stocktake'), fk('lineId', 'stocktake_line'), fk('countedById', 'employee')],
      },
    );
    // The latest count of lines counted before this change is their only history.
    await qr.query(
      'INSERT INTO stocktake_count (stocktakeId, lineId, partId, countedQty, bookQty, countedById, countedAt) ' +
        'SELECT stocktakeId, id, partId, countedQty, bookQty, countedById, countedAt FROM stocktake_line ' +
        'WHERE countedQty IS NOT NULL AND countedById IS NOT NULL AND countedAt IS NOT NULL',
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('stocktake_count', true);
    await qr.dropColumn('stocktake_line', 'bookAt');
    for (const c of ['declaredQty', 'declaredProblemQty', 'declaredProblemReason']) await qr.dropColumn('stock_return_line', c);
    for (const c of ['varianceNote', 'confirmedById', 'confirmedAt', 'countsVersion']) await qr.dropColumn('stock_return', c);
  }
}
