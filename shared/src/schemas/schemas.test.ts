import { customerCreateInput, normalizePlate, vehicleInput } from './customer';
import { partInput } from './part';
import { loginInput, changePasswordInput } from './auth';
import { id, optionalId } from './fields';

const customer = {
  name: '吴建平',
  contacts: [{ name: '吴建平', phone: '13957012345' }],
  addresses: [{ address: '庆元县松源街道濛洲街 12 号' }],
  vehicles: [{ plate: '浙K·3b721', vin: 'lsvnv2182e2123456' }],
};

describe('customer schema', () => {
  it('normalizes plates and VINs and fills defaults', () => {
    const c = customerCreateInput.parse(customer);
    expect(c.kind).toBe('person');
    expect(c.vehicles[0].plate).toBe('浙K3B721');
    expect(c.vehicles[0].vin).toBe('LSVNV2182E2123456');
    expect(c.contacts[0].isPrimary).toBe(false);
    expect(normalizePlate(' 浙 kd 12345 ')).toBe('浙KD12345');
  });

  it('accepts new-energy plates and landline phones', () => {
    expect(vehicleInput.parse({ plate: '浙KD12345' }).plate).toBe('浙KD12345');
    expect(customerCreateInput.parse({ ...customer, contacts: [{ name: '办公室', phone: '0578-6123456' }] }).contacts[0].phone).toBe(
      '0578-6123456',
    );
  });

  it('words its errors in Chinese with the field name', () => {
    const r = customerCreateInput.safeParse({
      ...customer,
      name: '',
      contacts: [{ name: '李', phone: '12345' }],
      vehicles: [{ plate: 'ABC' }],
    });
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => i.message);
    expect(messages).toContain('请填写客户名称');
    expect(messages.some((m) => m.startsWith('联系电话格式不对'))).toBe(true);
    expect(messages.some((m) => m.startsWith('车牌号格式不对'))).toBe(true);
  });

  it('refuses fields it does not take', () => {
    const r = customerCreateInput.safeParse({ ...customer, id: 5, status: 'x' });
    expect(r.success).toBe(false);
    expect(r.success ? '' : r.error.issues[0].message).toContain('不接受的字段');
  });

  it('refuses 10,000-character names and VINs with I, O or Q', () => {
    expect(customerCreateInput.safeParse({ ...customer, name: '张'.repeat(10000) }).success).toBe(false);
    expect(vehicleInput.safeParse({ plate: '浙K12345', vin: 'LSVNV2182E212345O' }).success).toBe(false);
  });
});

describe('part schema', () => {
  const part = { code: '6950100852570', name: '博世机油滤清器', unit: '个', costPrice: 1800, salePrice: 3500 };
  it('takes prices in integer fen and a known tax rate', () => {
    const p = partInput.parse(part);
    expect(p.taxRate).toBe(13);
    expect(p.category).toBe('其他');
    expect(partInput.safeParse({ ...part, salePrice: 35.5 }).success).toBe(false);
    expect(partInput.safeParse({ ...part, costPrice: -1 }).success).toBe(false);
    expect(partInput.safeParse({ ...part, taxRate: 17 }).success).toBe(false);
  });
  it('keeps part codes to barcode-safe characters', () => {
    expect(partInput.safeParse({ ...part, code: "x' OR 1=1 --" }).success).toBe(false);
    expect(partInput.safeParse({ ...part, code: '04E115561H' }).success).toBe(true);
  });
});

describe('auth schemas', () => {
  it('requires an 11-digit mobile to log in', () => {
    expect(loginInput.safeParse({ phone: '1380000000', password: 'x' }).success).toBe(false);
    expect(loginInput.parse({ phone: '13800000001', password: 'x' }).client).toBe('h5');
  });
  it('requires new passwords of 8+ characters with letters and digits', () => {
    expect(changePasswordInput.safeParse({ oldPassword: 'a', newPassword: 'abcdefgh' }).success).toBe(false);
    expect(changePasswordInput.safeParse({ oldPassword: 'a', newPassword: 'lin-7x9k2' }).success).toBe(true);
  });
});

describe('id fields', () => {
  it('take a number or a digit string, never a boolean or an array', () => {
    expect(id().parse(12)).toBe(12);
    expect(id().parse('12')).toBe(12);
    expect(optionalId().parse('')).toBeNull();
    for (const bad of [true, [5], '1.5', 'abc', '1e3', 0, -1, 1.5, {}]) expect(id().safeParse(bad).success).toBe(false);
    expect(partInput.safeParse({ code: 'X1', name: '配件', unit: '个', costPrice: 1, salePrice: 2, vehicleModelIds: [true] }).success).toBe(
      false,
    );
  });
});
