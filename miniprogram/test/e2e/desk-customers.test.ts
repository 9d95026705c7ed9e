/** @jest-environment node */
/**
 * Scenario b): 客服 on the desk creates a customer with a contact, an address and a vehicle,
 * then finds it by plate and by the pinyin initials of its name, and adds a second vehicle.
 */
import type { Locator, Page } from 'playwright-core';
import { DEMO, TEST_TIMEOUT, apiGet, describeBrowser, saveScreenshot, searchView, waitForTable } from './browser';
import { eventually, expectTextContaining, expectTextMatching, expectValue, openView, useDesk } from './desk';
import { downloadedSheet, headerOf, uploadXlsx, xlsx } from './excel';

jest.setTimeout(TEST_TIMEOUT);

// 鲍家山农机站: initials b-j-s-n-j-z (no character with two readings).
const NAME = '鲍家山农机站';
const INITIALS = 'bjsnjz';
const PLATE = '浙K8A123';
const PLATE2 = '浙K8B456';

/** Waits until the locator (its first match) is visible. */
async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 10_000 });
}

/**
 * Searches the customer list for `keyword` and resolves with the rows' texts once `check` (the
 * test's expectations on them) passes: the table may still show the previous keyword's answer.
 */
async function search(page: Page, keyword: string, check: (rows: string[]) => void = () => undefined): Promise<string[]> {
  await searchView(page, 'customers', keyword);
  return eventually(
    () => page.locator('[data-testid=customer-table] .ant-table-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText)),
    check,
  );
}

describeBrowser('desk: customers (客服)', () => {
  const desk = useDesk(DEMO.service);

  test('the customers page lists the demo customers, 30 a page', async () => {
    const page = desk.page;
    // 客服 opens on 工单列表 (his daily job): 客户管理 from the menu.
    await openView(page, 'customers');
    await waitForTable(page);
    await eventually(
      () => page.locator('[data-testid=customer-table] .ant-table-row').count(),
      (rows) => {
        expect(rows).toBeGreaterThan(0);
        expect(rows).toBeLessThanOrEqual(30);
      },
    );
    const pager = page.locator('[data-testid=view-customers] .ant-pagination');
    await expectTextMatching(pager, /共 \d+ 条/);
    await expectTextContaining(pager, '30条/页', '前往');
    // Dense desk, not phone-sized type: table text at 14px.
    const fontSize = await page
      .locator('[data-testid=customer-table] .ant-table-row td')
      .first()
      .evaluate((td) => getComputedStyle(td).fontSize);
    expect(fontSize).toBe('14px');
    await expectTextMatching(
      page.locator('[data-testid=customer-table] .ant-table-thead'),
      /客户名称[\s\S]*类型[\s\S]*联系人[\s\S]*电话[\s\S]*地址[\s\S]*车牌[\s\S]*价格等级[\s\S]*状态[\s\S]*操作/,
    );
    await saveScreenshot(page, 'desk-customers');
  });

  test('create a customer with a contact, an address and a vehicle', async () => {
    const page = desk.page;
    await page.locator('[data-testid=customer-new]').click();
    const form = page.locator('[data-testid=customer-form]');
    await form.waitFor();

    // Saving the empty form shows the shared schema's messages next to the fields.
    await page.locator('[data-testid=customer-form-save]').click();
    await visible(form.getByText('请填写客户名称'));
    await visible(form.getByText('请填写联系人'));
    await visible(form.getByText('请填写车牌号'));

    await form.locator('[data-testid=customer-kind] label', { hasText: '单位' }).click();
    await page.locator('[data-testid=customer-name]').fill(NAME);
    await page.locator('[data-testid=customer-contact-name-0]').fill('鲍师傅');
    // A bad phone is refused on the client, with the field's own message.
    await page.locator('[data-testid=customer-contact-phone-0]').fill('12345');
    await page.locator('[data-testid=customer-contact-phone-0]').blur();
    await visible(form.getByText('联系电话格式不对', { exact: false }));
    await page.locator('[data-testid=customer-contact-phone-0]').fill('13957812345');
    await page.locator('[data-testid=customer-address-text-0]').fill('庆元县屏都街道鲍家山村 18 号');
    await page.locator('[data-testid=customer-vehicle-0-plate]').fill(PLATE);
    await page.locator('[data-testid=customer-vehicle-0-vin]').fill('LSVAU2180N2123456');
    // Vehicle model: open the select and take the first model.
    await form.locator('[data-testid=customer-vehicle-0] .ant-select').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await option.waitFor();
    await option.click();
    await page.locator('[data-testid=customer-vehicle-0-mileage]').fill('52000');

    // The create carries an Idempotency-Key: a retry after a lost answer makes one customer, not two.
    const created = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/customers');
    await page.locator('[data-testid=customer-form-save]').click();
    expect((await created).headers()['idempotency-key']).toMatch(/^desk-/);
    await page.locator('.ant-message-success', { hasText: '客户已创建' }).waitFor();
    await form.waitFor({ state: 'detached' });

    // Stored as typed, through the API.
    const found = await apiGet<{
      items: { id: number; name: string; kind: string; plates: string[]; contactPhone: string; address: string }[];
    }>(page, `/api/customers?keyword=${encodeURIComponent(PLATE)}`);
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ name: NAME, kind: 'company', contactPhone: '13957812345', plates: [PLATE] });
    expect(found.items[0].address).toContain('鲍家山村');
  });

  test('a plate already registered is refused by the server, next to the plate field', async () => {
    const page = desk.page;
    await page.locator('[data-testid=customer-new]').click();
    const form = page.locator('[data-testid=customer-form]');
    await form.waitFor();
    await page.locator('[data-testid=customer-name]').fill('重复车牌测试');
    await page.locator('[data-testid=customer-contact-name-0]').fill('张三');
    await page.locator('[data-testid=customer-contact-phone-0]').fill('0578-6123456');
    await page.locator('[data-testid=customer-address-text-0]').fill('庆元县松源街道');
    await page.locator('[data-testid=customer-vehicle-0-plate]').fill(PLATE.replace('浙K', '浙K·'));
    await page.locator('[data-testid=customer-form-save]').click();
    // The server's issue (path vehicles.0.plate) is shown under the plate input.
    const plateItem = form.locator('.ant-form-item', { has: page.locator('[data-testid=customer-vehicle-0-plate]') });
    await visible(plateItem.locator('.ant-form-item-explain-error', { hasText: NAME }));
    await visible(page.locator('.ant-message-error'));
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await form.waitFor({ state: 'detached' });
    const none = await apiGet<{ total: number }>(page, `/api/customers?keyword=${encodeURIComponent('重复车牌测试')}`);
    expect(none.total).toBe(0);
  });

  test('find it by plate and by the pinyin initials of its name', async () => {
    const page = desk.page;
    await search(page, PLATE, (byPlate) => {
      expect(byPlate).toHaveLength(1);
      expect(byPlate[0]).toContain(NAME);
      expect(byPlate[0]).toContain(PLATE);
    });

    await search(page, INITIALS, (byInitials) => {
      expect(byInitials).toHaveLength(1);
      expect(byInitials[0]).toContain(NAME);
    });

    await search(page, '13957812345', (byPhone) => expect(byPhone.some((r) => r.includes(NAME))).toBe(true));

    await search(page, '没有这个客户zzz', (none) => expect(none).toHaveLength(0));
  });

  test('edit keeps the contact (same id), adds a second one, and disabling asks first', async () => {
    const page = desk.page;
    type Detail = { id: number; contacts: { id: number; name: string; phone: string; isPrimary: boolean }[]; enabled: boolean };
    const [{ id }] = (await apiGet<{ items: { id: number }[] }>(page, `/api/customers?keyword=${INITIALS}`)).items;
    const before = await apiGet<Detail>(page, `/api/customers/${id}`);
    expect(before.contacts).toHaveLength(1);

    await search(page, INITIALS);
    await page.locator(`[data-testid=customer-edit-${id}]`).click();
    const form = page.locator('[data-testid=customer-form]');
    await form.waitFor();
    await expectValue(page.locator('[data-testid=customer-name]'), NAME);
    await page.locator('[data-testid=customer-contact-phone-0]').fill('13957812346');
    await page.locator('[data-testid=customer-contact-add]').click();
    await page.locator('[data-testid=customer-contact-name-1]').fill('鲍会计');
    await page.locator('[data-testid=customer-contact-phone-1]').fill('0578-6120001');
    await page.locator('[data-testid=customer-form-save]').click();
    await page.locator('.ant-message-success', { hasText: '客户已保存' }).waitFor();
    await form.waitFor({ state: 'detached' });

    const after = await apiGet<Detail>(page, `/api/customers/${id}`);
    expect(after.contacts).toHaveLength(2);
    const first = after.contacts.find((c) => c.name === '鲍师傅')!;
    expect(first).toMatchObject({ id: before.contacts[0].id, phone: '13957812346', isPrimary: true });
    expect(after.contacts.find((c) => c.name === '鲍会计')).toMatchObject({ phone: '0578-6120001', isPrimary: false });

    // 停用 asks for a confirmation; cancelling changes nothing, confirming disables.
    const row = page.locator('[data-testid=customer-table] .ant-table-row', { hasText: NAME });
    await row.locator('button', { hasText: '停用' }).click();
    const confirm = page.locator('.ant-popconfirm:visible');
    await confirm.waitFor();
    await confirm.locator('button', { hasText: '取消' }).click();
    expect((await apiGet<Detail>(page, `/api/customers/${id}`)).enabled).toBe(true);
    await row.locator('button', { hasText: '停用' }).click();
    await page.locator('.ant-popconfirm:visible button', { hasText: '停用' }).click();
    await page.locator('.ant-message-success', { hasText: '已停用' }).waitFor();
    await visible(row.locator('.ant-tag', { hasText: '停用' }));
    expect((await apiGet<Detail>(page, `/api/customers/${id}`)).enabled).toBe(false);
    // ...and back (no confirmation needed to enable).
    await row.locator('button', { hasText: '启用' }).click();
    await visible(row.locator('.ant-tag', { hasText: '启用' }));
    expect((await apiGet<Detail>(page, `/api/customers/${id}`)).enabled).toBe(true);
  });

  test('导出, then 导入 with the same columns: a bad row is reported, the fixed file goes in', async () => {
    const page = desk.page;
    // 导出 takes the list's current filter: only our customer (one row per vehicle).
    await search(page, INITIALS);
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=customer-export]').click()]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const exported = await downloadedSheet(file);
    const header = headerOf(exported);
    for (const h of [
      '客户类型',
      '客户名称',
      '联系人',
      '联系电话',
      '地址',
      '车牌号',
      '车架号',
      '品牌',
      '车型',
      '年份',
      '里程(公里)',
      '税号',
      '备注',
    ]) {
      expect(header.some((x) => x.startsWith(h))).toBe(true);
    }
    const nameCol = header.findIndex((h) => h.startsWith('客户名称')) + 1;
    const names: string[] = [];
    exported.eachRow((r, n) => n > 1 && names.push(String(r.getCell(nameCol).value)));
    expect(names.length).toBeGreaterThanOrEqual(1);
    expect(new Set(names)).toEqual(new Set([NAME]));

    // Import a file with the export's own columns (so it reads back whatever hints they carry).
    const value: Record<string, string | number> = {
      客户类型: '单位',
      客户名称: '竹口测试汽修厂',
      联系人: '吴师傅',
      联系电话: '13957800001',
      地址: '庆元县竹口镇竹中路 8 号',
      车牌号: '浙K9C321',
      品牌: '大众',
      年份: 2019,
      '里程(公里)': 88000,
      备注: 'E2E 导入',
    };
    const workbook = (phone: string) =>
      xlsx('客户', header, [
        header.map((h) => {
          const key = Object.keys(value).find((k) => h.startsWith(k));
          if (!key) return null;
          return key === '联系电话' ? phone : value[key];
        }),
      ]);
    const upload = (buffer: Buffer) => uploadXlsx(page.locator('[data-testid=customer-import-file]'), '客户导入.xlsx', buffer);

    await upload(await workbook('1234'));
    const report = page.locator('[data-testid=import-errors]');
    await report.waitFor();
    await expectTextMatching(report.locator('.ant-table-row').first(), /^2\s/);
    await page.locator('[data-testid=import-errors-close]').click();
    await report.waitFor({ state: 'hidden' });
    expect((await apiGet<{ total: number }>(page, `/api/customers?keyword=${encodeURIComponent('竹口测试汽修厂')}`)).total).toBe(0);

    await upload(await workbook('13957800001'));
    await page.locator('.ant-message-success', { hasText: '导入成功' }).waitFor();
    await search(page, '浙K9C321', (rows) => {
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain('竹口测试汽修厂');
      expect(rows[0]).toContain('单位');
    });
  });

  test('the detail shows the vehicle, and a second vehicle can be added', async () => {
    const page = desk.page;
    await search(page, INITIALS, (rows) => expect(rows).toHaveLength(1));
    await page.locator('[data-testid=customer-table] .ant-table-row a', { hasText: NAME }).click();
    const detail = page.locator('[data-testid=customer-detail]');
    await detail.waitFor();
    await expectTextContaining(detail.locator('[data-testid=customer-vehicles]'), PLATE);
    await expectTextContaining(detail, '鲍师傅');

    await page.locator('[data-testid=vehicle-add]').click();
    await page.locator('[data-testid=vehicle-form]').waitFor();
    await page.locator('[data-testid=vehicle-form-plate]').fill(PLATE2.replace('浙K', '浙K·')); // the dot is dropped
    await page.locator('[data-testid=vehicle-form-brand]').fill('五菱');
    await page.locator('[data-testid=vehicle-form-year]').fill('2022');
    const added = page.waitForRequest((r) => r.method() === 'POST' && /\/api\/customers\/\d+\/vehicles$/.test(new URL(r.url()).pathname));
    await page.locator('[data-testid=vehicle-form-save]').click();
    expect((await added).headers()['idempotency-key']).toMatch(/^desk-/);
    await page.locator('.ant-message-success', { hasText: '车辆已保存' }).waitFor();
    await page.waitForFunction(
      (p) => (document.querySelector('[data-testid=customer-vehicles]') as HTMLElement | null)?.innerText.includes(p),
      PLATE2,
    );

    // Close the drawer; the list shows both plates.
    await page.locator('.ant-drawer-close').click();
    await detail.waitFor({ state: 'hidden' });
    await search(page, PLATE2, (after) => {
      expect(after).toHaveLength(1);
      expect(after[0]).toContain(PLATE);
      expect(after[0]).toContain(PLATE2);
    });
    expect(desk.errors).toEqual([]);
  });
});
