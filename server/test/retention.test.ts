import { Tx } from '../src/common/tx';
import { SecurityEvent } from '../src/modules/audit/security-event.entity';
import { LoginAttempt } from '../src/modules/auth/auth.entity';
import { LOGIN_LIMITS } from '../src/modules/auth/auth.service';
import { DailyReminders, KEEP_LOGIN_ATTEMPTS_DAYS, KEEP_SECURITY_EVENTS_DAYS } from '../src/modules/notification/daily-reminders';
import { AttemptCounter } from '../src/modules/wechat/wechat.entity';
import { createTestApp, type TestApp } from './support/app';

const DAY = 86_400_000;

/** The login limits, the login log and 安全事件 do not grow for good. */
describe('retention of login records', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  const manager = async () => (await t.app.getApplicationContext().getAsync(Tx)).dataSource.manager;

  it('drops the counters of ended windows when the limit is next used, keeping the current one', async () => {
    const m = await manager();
    const { scope, windowMs } = LOGIN_LIMITS.phoneIp;
    const now = Math.floor(Date.now() / windowMs);
    await m.insert(AttemptCounter, [
      { scope, subject: '13900000501|203.0.113.1', bucket: now - 3, tries: 5 },
      { scope, subject: '13900000502|203.0.113.2', bucket: now - 1, tries: 2 },
      { scope: 'other-scope', subject: 'x', bucket: 1, tries: 1 },
    ]);
    const wrong = await t.http().post('/api/auth/login').send({ phone: '13900000503', password: 'wrong-pass1', client: 'weapp' });
    expect(wrong.status).toBe(401);
    const left = await m.findBy(AttemptCounter, { scope });
    expect(left.every((c) => c.bucket >= now)).toBe(true);
    expect(left.some((c) => c.subject.startsWith('13900000503'))).toBe(true);
    // another limit's rows are its own business
    expect(await m.countBy(AttemptCounter, { scope: 'other-scope' })).toBe(1);
  });

  it('the daily run removes login attempts and security events past their keeping time', async () => {
    const m = await manager();
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    await m.insert(LoginAttempt, [
      { phone: '13900000601', ip: '198.51.100.1', success: false, reason: 'bad_password', createdAt: ago(KEEP_LOGIN_ATTEMPTS_DAYS + 1) },
      { phone: '13900000602', ip: '198.51.100.1', success: false, reason: 'bad_password', createdAt: ago(KEEP_LOGIN_ATTEMPTS_DAYS - 1) },
    ]);
    const event = (phone: string, lastAt: Date) => ({
      kind: 'login_failed',
      dedupeKey: `retention-${phone}`,
      minute: Math.floor(lastAt.getTime() / 60_000),
      employeeId: null,
      phone,
      ip: '198.51.100.1',
      firstAt: lastAt,
      lastAt,
    });
    await m.insert(SecurityEvent, [
      event('13900000603', ago(KEEP_SECURITY_EVENTS_DAYS + 1)),
      event('13900000604', ago(KEEP_SECURITY_EVENTS_DAYS - 1)),
    ]);
    const reminders = await t.app.getApplicationContext().getAsync(DailyReminders);
    expect(await reminders.prune(now)).toEqual({ loginAttempts: 1, securityEvents: 1 });
    expect((await m.findBy(LoginAttempt, { ip: '198.51.100.1' })).map((a) => a.phone)).toEqual(['13900000602']);
    expect((await m.findBy(SecurityEvent, { ip: '198.51.100.1' })).map((e) => e.phone)).toEqual(['13900000604']);
  });
});
