'use strict';
// Starts a stand-in on an ephemeral 127.0.0.1 port with a controllable clock, and talks to it over HTTP.
const { createStandin } = require('..');
const { DEMO_TEMPLATES } = require('../demo-templates');

const APPID = 'wx0123456789abcdef';
const SECRET = '0123456789abcdef0123456789abcdef';

/** A template with one keyword of every type, to test the value rules. */
const ALL_TYPES = {
  id: 'all-types',
  title: '全部类型',
  keywords: {
    thing1: '事物',
    number2: '数字',
    letter3: '字母',
    symbol4: '符号',
    character_string5: '字符串',
    time6: '时间',
    date7: '日期',
    amount8: '金额',
    phone_number9: '电话',
    car_number10: '车牌',
    name11: '姓名',
    phrase12: '汉字',
  },
};

/** @param {Partial<import('..').StandinOptions>} [options] */
async function start(options = {}) {
  const clock = { now: Date.parse('2025-03-01T08:00:00Z') };
  const standin = createStandin({
    appid: APPID,
    secret: SECRET,
    templates: [...DEMO_TEMPLATES, ALL_TYPES],
    clock: () => clock.now,
    ...options,
  });
  const url = await standin.listen(0);

  /** @param {string} path @param {RequestInit} [init] */
  async function call(path, init) {
    const res = await fetch(url + path, init);
    const json = await res.json();
    if (!path.startsWith('/__standin/')) expect(res.status).toBe(200); // WeChat answers 200, errors included
    return json;
  }
  const get = (/** @type {string} */ path) => call(path);
  const post = (/** @type {string} */ path, /** @type {unknown} */ body) =>
    call(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const api = {
    standin,
    url,
    clock,
    get,
    post,
    /** Plays wx.login for `user`. @returns {Promise<{ code: string, openid: string }>} */
    login: (/** @type {string} */ user) => post('/__standin/login', { user }),
    /** @param {string} code */
    code2session: (code, { appid = APPID, secret = SECRET, grant = 'authorization_code' } = {}) =>
      get(`/sns/jscode2session?appid=${appid}&secret=${secret}&js_code=${code}&grant_type=${grant}`),
    token: () => get(`/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`),
    /** @param {boolean} [force] */
    stableToken: (force) =>
      post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APPID, secret: SECRET, force_refresh: force }),
    /** @param {string} openid @param {string} templateId @param {boolean} [accept] */
    tap: (openid, templateId, accept = true) => post('/__standin/subscribe', { openid, template_id: templateId, accept }),
    /** @param {string} token @param {unknown} message */
    send: (token, message) => post(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, message),
    /** @param {number} seconds */
    advance: (seconds) => post('/__standin/clock', { advanceSeconds: seconds }),
    /** A logged-in user and a fresh token. */
    async setup(user = 'li-si') {
      const { openid } = await api.login(user);
      const { access_token: token } = await api.token();
      return { openid, token };
    },
  };
  return api;
}

/** A valid 派工通知 message to `openid`. */
const dispatch = (/** @type {string} */ openid, /** @type {Record<string, unknown>} */ over = {}) => ({
  touser: openid,
  template_id: 'demo-dispatch',
  page: 'pages/order/detail?id=42',
  miniprogram_state: 'developer',
  lang: 'zh_CN',
  data: {
    character_string1: { value: 'WO20250301-0042' },
    thing2: { value: '庆元县某某物流公司' },
    thing3: { value: '发动机异响，怠速抖动' },
    time4: { value: '2025-03-01 09:30' },
    phrase5: { value: '待处理' },
  },
  ...over,
});

module.exports = { start, dispatch, APPID, SECRET, ALL_TYPES };
