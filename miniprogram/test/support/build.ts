import { execFileSync } from 'child_process';
import { join } from 'path';
import { ROOT } from './server';

/** Variables Jest (or our test setup) sets that must not reach a production build. */
const TEST_ONLY_ENV = [
  'NODE_ENV',
  'BABEL_ENV',
  'TARO_ENV',
  'TARO_PLATFORM',
  'FRAMEWORK',
  'SUPPORT_TARO_POLYFILL',
  'SUPPORT_DINGTALK_NAVIGATE',
  'JEST_WORKER_ID',
];

/**
 * Builds shared, server, H5 and weapp when their sources changed since the last build
 * (scripts/build-if-needed.js; a no-op under `npm test`, which has just built). Runs in a
 * child process with a clean environment: Jest's NODE_ENV=test would make Taro build a
 * development bundle.
 */
export function buildIfNeeded(): void {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of TEST_ONLY_ENV) delete env[k];
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-if-needed.js')], {
      cwd: ROOT,
      env,
      stdio: 'pipe',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`build failed: ${err.message}\n${String(err.stdout ?? '').slice(-4000)}\n${String(err.stderr ?? '').slice(-4000)}`);
  }
}
