import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import {
  documentListQuery,
  leftoversInput,
  rejectInput,
  returnApproveInput,
  returnConfirmInput,
  returnInput,
  returnObjectInput,
  returnPrefillQuery,
} from '@hongyuan/shared';
import { Access } from '../../common/access';
import { Idempotency } from '../../common/idempotency';
import { notFound } from '../../common/errors';
import { actorOf, metaOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { actsForOthers } from '../stock/doc-support';
import { StockReturn } from './stock-return.entity';
import { StockReturnService } from './stock-return.service';
import { ReturnVarianceService } from './stock-return.variance';

@Controller('/api/returns', { tagName: '配件调回单' })
export class StockReturnController {
  @Inject() ctx: Context;
  @Inject() returns: StockReturnService;
  @Inject() variance: ReturnVarianceService;
  @Inject() idempotency: Idempotency;

  /** What the create routes make: a replay answers the return as it is now. */
  private readonly made = { entity: StockReturn, read: (id: number) => this.returns.get(id, actorOf(this.ctx)) };

  private meta() {
    return { ...metaOf(this.ctx), actor: actorOf(this.ctx) };
  }

  /** Technicians act for themselves; keepers may name anyone. */
  private employee(id: number | null | undefined): number {
    const actor = actorOf(this.ctx);
    if (!id || id === actor.id) return actor.id;
    if (!actsForOthers(actor)) throw notFound('员工持有记录');
    return id;
  }

  @Get('/', { summary: '调回单列表' })
  @Access('stock.own', { query: documentListQuery })
  async list(@Query() query: unknown) {
    return this.returns.list(parse(documentListQuery, query), actorOf(this.ctx));
  }

  @Get('/prefill', { summary: '选择员工后一键带出其持有的配件与剩余数量' })
  @Access('stock.own', { query: returnPrefillQuery })
  async prefill(@Query() query: unknown) {
    return this.returns.prefill(this.employee(parse(returnPrefillQuery, query).employeeId));
  }

  @Get('/:id', { summary: '调回单详情' })
  @Access('stock.own')
  async get(@Param('id') id: string) {
    return this.returns.get(idParam(id), actorOf(this.ctx));
  }

  @Post('/', { summary: '新建配件调回单；支持 Idempotency-Key' })
  @Access('stock.own', { body: returnInput })
  async create(@Body() body: unknown) {
    const input = parse(returnInput, body);
    return this.idempotency.run(this.ctx, body, this.made, () => this.returns.create(input, this.meta()));
  }

  @Post('/leftovers', { summary: '每日剩余配件入库：退还手上全部配件并提交审批；支持 Idempotency-Key' })
  @Access('stock.own', { body: leftoversInput })
  async leftovers(@Body() body: unknown) {
    const input = parse(leftoversInput, body);
    return this.idempotency.run(this.ctx, body, this.made, () =>
      this.returns.leftovers(this.employee(input.employeeId), input.warehouseId, this.meta()),
    );
  }

  @Post('/:id/approve', { summary: '库管核对数量后批准：入库，差异报损' })
  @Access('stock.approve', { body: returnApproveInput })
  async approve(@Param('id') id: string, @Body() body: unknown) {
    return this.returns.approve(idParam(id), parse(returnApproveInput, body), this.meta());
  }

  @Post('/:id/variance/confirm', { summary: '确认库管核对的差异（员工本人，或未参与核对的另一位审批库管）：入库并报损' })
  @Access('stock.own', { body: returnConfirmInput })
  async confirmVariance(@Param('id') id: string, @Body() body: unknown) {
    return this.variance.confirm(idParam(id), parse(returnConfirmInput, body).countsVersion, this.meta());
  }

  @Post('/:id/variance/object', { summary: '员工对核对结果提出异议（需说明）：退回待审批，库管重新核对' })
  @Access('stock.own', { body: returnObjectInput })
  async objectVariance(@Param('id') id: string, @Body() body: unknown) {
    return this.variance.object(idParam(id), parse(returnObjectInput, body).note, this.meta());
  }

  @Post('/:id/reject', { summary: '否决（需填写原因）' })
  @Access('stock.approve', { body: rejectInput })
  async reject(@Param('id') id: string, @Body() body: unknown) {
    return this.returns.reject(idParam(id), parse(rejectInput, body).reason, this.meta());
  }

  @Post('/:id/cancel', { summary: '作废' })
  @Access('stock.own')
  async cancel(@Param('id') id: string) {
    return this.returns.cancel(idParam(id), this.meta());
  }
}
