/**
 * The server's /api called directly from a test (not through the app), as a phone calls it: JSON
 * bodies and a Bearer token from a `client: 'weapp'` login. For setting up data and for checking
 * the server's view of what a test did on screen.
 */
import { DEMO } from './server';

/** The HTTP status and the envelope of an /api answer. */
export interface ApiAnswer<T> {
  status: number;
  body: { ok: boolean; data: T; code?: string; message?: string };
}

/** One call to `${baseUrl}/api${path}`, with the token when given; never throws on a refusal. */
export async function callApi<T>(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<ApiAnswer<T>> {
  const send = () =>
    fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let r: Response;
  try {
    r = await send();
  } catch (e) {
    // A pooled keep-alive socket the server had already closed: the request never reached it.
    if ((e as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw e;
    r = await send();
  }
  return { status: r.status, body: await r.json() };
}

/** Logs a demo person in as the mini-program does and returns the token. */
export async function apiLogin(baseUrl: string, phone: string): Promise<string> {
  const r = await callApi<{ token: string }>(baseUrl, 'POST', '/auth/login', undefined, {
    phone,
    password: DEMO.password,
    client: 'weapp',
  });
  if (!r.body.ok) throw new Error(`login ${phone} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data.token;
}

/**
 * Waits until `phone` can log in: the server writes its demo data once it is up, so the first
 * seconds may refuse the demo logins.
 */
export async function waitForDemoLogin(baseUrl: string, phone: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await callApi(baseUrl, 'POST', '/auth/login', undefined, { phone, password: DEMO.password, client: 'weapp' });
    if (r.body.ok) return;
    if (Date.now() > deadline) throw new Error(`demo login never worked: ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 250));
  }
}

/** Someone logged in through the API: calls that must succeed resolve with the envelope's `data`. */
export interface ApiUser {
  token: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

/** Logs `phone` in through the API (Bearer token, as a phone would). */
export async function apiAs(baseUrl: string, phone: string): Promise<ApiUser> {
  const token = await apiLogin(baseUrl, phone);
  const must = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await callApi<T>(baseUrl, method, path, token, body);
    if (!r.body.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.data;
  };
  return { token, get: (path) => must('GET', path), post: (path, body) => must('POST', path, body ?? {}) };
}

/** Logs each of `people` (name → phone) in through the API; resolves with name → ApiUser. */
export async function apiUsers<K extends string>(baseUrl: string, people: Record<K, string>): Promise<Record<K, ApiUser>> {
  const users = {} as Record<K, ApiUser>;
  for (const who of Object.keys(people) as K[]) users[who] = await apiAs(baseUrl, people[who]);
  return users;
}
