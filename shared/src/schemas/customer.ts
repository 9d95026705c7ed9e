import { z } from '../zod-zh';
import { bool, id, optionalId, optionalText, phone, text, pageQuery, queryBool } from './fields';

export const CUSTOMER_KINDS = ['person', 'company'] as const;
export const CUSTOMER_KIND_LABELS: Record<(typeof CUSTOMER_KINDS)[number], string> = { person: '个人', company: '单位' };

/** 浙K12345, 浙KD12345 (new energy), 浙K1234学. Spaces and the dot in "浙K·12345" are dropped. */
const PLATE = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$/;
export function normalizePlate(v: string): string {
  return v.replace(/[\s·.-]/g, '').toUpperCase();
}
export const plate = z
  .string({ required_error: '请填写车牌号', invalid_type_error: '车牌号应为文字' })
  .transform(normalizePlate)
  .refine((v) => v.length > 0, '请填写车牌号')
  .refine((v) => PLATE.test(v), '车牌号格式不对，例如 浙K12345 或 浙KD12345');

/** VIN: 17 characters, no I, O or Q. Optional. */
export const vin = z
  .string({ invalid_type_error: '车架号应为文字' })
  .transform((v) => v.replace(/\s/g, '').toUpperCase())
  .refine((v) => v === '' || /^[A-HJ-NPR-Z0-9]{17}$/.test(v), '车架号应为 17 位字母和数字（不含 I、O、Q）')
  .nullish()
  .transform((v) => v ?? '');

const thisYear = new Date().getFullYear();

export const vehicleInput = z
  .object({
    plate,
    vin,
    brand: optionalText('品牌', 30),
    vehicleModelId: optionalId('车型'),
    year: z
      .number({ invalid_type_error: '年份应为数字' })
      .int()
      .min(1980, '年份不能早于 1980')
      .max(thisYear + 1, `年份不能晚于 ${thisYear + 1}`)
      .nullish()
      .transform((v) => v ?? null),
    mileage: z
      .number({ invalid_type_error: '里程应为数字' })
      .int('里程应为整数')
      .min(0, '里程不能为负数')
      .max(3_000_000, '里程过大')
      .nullish()
      .transform((v) => v ?? null),
    remark: optionalText('备注', 200),
    enabled: bool('启用').default(true),
  })
  .strict();
export type VehicleInput = z.infer<typeof vehicleInput>;

export const contactInput = z
  .object({
    id: id().optional(),
    name: text('联系人', 30),
    phone: phone('联系电话'),
    isPrimary: bool('主联系人').default(false),
  })
  .strict();

export const addressInput = z
  .object({
    id: id().optional(),
    address: text('地址', 200),
    isDefault: bool('默认地址').default(false),
  })
  .strict();

const customerBase = {
  kind: z.enum(CUSTOMER_KINDS, { errorMap: () => ({ message: '客户类型应为个人或单位' }) }).default('person'),
  name: text('客户名称', 100),
  priceLevelId: optionalId('价格等级'),
  taxNumber: optionalText('税号', 30),
  remark: optionalText('备注', 500),
  contacts: z.array(contactInput).min(1, '至少填写一个联系人').max(20, '联系人最多 20 个'),
  addresses: z.array(addressInput).max(20, '地址最多 20 个').default([]),
  enabled: bool('启用').default(true),
};

export const customerCreateInput = z
  .object({ ...customerBase, vehicles: z.array(vehicleInput).max(50, '车辆最多 50 辆').default([]) })
  .strict();
export type CustomerCreateInput = z.infer<typeof customerCreateInput>;

/** Contacts and addresses are replaced as a whole (kept by id); vehicles have their own routes. */
export const customerUpdateInput = z.object(customerBase).strict();
export type CustomerUpdateInput = z.infer<typeof customerUpdateInput>;

export const customerListQuery = z.object({ ...pageQuery, enabled: queryBool }).strict();
export type CustomerListQuery = z.infer<typeof customerListQuery>;

export const vehicleListQuery = z.object({ ...pageQuery, customerId: optionalId('客户').optional() }).strict();

export const vehicleModelInput = z
  .object({
    brand: text('品牌', 30),
    series: text('车系', 50),
    modelYear: z
      .number({ invalid_type_error: '年款应为数字' })
      .int()
      .min(1980)
      .max(thisYear + 1)
      .nullish()
      .transform((v) => v ?? null),
    engine: optionalText('发动机/排量', 50),
    enabled: bool('启用').default(true),
  })
  .strict();
export type VehicleModelInput = z.infer<typeof vehicleModelInput>;

export interface ContactView {
  id: number;
  name: string;
  phone: string;
  isPrimary: boolean;
}
export interface AddressView {
  id: number;
  address: string;
  isDefault: boolean;
}
export interface VehicleView {
  id: number;
  customerId: number;
  customerName?: string;
  plate: string;
  vin: string;
  brand: string;
  vehicleModelId: number | null;
  vehicleModelName: string | null;
  year: number | null;
  mileage: number | null;
  remark: string;
  enabled: boolean;
}
export interface CustomerListItem {
  id: number;
  kind: (typeof CUSTOMER_KINDS)[number];
  name: string;
  pinyin: string;
  contactName: string;
  contactPhone: string;
  address: string;
  plates: string[];
  priceLevelName: string | null;
  enabled: boolean;
}
export interface CustomerView {
  id: number;
  kind: (typeof CUSTOMER_KINDS)[number];
  name: string;
  pinyin: string;
  priceLevelId: number | null;
  taxNumber: string;
  remark: string;
  enabled: boolean;
  contacts: ContactView[];
  addresses: AddressView[];
  vehicles: VehicleView[];
  createdAt: string;
}
export interface VehicleModelView {
  id: number;
  brand: string;
  series: string;
  modelYear: number | null;
  engine: string;
  /** "大众 朗逸 2021款 1.5L" */
  name: string;
  enabled: boolean;
}

export function vehicleModelName(m: { brand: string; series: string; modelYear: number | null; engine?: string }): string {
  return [m.brand, m.series, m.modelYear ? `${m.modelYear}款` : '', m.engine ?? ''].filter(Boolean).join(' ');
}
