import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { disputeResolveInput, documentListQuery, rejectInput, requisitionInput, signInput } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { Idempotency } from '../../common/idempotency';
import { actorOf, metaOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { Requisition } from './requisition.entity';
import { RequisitionService } from './requisition.service';

@Controller('/api/requisitions', { tagName: '领用单' })
export class RequisitionController {
  @Inject() ctx: Context;
  @Inject() requisitions: RequisitionService;
  @Inject() idempotency: Idempotency;

  /** What the create routes make: a replay answers the requisition as it is now. */
  private readonly made = { entity: Requisition, read: (id: number) => this.requisitions.get(id, actorOf(this.ctx)) };

  private meta() {
    return { ...metaOf(this.ctx), actor: actorOf(this.ctx) };
  }

  @Get('/', { summary: '领用单列表（技师只看自己的；mine=approve 为待我审批）' })
  @Access('stock.own', { query: documentListQuery })
  async list(@Query() query: unknown) {
    return this.requisitions.list(parse(documentListQuery, query), actorOf(this.ctx));
  }

  @Get('/:id', { summary: '领用单详情（含今日可领数量）' })
  @Access('stock.own')
  async get(@Param('id') id: string) {
    return this.requisitions.get(idParam(id), actorOf(this.ctx));
  }

  @Post('/', { summary: '新建领用单（submit=false 存为草稿）；支持 Idempotency-Key' })
  @Access('stock.own', { body: requisitionInput })
  async create(@Body() body: unknown) {
    const input = parse(requisitionInput, body);
    return this.idempotency.run(this.ctx, body, this.made, () => this.requisitions.create(input, this.meta()));
  }

  @Put('/:id', { summary: '修改草稿（可同时提交）' })
  @Access('stock.own', { body: requisitionInput })
  async update(@Param('id') id: string, @Body() body: unknown) {
    return this.requisitions.update(idParam(id), parse(requisitionInput, body), this.meta());
  }

  @Post('/:id/approve', { summary: '批准（或签：任一审批人）；配件出库待签收' })
  @Access('stock.approve')
  async approve(@Param('id') id: string) {
    return this.requisitions.approve(idParam(id), this.meta());
  }

  @Post('/:id/reject', { summary: '否决（需填写原因）' })
  @Access('stock.approve', { body: rejectInput })
  async reject(@Param('id') id: string, @Body() body: unknown) {
    return this.requisitions.reject(idParam(id), parse(rejectInput, body).reason, this.meta());
  }

  @Post('/:id/cancel', { summary: '作废草稿或待审批的领用单' })
  @Access('stock.own')
  async cancel(@Param('id') id: string) {
    return this.requisitions.cancel(idParam(id), this.meta());
  }

  @Post('/:id/sign', { summary: '领用员工签收（可对部分数量提出异议，异议数量待库管核实）' })
  @Access('stock.own', { body: signInput })
  async sign(@Param('id') id: string, @Body() body: unknown) {
    return this.requisitions.sign(idParam(id), parse(signInput, body), this.meta());
  }

  @Post('/:id/lines/:lineId/dispute', { summary: '库管核实签收异议：已退回仓库，或记为丢失（由领用人承担，需说明）' })
  @Access('stock.approve', { body: disputeResolveInput })
  async resolveDispute(@Param('id') id: string, @Param('lineId') lineId: string, @Body() body: unknown) {
    return this.requisitions.resolveDispute(idParam(id), idParam(lineId, '明细'), parse(disputeResolveInput, body), this.meta());
  }

  @Get('/:id/copy', { summary: '复制预览：按原单填好的新领用单内容（数量按今日库存封顶），不保存' })
  @Access('stock.own')
  async copyPreview(@Param('id') id: string) {
    return this.requisitions.copyPreview(idParam(id), actorOf(this.ctx));
  }

  @Post('/:id/copies', { summary: '保存复制的领用单（submit=false 存为草稿；记录复制自哪张）；支持 Idempotency-Key' })
  @Access('stock.own', { body: requisitionInput })
  async createCopy(@Param('id') id: string, @Body() body: unknown) {
    const source = idParam(id);
    const input = parse(requisitionInput, body);
    return this.idempotency.run(this.ctx, body, this.made, () => this.requisitions.createCopy(source, input, this.meta()));
  }

  @Post('/:id/copy', { summary: '一键复制为新草稿（数量按今日库存封顶）；支持 Idempotency-Key' })
  @Access('stock.own')
  async copy(@Param('id') id: string) {
    const source = idParam(id);
    return this.idempotency.run(this.ctx, null, this.made, () => this.requisitions.copy(source, this.meta()));
  }
}
