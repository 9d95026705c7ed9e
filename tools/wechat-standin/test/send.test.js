'use strict';
const { start, dispatch } = require('./helpers');

/** @type {Awaited<ReturnType<typeof start>>} */
let t;
/** @type {string} */ let openid;
/** @type {string} */ let token;
beforeEach(async () => {
  t = await start({ sensitiveWords: ['违禁词'], pages: ['pages/order/detail', 'pages/index/index'] });
  ({ openid, token } = await t.setup());
});
afterEach(() => t.standin.close());

describe('POST /cgi-bin/message/subscribe/send', () => {
  test('a send with quota succeeds, consumes one quota and lands in the inbox', async () => {
    expect(await t.tap(openid, 'demo-dispatch')).toEqual({ openid, template_id: 'demo-dispatch', quota: 1 });
    expect(await t.send(token, dispatch(openid))).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(t.standin.quota(openid, 'demo-dispatch')).toBe(0);
    const { items } = await t.get(`/__standin/inbox?openid=${openid}`);
    expect(items).toEqual([
      {
        touser: openid,
        template_id: 'demo-dispatch',
        page: 'pages/order/detail?id=42',
        data: dispatch(openid).data,
        miniprogram_state: 'developer',
        lang: 'zh_CN',
        at: '2025-03-01T08:00:00.000Z',
      },
    ]);
  });

  test('43101 without quota; each accept allows one message of that template only', async () => {
    expect((await t.send(token, dispatch(openid))).errcode).toBe(43101);
    await t.tap(openid, 'demo-dispatch');
    await t.tap(openid, 'demo-dispatch');
    await t.tap(openid, 'demo-approval-request', false);
    expect((await t.send(token, dispatch(openid))).errcode).toBe(0);
    expect((await t.send(token, dispatch(openid))).errcode).toBe(0);
    const third = await t.send(token, dispatch(openid));
    expect(third).toEqual({ errcode: 43101, errmsg: expect.stringMatching(/^user refuse to accept the msg rid: /) });
    const approval = {
      touser: openid,
      template_id: 'demo-approval-request',
      data: {
        thing1: { value: '配件领用' },
        name2: { value: '王五' },
        character_string3: { value: 'RQ-0001' },
        time4: { value: '2025-03-01 10:00' },
        thing5: { value: '急用' },
      },
    };
    expect((await t.send(token, approval)).errcode).toBe(43101); // rejected tap gives no quota
    expect((await t.get(`/__standin/quota?openid=${openid}&template_id=demo-dispatch`)).quota).toBe(0);
    expect(await t.get(`/__standin/inbox?openid=${openid}`)).toEqual({ items: [expect.any(Object), expect.any(Object)] });
  });

  test('40003 for an unknown or missing openid, 40037 for an unknown template', async () => {
    await t.tap(openid, 'demo-dispatch');
    expect((await t.send(token, dispatch('oUnknownOpenid000000000000000'))).errcode).toBe(40003);
    expect((await t.send(token, dispatch(openid, { touser: undefined }))).errcode).toBe(40003);
    expect(await t.send(token, dispatch(openid, { template_id: 'nope' }))).toMatchObject({
      errcode: 40037,
      errmsg: expect.stringMatching(/^invalid template_id/),
    });
    expect(t.standin.quota(openid, 'demo-dispatch')).toBe(1);
  });

  test('data keys must be exactly the template keywords, each {value}', async () => {
    await t.tap(openid, 'demo-dispatch');
    const { thing2: _, ...missing } = dispatch(openid).data;
    expect(await t.send(token, dispatch(openid, { data: missing }))).toMatchObject({
      errcode: 47003,
      errmsg: expect.stringMatching(/^argument invalid! data\.thing2\.value is empty/),
    });
    const extra = { ...dispatch(openid).data, thing6: { value: '多余' } };
    expect((await t.send(token, dispatch(openid, { data: extra }))).errmsg).toMatch(/^argument invalid! data\.thing6 /);
    const unwrapped = { ...dispatch(openid).data, thing2: '张三' };
    expect((await t.send(token, dispatch(openid, { data: unwrapped }))).errmsg).toMatch(/data\.thing2\.value is empty/);
    expect((await t.send(token, dispatch(openid, { data: JSON.stringify(dispatch(openid).data) }))).errcode).toBe(47003);
    const empty = { ...dispatch(openid).data, phrase5: { value: '' } };
    expect((await t.send(token, dispatch(openid, { data: empty }))).errmsg).toMatch(/data\.phrase5\.value is empty/);
    expect(t.standin.quota(openid, 'demo-dispatch')).toBe(1);
  });

  test('miniprogram_state, lang and page', async () => {
    await t.tap(openid, 'demo-dispatch');
    expect((await t.send(token, dispatch(openid, { miniprogram_state: 'release' }))).errcode).toBe(47003);
    expect((await t.send(token, dispatch(openid, { lang: 'zh-CN' }))).errcode).toBe(47003);
    expect((await t.send(token, dispatch(openid, { page: 'https://example.com/x' }))).errcode).toBe(41030);
    // pages are checked against the live version's pages only for formal
    expect((await t.send(token, dispatch(openid, { page: 'pages/missing/index', miniprogram_state: 'formal' }))).errcode).toBe(41030);
    expect((await t.send(token, dispatch(openid, { page: '/pages/index/index', miniprogram_state: undefined }))).errcode).toBe(0);
    await t.tap(openid, 'demo-dispatch');
    expect((await t.send(token, dispatch(openid, { page: 'pages/missing/index', miniprogram_state: 'trial' }))).errcode).toBe(0);
    const { items } = await t.get('/__standin/inbox');
    expect(items.map((/** @type {any} */ m) => [m.page, m.miniprogram_state])).toEqual([
      ['/pages/index/index', 'formal'],
      ['pages/missing/index', 'trial'],
    ]);
  });

  test('45168 on a configured sensitive word; quota kept', async () => {
    await t.tap(openid, 'demo-dispatch');
    const data = { ...dispatch(openid).data, thing3: { value: '含有违禁词的描述' } };
    expect((await t.send(token, dispatch(openid, { data }))).errcode).toBe(45168);
    expect(t.standin.quota(openid, 'demo-dispatch')).toBe(1);
  });

  test('a body that is not JSON is 47001; GET is 43002', async () => {
    expect((await t.post(`/cgi-bin/message/subscribe/send?access_token=${token}`, 'touser=x')).errcode).toBe(47001);
    expect((await t.get(`/cgi-bin/message/subscribe/send?access_token=${token}`)).errcode).toBe(43002);
    expect((await t.get('/cgi-bin/no/such/api')).errcode).toBe(40066);
  });
});

describe('induced failures (/__standin/fail)', () => {
  test('43108 twice then success; quota consumed only by the success', async () => {
    await t.tap(openid, 'demo-dispatch');
    expect(await t.post('/__standin/fail', { path: '/cgi-bin/message/subscribe/send', errcode: 43108, times: 2 })).toEqual({
      path: '/cgi-bin/message/subscribe/send',
      pending: 2,
    });
    expect((await t.send(token, dispatch(openid))).errcode).toBe(43108);
    expect(t.standin.quota(openid, 'demo-dispatch')).toBe(1);
    expect((await t.send(token, dispatch(openid))).errcode).toBe(43108);
    expect(await t.send(token, dispatch(openid))).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(t.standin.quota(openid, 'demo-dispatch')).toBe(0);
  });

  test('-1 system error; a request that is wrong anyway gets its real error first', async () => {
    await t.tap(openid, 'demo-dispatch');
    await t.post('/__standin/fail', { path: '/cgi-bin/message/subscribe/send', errcode: -1 });
    expect((await t.send(token, dispatch(openid, { template_id: 'nope' }))).errcode).toBe(40037);
    expect(await t.send(token, dispatch(openid))).toEqual({ errcode: -1, errmsg: expect.stringMatching(/^system error rid: /) });
    expect((await t.send(token, dispatch(openid))).errcode).toBe(0);
  });

  test('works on the other endpoints; bad requests to the control API are 400', async () => {
    await t.post('/__standin/fail', { path: '/sns/jscode2session', errcode: -1 });
    const { code } = await t.login('wang-wu');
    expect((await t.code2session(code)).errcode).toBe(-1);
    expect((await t.code2session(code)).openid).toBeDefined();
    await t.post('/__standin/fail', { path: '/cgi-bin/token', errcode: 45009, errmsg: 'reach max api daily quota limit' });
    expect((await t.token()).errmsg).toMatch(/^reach max api daily quota limit/);
    const res = await fetch(`${t.url}/__standin/fail`, { method: 'POST', body: JSON.stringify({ path: '/nope', errcode: -1 }) });
    expect(res.status).toBe(400);
    const tap = await fetch(`${t.url}/__standin/subscribe`, {
      method: 'POST',
      body: JSON.stringify({ openid: 'x', template_id: 'demo-dispatch', accept: true }),
    });
    expect(tap.status).toBe(400);
  });
});

describe('records', () => {
  test('/__standin/calls lists every WeChat call with its answer', async () => {
    await t.send(token, dispatch(openid));
    const { calls } = await t.get('/__standin/calls');
    expect(calls.map((/** @type {any} */ c) => [c.method, c.path, c.answer.errcode])).toEqual([
      ['GET', '/cgi-bin/token', undefined],
      ['POST', '/cgi-bin/message/subscribe/send', 43101],
    ]);
    expect(calls[0].query).toMatchObject({ grant_type: 'client_credential', appid: 'wx0123456789abcdef' });
    expect(calls[1].body).toEqual(dispatch(openid));
    const sends = await t.get('/__standin/calls?path=/cgi-bin/message/subscribe/send');
    expect(sends.calls).toHaveLength(1);
  });

  test('reset clears tokens, quotas, inbox and calls but keeps the users', async () => {
    await t.tap(openid, 'demo-dispatch');
    await t.send(token, dispatch(openid));
    await t.advance(100);
    expect(await t.post('/__standin/reset', {})).toEqual({ ok: true });
    expect((await t.get('/__standin/inbox')).items).toEqual([]);
    expect((await t.get('/__standin/calls')).calls).toEqual([]);
    expect((await t.send(token, dispatch(openid))).errcode).toBe(40001);
    const fresh = (await t.token()).access_token;
    expect((await t.send(fresh, dispatch(openid))).errcode).toBe(43101); // openid still known, quota gone
  });
});
