import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import {
  formatFen,
  invoiceIssueInput,
  invoiceListQuery,
  invoiceRequestInput,
  statsQuery,
  type StatsVisit,
  type TechnicianStats,
} from '@hongyuan/shared';
import { Access } from '../../common/access';
import { AuditService } from '../audit/audit.service';
import { addTable, newWorkbook, sendXlsx, XLSX_TYPE } from '../../common/excel';
import { Idempotency } from '../../common/idempotency';
import { actorOf, metaOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { InvoiceRequest } from './work-order.entity';
import { InvoiceService } from './invoice.service';
import { WorkOrderStats } from './work-order.stats';

@Controller('/api', { tagName: '绩效与开票' })
export class WorkOrderReportController {
  @Inject() ctx: Context;
  @Inject() stats: WorkOrderStats;
  @Inject() invoices: InvoiceService;
  @Inject() idempotency: Idempotency;
  @Inject() audit: AuditService;

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
    const yuan = (fen: number) => formatFen(fen, { grouping: false });
    addTable<TechnicianStats>(
      wb,
      '工单绩效',
      [
        ['技师', 10, (r) => r.name],
        ['完工数', 8, (r) => r.finished],
        ['平均响应(分钟)', 14, (r) => r.avgResponseMinutes ?? ''],
        ['平均处理(分钟)', 14, (r) => r.avgHandlingMinutes ?? ''],
        ['配件收入(元)', 14, (r) => yuan(r.partsRevenue)],
        ['工时收入(元)', 14, (r) => yuan(r.labourRevenue)],
        ['返工数', 8, (r) => r.reworked],
        ['返工率', 8, (r) => (r.reworkRate === null ? '' : `${(r.reworkRate * 100).toFixed(1)}%`)],
        ['平均满意度', 10, (r) => r.avgSatisfaction ?? ''],
      ],
      rows,
    );
    addTable<{ r: TechnicianStats; v: StatsVisit }>(
      wb,
      '工单明细',
      [
        ['技师', 10, ({ r }) => r.name],
        ['工单编号', 20, ({ v }) => v.no],
        ['完工时间(UTC)', 24, ({ v }) => v.finishedAt],
        ['响应(分钟)', 10, ({ v }) => v.responseMinutes],
        ['处理(分钟)', 10, ({ v }) => v.handlingMinutes],
        ['返工', 6, ({ v }) => (v.reworked ? '是' : '')],
        ['满意度', 8, ({ v }) => v.satisfaction ?? ''],
      ],
      rows.flatMap((r) => r.visits.map((v) => ({ r, v }))),
    );
    const file = { name: `工单绩效-${q.from}至${q.to}.xlsx`, fallback: `work-order-stats-${q.from}-${q.to}.xlsx`, workbook: wb };
    await this.audit.recordExport(metaOf(this.ctx), 'workOrderStats.export', file, q);
    return sendXlsx(this.ctx, file);
  }

  @Post('/work-orders/:id/invoice', { summary: '服务开票申请（结算后；金额按税率汇总）；支持 Idempotency-Key' })
  @Access('workorder.create', { body: invoiceRequestInput })
  async request(@Param('id') id: string, @Body() body: unknown) {
    const orderId = idParam(id);
    const input = parse(invoiceRequestInput, body);
    return this.idempotency.run(this.ctx, body, { entity: InvoiceRequest, read: async (i) => ({ id: i }) }, async () => ({
      id: await this.invoices.request(orderId, input, this.meta()),
    }));
  }

  @Get('/invoices', { summary: '开票申请列表' })
  @Access('workorder.create', { query: invoiceListQuery })
  async list(@Query() query: unknown) {
    return this.invoices.list(parse(invoiceListQuery, query));
  }

  @Get('/invoices/export', { summary: '导出开票申请（Excel，每个税率一行）' })
  @Access('workorder.create', { query: invoiceListQuery, file: XLSX_TYPE })
  async export(@Query() query: unknown) {
    const q = parse(invoiceListQuery, query);
    const file = await this.invoices.export(q);
    await this.audit.recordExport(metaOf(this.ctx), 'invoice.export', file, q);
    return sendXlsx(this.ctx, file);
  }

  @Post('/invoices/:id/issue', { summary: '登记已开具的发票号码' })
  @Access('workorder.create', { body: invoiceIssueInput })
  async issue(@Param('id') id: string, @Body() body: unknown) {
    await this.invoices.issue(idParam(id), parse(invoiceIssueInput, body).invoiceNo, this.meta());
    return null;
  }
}
