'use strict';
/**
 * A local stand-in of WeChat's mini-program server API (api.weixin.qq.com), written from WeChat's public
 * documentation so that it catches the client's mistakes. See README.md for what it implements and where
 * each rule comes from. Every WeChat answer is HTTP 200 with JSON, errors included.
 */
const http = require('node:http');
const nodeCrypto = require('node:crypto');
const { keywordType, checkValue } = require('./rules');

/**
 * @typedef {{ id: string, title: string, keywords: Record<string, string> }} Template
 *   keywords: { [key]: label }, the key naming its type as in WeChat (thing2, character_string1, phrase5 …)
 * @typedef {object} StandinOptions
 * @property {string} appid
 * @property {string} secret
 * @property {Template[]} templates
 * @property {() => number} [clock] milliseconds since the epoch (default Date.now); /__standin/clock adds to it
 * @property {number} [jscode2sessionPerMinute] calls per appid per clock minute before 45011 (default 100)
 * @property {number} [tokenOverlapSeconds] how long a /cgi-bin/token token survives its replacement (default 0)
 * @property {string[]} [sensitiveWords] a data value containing one of these answers 45168
 * @property {string[]} [pages] if given, a `page` sent with miniprogram_state formal must be one of these (41030)
 * @property {number} [reusedCodeErrcode] errcode for a js_code used twice (default 40029, see code2session)
 * @typedef {{ code: string, openid: string, issuedAt: number, used: boolean }} LoginCode
 * @typedef {{ kind: 'token' | 'stable', expiresAt: number, revokedAt: number | null }} TokenRecord
 * @typedef {{ errcode: number, errmsg?: string, times: number }} InducedFailure
 */

const PATHS = {
  code2session: '/sns/jscode2session',
  token: '/cgi-bin/token',
  stableToken: '/cgi-bin/stable_token',
  send: '/cgi-bin/message/subscribe/send',
};
const TOKEN_TTL = 7200; // s: «access_token 的有效期目前为 2 个小时», expires_in 7200
const CODE_TTL = 300; // s: a wx.login code lives five minutes (wx.login documentation; not re-checked here)
const STABLE_RENEW_BEFORE = 300; // s: stable_token renews «提前5分钟», so expires_in >= 300
const FORCE_REFRESH_GAP = 30; // s: «连续使用该模式时,请保证调用时间隔至少为30s,否则不会刷新»
const FORCE_REFRESH_PER_DAY = 20; // «该模式限制每天20次»
const STATES = ['developer', 'trial', 'formal'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];
/** errmsg of induced failures, as WeChat words them (the 43108 text is from a developer-community report). */
const MESSAGES = /** @type {Record<string, string>} */ ({
  '-1': 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  43108: 'Cannot make concurrent calls to the same OpenID, please try again',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit, must slower, retry next minute',
  45168: 'sensitive words in content',
});

class WxError extends Error {
  /** @param {number} errcode @param {string} errmsg */
  constructor(errcode, errmsg) {
    super(errmsg);
    this.errcode = errcode;
  }
}

const hex = (/** @type {number} */ n) => nodeCrypto.randomBytes(n).toString('hex');
const b64url = (/** @type {number} */ n) => nodeCrypto.randomBytes(n).toString('base64url');
/** Real errors carry « rid: xxxxxxxx-xxxxxxxx-xxxxxxxx»: clients must match errcode, never errmsg. */
const rid = () => `${hex(4)}-${hex(4)}-${hex(4)}`;

/** @param {StandinOptions} options */
function createStandin(options) {
  const { appid, secret } = options;
  if (!appid || !secret) throw new Error('createStandin: appid and secret are required');
  const clock = options.clock ?? Date.now;
  const perMinute = options.jscode2sessionPerMinute ?? 100;
  const overlapMs = (options.tokenOverlapSeconds ?? 0) * 1000;
  const sensitiveWords = options.sensitiveWords ?? [];
  const reusedCodeErrcode = options.reusedCodeErrcode ?? 40029;
  /** @type {Map<string, Template>} */
  const templates = new Map();
  for (const t of options.templates ?? []) {
    if (!t.id || !t.keywords || !Object.keys(t.keywords).length) throw new Error(`template ${t.id}: id and keywords are required`);
    for (const key of Object.keys(t.keywords)) {
      if (!keywordType(key)) throw new Error(`template ${t.id}: keyword ${key} does not start with a known type`);
    }
    templates.set(t.id, t);
  }

  const state = {
    offsetMs: 0,
    /** openid -> simulated WeChat user; kept by reset (users outlive a test's WeChat state) */
    users: /** @type {Map<string, string>} */ (new Map()),
    codes: /** @type {Map<string, LoginCode>} */ (new Map()),
    /** openid -> the session_key of its latest login */
    sessions: /** @type {Map<string, string>} */ (new Map()),
    tokens: /** @type {Map<string, TokenRecord>} */ (new Map()),
    latestToken: /** @type {string | null} */ (null),
    latestStable: /** @type {string | null} */ (null),
    forceRefresh: { lastAt: -Infinity, day: -1, count: 0 },
    /** `${appid}|${minute}` -> jscode2session calls */
    rate: /** @type {Map<string, number>} */ (new Map()),
    /** `${openid}|${template_id}` -> sends left */
    quotas: /** @type {Map<string, number>} */ (new Map()),
    taps: /** @type {object[]} */ ([]),
    inbox: /** @type {object[]} */ ([]),
    calls: /** @type {object[]} */ ([]),
    failures: /** @type {Map<string, InducedFailure[]>} */ (new Map()),
  };
  const now = () => clock() + state.offsetMs;
  const iso = () => new Date(now()).toISOString();

  // ---- control (what a test or the demo plays: the user's phone, the network, the clock) ----

  /** Plays wx.login for a simulated WeChat user: a stable openid per (appid, user), a fresh one-time code. */
  function login(/** @type {string} */ user) {
    if (typeof user !== 'string' || !user) throw new Error('user (a non-empty string) is required');
    // «not documented»: the openid format. Real ones are 28 characters starting with «o».
    const openid = 'o' + nodeCrypto.createHash('sha256').update(`${appid}:${user}`).digest('base64url').slice(0, 27);
    const code = b64url(24); // 32 characters, as real codes
    state.users.set(openid, user);
    state.codes.set(code, { code, openid, issuedAt: now(), used: false });
    return { code, openid };
  }

  /** Plays the user's tap on «允许» (accept) or «取消» in the subscription dialog: +1 quota per accept. */
  function subscribe(/** @type {{ openid: string, template_id: string, accept: boolean }} */ tap) {
    if (!state.users.has(tap.openid)) throw new Error(`unknown openid ${tap.openid} (log the user in first)`);
    if (!templates.has(tap.template_id)) throw new Error(`unknown template_id ${tap.template_id}`);
    if (typeof tap.accept !== 'boolean') throw new Error('accept must be true or false');
    const key = `${tap.openid}|${tap.template_id}`;
    if (tap.accept) state.quotas.set(key, (state.quotas.get(key) ?? 0) + 1);
    state.taps.push({ ...tap, at: iso() });
    return { openid: tap.openid, template_id: tap.template_id, quota: state.quotas.get(key) ?? 0 };
  }

  /** Makes the next `times` otherwise-successful calls to `path` fail with `errcode`. */
  function fail(/** @type {{ path: string, errcode: number, times?: number, errmsg?: string }} */ f) {
    if (!Object.values(PATHS).includes(f.path)) throw new Error(`path must be one of ${Object.values(PATHS).join(', ')}`);
    if (!Number.isInteger(f.errcode) || f.errcode === 0) throw new Error('errcode must be a non-zero integer');
    const times = f.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error('times must be a positive integer');
    const list = state.failures.get(f.path) ?? [];
    list.push({ errcode: f.errcode, errmsg: f.errmsg, times });
    state.failures.set(f.path, list);
    return { path: f.path, pending: list.reduce((n, x) => n + x.times, 0) };
  }

  function advance(/** @type {number} */ seconds) {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) throw new Error('advanceSeconds must be a number >= 0');
    state.offsetMs += seconds * 1000;
    return { now: iso() };
  }

  function reset() {
    for (const m of [state.codes, state.sessions, state.tokens, state.rate, state.quotas, state.failures]) m.clear();
    for (const a of [state.taps, state.inbox, state.calls]) a.length = 0;
    Object.assign(state, { offsetMs: 0, latestToken: null, latestStable: null });
    state.forceRefresh = { lastAt: -Infinity, day: -1, count: 0 };
    return { ok: true };
  }

  const quota = (/** @type {string} */ openid, /** @type {string} */ templateId) => state.quotas.get(`${openid}|${templateId}`) ?? 0;

  // ---- WeChat ----

  /** Throws the next induced failure queued for `path`, if any. Called where the call would succeed. */
  function induced(/** @type {string} */ path) {
    const f = state.failures.get(path)?.[0];
    if (!f) return;
    if (--f.times === 0) state.failures.get(path)?.shift();
    throw new WxError(f.errcode, f.errmsg ?? MESSAGES[f.errcode] ?? 'induced failure');
  }

  /** The application credentials shared by jscode2session, token and stable_token. */
  function checkApp(/** @type {Record<string, unknown>} */ p, /** @type {string} */ grantType) {
    if (p.grant_type !== grantType) throw new WxError(40002, 'invalid grant_type');
    if (!p.appid) throw new WxError(41002, 'appid missing');
    if (p.appid !== appid) throw new WxError(40013, 'invalid appid');
    if (!p.secret) throw new WxError(41004, 'appsecret missing');
    if (p.secret !== secret) throw new WxError(40125, 'invalid appsecret');
  }

  /** GET /sns/jscode2session (code2Session). */
  function code2session(/** @type {Record<string, string>} */ q) {
    checkApp(q, 'authorization_code');
    // 45011 «api minute-quota reach limit»: the minigame doc says 100 per user per minute; the window here is
    // per appid and per clock minute («retry next minute»), and a limited call leaves its code unused.
    const rateKey = `${appid}|${Math.floor(now() / 60000)}`;
    const calls = (state.rate.get(rateKey) ?? 0) + 1;
    state.rate.set(rateKey, calls);
    if (calls > perMinute) throw new WxError(45011, MESSAGES[45011]);
    if (!q.js_code) throw new WxError(41008, 'missing code');
    const code = state.codes.get(q.js_code);
    if (!code || now() - code.issuedAt > CODE_TTL * 1000) throw new WxError(40029, 'invalid code');
    // The documentation lists only 40029 («code 无效»; a code works once). Community reports show 40163
    // «code been used» on reuse: set reusedCodeErrcode to 40163 to test a client against that.
    if (code.used) throw new WxError(reusedCodeErrcode, reusedCodeErrcode === 40163 ? 'code been used' : 'invalid code');
    induced(PATHS.code2session);
    code.used = true;
    const sessionKey = nodeCrypto.randomBytes(16).toString('base64'); // an AES-128 key, base64 (24 characters)
    state.sessions.set(code.openid, sessionKey);
    // No unionid: it is returned only when the mini-program is bound to an Open Platform account.
    return { session_key: sessionKey, openid: code.openid };
  }

  /** @param {'token' | 'stable'} kind */
  function issue(kind) {
    const token = `${Math.floor(Math.random() * 90) + 10}_${b64url(114)}`; // ~155 characters; docs: store >= 512
    state.tokens.set(token, { kind, expiresAt: now() + TOKEN_TTL * 1000, revokedAt: null });
    return token;
  }

  /** GET /cgi-bin/token (getAccessToken): every call issues a new token and retires the previous one. */
  function getToken(/** @type {Record<string, string>} */ q) {
    checkApp(q, 'client_credential');
    induced(PATHS.token);
    // The documentation: «重复获取将导致上次获取的 access_token 失效», yet also that old and new stay usable
    // for 5 minutes. Default here: the old token dies at once (tokenOverlapSeconds: 0), to catch clients
    // that fetch a token per message or from more than one process.
    const old = state.latestToken && state.tokens.get(state.latestToken);
    if (old) old.revokedAt = now() + overlapMs;
    state.latestToken = issue('token');
    return { access_token: state.latestToken, expires_in: TOKEN_TTL };
  }

  /**
   * POST /cgi-bin/stable_token (getStableAccessToken), JSON only. Rules from its documentation:
   * - kept apart from /cgi-bin/token: issuing one never retires the other;
   * - normal mode returns the current token while it has more than 5 minutes left (expires_in = what is
   *   left); within the last 5 minutes it issues a new one and the old one lives until it expires;
   * - force_refresh: true retires the current token and issues a new one, at most 20 times a day, and not
   *   again within 30 s (then the current token is returned unchanged: «否则不会刷新»).
   * «not documented»: the errcode past 20 forced refreshes a day (45009 here) and for a non-boolean
   * force_refresh (47001 here).
   */
  function stableToken(/** @type {Record<string, unknown>} */ body) {
    checkApp(body, 'client_credential');
    const force = body.force_refresh ?? false;
    if (typeof force !== 'boolean') throw new WxError(47001, 'data format error: force_refresh must be a boolean');
    const current = state.latestStable ? state.tokens.get(state.latestStable) : undefined;
    const left = current ? (current.expiresAt - now()) / 1000 : 0;
    const forced = force && now() - state.forceRefresh.lastAt >= FORCE_REFRESH_GAP * 1000;
    if (forced) {
      const day = Math.floor(now() / 86400000);
      if (state.forceRefresh.day !== day) state.forceRefresh = { ...state.forceRefresh, day, count: 0 };
      if (state.forceRefresh.count >= FORCE_REFRESH_PER_DAY) throw new WxError(45009, MESSAGES[45009]);
    }
    induced(PATHS.stableToken);
    if (!forced && left > STABLE_RENEW_BEFORE) return { access_token: state.latestStable, expires_in: Math.floor(left) };
    if (forced) {
      if (current) current.revokedAt = now();
      state.forceRefresh.lastAt = now();
      state.forceRefresh.count += 1;
    }
    state.latestStable = issue('stable');
    return { access_token: state.latestStable, expires_in: TOKEN_TTL };
  }

  function checkToken(/** @type {string | undefined} */ token) {
    if (!token) throw new WxError(41001, 'access_token missing');
    const t = state.tokens.get(token);
    if (!t || (t.revokedAt !== null && now() >= t.revokedAt)) throw new WxError(40001, MESSAGES[40001]);
    if (now() >= t.expiresAt) throw new WxError(42001, MESSAGES[42001]);
  }

  /**
   * POST /cgi-bin/message/subscribe/send?access_token= (sendMessage). The order of the checks is the
   * stand-in's own (WeChat does not document it): token, touser, template_id, page, miniprogram_state, lang,
   * data, sensitive words, quota, induced failures.
   */
  function send(/** @type {Record<string, string>} */ q, /** @type {Record<string, any>} */ body) {
    checkToken(q.access_token); // a URL parameter, «非 Body 参数»
    if (typeof body.touser !== 'string' || !state.users.has(body.touser)) throw new WxError(40003, 'invalid openid');
    const template = templates.get(body.template_id);
    if (!template) throw new WxError(40037, 'invalid template_id');
    const mpState = body.miniprogram_state ?? 'formal'; // «默认为正式版»
    // page: «仅限本小程序内的页面。支持带参数 (示例 index?foo=bar)»; 41030 when it is not a page of the live
    // version, which is checked against options.pages when given and the target is formal.
    if (body.page !== undefined) {
      const path =
        typeof body.page === 'string' && /^\/?([\w-]+\/)*[\w-]+(\?.*)?$/.exec(body.page) ? body.page.replace(/^\/|\?.*$/g, '') : null;
      if (path === null || (options.pages && mpState === 'formal' && !options.pages.includes(path)))
        throw new WxError(41030, 'invalid page');
    }
    // «not documented»: the errcode for a bad miniprogram_state or lang; 47003 (argument invalid) here.
    if (!STATES.includes(mpState)) throw new WxError(47003, 'argument invalid! miniprogram_state must be developer, trial or formal');
    const lang = body.lang ?? 'zh_CN';
    if (!LANGS.includes(lang)) throw new WxError(47003, 'argument invalid! lang must be zh_CN, en_US, zh_HK or zh_TW');
    const data = body.data;
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new WxError(47003, 'argument invalid! data is empty');
    for (const key of Object.keys(template.keywords)) {
      const problem = checkValue(/** @type {string} */ (keywordType(key)), data[key]?.value);
      if (problem === 'empty') throw new WxError(47003, `argument invalid! data.${key}.value is empty`);
      if (problem) throw new WxError(47003, `argument invalid! data.${key}.value invalid (${problem})`);
    }
    // «not documented»: what WeChat does with keys the template does not have; rejected here.
    const extra = Object.keys(data).find((k) => !(k in template.keywords));
    if (extra) throw new WxError(47003, `argument invalid! data.${extra} is not a keyword of template ${template.id}`);
    if (sensitiveWords.some((w) => Object.values(data).some((e) => String(e.value).includes(w)))) throw new WxError(45168, MESSAGES[45168]);
    if (quota(body.touser, template.id) < 1) throw new WxError(43101, MESSAGES[43101]);
    induced(PATHS.send);
    state.quotas.set(`${body.touser}|${template.id}`, quota(body.touser, template.id) - 1);
    const values = Object.fromEntries(Object.keys(template.keywords).map((k) => [k, { value: String(data[k].value) }]));
    state.inbox.push({
      touser: body.touser,
      template_id: template.id,
      page: body.page ?? null,
      data: values,
      miniprogram_state: mpState,
      lang,
      at: iso(),
    });
    return { errcode: 0, errmsg: 'ok' };
  }

  // ---- HTTP ----

  /** @param {http.ServerResponse} res @param {number} status @param {unknown} json */
  function reply(res, status, json) {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(json));
  }

  /** A WeChat endpoint: checks the method, parses a JSON body for POST, records the call, answers 200. */
  function wechat(
    /** @type {string} */ method,
    /** @type {string} */ path,
    /** @type {Record<string, string>} */ q,
    /** @type {string} */ raw,
  ) {
    const route = {
      [PATHS.code2session]: { method: 'GET', run: () => code2session(q) },
      [PATHS.token]: { method: 'GET', run: () => getToken(q) },
      [PATHS.stableToken]: { method: 'POST', run: (/** @type {any} */ b) => stableToken(b) },
      [PATHS.send]: { method: 'POST', run: (/** @type {any} */ b) => send(q, b) },
    }[path];
    /** @type {unknown} */
    let body = raw || undefined;
    let answer;
    try {
      if (!route) throw new WxError(40066, 'invalid url');
      if (method !== route.method)
        throw route.method === 'GET' ? new WxError(43001, 'require GET method') : new WxError(43002, 'require POST method');
      if (route.method === 'POST') {
        if (!raw) throw new WxError(44002, 'empty post data');
        try {
          body = JSON.parse(raw);
        } catch {
          throw new WxError(47001, 'data format error');
        }
        if (!body || typeof body !== 'object' || Array.isArray(body)) throw new WxError(47001, 'data format error');
      }
      answer = route.run(body);
    } catch (e) {
      if (!(e instanceof WxError)) throw e;
      answer = { errcode: e.errcode, errmsg: `${e.message} rid: ${rid()}` };
    }
    state.calls.push({ at: iso(), method, path, query: q, body, answer });
    return answer;
  }

  /** The control API under /__standin/ (not WeChat's): JSON answers, 400 on a bad request. */
  function control(
    /** @type {string} */ method,
    /** @type {string} */ path,
    /** @type {Record<string, string>} */ q,
    /** @type {any} */ b,
  ) {
    const key = `${method} ${path}`;
    if (key === 'POST /__standin/login') return login(b.user);
    if (key === 'POST /__standin/subscribe') return subscribe(b);
    if (key === 'GET /__standin/quota') return { openid: q.openid, template_id: q.template_id, quota: quota(q.openid, q.template_id) };
    if (key === 'GET /__standin/inbox')
      return { items: state.inbox.filter((m) => !q.openid || /** @type {any} */ (m).touser === q.openid) };
    if (key === 'GET /__standin/calls') return { calls: state.calls.filter((c) => !q.path || /** @type {any} */ (c).path === q.path) };
    if (key === 'POST /__standin/fail') return fail(b);
    if (key === 'POST /__standin/clock') return advance(b.advanceSeconds);
    if (key === 'POST /__standin/reset') return reset();
    return undefined;
  }

  const server = http.createServer((req, res) => {
    const chunks = /** @type {Buffer[]} */ ([]);
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const target = new URL(req.url ?? '/', 'http://standin');
      const q = Object.fromEntries(target.searchParams);
      const raw = Buffer.concat(chunks).toString('utf8');
      const method = req.method ?? 'GET';
      try {
        if (!target.pathname.startsWith('/__standin/')) return reply(res, 200, wechat(method, target.pathname, q, raw));
        const answer = control(method, target.pathname, q, raw ? JSON.parse(raw) : {});
        return answer === undefined ? reply(res, 404, { error: `no control route ${method} ${target.pathname}` }) : reply(res, 200, answer);
      } catch (e) {
        return reply(res, 400, { error: e instanceof Error ? e.message : String(e) });
      }
    });
  });

  let url = '';
  return {
    /** Listens on 127.0.0.1 (port 0: any free port); resolves with the base URL. */
    listen(/** @type {number} */ port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = /** @type {import('node:net').AddressInfo} */ (server.address());
          url = `http://${host}:${address.port}`;
          resolve(url);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      });
    },
    get url() {
      return url;
    },
    state,
    login,
    subscribe,
    fail,
    advance,
    reset,
    quota,
  };
}

module.exports = { createStandin, PATHS };
