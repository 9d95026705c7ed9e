'use strict';
const { start } = require('./helpers');

/** @type {Awaited<ReturnType<typeof start>>} */
let t;
afterEach(() => t.standin.close());

describe('GET /sns/jscode2session', () => {
  beforeEach(async () => {
    t = await start();
  });

  test('answers openid and session_key (no unionid) for a code played by wx.login', async () => {
    const { code, openid } = await t.login('zhang-san');
    const answer = await t.code2session(code);
    expect(answer).toEqual({ openid, session_key: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/) });
    expect(openid).toMatch(/^o[\w-]{27}$/);
    expect(t.standin.state.sessions.get(openid)).toBe(answer.session_key);
  });

  test('each user has a stable openid; each login a new code', async () => {
    const a = await t.login('zhang-san');
    const b = await t.login('zhang-san');
    const c = await t.login('li-si');
    expect(b.openid).toBe(a.openid);
    expect(b.code).not.toBe(a.code);
    expect(c.openid).not.toBe(a.openid);
  });

  test('a code works once; unknown and expired codes are 40029', async () => {
    const { code } = await t.login('zhang-san');
    expect((await t.code2session(code)).openid).toBeDefined();
    expect(await t.code2session(code)).toEqual({ errcode: 40029, errmsg: expect.stringMatching(/^invalid code rid: [0-9a-f]{8}-/) });
    expect((await t.code2session('nope')).errcode).toBe(40029);
    const late = await t.login('zhang-san');
    await t.advance(301);
    expect((await t.code2session(late.code)).errcode).toBe(40029);
  });

  test('checks appid, secret, grant_type and method', async () => {
    const { code } = await t.login('zhang-san');
    expect((await t.code2session(code, { appid: 'wx0000000000000000' })).errcode).toBe(40013);
    expect((await t.code2session(code, { secret: 'wrong' })).errcode).toBe(40125);
    expect((await t.code2session(code, { grant: 'client_credential' })).errcode).toBe(40002);
    expect((await t.get(`/sns/jscode2session?secret=x&js_code=${code}&grant_type=authorization_code`)).errcode).toBe(41002);
    expect((await t.post('/sns/jscode2session', {})).errcode).toBe(43001);
    expect((await t.code2session(code)).openid).toBeDefined(); // none of these used the code up
  });
});

test('45011 past the per-minute limit; the next minute works again and the code was not used up', async () => {
  t = await start({ jscode2sessionPerMinute: 3 });
  const codes = [];
  for (let i = 0; i < 4; i++) codes.push((await t.login(`user-${i}`)).code);
  for (let i = 0; i < 3; i++) expect((await t.code2session(codes[i])).openid).toBeDefined();
  const limited = await t.code2session(codes[3]);
  expect(limited.errcode).toBe(45011);
  expect(limited.errmsg).toMatch(/^api minute-quota reach limit/);
  await t.advance(60);
  expect((await t.code2session(codes[3])).openid).toBeDefined();
});

test('reusedCodeErrcode: 40163 «code been used» as some community reports show', async () => {
  t = await start({ reusedCodeErrcode: 40163 });
  const { code } = await t.login('zhang-san');
  await t.code2session(code);
  expect(await t.code2session(code)).toMatchObject({ errcode: 40163, errmsg: expect.stringMatching(/^code been used/) });
  expect((await t.code2session('unknown')).errcode).toBe(40029);
});

describe('GET /cgi-bin/token', () => {
  beforeEach(async () => {
    t = await start();
  });
  /** A send whose only possible token error is the one under test (no quota: 43101 means the token passed). */
  const useToken = async (/** @type {string} */ token) => {
    const { openid } = await t.login('token-user');
    return (await t.send(token, { touser: openid, template_id: 'demo-dispatch', data: {} })).errcode;
  };

  test('issues a token for 7200 s', async () => {
    const answer = await t.token();
    expect(answer).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    expect(answer.access_token.length).toBeGreaterThan(128);
    expect(await useToken(answer.access_token)).toBe(47003); // passed the token check
  });

  test('a new token retires the previous one (40001)', async () => {
    const first = (await t.token()).access_token;
    const second = (await t.token()).access_token;
    expect(second).not.toBe(first);
    expect(await useToken(first)).toBe(40001);
    expect(await useToken(second)).toBe(47003);
  });

  test('expires after 7200 s (42001)', async () => {
    const token = (await t.token()).access_token;
    t.clock.now += 7199 * 1000;
    expect(await useToken(token)).toBe(47003);
    await t.advance(1);
    expect(await useToken(token)).toBe(42001);
  });

  test('checks credentials; a missing or unknown token is 41001 / 40001', async () => {
    expect((await t.get('/cgi-bin/token?grant_type=client_credential&appid=wx0123456789abcdef&secret=bad')).errcode).toBe(40125);
    expect((await t.get('/cgi-bin/token?grant_type=client_credential&appid=wxbad&secret=x')).errcode).toBe(40013);
    expect((await t.get('/cgi-bin/token?appid=wx0123456789abcdef&secret=x')).errcode).toBe(40002);
    expect((await t.post('/cgi-bin/message/subscribe/send', { touser: 'x' })).errcode).toBe(41001);
    expect(await useToken('made-up')).toBe(40001);
  });
});

test('tokenOverlapSeconds keeps a replaced token alive for that long', async () => {
  t = await start({ tokenOverlapSeconds: 300 });
  const first = (await t.token()).access_token;
  await t.token();
  const { openid } = await t.login('u');
  const errcode = async () => (await t.send(first, { touser: openid, template_id: 'demo-dispatch', data: {} })).errcode;
  expect(await errcode()).toBe(47003);
  await t.advance(299);
  expect(await errcode()).toBe(47003);
  await t.advance(1);
  expect(await errcode()).toBe(40001);
});

describe('POST /cgi-bin/stable_token', () => {
  beforeEach(async () => {
    t = await start();
  });
  const errcodeWith = async (/** @type {string} */ token) => {
    const { openid } = await t.login('stable-user');
    return (await t.send(token, { touser: openid, template_id: 'demo-dispatch', data: {} })).errcode;
  };

  test('returns the same token while it is valid, with the time left', async () => {
    const a = await t.stableToken();
    expect(a).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    await t.advance(1000);
    expect(await t.stableToken(false)).toEqual({ access_token: a.access_token, expires_in: 6200 });
    expect(await errcodeWith(a.access_token)).toBe(47003);
  });

  test('is independent of /cgi-bin/token', async () => {
    const stable = (await t.stableToken()).access_token;
    const plain = (await t.token()).access_token;
    await t.token();
    expect(await errcodeWith(stable)).toBe(47003);
    expect(await errcodeWith(plain)).toBe(40001);
    expect((await t.stableToken()).access_token).toBe(stable);
  });

  test('within the last 5 minutes it issues a new token; the old one lives until it expires', async () => {
    const a = (await t.stableToken()).access_token;
    await t.advance(6899);
    expect(await t.stableToken()).toEqual({ access_token: a, expires_in: 301 });
    await t.advance(1);
    const b = await t.stableToken();
    expect(b).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    expect(b.access_token).not.toBe(a);
    expect(await errcodeWith(a)).toBe(47003);
    await t.advance(300);
    expect(await errcodeWith(a)).toBe(42001);
    expect(await errcodeWith(b.access_token)).toBe(47003);
  });

  test('force_refresh retires the current token; not again within 30 s', async () => {
    const a = (await t.stableToken()).access_token;
    const b = (await t.stableToken(true)).access_token;
    expect(b).not.toBe(a);
    expect(await errcodeWith(a)).toBe(40001);
    await t.advance(29);
    expect((await t.stableToken(true)).access_token).toBe(b);
    await t.advance(1);
    const c = (await t.stableToken(true)).access_token;
    expect(c).not.toBe(b);
    expect(await errcodeWith(b)).toBe(40001);
    expect(await errcodeWith(c)).toBe(47003);
  });

  test('force_refresh at most 20 times a day (45009)', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await t.stableToken(true)).expires_in).toBe(7200);
      await t.advance(30);
    }
    expect((await t.stableToken(true)).errcode).toBe(45009);
    expect((await t.stableToken()).access_token).toBeDefined();
  });

  test('POST JSON only; checks credentials and force_refresh type', async () => {
    expect((await t.get('/cgi-bin/stable_token?grant_type=client_credential')).errcode).toBe(43002);
    expect((await t.post('/cgi-bin/stable_token', 'grant_type=client_credential')).errcode).toBe(47001);
    expect((await t.post('/cgi-bin/stable_token', '')).errcode).toBe(44002);
    const body = { grant_type: 'client_credential', appid: 'wx0123456789abcdef', secret: '0123456789abcdef0123456789abcdef' };
    expect((await t.post('/cgi-bin/stable_token', { ...body, secret: 'x' })).errcode).toBe(40125);
    expect((await t.post('/cgi-bin/stable_token', { ...body, grant_type: 'authorization_code' })).errcode).toBe(40002);
    expect((await t.post('/cgi-bin/stable_token', { ...body, force_refresh: 'true' })).errcode).toBe(47001);
  });
});
