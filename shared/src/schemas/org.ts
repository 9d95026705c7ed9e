import { z } from '../zod-zh';
import { roleEnum, passwordRule } from './auth';
import { bool, id, mobilePhone, optionalId, optionalText, text, pageQuery, queryBool } from './fields';

export const departmentInput = z
  .object({
    name: text('部门名称', 50),
    enabled: bool('启用').default(true),
  })
  .strict();
export type DepartmentInput = z.infer<typeof departmentInput>;

const employeeBase = {
  name: text('姓名', 30),
  phone: mobilePhone('手机号'),
  departmentId: optionalId('部门'),
  roles: z.array(roleEnum, { required_error: '请选择角色' }).min(1, '至少选择一个角色').max(6),
  enabled: bool('启用').default(true),
};

/** The password an admin sets (初始密码): the employee must change it at his first login. */
const initialPassword = passwordRule('初始密码');

export const employeeCreateInput = z.object({ ...employeeBase, password: initialPassword }).strict();
export type EmployeeCreateInput = z.infer<typeof employeeCreateInput>;

export const employeeUpdateInput = z.object(employeeBase).strict();
export type EmployeeUpdateInput = z.infer<typeof employeeUpdateInput>;

export const resetPasswordInput = z.object({ password: initialPassword }).strict();

export const employeeListQuery = z
  .object({ ...pageQuery, enabled: queryBool, role: roleEnum.optional(), departmentId: optionalId('部门').optional() })
  .strict();
export type EmployeeListQuery = z.infer<typeof employeeListQuery>;

export const warehouseInput = z
  .object({
    name: text('仓库名称', 50),
    address: optionalText('地址', 200),
    keeperIds: z.array(id('库管')).max(20).default([]),
    enabled: bool('启用').default(true),
  })
  .strict();
export type WarehouseInput = z.infer<typeof warehouseInput>;

export interface DepartmentView {
  id: number;
  name: string;
  enabled: boolean;
  employeeCount: number;
}

export interface EmployeeView {
  id: number;
  name: string;
  phone: string;
  departmentId: number | null;
  departmentName: string | null;
  roles: z.infer<typeof roleEnum>[];
  enabled: boolean;
  createdAt: string;
}

export interface WarehouseView {
  id: number;
  name: string;
  address: string;
  enabled: boolean;
  keepers: { id: number; name: string }[];
}
