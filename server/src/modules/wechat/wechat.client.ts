import { Config, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { DomainError } from '../../common/errors';
import type { AppEnv } from '../../config/env';

/** What code2Session answers; the session_key stays on the server. */
export interface WechatSession {
  openid: string;
  sessionKey: string;
}

const TIMEOUT_MS = 8000;

/** Connection errors that mean the request never reached WeChat (safe to send again). */
const NEVER_LEFT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page: string;
  data: unknown;
  miniprogram_state: string;
  lang: string;
}

/** What a subscribe/send came to (see WechatClient.sendSubscribe). */
export interface SendAnswer {
  errcode: number | null;
  errmsg: string;
  unknown: boolean;
}

/**
 * The server side of WeChat's mini-program API, at the configured base URL (WeChat itself, or
 * the stand-in). Errors become DomainErrors with Chinese messages; errcode decides, never errmsg.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WechatClient {
  @Config('app') env: AppEnv;
  @Logger() logger: ILogger;

  /** GET /sns/jscode2session: the openid (and session_key) behind a wx.login code. */
  async code2Session(code: string): Promise<WechatSession> {
    const { appid, secret } = this.env.wechat;
    const answer = await this.get('/sns/jscode2session', { appid, secret, js_code: code, grant_type: 'authorization_code' });
    const { openid, session_key: sessionKey } = answer;
    if (typeof openid !== 'string' || !openid || typeof sessionKey !== 'string' || !sessionKey) {
      this.logger.error('[wechat] jscode2session answered without openid/session_key');
      throw new DomainError('WECHAT_UNAVAILABLE', '微信登录返回了无法识别的数据，请稍后重试');
    }
    return { openid, sessionKey };
  }

  /**
   * POST /cgi-bin/stable_token: the access token (normal mode returns the current one while it
   * has more than 5 minutes left; force_refresh retires it). Throws a DomainError on failure.
   */
  async stableToken(forceRefresh: boolean): Promise<{ token: string; expiresIn: number }> {
    const { appid, secret } = this.env.wechat;
    const answer = await this.post(
      '/cgi-bin/stable_token',
      {},
      { grant_type: 'client_credential', appid, secret, force_refresh: forceRefresh },
    );
    const errcode = Number(answer.errcode ?? 0);
    if (errcode !== 0 || typeof answer.access_token !== 'string' || !answer.access_token) {
      this.logger.error(`[wechat] stable_token: errcode ${errcode} ${String(answer.errmsg ?? '')}`);
      throw wechatError(errcode || -1);
    }
    return { token: answer.access_token, expiresIn: Number(answer.expires_in ?? 7200) };
  }

  /**
   * POST /cgi-bin/message/subscribe/send. Answers WeChat's errcode (0 = sent) and errmsg. errcode
   * null: no answer. `unknown` says whether WeChat may have received it anyway (a timeout or a
   * connection cut after the request left), as opposed to a request that never left (refused,
   * no route, no DNS) or an answer that was not WeChat's JSON.
   */
  async sendSubscribe(token: string, message: SubscribeMessage): Promise<SendAnswer> {
    const url = `${this.env.wechat.apiBase}/cgi-bin/message/subscribe/send?${new URLSearchParams({ access_token: token })}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      const neverLeft = NEVER_LEFT.has(err.cause?.code ?? '');
      this.logger.warn(`[wechat] subscribe/send: ${err.name} ${err.cause?.code ?? err.message}`);
      return { errcode: null, errmsg: err.cause?.code ?? err.name, unknown: !neverLeft };
    }
    try {
      const answer = (await res.json()) as Record<string, unknown>;
      return { errcode: Number(answer.errcode ?? 0), errmsg: String(answer.errmsg ?? ''), unknown: false };
    } catch (e) {
      // a gateway page or a cut body: no errcode to go by
      return { errcode: null, errmsg: `HTTP ${res.status}`, unknown: (e as Error).name === 'TimeoutError' };
    }
  }

  /** A POST of JSON to WeChat; answers the JSON object whatever its errcode (the caller decides). */
  private async post(path: string, query: Record<string, string>, body: unknown): Promise<Record<string, unknown>> {
    const qs = new URLSearchParams(query).toString();
    const url = `${this.env.wechat.apiBase}${path}${qs ? `?${qs}` : ''}`;
    let answer: unknown;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      answer = await res.json();
    } catch (e) {
      this.logger.warn(`[wechat] POST ${path} failed: ${(e as Error).message}`);
      throw new DomainError('WECHAT_UNAVAILABLE', '无法连接微信服务器，请稍后重试');
    }
    if (!answer || typeof answer !== 'object') throw new DomainError('WECHAT_UNAVAILABLE', '微信服务器返回了无法识别的数据，请稍后重试');
    return answer as Record<string, unknown>;
  }

  /** A GET to WeChat; a missing or 0 errcode is success (a successful jscode2session carries none). */
  private async get(path: string, query: Record<string, string>): Promise<Record<string, unknown>> {
    const url = `${this.env.wechat.apiBase}${path}?${new URLSearchParams(query)}`;
    let body: unknown;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      body = await res.json();
    } catch (e) {
      this.logger.error(`[wechat] GET ${path} failed: ${(e as Error).message}`);
      throw new DomainError('WECHAT_UNAVAILABLE', '无法连接微信服务器，请稍后重试');
    }
    if (!body || typeof body !== 'object') throw new DomainError('WECHAT_UNAVAILABLE', '微信服务器返回了无法识别的数据，请稍后重试');
    const answer = body as Record<string, unknown>;
    const errcode = Number(answer.errcode ?? 0);
    if (errcode !== 0) {
      this.logger.warn(`[wechat] GET ${path}: errcode ${errcode} ${String(answer.errmsg ?? '')}`);
      throw wechatError(errcode);
    }
    return answer;
  }
}

/** WeChat's errcodes as the person sees them. */
export function wechatError(errcode: number): DomainError {
  switch (errcode) {
    case 40029: // invalid, expired or used code
    case 40163: // code been used
      return new DomainError('BAD_REQUEST', '微信登录凭证已失效，请重试');
    case 41008:
      return new DomainError('BAD_REQUEST', '缺少微信登录凭证，请重试');
    case 45011:
      return new DomainError('RATE_LIMITED', '微信登录过于频繁，请稍后再试');
    case 40002:
    case 40013:
    case 40125:
    case 41002:
    case 41004:
      return new DomainError('WECHAT_UNAVAILABLE', '微信登录配置有误（AppID 或 AppSecret），请联系管理员');
    case -1:
      return new DomainError('WECHAT_UNAVAILABLE', '微信服务繁忙，请稍后重试');
    default:
      return new DomainError('WECHAT_UNAVAILABLE', `微信服务返回错误（${errcode}），请稍后重试`);
  }
}
