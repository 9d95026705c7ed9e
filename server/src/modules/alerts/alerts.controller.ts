import { Body, Controller, Get, Inject, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { alertSettingsInput, noFieldsInput } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { actorOf } from '../../common/request';
import { parse } from '../../common/validate';
import { whoOf } from '../inbound/inbound.controller';
import { AlertSettingsService, approvalSettingsInput } from './alert-settings.service';
import { AlertsService } from './alerts.service';

@Controller('/api/alerts', { tagName: '预警' })
export class AlertsController {
  @Inject() ctx: Context;
  @Inject() alerts: AlertsService;

  @Get('/', { summary: '预警：低于最低库存、员工持有过久、单据待审批过久（含角标数量；盲盘中的仓库对非库管不列低库存）' })
  @Access('stock.read', { query: noFieldsInput })
  async list(@Query() q: unknown) {
    parse(noFieldsInput, q);
    return this.alerts.alerts(new Date(), actorOf(this.ctx));
  }
}

@Controller('/api/settings', { tagName: '预警' })
export class AlertSettingsController {
  @Inject() ctx: Context;
  @Inject() settings: AlertSettingsService;

  @Get('/alerts', { summary: '预警设置（持有天数，默认 7；待审批小时数，默认 4）' })
  @Access('stock.manage')
  async get() {
    return this.settings.get();
  }

  @Put('/alerts', { summary: '修改预警设置（库管或管理员）' })
  @Access('stock.manage', { body: alertSettingsInput })
  async update(@Body() body: unknown) {
    return this.settings.update(parse(alertSettingsInput, body), whoOf(this.ctx));
  }

  @Get('/approval', { summary: '审批设置（是否允许库管审批自己的单据，默认不允许）' })
  @Access('stock.manage')
  async getApproval() {
    return this.settings.getApproval();
  }

  @Put('/approval', { summary: '修改审批设置（仅管理员；只有一名库管的公司才需要允许）' })
  @Access('warehouse.manage', { body: approvalSettingsInput })
  async updateApproval(@Body() body: unknown) {
    return this.settings.updateApproval(parse(approvalSettingsInput, body), whoOf(this.ctx));
  }
}
