/**
 * @jest-environment jsdom
 *
 * 调回差异待确认 on the phone: the keeper's count writes off more than the technician declared,
 * so his return waits for him. He sees what he declared beside what was counted, and confirms
 * (it posts) or objects with a note (back to the keepers). A second listed keeper may confirm
 * instead; the keeper who counted may not.
 */
import { screen, render, waitFor } from '@testing-library/react';
import type { ReturnView } from '@hongyuan/shared';
import ReturnPage from '../../src/packages/stock/return';
import { clearSession, setSession } from '../../src/api/request';
import { PEOPLE } from '../support/fixtures';
import { HOUR, ago, stockReturn } from '../support/stock-fixtures';
import { fakeServer, ok, parseUrl, taroMock, type Handler } from '../support/taro-mock';
import { click, one, type } from '../support/ui';

const SECOND = { ...PEOPLE.techKeeper, roles: ['keeper' as const] };

/** 吴库管 counted 1 back and 3 lost where 李技师 declared 3 back and 1 damaged. */
function variance(overrides: Partial<ReturnView> = {}): ReturnView {
  const base = stockReturn(21);
  return stockReturn(21, {
    status: 'variance',
    decidedById: PEOPLE.keeper.id,
    decidedByName: PEOPLE.keeper.name,
    decidedAt: ago(HOUR),
    approvers: [
      { id: PEOPLE.keeper.id, name: PEOPLE.keeper.name },
      { id: SECOND.id, name: SECOND.name },
    ],
    lines: [
      {
        ...base.lines[0],
        qty: 1,
        problemQty: 3,
        problemReason: '丢失',
        heldQty: 4,
        declaredQty: 3,
        declaredProblemQty: 1,
        declaredProblemReason: '损坏',
      },
    ],
    ...overrides,
  });
}

function as(person: typeof PEOPLE.technician, routes: Record<string, Handler>) {
  setSession({ employee: person, csrfToken: 'csrf' });
  fakeServer({ 'GET /api/auth/me': () => ok({ ...person, csrfToken: 'csrf' }), ...routes });
}

const requests = (method: string, path: string) =>
  taroMock.state.requests.filter((r) => r.method === method && parseUrl(r.url).path === path);

beforeEach(() => {
  localStorage.clear();
  clearSession();
  taroMock.reset();
  taroMock.state.params = { id: '21' };
});

test('he sees both figures and confirms, after being asked: it posts', async () => {
  as(PEOPLE.technician, {
    'GET /api/returns/21': () => ok(variance()),
    'POST /api/returns/21/variance/confirm': () =>
      ok(
        variance({ status: 'approved', confirmedById: PEOPLE.technician.id, confirmedByName: PEOPLE.technician.name, confirmedAt: ago(0) }),
      ),
  });
  const { container } = render(<ReturnPage />);
  await waitFor(() => expect(container.querySelector('.hy-act-confirm')).toBeTruthy());
  expect(screen.getByText('差异待确认')).toBeTruthy();
  expect(one(container, 'hy-ret__variance').textContent).toContain('吴库管核对的数量与你的申报不同');
  expect(container.textContent).toContain('申报：退 3，问题 1（损坏）；核对多报损 2');
  expect(container.textContent).toContain('问题 3：丢失');
  expect(container.querySelector('.hy-act-object')).toBeTruthy();
  expect(container.querySelector('.hy-act-approve')).toBeNull();

  taroMock.state.modalConfirm = false;
  await click(one(container, 'hy-act-confirm'));
  expect(requests('POST', '/api/returns/21/variance/confirm')).toHaveLength(0);
  taroMock.state.modalConfirm = true;
  await click(one(container, 'hy-act-confirm'));
  expect(taroMock.state.modals.at(-1)).toMatchObject({ title: '确认核对结果' });
  expect(taroMock.state.modals.at(-1)?.content).toContain('记为你名下的报损');
  expect(requests('POST', '/api/returns/21/variance/confirm')).toHaveLength(1);
  // it names the count he saw: a recount since is refused by the server
  expect(requests('POST', '/api/returns/21/variance/confirm')[0].data).toEqual({ countsVersion: 1 });
  expect(await screen.findByText('已批准')).toBeTruthy();
  expect(container.querySelector('.hy-act-confirm')).toBeNull();
  expect(container.textContent).toContain(`差异确认${PEOPLE.technician.name}`);
  expect(taroMock.state.toasts.at(-1)?.title).toBe('已确认，配件已入库');
});

test('he objects with a note (required): back to pending, his note shown', async () => {
  let body: unknown;
  as(PEOPLE.technician, {
    'GET /api/returns/21': () => ok(variance()),
    'POST /api/returns/21/variance/object': (req) => {
      body = req.data;
      return ok(
        stockReturn(21, {
          status: 'pending',
          varianceNote: '交回时当面点过，3 个完好',
          lines: [{ ...variance().lines[0], qty: 3, problemQty: 1, problemReason: '损坏' }],
        }),
      );
    },
  });
  const { container } = render(<ReturnPage />);
  await waitFor(() => expect(container.querySelector('.hy-act-object')).toBeTruthy());
  await click(one(container, 'hy-act-object'));
  await click(one(container, 'hy-object__confirm'));
  expect(screen.getByText('请填写异议说明')).toBeTruthy();
  expect(body).toBeUndefined();
  await type(container, 'variance-note', '交回时当面点过，3 个完好');
  await click(one(container, 'hy-object__confirm'));
  expect(body).toEqual({ note: '交回时当面点过，3 个完好' });
  expect(await screen.findByText('待审批')).toBeTruthy();
  expect(container.textContent).toContain('你对上次核对提出了异议：交回时当面点过，3 个完好');
  expect(container.querySelector('.hy-act-confirm')).toBeNull();
  expect(taroMock.state.toasts.at(-1)?.title).toBe('已提出异议');
});

test('a second listed keeper may confirm but not object; the keeper who counted may do neither', async () => {
  as(SECOND, { 'GET /api/returns/21': () => ok(variance()) });
  const second = render(<ReturnPage />);
  await waitFor(() => expect(second.container.querySelector('.hy-act-confirm')).toBeTruthy());
  expect(second.container.querySelector('.hy-act-object')).toBeNull();
  expect(one(second.container, 'hy-ret__variance').textContent).toContain(`需${PEOPLE.technician.name}本人或另一位审批库管确认`);
  second.unmount();

  as(PEOPLE.keeper, { 'GET /api/returns/21': () => ok(variance()) });
  const counter = render(<ReturnPage />);
  await waitFor(() => expect(counter.container.querySelector('.hy-ret__variance')).toBeTruthy());
  expect(counter.container.querySelector('.hy-act-confirm')).toBeNull();
  expect(counter.container.querySelector('.hy-act-object')).toBeNull();
});
