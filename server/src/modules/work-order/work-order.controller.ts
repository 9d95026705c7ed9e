import { Body, Controller, Del, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import {
  dispatchInput,
  followupInput,
  labourEditInput,
  labourInput,
  noteInput,
  partPriceQuery,
  partUseInput,
  settleInput,
  startInput,
  workOrderCreateInput,
  workOrderListQuery,
  workOrderSettingsInput,
} from '@hongyuan/shared';
import { Access } from '../../common/access';
import { Idempotency } from '../../common/idempotency';
import { actorOf, metaOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { WorkOrder } from './work-order.entity';
import { WorkOrderRead } from './work-order.read';
import { WorkOrderService } from './work-order.service';
import { WorkOrderSettingsService } from './work-order-settings';

const reasonInput = noteInput('原因', true);
const summaryInput = noteInput('处理结果', true);
const reassignInput = dispatchInput.extend({ note: noteInput('改派原因', true).shape.note }).strict();

@Controller('/api/work-orders', { tagName: '工单' })
export class WorkOrderController {
  @Inject() ctx: Context;
  @Inject() orders: WorkOrderService;
  @Inject() read: WorkOrderRead;
  @Inject() idempotency: Idempotency;

  private meta() {
    return { ...metaOf(this.ctx), actor: actorOf(this.ctx) };
  }

  /** Every command answers the order as it is now, with the buttons this person may press. */
  private async done(id: number) {
    return this.read.detail(id, actorOf(this.ctx));
  }

  @Get('/', { summary: '工单列表（技师只看派给自己的）' })
  @Access('workorder.read', { query: workOrderListQuery })
  async list(@Query() query: unknown) {
    return this.read.list(parse(workOrderListQuery, query), actorOf(this.ctx));
  }

  @Get('/workload', { summary: '技师工作量：未完成、处理中、本周工时' })
  @Access('workorder.dispatch')
  async workload() {
    return this.read.workload();
  }

  @Get('/:id', { summary: '工单详情：时间线、用料、工时、合计、回访、车辆上次服务' })
  @Access('workorder.read')
  async get(@Param('id') id: string) {
    return this.read.detail(idParam(id), actorOf(this.ctx));
  }

  @Get('/:id/part-price', { summary: '用料单价：客户价格等级价，无则销售价' })
  @Access('workorder.work', { query: partPriceQuery })
  async partPrice(@Param('id') id: string, @Query() query: unknown) {
    return this.orders.partPrice(idParam(id), parse(partPriceQuery, query).partId, actorOf(this.ctx));
  }

  @Post('/', { summary: '客服建单（submit=false 保存为已建单）；支持 Idempotency-Key' })
  @Access('workorder.create', { body: workOrderCreateInput })
  async create(@Body() body: unknown) {
    const input = parse(workOrderCreateInput, body);
    return this.idempotency.run(this.ctx, body, { entity: WorkOrder, read: (o) => this.done(o) }, async () =>
      this.done(await this.orders.create(input, this.meta())),
    );
  }

  @Post('/:id/submit', { summary: '提交派工' })
  @Access('workorder.create')
  async submit(@Param('id') id: string) {
    await this.orders.submit(idParam(id), this.meta());
    return this.done(idParam(id));
  }

  @Post('/:id/dispatch', { summary: '派工（通知技师）' })
  @Access('workorder.dispatch', { body: dispatchInput })
  async dispatch(@Param('id') id: string, @Body() body: unknown) {
    await this.orders.dispatch(idParam(id), parse(dispatchInput, body), this.meta());
    return this.done(idParam(id));
  }

  @Post('/:id/reassign', { summary: '改派（需填写原因）' })
  @Access('workorder.dispatch', { body: reassignInput })
  async reassign(@Param('id') id: string, @Body() body: unknown) {
    const input = parse(reassignInput, body);
    await this.orders.dispatch(idParam(id), input, this.meta(), input.note);
    return this.done(idParam(id));
  }

  @Post('/:id/start', { summary: '开始处理（可带位置）' })
  @Access('workorder.work', { body: startInput })
  async start(@Param('id') id: string, @Body() body: unknown) {
    await this.orders.start(idParam(id), parse(startInput, body).location, this.meta());
    return this.done(idParam(id));
  }

  @Post('/:id/finish', { summary: '结束处理（需填写处理结果）' })
  @Access('workorder.work', { body: summaryInput })
  async finish(@Param('id') id: string, @Body() body: unknown) {
    await this.orders.finish(idParam(id), parse(summaryInput, body).note, this.meta());
    return this.done(idParam(id));
  }

  @Post('/:id/parts', { summary: '登记用料：从技师手中配件扣减' })
  @Access('workorder.work', { body: partUseInput })
  async useParts(@Param('id') id: string, @Body() body: unknown) {
    await this.orders.useParts(idParam(id), parse(partUseInput, body), this.meta());
    return this.done(idParam(id));
  }

  @Del('/:id/parts/:lineId', { summary: '删除用料（配件退回技师手中）或计划配件' })
  @Access('workorder.read')
  async removePart(@Param('id') id: string, @Param('lineId') lineId: string) {
    await this.orders.removePart(idParam(id), idParam(lineId, '明细'), this.meta());
    return this.done(idParam(id));
  }

  @Post('/:id/labour', { summary: '添加工时' })
  @Access('workorder.read', { body: labourInput })
  async addLabour(@Param('id') id: string, @Body() body: unknown) {
    await this.orders.addLabour(idParam(id), parse(labourInput, body), this.meta());
    return this.done(idParam(id));
  }

  @Put('/:id/labour/:lineId', { summary: '主管结算前修改工时的数量或单价（不超过工时单价上限，记入操作日志）' })
  @Access('workorder.settle', { body: labourEditInput })
  async editLabour(@Param('id') id: string, @Param('lineId') lineId: string, @Body() body: unknown) {
    await this.orders.editLabour(idParam(id), idParam(lineId, '明细'), parse(labourEditInput, body), this.meta());
    return this.done(idParam(id));
  }

  @Del('/:id/labour/:lineId', { summary: '删除工时' })
  @Access('workorder.read')
  async removeLabour(@Param('id') id: string, @Param('lineId') lineId: string) {
    await this.orders.removeLabour(idParam(id), idParam(lineId, '明细'), this.meta());
    return this.done(idParam(id));
  }

  @Post('/:id/settle', { summary: '本次上门的结算（只含未结算的用料和工时；无新费用时按免费结算并填写原因），转入待回访' })
  @Access('workorder.settle', { body: settleInput })
  async settle(@Param('id') id: string, @Body() body: unknown) {
    await this.orders.settle(idParam(id), parse(settleInput, body), this.meta());
    return this.done(idParam(id));
  }

  @Post('/:id/followup', { summary: '回访：结束或返工' })
  @Access('workorder.followup', { body: followupInput })
  async followup(@Param('id') id: string, @Body() body: unknown) {
    await this.orders.followup(idParam(id), parse(followupInput, body), this.meta());
    return this.done(idParam(id));
  }

  @Post('/:id/cancel', { summary: '取消工单（需填写原因）' })
  @Access('workorder.read', { body: reasonInput })
  async cancel(@Param('id') id: string, @Body() body: unknown) {
    await this.orders.cancel(idParam(id), parse(reasonInput, body).note, this.meta());
    return this.done(idParam(id));
  }
}

@Controller('/api/work-order-settings', { tagName: '工单' })
export class WorkOrderSettingsController {
  @Inject() ctx: Context;
  @Inject() settings: WorkOrderSettingsService;

  @Get('/', { summary: '工单设置：工时单价上限（分，默认 500000 即 5,000 元）' })
  @Access('workorder.read')
  async get() {
    return this.settings.get();
  }

  @Put('/', { summary: '修改工单设置（仅管理员，记入操作日志）' })
  @Access('workorder.configure', { body: workOrderSettingsInput })
  async update(@Body() body: unknown) {
    return this.settings.update(parse(workOrderSettingsInput, body), metaOf(this.ctx));
  }
}

@Controller('/api/vehicle-history', { tagName: '工单' })
export class VehicleHistoryController {
  @Inject() read: WorkOrderRead;

  @Get('/:id', { summary: '一车一档：该车历次工单、处理结果与用料' })
  @Access('customer.read')
  async history(@Param('id') id: string) {
    return this.read.vehicleHistory(idParam(id, '车辆'));
  }
}
