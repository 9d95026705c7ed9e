import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { noFieldsInput, stocktakeCountInput, stocktakeListQuery, stocktakeStartInput, stocktakeUndoInput } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { Idempotency } from '../../common/idempotency';
import { actorOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { whoOf } from '../inbound/inbound.controller';
import { Stocktake } from './stocktake.entity';
import { StocktakeService } from './stocktake.service';

/**
 * Counters (stocktake.count: keepers, technicians, supervisors) see the sheet and enter counts;
 * starting, the variance values, approval and cancelling are for keepers and admins.
 */
@Controller('/api/stocktakes', { tagName: '盘点' })
export class StocktakeController {
  @Inject() ctx: Context;
  @Inject() stocktakes: StocktakeService;
  @Inject() idem: Idempotency;

  @Get('/', { summary: '盘点单列表（按状态、仓库、日期筛选）' })
  @Access('stocktake.count', { query: stocktakeListQuery })
  async list(@Query() q: unknown) {
    return this.stocktakes.list(parse(stocktakeListQuery, q), actorOf(this.ctx));
  }

  @Get('/warehouses', { summary: '可发起盘点的仓库（本人担任库管的仓库；管理员为全部启用的仓库）' })
  @Access('stock.manage')
  async startable() {
    return this.stocktakes.startable(actorOf(this.ctx));
  }

  @Get('/:id', { summary: '盘点单（盲盘时审核前仅库管和管理员可见账面数量）' })
  @Access('stocktake.count')
  async get(@Param('id') id: string) {
    return this.stocktakes.get(idParam(id, '盘点单'), actorOf(this.ctx));
  }

  @Get('/:id/lines/:lineId/counts', { summary: '某行的盘点录入记录（谁在何时录入了多少；盲盘时不含账面数量）' })
  @Access('stocktake.count')
  async counts(@Param('id') id: string, @Param('lineId') lineId: string) {
    return this.stocktakes.countHistory(idParam(id, '盘点单'), idParam(lineId, '盘点明细'), actorOf(this.ctx));
  }

  @Get('/:id/variance', { summary: '盘点差异表（账面、实盘、差异、按成本价计的差异金额）' })
  @Access('stocktake.count')
  async variance(@Param('id') id: string) {
    return this.stocktakes.variance(idParam(id, '盘点单'), actorOf(this.ctx));
  }

  @Post('/', { summary: '发起盘点（冻结该仓库当前账面数量；支持 Idempotency-Key）' })
  @Access('stock.manage', { body: stocktakeStartInput })
  async start(@Body() body: unknown) {
    const input = parse(stocktakeStartInput, body);
    return this.idem.run(this.ctx, body, { entity: Stocktake, read: (s) => this.stocktakes.get(s, actorOf(this.ctx)) }, () =>
      this.stocktakes.start(input, whoOf(this.ctx)),
    );
  }

  @Put('/:id/counts', { summary: '录入或修改实盘数量（可逐条扫码提交；货架上发现的其他配件也可录入）' })
  @Access('stocktake.count', { body: stocktakeCountInput })
  async count(@Param('id') id: string, @Body() body: unknown) {
    return this.stocktakes.count(idParam(id, '盘点单'), parse(stocktakeCountInput, body), whoOf(this.ctx));
  }

  @Post('/:id/counts/undo', { summary: '撤销本人对某配件的最近一次录入（恢复上一次的数量，首次录入则恢复为未盘）' })
  @Access('stocktake.count', { body: stocktakeUndoInput })
  async undo(@Param('id') id: string, @Body() body: unknown) {
    return this.stocktakes.undo(idParam(id, '盘点单'), parse(stocktakeUndoInput, body), whoOf(this.ctx));
  }

  @Post('/:id/approve', { summary: '审核盘点（该仓库库管或管理员；差异记为盘盈/盘亏，未盘配件不调整）' })
  @Access('stock.manage', { body: noFieldsInput })
  async approve(@Param('id') id: string, @Body() body: unknown) {
    parse(noFieldsInput, body); // takes no fields: quantities come only from the counts
    return this.stocktakes.approve(idParam(id, '盘点单'), whoOf(this.ctx));
  }

  @Post('/:id/cancel', { summary: '作废盘点（仅盘点中，不影响库存）' })
  @Access('stock.manage', { body: noFieldsInput })
  async cancel(@Param('id') id: string, @Body() body: unknown) {
    parse(noFieldsInput, body);
    return this.stocktakes.cancel(idParam(id, '盘点单'), whoOf(this.ctx));
  }
}
