import { Controller, Get, Inject, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { noFieldsInput } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { actorOf } from '../../common/request';
import { parse } from '../../common/validate';
import { DeskSummaryService } from './desk.service';

@Controller('/api/desk', { tagName: '工作台' })
export class DeskController {
  @Inject() ctx: Context;
  @Inject() desk: DeskSummaryService;

  @Get('/summary', { summary: '工作台今日待办：待派工、待结算、待回访、待我审批、低库存、持有超期（只含本人权限内的数字）' })
  @Access('login', { query: noFieldsInput })
  async summary(@Query() q: unknown) {
    parse(noFieldsInput, q);
    return this.desk.summary(actorOf(this.ctx));
  }
}
