import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { paymentInput, receivableQuery, refundInput } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { sendXlsx, XLSX_TYPE } from '../../common/excel';
import { Idempotency } from '../../common/idempotency';
import { actorOf, metaOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { AuditService } from '../audit/audit.service';
import { Payment, PaymentRefund } from './payment.entity';
import { PaymentService } from './payment.service';

/** 收款: receivables (one per settled visit), money received and given back. */
@Controller('/api', { tagName: '收款' })
export class PaymentController {
  @Inject() ctx: Context;
  @Inject() payments: PaymentService;
  @Inject() idempotency: Idempotency;
  @Inject() audit: AuditService;

  private meta() {
    return { ...metaOf(this.ctx), actor: actorOf(this.ctx) };
  }

  @Get('/receivables', { summary: '收款列表：每次结算应收、已收、已退、未收' })
  @Access('payment.read', { query: receivableQuery })
  async list(@Query() query: unknown) {
    return this.payments.list(parse(receivableQuery, query));
  }

  @Get('/receivables/export', { summary: '导出收款列表（Excel，按当前筛选）' })
  @Access('payment.read', { query: receivableQuery, file: XLSX_TYPE })
  async export(@Query() query: unknown) {
    const q = parse(receivableQuery, query);
    const file = await this.payments.export(q);
    await this.audit.recordExport(metaOf(this.ctx), 'payment.export', file, q);
    return sendXlsx(this.ctx, file);
  }

  @Get('/work-orders/:id/payments', { summary: '工单的应收、收款和退款（每次上门一笔应收）' })
  @Access('payment.read')
  async ofOrder(@Param('id') id: string) {
    return this.payments.orderPayments(idParam(id, '工单'), actorOf(this.ctx));
  }

  @Post('/settlements/:id/payments', { summary: '登记收款（现金或转账），不超过未收金额；支持 Idempotency-Key' })
  @Access('payment.collect', { body: paymentInput })
  async record(@Param('id') id: string, @Body() body: unknown) {
    const settlementId = idParam(id, '结算记录');
    const input = parse(paymentInput, body);
    return this.idempotency.run(this.ctx, body, { entity: Payment, read: (p) => this.payments.payment(p) }, () =>
      this.payments.record(settlementId, input, this.meta()),
    );
  }

  @Post('/payments/:id/refunds', { summary: '退款（填写原因），不超过这笔收款未退的金额；支持 Idempotency-Key' })
  @Access('payment.refund', { body: refundInput })
  async refund(@Param('id') id: string, @Body() body: unknown) {
    const paymentId = idParam(id, '收款记录');
    const input = parse(refundInput, body);
    return this.idempotency.run(this.ctx, body, { entity: PaymentRefund, read: (r) => this.payments.refundView(r) }, () =>
      this.payments.refund(paymentId, input, this.meta()),
    );
  }
}
