// Builds a workspace only when its sources are newer than its last build, so `npm start`
// is quick after the first time. Used by scripts/start.js and scripts/test.js.
const { execSync } = require('child_process');
const { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } = require('fs');
const { join } = require('path');

const ROOT = join(__dirname, '..');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist' || name === '.taro-cache' || name === 'test') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** [workspace, npm script, stamp file, inputs] */
const TARGETS = [
  ['shared', 'build', 'shared/dist/.stamp', ['shared/src', 'shared/package.json', 'shared/tsconfig.json']],
  ['server', 'build', 'server/dist/.stamp', ['server/src', 'server/package.json', 'server/tsconfig.json', 'shared/src']],
  [
    'miniprogram',
    'build:h5',
    'miniprogram/dist/h5/.stamp',
    ['miniprogram/src', 'miniprogram/config', 'miniprogram/package.json', 'miniprogram/babel.config.js', 'shared/src'],
  ],
  [
    'miniprogram',
    'build:weapp',
    'miniprogram/dist/weapp/.stamp',
    ['miniprogram/src', 'miniprogram/config', 'miniprogram/package.json', 'miniprogram/babel.config.js', 'shared/src'],
  ],
];

const LOCK = join(ROOT, '.build.lock');
const STALE_MS = 15 * 60_000;

/** One build at a time on this checkout (npm start beside npm test, or two test runs): a lock directory. */
function withBuildLock(work) {
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A build killed midway leaves its lock behind: take it over when it is old.
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs > STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      if (waited === 0) console.log('> 等待另一个构建完成 ...');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** `only`: the workspaces to build (all by default). */
function buildIfNeeded(options = {}) {
  return withBuildLock(() => build(options));
}

function build({ force = false, log = console.log, only = null }) {
  for (const [ws, script, stamp, inputs] of TARGETS) {
    if (only && !only.includes(ws)) continue;
    const built = existsSync(join(ROOT, stamp)) ? statSync(join(ROOT, stamp)).mtimeMs : 0;
    const changed = Math.max(...inputs.map((p) => newestMtime(join(ROOT, p))));
    if (!force && built > changed) continue;
    log(`> 构建 ${ws} (${script}) ...`);
    const started = Date.now();
    execSync(`npm run ${script} -w ${ws}`, { cwd: ROOT, stdio: 'inherit' });
    // The stamp carries the time the build STARTED: a source saved while it ran is newer than
    // the stamp, so the next run builds again instead of silently leaving the edit out.
    writeFileSync(join(ROOT, stamp), new Date(started).toISOString());
    utimesSync(join(ROOT, stamp), new Date(started), new Date(started));
    log(`  ${ws} ${script} 完成，用时 ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

module.exports = { buildIfNeeded, ROOT };

if (require.main === module) buildIfNeeded({ force: process.argv.includes('--force') });
