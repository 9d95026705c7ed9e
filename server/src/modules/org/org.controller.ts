import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import {
  departmentInput,
  employeeCreateInput,
  employeeListQuery,
  employeeUpdateInput,
  listQuery,
  resetPasswordInput,
  warehouseInput,
} from '@hongyuan/shared';
import { Access } from '../../common/access';
import { Idempotency } from '../../common/idempotency';
import { metaOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { Department, Employee, Warehouse } from './org.entity';
import { DepartmentService } from './department.service';
import { EmployeeService } from './employee.service';
import { WarehouseService } from './warehouse.service';

@Controller('/api/departments', { tagName: '部门' })
export class DepartmentController {
  @Inject() ctx: Context;
  @Inject() departments: DepartmentService;
  @Inject() idempotency: Idempotency;

  @Get('/', { summary: '部门列表（含人数）' })
  @Access('employee.read', { query: listQuery })
  async list(@Query() q: unknown) {
    return this.departments.list(parse(listQuery, q));
  }

  @Post('/', { summary: '新增部门；支持 Idempotency-Key' })
  @Access('department.manage', { body: departmentInput })
  async create(@Body() body: unknown) {
    const input = parse(departmentInput, body);
    return this.idempotency.run(this.ctx, body, { entity: Department, read: (d) => this.departments.get(d) }, () =>
      this.departments.create(input, metaOf(this.ctx)),
    );
  }

  @Put('/:id', { summary: '修改或停用部门' })
  @Access('department.manage', { body: departmentInput })
  async update(@Param('id') id: string, @Body() body: unknown) {
    return this.departments.update(idParam(id, '部门'), parse(departmentInput, body), metaOf(this.ctx));
  }
}

@Controller('/api/employees', { tagName: '员工' })
export class EmployeeController {
  @Inject() ctx: Context;
  @Inject() employees: EmployeeService;
  @Inject() idempotency: Idempotency;

  @Get('/', { summary: '员工列表（按姓名/手机号、角色、部门、状态筛选）' })
  @Access('employee.read', { query: employeeListQuery })
  async list(@Query() q: unknown) {
    return this.employees.list(parse(employeeListQuery, q));
  }

  @Post('/', { summary: '新增员工（设置初始密码）；支持 Idempotency-Key' })
  @Access('employee.manage', { body: employeeCreateInput })
  async create(@Body() body: unknown) {
    const input = parse(employeeCreateInput, body);
    return this.idempotency.run(this.ctx, body, { entity: Employee, read: (e) => this.employees.get(e) }, () =>
      this.employees.create(input, metaOf(this.ctx)),
    );
  }

  @Put('/:id', { summary: '修改员工、角色或停用（停用后立即下线）' })
  @Access('employee.manage', { body: employeeUpdateInput })
  async update(@Param('id') id: string, @Body() body: unknown) {
    return this.employees.update(idParam(id, '员工'), parse(employeeUpdateInput, body), metaOf(this.ctx));
  }

  @Post('/:id/password', { summary: '管理员重置员工密码（该员工需重新登录）' })
  @Access('employee.manage', { body: resetPasswordInput })
  async resetPassword(@Param('id') id: string, @Body() body: unknown) {
    return this.employees.resetPassword(idParam(id, '员工'), parse(resetPasswordInput, body).password, metaOf(this.ctx));
  }
}

@Controller('/api/warehouses', { tagName: '仓库' })
export class WarehouseController {
  @Inject() ctx: Context;
  @Inject() warehouses: WarehouseService;
  @Inject() idempotency: Idempotency;

  @Get('/', { summary: '仓库列表（含库管）' })
  @Access('warehouse.read', { query: listQuery })
  async list(@Query() q: unknown) {
    return this.warehouses.list(parse(listQuery, q));
  }

  @Post('/', { summary: '新增仓库；支持 Idempotency-Key' })
  @Access('warehouse.manage', { body: warehouseInput })
  async create(@Body() body: unknown) {
    const input = parse(warehouseInput, body);
    return this.idempotency.run(this.ctx, body, { entity: Warehouse, read: (w) => this.warehouses.get(w) }, () =>
      this.warehouses.create(input, metaOf(this.ctx)),
    );
  }

  @Put('/:id', { summary: '修改仓库、库管或停用' })
  @Access('warehouse.manage', { body: warehouseInput })
  async update(@Param('id') id: string, @Body() body: unknown) {
    return this.warehouses.update(idParam(id, '仓库'), parse(warehouseInput, body), metaOf(this.ctx));
  }
}
