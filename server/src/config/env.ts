import { mkdirSync } from 'fs';
import { isAbsolute, join, resolve } from 'path';

/** Everything configurable, read once from the environment (documented in README.md). */
export interface AppEnv {
  port: number;
  host: string;
  dataDir: string;
  db: DbSettings;
  sessionDays: number;
  cookieSecure: boolean;
  corsOrigins: string[];
  h5Dir: string;
  seedDemo: boolean;
}

export type DbSettings =
  { kind: 'sqlite'; file: string } | { kind: 'mysql'; host: string; port: number; user: string; password: string; database: string };

export const PROJECT_ROOT = resolve(__dirname, '../../..');

export function parseDbUrl(url: string | undefined, dataDir: string): DbSettings {
  if (!url || url.startsWith('sqlite:')) {
    const file = url ? url.replace(/^sqlite:(\/\/)?/, '') : 'hongyuan.sqlite';
    return { kind: 'sqlite', file: isAbsolute(file) ? file : join(dataDir, file) };
  }
  const u = new URL(url);
  if (u.protocol !== 'mysql:' && u.protocol !== 'mariadb:') {
    throw new Error(`DB_URL must start with mysql:// or sqlite:, got ${u.protocol}`);
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DB_URL must name a database, e.g. mysql://root@127.0.0.1:3306/hongyuan');
  return {
    kind: 'mysql',
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    database,
  };
}

export function readEnv(e: NodeJS.ProcessEnv = process.env): AppEnv {
  const dataDir = resolve(PROJECT_ROOT, e.DATA_DIR || 'data');
  mkdirSync(dataDir, { recursive: true });
  return {
    port: Number(e.PORT || 7001),
    host: e.HOST || '0.0.0.0',
    dataDir,
    db: parseDbUrl(e.DB_URL, dataDir),
    sessionDays: Number(e.SESSION_DAYS || 7),
    cookieSecure: e.COOKIE_SECURE === '1' || e.COOKIE_SECURE === 'true',
    corsOrigins: (e.CORS_ORIGINS || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    h5Dir: resolve(PROJECT_ROOT, e.H5_DIR || 'miniprogram/dist/h5'),
    seedDemo: e.SEED_DEMO !== '0',
  };
}
