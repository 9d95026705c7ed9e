import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { inboundInput, inboundListQuery, noFieldsInput } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { Idempotency } from '../../common/idempotency';
import { actorOf, metaOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { Inbound } from './inbound.entity';
import { InboundService, type Who } from './inbound.service';

/** The logged-in employee with the request's audit details. */
export const whoOf = (ctx: Context): Who => ({ ...metaOf(ctx), actor: actorOf(ctx) });

@Controller('/api/inbounds', { tagName: '入库单' })
export class InboundController {
  @Inject() ctx: Context;
  @Inject() inbounds: InboundService;
  @Inject() idem: Idempotency;

  @Get('/', { summary: '入库单列表（按状态、仓库、日期筛选，每页 30 条）' })
  @Access('stock.read', { query: inboundListQuery })
  async list(@Query() q: unknown) {
    return this.inbounds.list(parse(inboundListQuery, q), actorOf(this.ctx));
  }

  @Get('/:id', { summary: '入库单详情（配件、单价、金额、合计）' })
  @Access('stock.read')
  async get(@Param('id') id: string) {
    return this.inbounds.get(idParam(id, '入库单'), actorOf(this.ctx));
  }

  @Post('/', { summary: '新建入库单（草稿，不影响库存；支持 Idempotency-Key）' })
  @Access('stock.manage', { body: inboundInput })
  async create(@Body() body: unknown) {
    const input = parse(inboundInput, body);
    return this.idem.run(this.ctx, body, { entity: Inbound, read: (i) => this.inbounds.get(i, actorOf(this.ctx)) }, () =>
      this.inbounds.create(input, whoOf(this.ctx)),
    );
  }

  @Put('/:id', { summary: '修改入库单（仅草稿）' })
  @Access('stock.manage', { body: inboundInput })
  async update(@Param('id') id: string, @Body() body: unknown) {
    return this.inbounds.update(idParam(id, '入库单'), parse(inboundInput, body), whoOf(this.ctx));
  }

  @Post('/:id/confirm', { summary: '确认入库（该仓库库管或管理员；供应商 → 仓库，按单价记成本）' })
  @Access('stock.manage', { body: noFieldsInput })
  async confirm(@Param('id') id: string, @Body() body: unknown) {
    parse(noFieldsInput, body); // takes no fields: a stray qty or status is refused
    return this.inbounds.confirm(idParam(id, '入库单'), whoOf(this.ctx));
  }

  @Post('/:id/cancel', { summary: '作废入库单（仅草稿）' })
  @Access('stock.manage', { body: noFieldsInput })
  async cancel(@Param('id') id: string, @Body() body: unknown) {
    parse(noFieldsInput, body); // takes no fields: a stray qty or status is refused
    return this.inbounds.cancel(idParam(id, '入库单'), whoOf(this.ctx));
  }
}
