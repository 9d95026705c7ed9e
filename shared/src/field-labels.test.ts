import { z } from 'zod';
import * as shared from './index';
import { FIELD_LABELS, describedLabel, labelMessage, labelOfPath } from './field-labels';
import { followupInput, workOrderCreateInput } from './schemas/work-order';
import { requisitionInput } from './schemas/inventory';
import { customerCreateInput } from './schemas/customer';
import { summarizeIssues, toFieldIssues } from './zod-zh';

const CHINESE = /[\u4e00-\u9fff]/;

/** Every object key of a schema, however deep (through arrays, records, unions, refinements…). */
function keysOf(schema: z.ZodTypeAny, where: string, out: { where: string; key: string; field: z.ZodTypeAny }[], seen = new Set()) {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = (schema as unknown as { _def: Record<string, unknown> })._def;
  const walk = (s: unknown, w = where) => s instanceof z.ZodType && keysOf(s, w, out, seen);
  switch (def.typeName) {
    case 'ZodObject':
      for (const [key, field] of Object.entries((schema as z.AnyZodObject).shape)) {
        out.push({ where, key, field: field as z.ZodTypeAny });
        walk(field, `${where}.${key}`);
      }
      break;
    case 'ZodArray':
      walk(def.type);
      break;
    case 'ZodRecord':
      walk(def.valueType);
      break;
    case 'ZodEffects':
      walk(def.schema);
      break;
    case 'ZodPipeline':
      walk(def.in);
      walk(def.out);
      break;
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      (def.options as unknown[]).forEach((o) => walk(o));
      break;
    case 'ZodIntersection':
      walk(def.left);
      walk(def.right);
      break;
    case 'ZodLazy':
      walk((def.getter as () => unknown)());
      break;
    default:
      if (def.innerType) walk(def.innerType);
  }
}

describe('field labels', () => {
  it('every key of every exported schema has a Chinese label', () => {
    const keys: { where: string; key: string; field: z.ZodTypeAny }[] = [];
    let schemas = 0;
    for (const [name, value] of Object.entries(shared)) {
      if (value instanceof z.ZodType) {
        schemas++;
        keysOf(value, name, keys);
      }
    }
    expect(schemas).toBeGreaterThan(30);
    expect(keys.length).toBeGreaterThan(100);
    const missing = keys
      .filter(({ key, field }) => !CHINESE.test(describedLabel(field) ?? FIELD_LABELS[key] ?? ''))
      .map(({ where, key }) => `${where}.${key}`);
    // Add the key to FIELD_LABELS (shared/src/field-labels.ts) or give the field a .describe('中文名').
    expect(missing).toEqual([]);
  });

  it('every label in FIELD_LABELS is Chinese', () => {
    expect(Object.entries(FIELD_LABELS).filter(([, v]) => !CHINESE.test(v))).toEqual([]);
  });

  it('names nested paths by their rows and the field’s own label', () => {
    expect(labelOfPath('lines.2.qty', requisitionInput).label).toBe('第 3 行 领用数量');
    expect(labelOfPath('lines.2.qty').label).toBe('第 3 行 数量');
    expect(labelOfPath(['contacts', 0, 'phone'], customerCreateInput).label).toBe('联系人 1 联系电话');
    expect(labelOfPath('satisfaction').label).toBe('满意度');
    expect(labelOfPath('approverIds.1', requisitionInput).label).toBe('审批人 2');
    expect(labelOfPath('results.someTemplateId').label).toBe('订阅结果');
    expect(labelOfPath('noSuchKey').label).toBe('');
  });

  it('prefixes a message with its label once, never twice', () => {
    expect(labelMessage('不能小于 1', labelOfPath('satisfaction'))).toBe('满意度：不能小于 1');
    expect(labelMessage('接通时请打满意度', labelOfPath('satisfaction'))).toBe('接通时请打满意度');
    expect(labelMessage('领用数量应大于 0', labelOfPath('lines.2.qty', requisitionInput))).toBe('第 3 行：领用数量应大于 0');
    expect(labelMessage('第 3 行：配件不存在', labelOfPath('lines.2.partId'))).toBe('第 3 行：配件不存在');
    const once = labelMessage('格式不对，应为数字', labelOfPath('lines.0.qty'));
    expect(once).toBe('第 1 行 数量：格式不对，应为数字');
    expect(labelMessage(once, labelOfPath('lines.0.qty'))).toBe(once);
    expect(summarizeIssues([{ path: 'lines.0.qty', message: once }])).toBe(once);
    // the server's labelled message summarized again on the client (which has no schema)
    const server = labelMessage('联系电话格式不对', labelOfPath('contacts.0.phone', customerCreateInput));
    expect(server).toBe('联系人 1：联系电话格式不对');
    expect(summarizeIssues([{ path: 'contacts.0.phone', message: server }])).toBe(server);
    expect(summarizeIssues([{ path: 'name', message: '请填写姓名' }])).toBe('请填写姓名');
    expect(summarizeIssues([{ path: 'lines.0.qty', message: '不能小于 1' }])).toBe('第 1 行 数量：不能小于 1');
    expect(summarizeIssues([{ path: 'satisfaction', message: '不能小于 1' }], { satisfaction: '评分' })).toBe('评分：不能小于 1');
  });

  it('the follow-up without a rating says 满意度, not satisfaction', () => {
    const r = followupInput.safeParse({ reached: true, result: 'close' });
    expect(r.success).toBe(false);
    const issues = r.success ? [] : toFieldIssues(r.error, followupInput);
    expect(issues).toEqual([{ path: 'satisfaction', message: '接通时请打满意度' }]);
    expect(summarizeIssues(issues)).toBe('接通时请打满意度');
    const bad = followupInput.safeParse({ reached: true, result: 'close', satisfaction: 0.5 });
    const summary = bad.success ? '' : summarizeIssues(toFieldIssues(bad.error, followupInput));
    expect(summary).toMatch(/^满意度：/);
  });

  it('no message of a bad payload shows a key or a code', () => {
    const payloads: [z.ZodTypeAny, unknown][] = [
      [followupInput, { reached: 'yes', satisfaction: 'x', result: 'later', bogus: 1, status: 'x' }],
      [
        requisitionInput,
        {
          employeeId: 1,
          warehouseId: 1,
          approverIds: [1],
          lines: [
            { partId: 1, qty: 0 },
            { partId: 'a', qty: 1.5 },
          ],
        },
      ],
      [customerCreateInput, { name: '', contacts: [{ name: '', phone: '1' }], vehicles: [{ plate: 'x', year: 'y' }] }],
      [
        workOrderCreateInput,
        { customerId: 1, contactName: 'a', contactPhone: '13800000000', address: 'b', problem: 'c', priority: 'high' },
      ],
    ];
    for (const [schema, payload] of payloads) {
      const r = schema.safeParse(payload);
      expect(r.success).toBe(false);
      if (r.success) continue;
      const issues = toFieldIssues(r.error, schema);
      const summary = summarizeIssues(issues);
      for (const m of [summary, ...issues.map((i) => i.message)]) expect(m).not.toMatch(/[a-zA-Z_]{3,}/);
      // each issue names its place once
      for (const part of summary.split('；')) expect(part.split('：').length).toBeLessThanOrEqual(2);
    }
  });
});
