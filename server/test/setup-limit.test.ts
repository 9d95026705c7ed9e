import { readFileSync } from 'fs';
import { join } from 'path';
import { createTestApp, type TestApp } from './support/app';
import { SETUP_LIMIT } from '../src/modules/auth/setup.service';

/**
 * The setup token of an empty installation (no DEMO_MODE, no demo data) cannot be guessed at
 * leisure: 10 wrong tokens from one address in the window, then that address waits, while the
 * right token from elsewhere still works.
 */
describe('setup token guesses', () => {
  let t: TestApp;
  const saved = { DEMO_MODE: process.env.DEMO_MODE, SEED_DEMO: process.env.SEED_DEMO, TRUST_PROXY: process.env.TRUST_PROXY };
  beforeAll(async () => {
    delete process.env.DEMO_MODE;
    delete process.env.SEED_DEMO;
    process.env.TRUST_PROXY = '1';
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('refuses an address after 10 wrong tokens, not the right token from another', async () => {
    const window = SETUP_LIMIT.windowMs;
    const left = window - (Date.now() % window);
    if (left < 30_000) await new Promise((r) => setTimeout(r, left + 100));

    const token = readFileSync(join(process.env.DATA_DIR!, 'setup-token'), 'utf8').trim();
    const admin = { name: '周宏沅', phone: '13700000001', password: 'Qy-service-2024' };
    const setup = (ip: string, body: object) => t.http().post('/api/setup').set('X-Forwarded-For', ip).send(body);
    const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => setup('203.0.113.5', { ...admin, token: `guess-${i}` })));
    expect(guesses.map((r) => r.status).sort()).toEqual([...Array(10).fill(403), 429, 429]);
    const limited = await setup('203.0.113.5', { ...admin, token });
    expect(limited.status).toBe(429);
    expect(limited.body.message).toBe('初始化口令错误次数过多，请 15 分钟后再试');
    expect((await t.http().get('/api/setup/status')).body.data).toEqual({ pending: true });

    expect((await setup('203.0.113.6', { ...admin, token })).status).toBe(200);
    expect((await t.http().get('/api/setup/status')).body.data).toEqual({ pending: false });
  });
});
