// npm test: first the static checks (ESLint, Prettier, tsc --noEmit for each package), then
// builds what the tests need and runs every suite of every package: shared (unit), server on
// SQLite, server on MariaDB/MySQL, the WeChat stand-in (tools/wechat-standin), miniprogram (components, weapp under miniprogram-simulate,
// H5 in Chromium). A failed check fails the run; the suites still run, so one CI run shows all. A missing Chromium always fails the browser
// suites; REQUIRE_MYSQL=1 (set by .ci/run) turns a missing MariaDB into a failure instead of a
// warning.
const { spawnSync } = require('child_process');
const { existsSync, mkdtempSync, readFileSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');
const { buildIfNeeded, ROOT } = require('./build-if-needed');

const MYSQL_URL = process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306';

async function mysqlAvailable() {
  const mysql = require(require.resolve('mysql2/promise', { paths: [join(ROOT, 'server')] }));
  const u = new URL(MYSQL_URL);
  try {
    const c = await mysql.createConnection({
      host: u.hostname,
      port: Number(u.port || 3306),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      connectTimeout: 3000,
    });
    await c.end();
    return true;
  } catch (e) {
    return e.message;
  }
}

/** One static check: a command that exits 0 or prints what is wrong. */
function check(label, args, cwd = ROOT) {
  console.log(`\n========== ${label} ==========`);
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: 'inherit' });
  const ok = r.status === 0;
  console.log(`${ok ? 'ok' : 'FAILED'}: ${label} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return { label, ok };
}

const bin = (pkg, path) => join(ROOT, 'node_modules', pkg, path);

/** Lint, format and types: the first stage of `npm test` (also `npm run check`). */
function staticChecks() {
  const checks = [
    check('eslint', [bin('eslint', 'bin/eslint.js'), '--max-warnings', '0', '.']),
    check('prettier', [bin('prettier', 'bin/prettier.cjs'), '--check', '--log-level', 'warn', '.']),
  ];
  buildIfNeeded({ only: ['shared'] }); // the other packages read shared's type declarations
  const tsc = bin('typescript', 'bin/tsc');
  checks.push(check('tsc shared', [tsc, '--noEmit', '-p', 'tsconfig.json'], join(ROOT, 'shared')));
  checks.push(check('tsc server', [tsc, '--noEmit', '-p', 'tsconfig.check.json'], join(ROOT, 'server')));
  checks.push(check('tsc miniprogram', [tsc, '--noEmit', '-p', 'tsconfig.json'], join(ROOT, 'miniprogram')));
  return checks;
}

function jest(label, cwd, args, env = {}) {
  const out = join(mkdtempSync(join(tmpdir(), 'hy-jest-')), 'result.json');
  console.log(`\n========== ${label} ==========`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [require.resolve('jest/bin/jest', { paths: [cwd] }), '--json', `--outputFile=${out}`, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  const res = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : null;
  return {
    label,
    passed: res ? res.numPassedTests : 0,
    failed: res ? res.numFailedTests + res.numRuntimeErrorTestSuites : 1,
    skipped: res ? res.numPendingTests + res.numTodoTests : 0,
    ok: r.status === 0 && !!res && res.success,
    seconds: (Date.now() - started) / 1000,
  };
}

(async () => {
  const checks = staticChecks();
  if (process.argv.includes('--checks-only')) process.exit(checks.every((c) => c.ok) ? 0 : 1);
  buildIfNeeded();
  const results = [];
  const problems = checks.filter((c) => !c.ok).map((c) => `${c.label}: see its output above`);
  results.push(jest('shared', join(ROOT, 'shared'), []));
  results.push(jest('WeChat stand-in', join(ROOT, 'tools/wechat-standin'), ['--runInBand']));
  results.push(jest('server · SQLite', join(ROOT, 'server'), ['--maxWorkers=2'], { TEST_DB: 'sqlite' }));
  const mysql = await mysqlAvailable();
  if (mysql === true) {
    results.push(jest('server · MariaDB', join(ROOT, 'server'), ['--maxWorkers=2'], { TEST_DB: 'mysql', TEST_MYSQL_URL: MYSQL_URL }));
  } else if (process.env.REQUIRE_MYSQL === '1') {
    problems.push(`MariaDB/MySQL at ${MYSQL_URL} is required (REQUIRE_MYSQL=1) but not reachable: ${mysql}`);
  } else {
    console.warn(
      `\n!!! MariaDB/MySQL at ${MYSQL_URL} not reachable (${mysql}): the server suite did NOT run on MySQL. Set TEST_MYSQL_URL or start MariaDB.`,
    );
  }
  results.push(jest('miniprogram', join(ROOT, 'miniprogram'), ['--runInBand']));

  console.log('\n========== summary ==========');
  console.log(
    `${problems.length ? 'FAIL' : 'PASS'}  static checks        ${checks.map((c) => `${c.label} ${c.ok ? 'ok' : 'FAILED'}`).join(', ')}`,
  );
  for (const r of results) {
    console.log(
      `${r.ok ? 'PASS' : 'FAIL'}  ${r.label.padEnd(20)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped  (${r.seconds.toFixed(0)} s)`,
    );
  }
  for (const p of problems) console.log(`FAIL  ${p}`);
  const passed = results.reduce((s, r) => s + r.passed, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0) + problems.length;
  const skipped = results.reduce((s, r) => s + r.skipped, 0);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
})();
