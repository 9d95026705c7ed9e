import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { formatFen, invoiceIssueInput, invoiceListQuery, invoiceRequestInput, statsQuery } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { addSheet, newWorkbook, sendXlsx, XLSX_TYPE } from '../../common/excel';
import { actorOf, metaOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { InvoiceService } from './invoice.service';
import { WorkOrderStats } from './work-order.stats';

@Controller('/api', { tagName: '绩效与开票' })
export class WorkOrderReportController {
  @Inject() ctx: Context;
  @Inject() stats: WorkOrderStats;
  @Inject() invoices: InvoiceService;

  private meta() {
    return { ...metaOf(this.ctx), actor: actorOf(this.ctx) };
  }

  @Get('/work-order-stats', { summary: '工单绩效统计：每位技师的完工数、响应与处理时长、收入、返工率、满意度（含明细工单）' })
  @Access('workorder.dispatch', { query: statsQuery })
  async byTechnician(@Query() query: unknown) {
    const q = parse(statsQuery, query);
    return this.stats.byTechnician(q.from, q.to);
  }

  @Get('/work-order-stats/export', { summary: '导出工单绩效（Excel）' })
  @Access('workorder.dispatch', { query: statsQuery, file: XLSX_TYPE })
  async exportStats(@Query() query: unknown) {
    const q = parse(statsQuery, query);
    const rows = await this.stats.byTechnician(q.from, q.to);
    const wb = newWorkbook();
    const sheet = addSheet(wb, '工单绩效', [
      { header: '技师', width: 10 },
      { header: '完工数', width: 8 },
      { header: '平均响应(分钟)', width: 14 },
      { header: '平均处理(分钟)', width: 14 },
      { header: '配件收入(元)', width: 14 },
      { header: '工时收入(元)', width: 14 },
      { header: '返工数', width: 8 },
      { header: '返工率', width: 8 },
      { header: '平均满意度', width: 10 },
    ]);
    for (const r of rows) {
      sheet.addRow([
        r.name,
        r.finished,
        r.avgResponseMinutes ?? '',
        r.avgHandlingMinutes ?? '',
        formatFen(r.partsRevenue, { grouping: false }),
        formatFen(r.labourRevenue, { grouping: false }),
        r.reworked,
        r.reworkRate === null ? '' : `${(r.reworkRate * 100).toFixed(1)}%`,
        r.avgSatisfaction ?? '',
      ]);
    }
    const visits = addSheet(wb, '工单明细', [
      { header: '技师', width: 10 },
      { header: '工单编号', width: 20 },
      { header: '完工时间(UTC)', width: 24 },
      { header: '响应(分钟)', width: 10 },
      { header: '处理(分钟)', width: 10 },
      { header: '返工', width: 6 },
      { header: '满意度', width: 8 },
    ]);
    for (const r of rows)
      for (const v of r.visits)
        visits.addRow([r.name, v.no, v.finishedAt, v.responseMinutes, v.handlingMinutes, v.reworked ? '是' : '', v.satisfaction ?? '']);
    return sendXlsx(this.ctx, {
      name: `工单绩效-${q.from}至${q.to}.xlsx`,
      fallback: `work-order-stats-${q.from}-${q.to}.xlsx`,
      workbook: wb,
    });
  }

  @Post('/work-orders/:id/invoice', { summary: '服务开票申请（结算后；金额按税率汇总）' })
  @Access('workorder.create', { body: invoiceRequestInput })
  async request(@Param('id') id: string, @Body() body: unknown) {
    return { id: await this.invoices.request(idParam(id), parse(invoiceRequestInput, body), this.meta()) };
  }

  @Get('/invoices', { summary: '开票申请列表' })
  @Access('workorder.create', { query: invoiceListQuery })
  async list(@Query() query: unknown) {
    return this.invoices.list(parse(invoiceListQuery, query));
  }

  @Get('/invoices/export', { summary: '导出开票申请（Excel，每个税率一行）' })
  @Access('workorder.create', { query: invoiceListQuery, file: XLSX_TYPE })
  async export(@Query() query: unknown) {
    return sendXlsx(this.ctx, await this.invoices.export(parse(invoiceListQuery, query)));
  }

  @Post('/invoices/:id/issue', { summary: '登记已开具的发票号码' })
  @Access('workorder.create', { body: invoiceIssueInput })
  async issue(@Param('id') id: string, @Body() body: unknown) {
    await this.invoices.issue(idParam(id), parse(invoiceIssueInput, body).invoiceNo, this.meta());
    return null;
  }
}
