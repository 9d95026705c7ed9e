import type { CustomerUpdateInput, CustomerView, VehicleInput, VehicleView } from '@hongyuan/shared';

/** The PUT body that keeps a customer as it is (contacts and addresses keep their ids). */
export function customerToInput(c: CustomerView): CustomerUpdateInput {
  return {
    kind: c.kind,
    name: c.name,
    priceLevelId: c.priceLevelId,
    taxNumber: c.taxNumber,
    remark: c.remark,
    contacts: c.contacts.map((x) => ({ id: x.id, name: x.name, phone: x.phone, isPrimary: x.isPrimary })),
    addresses: c.addresses.map((x) => ({ id: x.id, address: x.address, isDefault: x.isDefault })),
    enabled: c.enabled,
  };
}

export function vehicleToInput(v: VehicleView): VehicleInput {
  return {
    plate: v.plate,
    vin: v.vin,
    brand: v.brand,
    vehicleModelId: v.vehicleModelId,
    year: v.year,
    mileage: v.mileage,
    remark: v.remark,
    enabled: v.enabled,
  };
}

/** Labels for issue paths in one-line summaries. */
export const CUSTOMER_LABELS: Record<string, string> = {
  kind: '客户类型',
  name: '客户名称',
  priceLevelId: '价格等级',
  taxNumber: '税号',
  remark: '备注',
  contacts: '联系人',
  addresses: '地址',
  vehicles: '车辆',
};
