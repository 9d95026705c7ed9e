/** @jest-environment node */
/**
 * 员工管理's WeChat buttons on the desk, as the admin: 生成绑定码 shows a code (text and QR); the
 * technician's phone, played through the API against the WeChat stand-in (tools/wechat-standin,
 * in this process), binds with the code read from the page; the list shows 已绑定; 解除绑定 ends
 * his mini-program login and frees the WeChat; the code works only once. (Needs its own server:
 * with E2E_URL the running server does not talk to this stand-in.)
 */
import type { Page } from 'playwright-core';
import { callApi } from '../support/api';
import { DEMO, TEST_TIMEOUT, apiGet, describeBrowser, searchView } from './browser';
import { eventually, expectNone, expectText, openView, success, useDesk, useStandin } from './desk';

jest.setTimeout(TEST_TIMEOUT);

const TECHNICIAN = { name: '王建学', phone: DEMO.technician };
/** the technician's WeChat account in the stand-in (a new user: no openid bound yet) */
const WECHAT_USER = 'desk-wechat-technician';

describeBrowser('desk: 员工管理 微信绑定 (管理员)', () => {
  const wechat = useStandin();
  const desk = useDesk(DEMO.admin);
  let employeeId = 0;
  /** the binding code the desk showed, read from the page */
  let bindingCode = '';
  /** the technician's mini-program token after binding */
  let token = '';

  /** POST /api/auth/wechat with a fresh wx.login code of the technician's WeChat. */
  const wechatLogin = () =>
    callApi<{ bound: boolean; ticket?: string }>(desk.url, 'POST', '/auth/wechat', undefined, {
      code: wechat.standin.login(WECHAT_USER).code,
    });
  const bind = (ticket: string, code: string) =>
    callApi<{ token: string; employee: { name: string } }>(desk.url, 'POST', '/auth/wechat/bind', undefined, { ticket, bindingCode: code });
  const me = (bearer: string) => callApi<{ name: string }>(desk.url, 'GET', '/auth/me', bearer);
  /** A fresh ticket: the technician's WeChat is not bound. */
  const unboundTicket = async (): Promise<string> => {
    const start = await wechatLogin();
    expect(start.status).toBe(200);
    expect(start.body.data).toMatchObject({ bound: false, ticket: expect.any(String) });
    return start.body.data.ticket!;
  };

  /** The technician's 微信 tag in the list (searched by his phone, which reloads the list). */
  const status = async (page: Page) => {
    await searchView(page, 'employees', TECHNICIAN.phone);
    return page.locator(`[data-testid=employee-wechat-${employeeId}]`);
  };

  test('生成绑定码 shows a code and a QR; his phone binds with it; the list shows 已绑定', async () => {
    const page = desk.page;
    await openView(page, 'employees');
    employeeId = (await apiGet<{ items: { id: number }[] }>(page, `/api/employees?keyword=${TECHNICIAN.phone}`)).items[0].id;
    await expectText(await status(page), '未绑定');

    await page.locator(`[data-testid=employee-wechat-code-${employeeId}]`).click();
    const modal = page.locator('.ant-modal', { hasText: `微信绑定码：${TECHNICIAN.name}` });
    const body = modal.locator('[data-testid=employee-wechat-code]');
    bindingCode = (
      await eventually(
        () => body.getByRole('heading', { level: 2 }).innerText(),
        (t) => expect(t.trim()).toMatch(/^\d{8}$/),
      )
    ).trim();
    await body.locator('.ant-qrcode').locator('svg, canvas').first().waitFor();
    await modal.locator('.ant-modal-footer button', { hasText: '关闭' }).click();
    await modal.waitFor({ state: 'hidden' });

    // His phone: wx.login → a ticket (not bound yet) → bind with the code from the desk → a session.
    const bound = await bind(await unboundTicket(), bindingCode);
    expect(bound.status).toBe(200);
    expect(bound.body.data.employee.name).toBe(TECHNICIAN.name);
    token = bound.body.data.token;
    expect(token).toEqual(expect.any(String));
    const who = await me(token);
    expect(who.status).toBe(200);
    expect(who.body.data.name).toBe(TECHNICIAN.name);

    await expectText(await status(page), '已绑定');
  });

  test('解除绑定 after the confirmation: 未绑定, his phone token is refused, the WeChat is unbound', async () => {
    const page = desk.page;
    await page.locator(`[data-testid=employee-wechat-unbind-${employeeId}]`).click();
    await page
      .locator('.ant-popconfirm', { hasText: `确定解除 ${TECHNICIAN.name} 的微信绑定？` })
      .getByRole('button', { name: '解除绑定' })
      .click();
    await success(page, `已解除 ${TECHNICIAN.name} 的微信绑定`);
    await expectText(page.locator(`[data-testid=employee-wechat-${employeeId}]`), '未绑定');
    await expectNone(page.locator(`[data-testid=employee-wechat-unbind-${employeeId}]`));

    expect((await me(token)).status).toBe(401);
    await unboundTicket();
  });

  test('the binding code from the desk cannot be used a second time', async () => {
    const again = await bind(await unboundTicket(), bindingCode);
    expect(again.status).toBe(400);
    expect(again.body.ok).toBe(false);
    expect(again.body.message).toContain('绑定码已使用');
    expect(again.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(desk.errors).toEqual([]);
  });
});
