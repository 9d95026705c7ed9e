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
  /** how many reverse proxies in front of the server are trusted for X-Forwarded-For/-Proto; 0 = none */
  trustProxy: number;
  /** Swagger UI at /api/docs (off unless SWAGGER=1; npm start's demo turns it on) */
  swagger: boolean;
  corsOrigins: string[];
  h5Dir: string;
  /**
   * The zero-setup demo (DEMO_MODE=1, set by npm start): demo data goes in and its published
   * passwords work as they are. Otherwise demo data only with SEED_DEMO=1, and its accounts
   * must change their password at first login; an empty database gets a setup token instead.
   */
  demoMode: boolean;
  seedDemo: boolean;
  /** demo only: bind the demo employees to the WeChat stand-in and give them subscriptions (set by npm start) */
  demoWechat: boolean;
  wechat: WechatSettings;
}

/**
 * WeChat: real credentials (WECHAT_APPID + WECHAT_SECRET) switch the real endpoints on; without
 * them the product talks to the local stand-in (tools/wechat-standin) with its demo app.
 */
export interface WechatSettings {
  mode: 'real' | 'standin';
  appid: string;
  secret: string;
  /** https://api.weixin.qq.com, or the stand-in's URL */
  apiBase: string;
  /** miniprogram_state of subscription messages */
  miniprogramState: 'developer' | 'trial' | 'formal';
  /** template ids of the subscription messages, per kind */
  templates: { dispatch: string; approval: string; result: string; sign: string };
  /** how often the outbox worker looks for due messages besides being woken by a commit; 0 = off */
  outboxIntervalMs: number;
  /** the Shanghai hour after which the daily reminders (held too long, low stock) go out; -1 = off */
  dailyReminderHour: number;
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
  const cookieSecure = e.COOKIE_SECURE === '1' || e.COOKIE_SECURE === 'true';
  const trustProxy = intSetting(e, 'TRUST_PROXY', 0, 0, 10);
  // The server speaks plain HTTP: a Secure cookie needs an HTTPS proxy in front that it trusts to
  // say so (X-Forwarded-Proto). Without one every browser login would fail: refuse to start instead.
  if (cookieSecure && trustProxy === 0) {
    throw new Error(
      'COOKIE_SECURE=1 needs HTTPS, and this server speaks plain HTTP: run it behind an HTTPS reverse proxy, set TRUST_PROXY ' +
        'to the number of proxies in front of it (usually 1) and have the proxy send X-Forwarded-Proto: https',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const demoMode = e.DEMO_MODE === '1' || e.DEMO_MODE === 'true';
  return {
    port: Number(e.PORT || 7001),
    host: e.HOST || '0.0.0.0',
    dataDir,
    db: parseDbUrl(e.DB_URL, dataDir),
    sessionDays: Number(e.SESSION_DAYS || 7),
    cookieSecure,
    trustProxy,
    swagger: e.SWAGGER === '1' || e.SWAGGER === 'true',
    corsOrigins: (e.CORS_ORIGINS || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    h5Dir: resolve(PROJECT_ROOT, e.H5_DIR || 'miniprogram/dist/h5'),
    demoMode,
    seedDemo: e.SEED_DEMO === '1' || e.SEED_DEMO === 'true' || (demoMode && e.SEED_DEMO !== '0'),
    demoWechat: e.DEMO_WECHAT === '1',
    wechat: readWechat(e),
  };
}

/** An integer setting within [min, max]; unset or empty is the default, anything else refuses to start. */
function intSetting(e: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = e[name]?.trim();
  if (!raw) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got ${raw}`);
  return n;
}

/** The stand-in's demo app and templates (tools/wechat-standin/cli.js, demo-templates.js). */
const STANDIN = {
  appid: 'wx0123456789abcdef',
  secret: '0123456789abcdef0123456789abcdef',
  templates: { dispatch: 'demo-dispatch', approval: 'demo-approval-request', result: 'demo-approval-result', sign: 'demo-parts-sign' },
};
const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'] as const;

export function readWechat(e: NodeJS.ProcessEnv = process.env): WechatSettings {
  if (!e.WECHAT_APPID !== !e.WECHAT_SECRET)
    throw new Error('WECHAT_APPID and WECHAT_SECRET must be set together (or neither, for the stand-in)');
  const real = !!e.WECHAT_APPID;
  const state = e.WECHAT_MINIPROGRAM_STATE || (real ? 'formal' : 'developer');
  if (!(MINIPROGRAM_STATES as readonly string[]).includes(state)) {
    throw new Error(`WECHAT_MINIPROGRAM_STATE must be one of ${MINIPROGRAM_STATES.join(', ')}, got ${state}`);
  }
  return {
    mode: real ? 'real' : 'standin',
    appid: e.WECHAT_APPID || STANDIN.appid,
    secret: e.WECHAT_SECRET || STANDIN.secret,
    apiBase: (e.WECHAT_API_BASE || (real ? 'https://api.weixin.qq.com' : `http://127.0.0.1:${e.WECHAT_STANDIN_PORT || 7002}`)).replace(
      /\/+$/,
      '',
    ),
    miniprogramState: state as WechatSettings['miniprogramState'],
    templates: {
      dispatch: e.WECHAT_TPL_DISPATCH || STANDIN.templates.dispatch,
      approval: e.WECHAT_TPL_APPROVAL || STANDIN.templates.approval,
      result: e.WECHAT_TPL_RESULT || STANDIN.templates.result,
      sign: e.WECHAT_TPL_SIGN || STANDIN.templates.sign,
    },
    outboxIntervalMs: intSetting(e, 'WECHAT_OUTBOX_INTERVAL_MS', 2000, 0, 3600_000),
    dailyReminderHour: intSetting(e, 'DAILY_REMINDER_HOUR', 8, -1, 23),
  };
}
