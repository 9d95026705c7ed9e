/**
 * @jest-environment jsdom
 *
 * The technician's order page on a rework: the earlier visits of this order (date, technician,
 * result, parts, why it came back) are listed above the vehicle's other orders, and the page no
 * longer says the car is here for the first time. The address has 导航 and 复制.
 */
import { render, waitFor } from '@testing-library/react';
import type { VisitView, WorkOrderDetail } from '@hongyuan/shared';
import WorkOrderPage from '../../src/packages/work/order';
import { clearSession, setSession } from '../../src/api/request';
import { PEOPLE } from '../support/fixtures';
import { page } from '../support/stock-fixtures';
import { fakeServer, ok, taroMock } from '../support/taro-mock';
import { all, click, one } from '../support/ui';
import { orderDetail } from '../support/work-fixtures';

const firstVisit: VisitView = {
  seq: 0,
  label: '第1次',
  technicianName: '刘志强',
  dispatchedAt: '2026-11-20T01:00:00.000Z',
  startedAt: '2026-11-20T02:00:00.000Z',
  finishedAt: '2026-11-20T03:30:00.000Z',
  summary: '更换前刹车片，试车无异响',
  reworkReason: '刹车仍有异响',
  reworkedAt: '2026-11-22T02:00:00.000Z',
  parts: [{ partCode: 'SC-001', partName: '前刹车片', qty: 1, unit: '套' }],
  labour: [{ name: '更换刹车片', qty: 1, unitPrice: 5000 }],
};
const thisVisit: VisitView = {
  seq: 1,
  label: '返工第1次',
  technicianName: PEOPLE.technician.name,
  dispatchedAt: '2026-11-23T01:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  summary: '',
  reworkReason: '',
  reworkedAt: null,
  parts: [],
  labour: [],
};

function open(doc: WorkOrderDetail) {
  setSession({ employee: PEOPLE.technician, csrfToken: 'csrf-t' });
  taroMock.state.params = { id: String(doc.id) };
  fakeServer({
    'GET /api/auth/me': () => ok({ ...PEOPLE.technician, csrfToken: 'csrf-t' }),
    'GET /api/notifications': () => ok({ ...page([]), unread: 0 }),
    [`GET /api/work-orders/${doc.id}`]: () => ok(doc),
  });
  return render(<WorkOrderPage />);
}

beforeEach(() => {
  localStorage.clear();
  clearSession();
  taroMock.reset();
});

test('a rework lists the earlier visit of this order, and never says the car is here for the first time', async () => {
  const { container } = open(orderDetail(4, { reworkCount: 1, previousServices: [], visits: [firstVisit, thisVisit] }));
  await waitFor(() => expect(container.querySelector('.hy-wo-customer')).toBeTruthy());

  expect(one(container, 'hy-wo-rework').textContent).toBe('第 1 次返工，请先看下方本单前几次上门的处理和用料');
  const visits = all(container, 'hy-wo-visit');
  expect(visits).toHaveLength(1);
  const text = visits[0].textContent;
  expect(text).toContain('第1次 · 2026-11-20');
  expect(text).toContain('刘志强');
  expect(text).toContain('处理：更换前刹车片，试车无异响');
  expect(text).toContain('用料：前刹车片 ×1套');
  expect(text).toContain('工时：更换刹车片');
  expect(text).toContain('返工原因：刹车仍有异响');

  // Above the vehicle's other orders, and the empty list says so without "first time".
  const body = container.textContent ?? '';
  expect(body.indexOf('本单前几次上门')).toBeLessThan(body.indexOf('这辆车的其他工单'));
  expect(body).not.toContain('第一次来');
  expect(one(container, 'hy-wo-history--none').textContent).toBe('这辆车此前没有其他工单，本单前几次上门的记录见上方');
});

test('a first visit shows no earlier visits, and a car with no orders is here for the first time', async () => {
  const { container } = open(orderDetail(4, { previousServices: [], visits: [{ ...thisVisit, seq: 0, label: '第1次' }] }));
  await waitFor(() => expect(container.querySelector('.hy-wo-customer')).toBeTruthy());
  expect(container.querySelector('.hy-wo-visit')).toBeNull();
  expect(container.querySelector('.hy-wo-rework')).toBeNull();
  expect(one(container, 'hy-wo-history--none').textContent).toBe('这辆车是第一次来，没有以前的服务记录');
});

test('the address: 导航 opens 高德地图 on the address in the browser, 复制 copies it', async () => {
  const opened = jest.spyOn(window, 'open').mockImplementation(() => null);
  try {
    const { container } = open(orderDetail(4));
    await waitFor(() => expect(container.querySelector('.hy-wo-customer')).toBeTruthy());
    await click(one(container, 'hy-wo-nav'));
    expect(opened).toHaveBeenCalledWith(
      `https://uri.amap.com/search?keyword=${encodeURIComponent('庆元县松源街道新建路 18 号')}&src=hongyuan&callnative=1`,
      '_blank',
      'noopener',
    );
    await click(one(container, 'hy-wo-copy'));
    await waitFor(() => expect(taroMock.state.clipboard).toEqual(['庆元县松源街道新建路 18 号']));
    await waitFor(() => expect(taroMock.state.toasts.at(-1)).toMatchObject({ title: '地址已复制' }));
  } finally {
    opened.mockRestore();
  }
});

test('in WeChat 导航 opens the map only on a point; an address without one is copied for the map app', async () => {
  const prev = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  try {
    // A fresh module registry: the page code reads the platform when it loads, with its own Taro.
    let address: typeof import('../../src/packages/work/order/address') | undefined;
    let Taro: {
      openLocation: (o: object) => Promise<unknown>;
      default: { openLocation: (o: object) => Promise<unknown> };
      __mock: typeof taroMock;
    } = undefined as never;
    jest.isolateModules(() => {
      address = require('../../src/packages/work/order/address');
      Taro = require('@tarojs/taro');
    });
    const state = Taro.__mock.state;
    // Taro.x may be compiled to the named export or read from the default object: watch both.
    const opened: object[] = [];
    const fake = (o: object) => {
      opened.push(o);
      return Promise.resolve({ errMsg: 'openLocation:ok' });
    };
    const spies = [
      jest.spyOn(Taro, 'openLocation').mockImplementation(fake),
      jest.spyOn(Taro.default, 'openLocation').mockImplementation(fake),
    ];
    try {
      address!.navigateTo('庆元县松源街道新建路 18 号', null);
      await waitFor(() => expect(state.clipboard).toEqual(['庆元县松源街道新建路 18 号']));
      await waitFor(() => expect(state.toasts.at(-1)).toMatchObject({ title: '地址已复制，请在地图 App 中粘贴搜索' }));
      expect(opened).toEqual([]);

      address!.navigateTo('庆元县松源街道新建路 18 号', { latitude: 27.6186, longitude: 119.0625 });
      expect(opened).toEqual([expect.objectContaining({ latitude: 27.6186, longitude: 119.0625, name: '庆元县松源街道新建路 18 号' })]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  } finally {
    process.env.TARO_ENV = prev;
  }
});
