// Each test file gets its own data directory (SQLite file, logs) and, on MySQL, its own database.
const { mkdtempSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');
const { randomBytes } = require('crypto');

process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'hy-test-'));
process.env.LOG_LEVEL = 'error';
// The suites log in as the demo employees with the demo password, as npm start's demo does.
process.env.DEMO_MODE = '1';
// The tests drive the WeChat outbox worker and the daily reminders themselves (OutboxWorker.drain, DailyReminders.run).
process.env.WECHAT_OUTBOX_INTERVAL_MS = '0';
process.env.DAILY_REMINDER_HOUR = '-1';
if (process.env.TEST_DB === 'mysql') {
  const base = process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306';
  process.env.DB_URL = `${base.replace(/\/$/, '')}/hy_test_${randomBytes(4).toString('hex')}`;
} else {
  delete process.env.DB_URL;
}
