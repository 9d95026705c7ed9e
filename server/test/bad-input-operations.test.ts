import { createTestApp, DEMO, type TestApp } from './support/app';
import { dbSnapshot, FOUNDATION_TABLES } from './support/db';

/** The tables the warehouse and work-order routes write. */
const TABLES = [
  ...FOUNDATION_TABLES,
  'requisition',
  'requisition_line',
  'document_approver',
  'stock_return',
  'stock_return_line',
  'inbound',
  'inbound_line',
  'stocktake',
  'stocktake_line',
  'setting',
  'stock_move',
  'stock_balance',
  'work_order',
  'work_order_event',
  'work_order_part',
  'work_order_labour',
  'work_order_followup',
  'invoice_request',
  'notification',
];

/**
 * RELIABILITY 11-12 for the warehouse and work-order write routes, the same way as for the
 * foundation's: each field given a value of the wrong kind, unknown fields (status, qty on an
 * approval, price on a technician's request), bodies that are not objects. Always a 4xx with a
 * Chinese message, never a 5xx, and not one row changed in any of the tables.
 */
describe('bad input on every warehouse and work-order write route', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer(DEMO.admin);
  });
  afterAll(() => t.close());

  const requisition = {
    employeeId: 4,
    warehouseId: 1,
    handlerId: null,
    remark: '',
    approverIds: [5],
    lines: [{ partId: 1, qty: 1 }],
    submit: true,
  };
  const stockReturn = {
    employeeId: 4,
    warehouseId: 1,
    handlerId: null,
    remark: '',
    approverIds: [5],
    lines: [{ partId: 1, qty: 1, problemQty: 0, problemReason: '' }],
    submit: true,
  };
  const order = {
    customerId: 1,
    vehicleId: null,
    contactName: '甲',
    contactPhone: '13900001111',
    address: '庆元县',
    problem: '异响',
    serviceType: 'onsite',
    priority: 'normal',
    appointmentAt: null,
    plannedParts: [],
    submit: true,
  };
  const routes: [method: 'post' | 'put', path: string, body: Record<string, unknown>][] = [
    ['post', '/api/requisitions', requisition],
    ['put', '/api/requisitions/9', requisition],
    ['post', '/api/requisitions/4/reject', { reason: '重复' }],
    ['post', '/api/requisitions/3/sign', { disputes: [] }],
    ['post', '/api/returns', stockReturn],
    ['post', '/api/returns/leftovers', { employeeId: 4, warehouseId: 1 }],
    ['post', '/api/returns/1/approve', { counts: [] }],
    ['post', '/api/inbounds', { warehouseId: 1, supplier: '', remark: '', lines: [{ partId: 1, qty: 1, unitCost: 100 }] }],
    ['post', '/api/stocktakes', { warehouseId: 1, blind: false, remark: '' }],
    ['put', '/api/settings/alerts', { heldDays: 7, pendingHours: 4 }],
    ['post', '/api/work-orders', order],
    ['post', '/api/work-orders/2/dispatch', { technicianId: 4, helperIds: [], note: '' }],
    ['post', '/api/work-orders/5/finish', { note: '完成' }],
    ['post', '/api/work-orders/5/parts', { partId: 1, qty: 1, taxIncluded: true }],
    ['post', '/api/work-orders/5/labour', { name: '工时', qty: 1, unitPrice: 100, taxRate: 6, taxIncluded: true }],
    ['post', '/api/work-orders/6/settle', { discount: 0, paymentMethod: 'cash', note: '' }],
    ['post', '/api/work-orders/7/followup', { reached: true, satisfaction: 5, comments: '', result: 'close', reworkReason: '' }],
    ['post', '/api/work-orders/8/invoice', { buyerTitle: '庆元县某公司', taxNumber: '', remark: '' }],
  ];
  const WRONG = [{ $gt: 1 }, ['x'], true, 12345.5, -1e15, 'x'.repeat(10000)];
  const sameKind = (a: unknown, b: unknown) => typeof a === typeof b && typeof a === 'boolean';

  it('refuses every field given a value of the wrong kind, and unknown fields, changing nothing', async () => {
    const before = await dbSnapshot(t, TABLES);
    const accepted: string[] = [];
    for (const [method, path, body] of routes) {
      const bodies = [
        ...Object.keys(body).flatMap((field) =>
          WRONG.filter((value) => !sameKind(value, body[field])).map((value) => ({ ...body, [field]: value })),
        ),
        { ...body, status: 'approved' },
        { ...body, unitPrice: 1, price: 1 },
        { ...body, id: 1 },
        [],
      ];
      for (const sent of bodies) {
        const res = await t.http()[method](path).set(admin).send(sent);
        if (res.status < 400 || res.status >= 500 || !/[\u4e00-\u9fa5]/.test(res.body.message)) {
          accepted.push(`${method} ${path} ${JSON.stringify(sent).slice(0, 120)} -> ${res.status}`);
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(await dbSnapshot(t, TABLES)).toBe(before);
  });

  it('refuses bodies on the commands that take none', async () => {
    const before = await dbSnapshot(t, TABLES);
    for (const path of ['/api/requisitions/4/approve', '/api/inbounds/3/confirm']) {
      const res = await t.http().post(path).set(admin).send({ qty: 999 });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
    }
    expect(await dbSnapshot(t, TABLES)).toBe(before);
  });
});
