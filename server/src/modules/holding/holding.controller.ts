import { Controller, Get, Inject, Param, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { holdingsQuery, optionalId, stockQuery, z } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { actorOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import type { Actor } from '../../common/actor';
import { notFound } from '../../common/errors';
import { seesAll } from '../stock/doc-support';
import { Reconciliation } from '../stock/reconciliation.service';
import { StockQuery } from '../stock/stock-query.service';

const historyQuery = z.object({ employeeId: optionalId('员工').optional() }).strict();

@Controller('/api', { tagName: '库存与持有' })
export class HoldingController {
  @Inject() ctx: Context;
  @Inject() stock: StockQuery;
  @Inject() reconciliation: Reconciliation;

  @Get('/holdings', { summary: '员工持有记录（技师只能看自己的）' })
  @Access('stock.own', { query: holdingsQuery })
  async holdings(@Query() query: unknown) {
    const q = parse(holdingsQuery, query);
    return this.stock.holdings(this.whose(q.employeeId), q);
  }

  @Get('/holdings/:partId/history', { summary: '某配件在员工手中的来去（领用、签收、退还、报损、工单用料）' })
  @Access('stock.own', { query: historyQuery })
  async history(@Param('partId') partId: string, @Query() query: unknown) {
    const q = parse(historyQuery, query);
    return this.stock.history('employee', this.whose(q.employeeId), idParam(partId, '配件'));
  }

  @Get('/stock', { summary: '配件库存：各仓库数量与员工持有合计（盲盘中的仓库对非库管不显示数量）' })
  @Access('stock.own', { query: stockQuery })
  async list(@Query() query: unknown) {
    return this.stock.stock(parse(stockQuery, query), actorOf(this.ctx));
  }

  @Get('/stock/reconciliation', { summary: '对账：余额等于流水之和，且每件去向有据' })
  @Access('stock.reconcile')
  async reconcile() {
    return this.reconciliation.run();
  }

  /** A technician may only look at his own hands; asking for another's is a 404. */
  private whose(employeeId: number | null | undefined): number {
    const actor: Actor = actorOf(this.ctx);
    if (!employeeId || employeeId === actor.id) return actor.id;
    if (!seesAll(actor)) throw notFound('员工持有记录');
    return employeeId;
  }
}
