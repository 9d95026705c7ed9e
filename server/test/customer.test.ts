import { createTestApp, DEMO, type TestApp } from './support/app';
import { auditOf, countRows, dbSnapshot } from './support/db';

describe('customers, vehicles and vehicle models', () => {
  let t: TestApp;
  let service: { Authorization: string };
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    [service, admin] = await Promise.all([t.bearer(DEMO.service), t.bearer(DEMO.admin)]);
  });
  afterAll(() => t.close());

  const search = async (keyword: string) => {
    const res = await t.http().get('/api/customers').query({ keyword }).set(service);
    expect(res.status).toBe(200);
    return res.body.data.items.map((c: { name: string }) => c.name) as string[];
  };
  const newCustomer = (over: object = {}) => ({
    kind: 'company',
    name: '庆元县山海食用菌合作社',
    priceLevelId: 3,
    contacts: [
      { name: '柳成荫', phone: '13957112233' },
      { name: '会计 何佳', phone: '0578-6233445', isPrimary: true },
    ],
    addresses: [{ address: '庆元县五大堡乡五大堡村 16 号' }],
    vehicles: [{ plate: '浙K·8U512', vin: 'lsvax60e6m2000123', vehicleModelId: 1, year: 2021, mileage: 12000 }],
    ...over,
  });

  it('finds seeded customers by plate, phone, pinyin initials and contact name', async () => {
    expect(await search('浙K3B721')).toEqual(['吴建平']);
    expect(await search('浙k·3b721')).toEqual(['吴建平']);
    expect(await search('13905786123')).toEqual(['庆元县百山祖旅游客运有限公司']);
    expect(await search('wjp')).toEqual(['吴建平']);
    expect(await search('WJP')).toEqual(['吴建平']);
    expect(await search('季军')).toEqual(['周秀英']);
    expect(await search('恒达物流')).toEqual(['庆元县恒达物流有限公司']);
    expect(await search('100%')).toEqual([]);
    const item = (await t.http().get('/api/customers').query({ keyword: '浙K7H290' }).set(service)).body.data.items[0];
    expect(item).toMatchObject({
      name: '庆元县恒达物流有限公司',
      kind: 'company',
      contactName: '吴永华',
      contactPhone: '13867890321',
      address: '浙江省丽水市庆元县屏都街道工业园区兴业路 8 号',
      plates: ['浙K7H290', '浙K7H291', '浙K3W806'],
      priceLevelName: '车队',
    });
  });

  it('creates a customer with one primary contact, one default address and normalized vehicles', async () => {
    const res = await t.http().post('/api/customers').set(service).send(newCustomer());
    expect(res.status).toBe(200);
    const c = res.body.data;
    expect(c).toMatchObject({ kind: 'company', name: '庆元县山海食用菌合作社', pinyin: 'qyxshsyjhzs', priceLevelId: 3 });
    expect(c.contacts.map((x: { isPrimary: boolean }) => x.isPrimary)).toEqual([false, true]);
    expect(c.addresses).toEqual([expect.objectContaining({ isDefault: true })]);
    expect(c.vehicles[0]).toMatchObject({
      plate: '浙K8U512',
      vin: 'LSVAX60E6M2000123',
      brand: '大众',
      vehicleModelName: '大众 朗逸 2021款 1.5L',
    });
    expect(await search('8U512')).toEqual(['庆元县山海食用菌合作社']);
    expect(await search('何佳')).toEqual(['庆元县山海食用菌合作社']);
    const log = await auditOf(t, admin, 'customer', c.id);
    expect(log[0]).toMatchObject({ action: 'customer.create', employeeName: '林晓燕' });
    expect((await auditOf(t, admin, 'vehicle', c.vehicles[0].id))[0].action).toBe('vehicle.create');

    const none = await t
      .http()
      .post('/api/customers')
      .set(service)
      .send(
        newCustomer({
          name: '无主联系人',
          contacts: [
            { name: '甲', phone: '13900000001' },
            { name: '乙', phone: '13900000002' },
          ],
          addresses: [],
          vehicles: [],
        }),
      );
    expect(none.body.data.contacts.map((x: { isPrimary: boolean }) => x.isPrimary)).toEqual([true, false]);
  });

  it('stores SQL fragments, script and emoji in names verbatim and finds them', async () => {
    const name = "Robert'); DROP TABLE customer;-- <script>alert(1)</script> 老王🚗";
    const res = await t
      .http()
      .post('/api/customers')
      .set(service)
      .send(newCustomer({ kind: 'person', name, priceLevelId: null, vehicles: [], contacts: [{ name: '王🚗', phone: '15900001111' }] }));
    expect(res.status).toBe(200);
    const got = await t.http().get(`/api/customers/${res.body.data.id}`).set(service);
    expect(got.body.data.name).toBe(name);
    expect(got.body.data.contacts[0].name).toBe('王🚗');
    expect(await search('DROP TABLE')).toEqual([name]);
    expect(await countRows(t, 'customer')).toBeGreaterThan(30);
  });

  it('refuses a plate already registered, naming the owner, and changes nothing', async () => {
    const before = await dbSnapshot(t);
    const dup = await t
      .http()
      .post('/api/customers')
      .set(service)
      .send(newCustomer({ name: '另一家', vehicles: [{ plate: '浙K3B721' }] }));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'DUPLICATE', message: '车牌号 浙K3B721 已登记在客户 吴建平 名下' });
    expect(dup.body.issues[0].path).toBe('vehicles.0.plate');
    const twice = await t
      .http()
      .post('/api/customers')
      .set(service)
      .send(newCustomer({ name: '另一家', vehicles: [{ plate: '浙K1X001' }, { plate: '浙K·1X001' }] }));
    expect(twice.status).toBe(400);
    const add = await t.http().post('/api/customers/1/vehicles').set(service).send({ plate: '浙k 3b721' });
    expect(add.status).toBe(409);
    expect(add.body.message).toBe('车牌号 浙K3B721 已登记在客户 吴建平 名下');
    expect(await dbSnapshot(t)).toBe(before);
  });

  it('adds and edits vehicles, keeping the customer findable by the new plate', async () => {
    const wu = (await t.http().get('/api/customers').query({ keyword: '吴建平' }).set(service)).body.data.items[0];
    const added = await t
      .http()
      .post(`/api/customers/${wu.id}/vehicles`)
      .set(service)
      .send({ plate: '浙K2Z680', vehicleModelId: 5, year: 2022, mileage: 5000 });
    expect(added.status).toBe(200);
    expect(added.body.data).toMatchObject({ customerId: wu.id, customerName: '吴建平', plate: '浙K2Z680', brand: '丰田', vin: '' });
    expect(await search('浙K2Z680')).toEqual(['吴建平']);

    const edited = await t
      .http()
      .put(`/api/vehicles/${added.body.data.id}`)
      .set(service)
      .send({ plate: '浙K2Z681', brand: '丰田', vehicleModelId: 5, year: 2022, mileage: 6500 });
    expect(edited.body.data).toMatchObject({ plate: '浙K2Z681', mileage: 6500 });
    expect(await search('浙K2Z680')).toEqual([]);
    expect(await search('浙K2Z681')).toEqual(['吴建平']);
    const keepOwnPlate = await t.http().put(`/api/vehicles/${added.body.data.id}`).set(service).send({ plate: '浙K2Z681', mileage: 7000 });
    expect(keepOwnPlate.status).toBe(200);

    const seeded = (await t.http().get('/api/vehicles').query({ keyword: '浙K3B721' }).set(service)).body.data.items[0];
    const vinClash = await t.http().put(`/api/vehicles/${added.body.data.id}`).set(service).send({ plate: '浙K2Z681', vin: seeded.vin });
    expect(vinClash.status).toBe(409);
    expect(vinClash.body.message).toBe(`车架号 ${seeded.vin} 已登记在客户 吴建平 的车辆 浙K3B721 上`);
    const badModel = await t
      .http()
      .put(`/api/vehicles/${added.body.data.id}`)
      .set(service)
      .send({ plate: '浙K2Z681', vehicleModelId: 99999 });
    expect(badModel.status).toBe(400);
    expect(badModel.body.message).toBe('所选车型不存在');
    expect((await t.http().put('/api/vehicles/99999').set(service).send({ plate: '浙K2Z689' })).status).toBe(404);
    expect((await t.http().post('/api/customers/99999/vehicles').set(service).send({ plate: '浙K2Z689' })).status).toBe(404);

    const byCustomer = await t.http().get('/api/vehicles').query({ customerId: wu.id }).set(service);
    expect(byCustomer.body.data.items.map((v: { plate: string }) => v.plate).sort()).toEqual(['浙K2Z681', '浙K3B721']);
    const log = await auditOf(t, admin, 'vehicle', added.body.data.id);
    expect(log.map((e) => e.action)).toEqual(['vehicle.update', 'vehicle.update', 'vehicle.create']);
    expect(log[1].before.plate).toBe('浙K2Z680');
  });

  it('replaces contacts and addresses as a whole, keeping rows sent back with their id', async () => {
    const created = (
      await t
        .http()
        .post('/api/customers')
        .set(service)
        .send(newCustomer({ name: '联系人替换测试', vehicles: [] }))
    ).body.data;
    const [first, second] = created.contacts;
    const res = await t
      .http()
      .put(`/api/customers/${created.id}`)
      .set(service)
      .send({
        kind: 'company',
        name: '联系人替换测试',
        contacts: [
          { id: second.id, name: '会计 何佳', phone: '0578-6233446' },
          { name: '新来的 小周', phone: '13700001111', isPrimary: true },
        ],
        addresses: [],
      });
    expect(res.status).toBe(200);
    expect(res.body.data.contacts).toEqual([
      { id: second.id, name: '会计 何佳', phone: '0578-6233446', isPrimary: false },
      { id: expect.any(Number), name: '新来的 小周', phone: '13700001111', isPrimary: true },
    ]);
    expect(res.body.data.addresses).toEqual([]);
    expect(await countRows(t, 'customer_contact', 'id = ?', [first.id])).toBe(0);
    expect(await search('13700001111')).toEqual(['联系人替换测试']);
    expect(await search('13957112233')).not.toContain('联系人替换测试');

    const before = await dbSnapshot(t);
    const foreign = await t
      .http()
      .put(`/api/customers/${created.id}`)
      .set(service)
      .send({ kind: 'company', name: '联系人替换测试', contacts: [{ id: 1, name: '别人的联系人', phone: '13700002222' }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.issues[0]).toEqual({ path: 'contacts.0.id', message: '联系人（编号 1）不属于该客户' });
    const noContacts = await t
      .http()
      .put(`/api/customers/${created.id}`)
      .set(service)
      .send({ kind: 'company', name: '联系人替换测试', contacts: [] });
    expect(noContacts.status).toBe(400);
    const withVehicles = await t
      .http()
      .put(`/api/customers/${created.id}`)
      .set(service)
      .send({ name: '联系人替换测试', contacts: [{ name: '甲', phone: '13700003333' }], vehicles: [] });
    expect(withVehicles.status).toBe(400);
    const badLevel = await t
      .http()
      .put(`/api/customers/${created.id}`)
      .set(service)
      .send({ name: '联系人替换测试', contacts: [{ name: '甲', phone: '13700003333' }], priceLevelId: 99999 });
    expect(badLevel.status).toBe(400);
    expect(await dbSnapshot(t)).toBe(before);

    const log = await auditOf(t, admin, 'customer', created.id);
    expect(log[0].action).toBe('customer.update');
    expect(log[0].before.contacts).toHaveLength(2);
    expect(log[0].after.contacts[1].name).toBe('新来的 小周');
  });

  it('refuses bad customer input with 4xx and changes nothing', async () => {
    const before = await dbSnapshot(t);
    const bodies = [
      newCustomer({ name: '' }),
      newCustomer({ name: 'x'.repeat(10000) }),
      newCustomer({ name: 12345 }),
      newCustomer({ kind: 'vip' }),
      newCustomer({ status: 'active' }),
      newCustomer({ contacts: [{ name: '甲', phone: '12345' }] }),
      newCustomer({ contacts: 'none' }),
      newCustomer({ vehicles: [{ plate: 'ABC123' }] }),
      newCustomer({ vehicles: [{ plate: '浙K8U599', vin: 'IOQ12345678901234' }] }),
      newCustomer({ vehicles: [{ plate: '浙K8U599', mileage: -5 }] }),
      newCustomer({ vehicles: [{ plate: '浙K8U599', year: '2020' }] }),
      newCustomer({ contacts: [{ id: 1, name: '甲', phone: '13700004444' }] }),
      newCustomer({ priceLevelId: 99999 }),
      newCustomer({ vehicles: [{ plate: '浙K8U599', vehicleModelId: 99999 }] }),
    ];
    for (const body of bodies) {
      const res = await t.http().post('/api/customers').set(service).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await t.http().get('/api/customers/99999').set(service)).status).toBe(404);
    expect((await t.http().get('/api/customers/abc').set(service)).status).toBe(400);
    expect(
      (
        await t
          .http()
          .get('/api/customers')
          .query({ keyword: 'k'.repeat(51) })
          .set(service)
      ).status,
    ).toBe(400);
    expect((await t.http().get('/api/customers').query({ pageSize: 1000 }).set(service)).status).toBe(400);
    expect(await dbSnapshot(t)).toBe(before);
  });

  it('manages vehicle models: pinyin search, duplicates refused', async () => {
    const keeper = await t.bearer(DEMO.keeper);
    const res = await t
      .http()
      .post('/api/vehicle-models')
      .set(keeper)
      .send({ brand: '理想', series: 'L7', modelYear: 2023, engine: '1.5T 增程' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: '理想 L7 2023款 1.5T 增程', enabled: true });
    const found = await t.http().get('/api/vehicle-models').query({ keyword: 'lx' }).set(keeper);
    expect(found.body.data.items.map((m: { name: string }) => m.name)).toContain('理想 L7 2023款 1.5T 增程');
    const dup = await t
      .http()
      .post('/api/vehicle-models')
      .set(keeper)
      .send({ brand: '理想', series: 'L7', modelYear: 2023, engine: '1.5T 增程' });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toBe('车型“理想 L7 2023款 1.5T 增程”已存在');
    const off = await t
      .http()
      .put(`/api/vehicle-models/${res.body.data.id}`)
      .set(keeper)
      .send({ brand: '理想', series: 'L7', modelYear: 2023, engine: '1.5T 增程', enabled: false });
    expect(off.body.data.enabled).toBe(false);
    const enabledOnly = await t.http().get('/api/vehicle-models').query({ enabled: true, pageSize: 200 }).set(keeper);
    expect(enabledOnly.body.data.items.map((m: { id: number }) => m.id)).not.toContain(res.body.data.id);
    expect((await auditOf(t, admin, 'vehicle_model', res.body.data.id))[0].action).toBe('vehicle_model.disable');
    const technician = await t.bearer(DEMO.technician);
    expect((await t.http().get('/api/vehicle-models').set(technician)).status).toBe(200);
    expect((await t.http().post('/api/vehicle-models').set(technician).send({ brand: '某', series: '某' })).status).toBe(403);
  });

  it('lets a technician read customers but not change them', async () => {
    const technician = await t.bearer(DEMO.technician);
    expect((await t.http().get('/api/customers').set(technician)).status).toBe(200);
    const before = await dbSnapshot(t);
    expect(
      (
        await t
          .http()
          .post('/api/customers')
          .set(technician)
          .send(newCustomer({ name: '技师建的' }))
      ).status,
    ).toBe(403);
    expect(
      (
        await t
          .http()
          .put('/api/customers/1')
          .set(technician)
          .send(newCustomer({ vehicles: undefined }))
      ).status,
    ).toBe(403);
    expect((await t.http().post('/api/customers/1/vehicles').set(technician).send({ plate: '浙K9Z999' })).status).toBe(403);
    expect((await t.http().put('/api/vehicles/1').set(technician).send({ plate: '浙K9Z999' })).status).toBe(403);
    expect(await dbSnapshot(t)).toBe(before);
  });
});
