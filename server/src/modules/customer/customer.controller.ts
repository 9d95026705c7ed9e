import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import {
  customerCreateInput,
  customerListQuery,
  customerUpdateInput,
  listQuery,
  vehicleInput,
  vehicleListQuery,
  vehicleModelInput,
} from '@hongyuan/shared';
import { Access } from '../../common/access';
import { AuditService } from '../audit/audit.service';
import { importFileInput, sendXlsx, XLSX_TYPE } from '../../common/excel';
import { Idempotency } from '../../common/idempotency';
import { metaOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { Customer, Vehicle, VehicleModel } from './customer.entity';
import { CustomerExcelService } from './customer-excel.service';
import { CustomerService } from './customer.service';
import { VehicleModelService } from './vehicle-model.service';
import { VehicleService } from './vehicle.service';

@Controller('/api/customers', { tagName: '客户' })
export class CustomerController {
  @Inject() ctx: Context;
  @Inject() customers: CustomerService;
  @Inject() vehicles: VehicleService;
  @Inject() excel: CustomerExcelService;
  @Inject() idempotency: Idempotency;
  @Inject() audit: AuditService;

  @Get('/', { summary: '客户列表（名称/拼音首字母/联系人/电话/车牌搜索）' })
  @Access('customer.read', { query: customerListQuery })
  async list(@Query() q: unknown) {
    return this.customers.list(parse(customerListQuery, q));
  }

  @Get('/export', { summary: '导出当前筛选的客户（Excel，每辆车一行；仅客服与管理员，记入操作日志）' })
  @Access('customer.export', { query: customerListQuery, file: XLSX_TYPE })
  async export(@Query() q: unknown) {
    const query = parse(customerListQuery, q);
    const file = await this.excel.export(query);
    await this.audit.recordExport(metaOf(this.ctx), 'customer.export', file, query);
    return sendXlsx(this.ctx, file);
  }

  @Post('/import', { summary: '导入客户和车辆（有任何一行错误则全部不导入，返回每行的错误）' })
  @Access('customer.write', { body: importFileInput })
  async import(@Body() body: unknown) {
    return this.excel.import(parse(importFileInput, body), metaOf(this.ctx));
  }

  @Get('/:id', { summary: '客户详情（联系人、地址、车辆）' })
  @Access('customer.read')
  async get(@Param('id') id: string) {
    return this.customers.get(idParam(id, '客户'));
  }

  @Post('/', { summary: '新增客户（可同时登记联系人、地址和车辆）；支持 Idempotency-Key' })
  @Access('customer.write', { body: customerCreateInput })
  async create(@Body() body: unknown) {
    const input = parse(customerCreateInput, body);
    return this.idempotency.run(this.ctx, body, { entity: Customer, read: (c) => this.customers.get(c) }, () =>
      this.customers.create(input, metaOf(this.ctx)),
    );
  }

  @Put('/:id', { summary: '修改客户（联系人、地址整体替换）或停用' })
  @Access('customer.write', { body: customerUpdateInput })
  async update(@Param('id') id: string, @Body() body: unknown) {
    return this.customers.update(idParam(id, '客户'), parse(customerUpdateInput, body), metaOf(this.ctx));
  }

  @Post('/:id/vehicles', { summary: '为客户登记车辆；支持 Idempotency-Key' })
  @Access('customer.write', { body: vehicleInput })
  async addVehicle(@Param('id') id: string, @Body() body: unknown) {
    const customerId = idParam(id, '客户');
    const input = parse(vehicleInput, body);
    return this.idempotency.run(this.ctx, body, { entity: Vehicle, read: (v) => this.vehicles.get(v) }, () =>
      this.vehicles.add(customerId, input, metaOf(this.ctx)),
    );
  }
}

@Controller('/api/vehicles', { tagName: '车辆' })
export class VehicleController {
  @Inject() ctx: Context;
  @Inject() vehicles: VehicleService;

  @Get('/', { summary: '车辆列表（车牌号/车架号搜索，可按客户筛选）' })
  @Access('customer.read', { query: vehicleListQuery })
  async list(@Query() q: unknown) {
    return this.vehicles.list(parse(vehicleListQuery, q));
  }

  @Put('/:id', { summary: '修改车辆或停用' })
  @Access('customer.write', { body: vehicleInput })
  async update(@Param('id') id: string, @Body() body: unknown) {
    return this.vehicles.update(idParam(id, '车辆'), parse(vehicleInput, body), metaOf(this.ctx));
  }
}

@Controller('/api/vehicle-models', { tagName: '车型' })
export class VehicleModelController {
  @Inject() ctx: Context;
  @Inject() models: VehicleModelService;
  @Inject() idempotency: Idempotency;

  // Any employee: vehicles (customer side) and part fitments (parts side) both pick models.
  @Get('/', { summary: '车型列表（品牌/车系/拼音首字母搜索）' })
  @Access('login', { query: listQuery })
  async list(@Query() q: unknown) {
    return this.models.list(parse(listQuery, q));
  }

  @Post('/', { summary: '新增车型；支持 Idempotency-Key' })
  @Access('vehicleModel.write', { body: vehicleModelInput })
  async create(@Body() body: unknown) {
    const input = parse(vehicleModelInput, body);
    return this.idempotency.run(this.ctx, body, { entity: VehicleModel, read: (v) => this.models.get(v) }, () =>
      this.models.create(input, metaOf(this.ctx)),
    );
  }

  @Put('/:id', { summary: '修改或停用车型' })
  @Access('vehicleModel.write', { body: vehicleModelInput })
  async update(@Param('id') id: string, @Body() body: unknown) {
    return this.models.update(idParam(id, '车型'), parse(vehicleModelInput, body), metaOf(this.ctx));
  }
}
