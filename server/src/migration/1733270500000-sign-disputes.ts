import { Provide } from '@midwayjs/core';
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './schema-helpers';

/**
 * 签收异议 settled by a keeper: a disputed quantity now waits in its own location (签收异议待核实)
 * until a keeper confirms it is back on the shelf or records it as lost against the employee.
 * Disputes from before this change went straight back to the warehouse: they are marked so.
 */
@Provide()
export class SignDisputes1733270500000 implements MigrationInterface {
  name = 'SignDisputes1733270500000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('requisition_line', [
      new TableColumn(col.str('disputeStatus', 10, { isNullable: true })),
      new TableColumn(col.str('disputeNote', 200, { default: "''" })),
      new TableColumn(col.ref('disputeResolvedById', true)),
      new TableColumn(col.time('disputeResolvedAt', true)),
    ]);
    await qr.query(
      "UPDATE requisition_line SET disputeStatus = 'returned', disputeNote = '升级前的签收异议：签收时已直接退回仓库' WHERE disputedQty > 0",
    );
    await qr.manager.createQueryBuilder().insert().into('location').values({ kind: 'dispute', refId: 0, name: '签收异议待核实' }).execute();
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.manager.createQueryBuilder().delete().from('location').where("kind = 'dispute'").execute();
    for (const c of ['disputeStatus', 'disputeNote', 'disputeResolvedById', 'disputeResolvedAt'])
      await qr.dropColumn('requisition_line', c);
  }
}
