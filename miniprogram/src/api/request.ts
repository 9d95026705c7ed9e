/**
 * The ONE HTTP client of the app: every mobile page and the PC desk go through it.
 *
 * Stable exports (the desk imports them; change with care):
 *
 *   api.get<T>(path, query?, options?)      GET    API_BASE + '/api' + path ? query
 *   api.post<T>(path, body?, options?)      POST   JSON body
 *   api.put<T>(path, body?, options?)       PUT
 *   api.patch<T>(path, body?, options?)     PATCH
 *   api.delete<T>(path, options?)           DELETE
 *   api.request<T>({ method, path, query, body, ...options })
 *   api.url(path, query?)                   the absolute URL (e.g. for a download link on H5)
 *
 *     `path` is relative to /api ('/parts', '/auth/me'); a path that already starts with '/api/'
 *     is used as is. Query values that are undefined, null or '' are left out.
 *     The promise resolves with `data` of the `{ ok: true, data }` envelope and rejects with
 *     an ApiError otherwise. options.authRedirect = false keeps a 401 from logging out.
 *
 *   class ApiError { status, code, message, issues?, details? }
 *     status 0 = no answer (code NETWORK or TIMEOUT). `message` is Chinese, show it as is.
 *   isApiError(e), errorMessage(e)   the Chinese text to show for anything thrown
 *   fieldErrors(e)                   { 'contacts.0.phone': '...' } from a VALIDATION error
 *
 *   Session: { employee: Me, token?, csrfToken?, expiresAt? }
 *   getSession(), setSession(s), clearSession(), getEmployee(), isLoggedIn(), wasLoggedOut()
 *   login(phone, password)   POST /auth/login, stores the session, returns LoginResult
 *   logout()                 POST /auth/logout (errors ignored), clears the session
 *   fetchMe()                GET /auth/me, refreshes the stored employee (and the H5 CSRF token)
 *   redirectToLogin()        reLaunch the login page (once, however many 401s arrive)
 *   redirectToPasswordChange()  reLaunch 修改密码 in its required form (PASSWORD_CHANGE_REQUIRED)
 *
 *   CLIENT ('h5' | 'weapp'), LOGIN_PAGE, HOME_PAGE, DESK_PAGE, PASSWORD_PAGE
 *
 * Authentication: on weapp the bearer token from login is sent as `Authorization`; on H5 the
 * server keeps an HttpOnly cookie (requests go with credentials) and every non-GET request
 * carries `X-CSRF-Token`. Any 401 (other than a failed login) clears the session and goes to
 * the login page; a 403 PASSWORD_CHANGE_REQUIRED (a password someone else knows) goes to 修改密码.
 */
import Taro from '@tarojs/taro';
import type { ApiFail, ErrorCode, FieldIssue, LoginResult, Me } from '@hongyuan/shared';

export const CLIENT: 'h5' | 'weapp' = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp';

export const LOGIN_PAGE = '/pages/login/index';
export const HOME_PAGE = '/pages/home/index';
export const DESK_PAGE = '/pages/desk/index';
export const PASSWORD_PAGE = '/packages/account/password/index';
/** 修改密码 when the employee must replace his password before anything else. */
export const PASSWORD_REQUIRED_PAGE = `${PASSWORD_PAGE}?required=1`;

const SESSION_KEY = 'hy.session';
const TIMEOUT_MS = 15000;

// ---------------------------------------------------------------------------------------------
// Errors

export type ApiErrorCode = ErrorCode | 'NETWORK' | 'TIMEOUT' | 'BAD_RESPONSE';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly issues?: FieldIssue[];
  readonly details?: unknown;

  constructor(status: number, code: ApiErrorCode, message: string, issues?: FieldIssue[], details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.details = details;
    // Keep instanceof working when compiled down to ES5.
    Object.setPrototypeOf(this, ApiError.prototype);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The Chinese message to show the user for anything a request threw. */
export function errorMessage(e: unknown, fallback = '操作失败，请稍后重试'): string {
  if (isApiError(e)) {
    // A validation error whose summary is generic: the first field message says more.
    if (e.code === 'VALIDATION' && e.issues && e.issues.length > 0 && e.message === '输入有误') return e.issues[0].message;
    return e.message || fallback;
  }
  return fallback;
}

/** Field messages of a VALIDATION error, by dotted path. */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isApiError(e) && e.issues) {
    for (const i of e.issues) if (!(i.path in out)) out[i.path] = i.message;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Session

export interface Session {
  employee: Me;
  /** weapp: bearer token */
  token?: string;
  /** h5: CSRF token sent on every write */
  csrfToken?: string;
  expiresAt?: string;
}

let memorySession: Session | null | undefined;
/** Set by logout(): the weapp then does not log the same WeChat straight back in (until the next start). */
let loggedOutByHand = false;

export function getSession(): Session | null {
  if (memorySession === undefined) {
    try {
      const stored = Taro.getStorageSync(SESSION_KEY);
      memorySession = stored && typeof stored === 'object' && stored.employee ? (stored as Session) : null;
    } catch {
      memorySession = null;
    }
  }
  return memorySession;
}

export function setSession(session: Session): void {
  memorySession = session;
  loggedOutByHand = false;
  try {
    Taro.setStorageSync(SESSION_KEY, session);
  } catch {
    /* storage full or unavailable: the in-memory copy still works for this run */
  }
}

export function clearSession(): void {
  memorySession = null;
  try {
    Taro.removeStorageSync(SESSION_KEY);
  } catch {
    /* ignore */
  }
}

export function getEmployee(): Me | null {
  return getSession()?.employee ?? null;
}

export function isLoggedIn(): boolean {
  return getSession() !== null;
}

/** True after the person logged out in this run of the app (no silent WeChat login then). */
export function wasLoggedOut(): boolean {
  return loggedOutByHand;
}

// ---------------------------------------------------------------------------------------------
// Requests

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  /** false: a 401 is only thrown, without logging out and going to the login page. */
  authRedirect?: boolean;
  header?: Record<string, string>;
  timeout?: number;
}

export interface RequestConfig extends RequestOptions {
  method?: Method;
  path: string;
  query?: Query;
  body?: unknown;
}

function apiPath(path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  return p === '/api' || p.startsWith('/api/') || p.startsWith('/api?') ? p : `/api${p}`;
}

function queryString(query?: Query): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const key of Object.keys(query)) {
    const v = query[key];
    if (v === undefined || v === null || v === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function buildUrl(path: string, query?: Query): string {
  const base = typeof API_BASE === 'string' ? API_BASE.replace(/\/+$/, '') : '';
  const full = apiPath(path);
  const qs = queryString(query);
  return `${base}${full}${qs ? (full.includes('?') ? `&${qs.slice(1)}` : qs) : ''}`;
}

let redirecting = false;

/** Go to the login page, once, however many requests fail with 401 at the same time. */
export function redirectToLogin(): void {
  if (redirecting) return;
  try {
    const pages = Taro.getCurrentPages();
    const current = pages.length ? pages[pages.length - 1] : undefined;
    const route = current ? String((current as { route?: string }).route || (current as { path?: string }).path || '') : '';
    if (route.replace(/^\//, '').startsWith(LOGIN_PAGE.slice(1))) return;
  } catch {
    /* no page stack yet */
  }
  redirecting = true;
  // Once the login page is the current page, the check above stops further redirects.
  const done = () => {
    redirecting = false;
  };
  Promise.resolve(Taro.reLaunch({ url: LOGIN_PAGE })).then(done, done);
}

let changingPassword = false;

/** Go to 修改密码 (required), once, unless it is already the current page. */
export function redirectToPasswordChange(): void {
  if (changingPassword) return;
  try {
    const pages = Taro.getCurrentPages();
    const current = pages.length ? pages[pages.length - 1] : undefined;
    const route = current ? String((current as { route?: string }).route || (current as { path?: string }).path || '') : '';
    if (route.replace(/^\//, '').startsWith(PASSWORD_PAGE.slice(1))) return;
  } catch {
    /* no page stack yet */
  }
  changingPassword = true;
  const done = () => {
    changingPassword = false;
  };
  Promise.resolve(Taro.reLaunch({ url: PASSWORD_REQUIRED_PAGE })).then(done, done);
}

function isEnvelope(body: unknown): body is { ok: boolean } {
  return !!body && typeof body === 'object' && typeof (body as { ok?: unknown }).ok === 'boolean';
}

async function send<T>(cfg: RequestConfig, retriedCsrf = false): Promise<T> {
  const method = cfg.method ?? 'GET';
  const session = getSession();
  const header: Record<string, string> = { Accept: 'application/json', ...(cfg.header ?? {}) };
  if (cfg.body !== undefined) header['Content-Type'] = 'application/json';
  if (CLIENT === 'weapp' && session?.token) header.Authorization = `Bearer ${session.token}`;
  if (CLIENT === 'h5' && method !== 'GET' && session?.csrfToken) header['X-CSRF-Token'] = session.csrfToken;

  const options: Taro.request.Option = {
    url: buildUrl(cfg.path, cfg.query),
    method,
    header,
    data: cfg.body as Taro.request.Option['data'],
    dataType: 'json',
    timeout: cfg.timeout ?? TIMEOUT_MS,
  };
  if (CLIENT === 'h5') {
    options.credentials = 'include';
    options.mode = 'cors';
  }

  let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>;
  try {
    res = await Taro.request(options);
  } catch (e) {
    const text = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? '');
    if (/timeout|abort/i.test(text)) throw new ApiError(0, 'TIMEOUT', '请求超时，请检查网络后重试');
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }

  const status = res.statusCode;
  let body: unknown = res.data;
  if (typeof body === 'string' && body) {
    try {
      body = JSON.parse(body);
    } catch {
      /* not JSON */
    }
  }

  if (isEnvelope(body) && body.ok && status >= 200 && status < 300) {
    return (body as unknown as { data: T }).data;
  }

  let error: ApiError;
  if (isEnvelope(body) && !body.ok) {
    const f = body as ApiFail;
    error = new ApiError(status, f.code, f.message || '操作失败，请稍后重试', f.issues, f.details);
  } else if (status >= 500 || status === 0) {
    error = new ApiError(status, 'INTERNAL', '服务器暂时不可用，请稍后重试');
  } else if (status === 401) {
    error = new ApiError(status, 'UNAUTHENTICATED', '请先登录');
  } else if (status === 404) {
    error = new ApiError(status, 'ROUTE_NOT_FOUND', '接口不存在');
  } else {
    error = new ApiError(status, 'BAD_RESPONSE', '服务器返回了无法识别的数据，请稍后重试');
  }

  if (status === 401 && error.code !== 'LOGIN_FAILED' && cfg.authRedirect !== false) {
    clearSession();
    redirectToLogin();
  }
  if (status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') redirectToPasswordChange();
  // H5: the CSRF token went stale (e.g. the session was renewed in another tab): fetch a
  // fresh one and try once more.
  if (CLIENT === 'h5' && status === 403 && error.code === 'CSRF' && !retriedCsrf && session) {
    try {
      await fetchMe();
    } catch {
      throw error;
    }
    return send<T>(cfg, true);
  }
  throw error;
}

export const api = {
  request<T>(cfg: RequestConfig): Promise<T> {
    return send<T>(cfg);
  },
  get<T>(path: string, query?: Query, options?: RequestOptions): Promise<T> {
    return send<T>({ ...options, method: 'GET', path, query });
  },
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return send<T>({ ...options, method: 'POST', path, body });
  },
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return send<T>({ ...options, method: 'PUT', path, body });
  },
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return send<T>({ ...options, method: 'PATCH', path, body });
  },
  delete<T>(path: string, options?: RequestOptions): Promise<T> {
    return send<T>({ ...options, method: 'DELETE', path });
  },
  url(path: string, query?: Query): string {
    return buildUrl(path, query);
  },
};

// ---------------------------------------------------------------------------------------------
// Auth calls

export async function login(phone: string, password: string): Promise<LoginResult> {
  const result = await api.post<LoginResult>('/auth/login', { phone, password, client: CLIENT }, { authRedirect: false });
  setSession({ employee: result.employee, token: result.token, csrfToken: result.csrfToken, expiresAt: result.expiresAt });
  return result;
}

export async function fetchMe(): Promise<Me> {
  const me = await api.get<Me & { csrfToken?: string }>('/auth/me');
  const { csrfToken, ...employee } = me;
  const current = getSession();
  setSession({ ...(current ?? {}), employee, csrfToken: csrfToken ?? current?.csrfToken });
  return employee;
}

export async function logout(): Promise<void> {
  try {
    await api.post('/auth/logout', undefined, { authRedirect: false });
  } catch {
    /* already logged out on the server, or offline: forget the session anyway */
  }
  clearSession();
  loggedOutByHand = true;
}
