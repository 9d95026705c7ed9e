import { Body, Controller, Del, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { listQuery, partFitmentQuery, partInput, partListQuery, partSynonymInput, priceLevelInput } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { importFileInput, sendXlsx, XLSX_TYPE } from '../../common/excel';
import { Idempotency } from '../../common/idempotency';
import { actorOf, metaOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { Part, PartSynonym, PriceLevel } from './part.entity';
import { PartExcelService } from './part-excel.service';
import { canSeeCost, PartService } from './part.service';
import { PriceLevelService } from './price-level.service';
import { PartSynonymService } from './part-synonym.service';

@Controller('/api/parts', { tagName: '配件资料' })
export class PartController {
  @Inject() ctx: Context;
  @Inject() parts: PartService;
  @Inject() excel: PartExcelService;
  @Inject() idempotency: Idempotency;

  @Get('/', { summary: '配件列表（名称/别名/编号条码/型号/规格/拼音首字母搜索，含同义词；分类、适用车型、状态筛选）' })
  @Access('part.read', { query: partListQuery })
  async list(@Query() q: unknown) {
    return this.parts.list(parse(partListQuery, q), actorOf(this.ctx));
  }

  @Get('/export', { summary: '导出当前筛选的配件（Excel；无成本价权限时不含成本价）' })
  @Access('part.read', { query: partListQuery, file: XLSX_TYPE })
  async export(@Query() q: unknown) {
    return sendXlsx(this.ctx, await this.excel.export(parse(partListQuery, q), canSeeCost(actorOf(this.ctx))));
  }

  @Get('/import-template', { summary: '配件导入模板（Excel）' })
  @Access('part.write', { file: XLSX_TYPE })
  async importTemplate() {
    return sendXlsx(this.ctx, await this.excel.template());
  }

  @Post('/import', { summary: '导入配件（有任何一行错误则全部不导入，返回每行的错误）' })
  @Access('part.write', { body: importFileInput })
  async import(@Body() body: unknown) {
    return this.excel.import(parse(importFileInput, body), metaOf(this.ctx));
  }

  @Get('/:id/fitment', { summary: '配件是否登记适用于某车辆的车型（用料前提醒技师）' })
  @Access('part.read', { query: partFitmentQuery })
  async fitment(@Param('id') id: string, @Query() q: unknown) {
    return this.parts.fitment(idParam(id, '配件'), parse(partFitmentQuery, q).vehicleId);
  }

  @Get('/:id', { summary: '配件详情' })
  @Access('part.read')
  async get(@Param('id') id: string) {
    return this.parts.get(idParam(id, '配件'), actorOf(this.ctx));
  }

  @Post('/', { summary: '新增配件；支持 Idempotency-Key' })
  @Access('part.write', { body: partInput })
  async create(@Body() body: unknown) {
    const input = parse(partInput, body);
    return this.idempotency.run(this.ctx, body, { entity: Part, read: (p) => this.parts.get(p, actorOf(this.ctx)) }, () =>
      this.parts.create(input, metaOf(this.ctx)),
    );
  }

  @Put('/:id', { summary: '修改配件、适用车型、等级价格或停用' })
  @Access('part.write', { body: partInput })
  async update(@Param('id') id: string, @Body() body: unknown) {
    return this.parts.update(idParam(id, '配件'), parse(partInput, body), metaOf(this.ctx));
  }
}

@Controller('/api/price-levels', { tagName: '价格等级' })
export class PriceLevelController {
  @Inject() ctx: Context;
  @Inject() levels: PriceLevelService;
  @Inject() idempotency: Idempotency;

  // Any employee: the customer form and the part form both offer the levels.
  @Get('/', { summary: '价格等级列表' })
  @Access('login', { query: listQuery })
  async list(@Query() q: unknown) {
    return this.levels.list(parse(listQuery, q));
  }

  @Post('/', { summary: '新增价格等级；支持 Idempotency-Key' })
  @Access('priceLevel.write', { body: priceLevelInput })
  async create(@Body() body: unknown) {
    const input = parse(priceLevelInput, body);
    return this.idempotency.run(this.ctx, body, { entity: PriceLevel, read: (l) => this.levels.get(l) }, () =>
      this.levels.create(input, metaOf(this.ctx)),
    );
  }

  @Put('/:id', { summary: '修改或停用价格等级' })
  @Access('priceLevel.write', { body: priceLevelInput })
  async update(@Param('id') id: string, @Body() body: unknown) {
    return this.levels.update(idParam(id, '价格等级'), parse(priceLevelInput, body), metaOf(this.ctx));
  }
}

@Controller('/api/part-synonyms', { tagName: '配件同义词' })
export class PartSynonymController {
  @Inject() ctx: Context;
  @Inject() synonyms: PartSynonymService;
  @Inject() idempotency: Idempotency;

  @Get('/', { summary: '同义词列表（每组词搜索时互相代替）' })
  @Access('part.read')
  async list() {
    return this.synonyms.list();
  }

  @Post('/', { summary: '新增一组同义词；支持 Idempotency-Key' })
  @Access('part.write', { body: partSynonymInput })
  async create(@Body() body: unknown) {
    const input = parse(partSynonymInput, body);
    return this.idempotency.run(this.ctx, body, { entity: PartSynonym, read: (s) => this.synonyms.get(s) }, () =>
      this.synonyms.create(input, metaOf(this.ctx)),
    );
  }

  @Put('/:id', { summary: '修改一组同义词' })
  @Access('part.write', { body: partSynonymInput })
  async update(@Param('id') id: string, @Body() body: unknown) {
    return this.synonyms.update(idParam(id, '同义词'), parse(partSynonymInput, body), metaOf(this.ctx));
  }

  @Del('/:id', { summary: '删除一组同义词' })
  @Access('part.write')
  async remove(@Param('id') id: string) {
    await this.synonyms.remove(idParam(id, '同义词'), metaOf(this.ctx));
    return { ok: true };
  }
}
