/**
 * The WeChat stand-in (tools/wechat-standin) in the test process, typed for the tests: start it on
 * an ephemeral port BEFORE createTestApp() and the app's WeChat client talks to it.
 */
export interface StandinMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogram_state: string;
  lang: string;
  at: string;
}

export interface Standin {
  url: string;
  /** plays wx.login for a simulated WeChat user: a fresh one-time code and the user's stable openid */
  login(user: string): { code: string; openid: string };
  /** plays the user's tap in the subscription dialog (accept adds one quota on WeChat's side) */
  subscribe(tap: { openid: string; template_id: string; accept: boolean }): { quota: number };
  /** WeChat's side of the quota */
  quota(openid: string, templateId: string): number;
  /** the next `times` calls to `path` that would succeed fail with `errcode` */
  fail(f: { path: string; errcode: number; times?: number }): unknown;
  /** moves the stand-in's clock (codes and tokens expire) */
  advance(seconds: number): unknown;
  state: {
    sessions: Map<string, string>;
    calls: { path: string; body?: Record<string, unknown>; answer: Record<string, unknown> }[];
    inbox: StandinMessage[];
  };
  close(): Promise<void>;
}

/** Starts the stand-in with its demo app and points WECHAT_API_BASE at it (no real credentials). */
export async function startStandin(): Promise<Standin> {
  const { createStandin } = require('@hongyuan/wechat-standin');
  const { DEMO_TEMPLATES } = require('@hongyuan/wechat-standin/demo-templates');
  const standin = createStandin({ appid: 'wx0123456789abcdef', secret: '0123456789abcdef0123456789abcdef', templates: DEMO_TEMPLATES });
  process.env.WECHAT_API_BASE = await standin.listen(0);
  delete process.env.WECHAT_APPID;
  delete process.env.WECHAT_SECRET;
  return standin as Standin;
}
