/** Typed handle on the fake `@tarojs/taro` of the component tests (see taro-shim.js). */
import Taro from '@tarojs/taro';

export interface FakeRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data?: any;
  credentials?: string;
}
export interface FakeResponse {
  statusCode: number;
  data?: unknown;
  header?: Record<string, string>;
}
export type Handler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

interface MockApi {
  state: {
    requests: FakeRequest[];
    navigations: { type: string; url?: string }[];
    toasts: { title?: string }[];
    modals: { title?: string; content?: string }[];
    titles: string[];
    modalConfirm: boolean;
    pageStack: { route: string }[];
    /** useRouter().params of the page under test */
    params: Record<string, string>;
    /** numbers Taro.makePhoneCall was asked to dial */
    phoneCalls: string[];
    /** what Taro.getLocation answers; null: the user declines */
    location: { latitude: number; longitude: number } | null;
    locationAsked: number;
    clipboard: string[];
  };
  reset(): void;
  setHandler(fn: Handler | null): void;
  reachBottom(): void;
}

export const taroMock: MockApi = (Taro as unknown as { __mock: MockApi }).__mock;

/** Path and query of a recorded request URL. */
export function parseUrl(url: string): { path: string; query: Record<string, string> } {
  const u = new URL(url, 'http://app.test');
  const query: Record<string, string> = {};
  u.searchParams.forEach((v, k) => (query[k] = v));
  return { path: u.pathname, query };
}

export const ok = (data: unknown, statusCode = 200): FakeResponse => ({ statusCode, data: { ok: true, data } });
export const fail = (statusCode: number, code: string, message: string, issues?: { path: string; message: string }[]): FakeResponse => ({
  statusCode,
  data: { ok: false, code, message, ...(issues ? { issues } : {}) },
});

/**
 * A small fake of the server's routes: `routes['GET /api/auth/me'] = (req) => response`.
 * Unknown routes answer 404 ROUTE_NOT_FOUND like the real server.
 */
export function fakeServer(routes: Record<string, Handler>): void {
  taroMock.setHandler((req) => {
    const { path } = parseUrl(req.url);
    const route = routes[`${req.method.toUpperCase()} ${path}`];
    if (!route) return fail(404, 'ROUTE_NOT_FOUND', '接口不存在');
    return route(req);
  });
}
