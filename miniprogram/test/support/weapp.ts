/**
 * Runs the COMPILED mini-program (dist/weapp) under miniprogram-simulate, in a Jest test with
 * `@jest-environment node`:
 *   - a jsdom window for j-component's rendering (created here, so Node's fetch stays available);
 *   - a `wx` whose request() performs real HTTP to a test server (the host of the built-in
 *     API_BASE is swapped for `apiUrl`), with in-memory storage, and navigation that opens the
 *     target page the way WeChat would (navigateTo pushes, redirectTo replaces, reLaunch clears);
 *   - App() captured and launched, Page() turned into Component() so simulate can load pages.
 * WXML is compiled with WeChat's own compiler (miniprogram-compiler, bundled with simulate).
 */
import path from 'path';
import { JSDOM } from 'jsdom';

export const WEAPP_DIST = path.resolve(__dirname, '../../dist/weapp');

export interface RecordedRequest {
  method: string;
  url: string;
  header: Record<string, string>;
  data?: unknown;
  status?: number;
}

export interface WeappPage {
  route: string;
  dom: HTMLElement;
  /** all text of the page */
  text(): string;
  /** elements having a class (the simulator prefixes classes with the component name) */
  all(cls: string, within?: Element): Element[];
  one(cls: string, within?: Element): Element;
  /** the first element of `cls` whose text is exactly `text` */
  byText(cls: string, text: string): Element;
  tap(el: Element): Promise<void>;
  input(el: Element, value: string): Promise<void>;
}

export interface Weapp {
  open(url: string): Promise<WeappPage>;
  current(): WeappPage;
  pages(): WeappPage[];
  navigations: { type: string; url: string }[];
  requests: RecordedRequest[];
  toasts: string[];
  storage: Map<string, unknown>;
  /** what wx.showModal answers */
  modalConfirm: boolean;
  /** what wx.scanCode reads (a part's barcode); null: the user cancels the scan */
  scanResult: string | null;
  /** what wx.getLocation answers; null: the user declines the permission */
  location: { latitude: number; longitude: number } | null;
  /** numbers wx.makePhoneCall was asked to dial */
  phoneCalls: string[];
  waitFor<T>(fn: () => T | undefined | null | false, what: string, timeoutMs?: number): Promise<T>;
  close(): void;
}

const DOM_GLOBALS = [
  'window',
  'document',
  'Event',
  'CustomEvent',
  'Node',
  'Element',
  'HTMLElement',
  'MouseEvent',
  'TouchEvent',
  'KeyboardEvent',
  'getComputedStyle',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'MutationObserver',
  'DocumentFragment',
  'Text',
];

function hasClass(el: Element, cls: string): boolean {
  const list = el.classList;
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (t === cls || t.endsWith(`--${cls}`)) return true;
  }
  return false;
}

let launched = false;

/**
 * Launches dist/weapp/app.js once per test file (the compiled modules stay in Jest's registry,
 * so a page can be loaded once and rendered many times).
 */
export async function launchWeapp(apiUrl: string): Promise<Weapp> {
  if (launched) throw new Error('launchWeapp() can run once per test file');
  launched = true;

  const jsdom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/', pretendToBeVisual: true });
  const g = global as Record<string, unknown>;
  for (const k of DOM_GLOBALS) g[k] = (jsdom.window as unknown as Record<string, unknown>)[k];

  const storage = new Map<string, unknown>();
  const navigations: Weapp['navigations'] = [];
  const requests: RecordedRequest[] = [];
  const toasts: string[] = [];
  const stack: { route: string; comp: any; instance: any; handle: WeappPage }[] = [];
  const target = new URL(apiUrl);

  const ok =
    (name: string, extra: Record<string, unknown> = {}) =>
    (o: any = {}) => {
      const res = { errMsg: `${name}:ok`, ...extra };
      setTimeout(() => {
        o.success?.(res);
        o.complete?.(res);
      }, 0);
    };

  const harness: Weapp = {
    navigations,
    requests,
    toasts,
    storage,
    modalConfirm: true,
    scanResult: null,
    location: null,
    phoneCalls: [],
    open: (url) => openPage(url),
    current: () => {
      if (!stack.length) throw new Error('no page is open');
      return stack[stack.length - 1].handle;
    },
    pages: () => stack.map((p) => p.handle),
    async waitFor(fn, what, timeoutMs = 10000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        let v: ReturnType<typeof fn> | undefined;
        let err: unknown;
        try {
          v = fn();
        } catch (e) {
          err = e;
        }
        if (v) return v as never;
        if (Date.now() > deadline) {
          const page = stack.length ? stack[stack.length - 1] : undefined;
          throw new Error(
            `timed out waiting for ${what}${err ? ` (${String(err)})` : ''}\ncurrent page: ${page ? `${page.route}: ${page.handle.text()}` : 'none'}\nrequests: ${requests.map((r) => `${r.method} ${r.url} -> ${r.status}`).join(', ')}`,
          );
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close() {
      while (stack.length) closeTop();
      jsdom.window.close();
    },
  };

  g.wx = {
    getStorageSync: (k: string) => (storage.has(k) ? structuredClone(storage.get(k)) : ''),
    setStorageSync: (k: string, v: unknown) => void storage.set(k, structuredClone(v)),
    removeStorageSync: (k: string) => void storage.delete(k),
    clearStorageSync: () => storage.clear(),
    request(o: any) {
      const rec: RecordedRequest = { method: (o.method || 'GET').toUpperCase(), url: o.url, header: { ...(o.header || {}) }, data: o.data };
      requests.push(rec);
      const u = new URL(o.url);
      const to = `${target.origin}${u.pathname}${u.search}`;
      const hasBody = rec.method !== 'GET' && o.data !== undefined;
      fetch(to, {
        method: rec.method,
        headers: rec.header,
        body: hasBody ? (typeof o.data === 'string' ? o.data : JSON.stringify(o.data)) : undefined,
      })
        .then(async (r) => {
          const text = await r.text();
          let data: unknown = text;
          if (o.dataType === undefined || o.dataType === 'json') {
            try {
              data = JSON.parse(text);
            } catch {
              /* leave as text, like wx */
            }
          }
          rec.status = r.status;
          const header: Record<string, string> = {};
          r.headers.forEach((v, k) => (header[k] = v));
          const res = { statusCode: r.status, data, header, errMsg: 'request:ok' };
          o.success?.(res);
          o.complete?.(res);
        })
        .catch((e) => {
          rec.status = 0;
          const res = { errMsg: `request:fail ${e.message}` };
          o.fail?.(res);
          o.complete?.(res);
        });
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },
    navigateTo: nav('navigateTo'),
    redirectTo: nav('redirectTo'),
    reLaunch: nav('reLaunch'),
    switchTab: nav('switchTab'),
    navigateBack(o: any = {}) {
      navigations.push({ type: 'navigateBack', url: '' });
      closeTop();
      // As in WeChat, the page uncovered is shown again (its onShow / useDidShow run).
      stack[stack.length - 1]?.instance.onShow?.();
      ok('navigateBack')(o);
    },
    showToast(o: any = {}) {
      toasts.push(o.title);
      ok('showToast')(o);
    },
    showModal(o: any = {}) {
      ok('showModal', { confirm: harness.modalConfirm, cancel: !harness.modalConfirm })(o);
    },
    scanCode(o: any = {}) {
      if (harness.scanResult === null) {
        const res = { errMsg: 'scanCode:fail cancel' };
        setTimeout(() => {
          o.fail?.(res);
          o.complete?.(res);
        }, 0);
        return;
      }
      ok('scanCode', { result: harness.scanResult, scanType: 'EAN_13', charSet: 'utf-8' })(o);
    },
    getLocation(o: any = {}) {
      if (harness.location === null) {
        const res = { errMsg: 'getLocation:fail auth deny' };
        setTimeout(() => {
          o.fail?.(res);
          o.complete?.(res);
        }, 0);
        return;
      }
      ok('getLocation', { ...harness.location, accuracy: 30, speed: -1, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: 30 })(o);
    },
    makePhoneCall(o: any = {}) {
      harness.phoneCalls.push(o.phoneNumber);
      ok('makePhoneCall')(o);
    },
    hideToast: ok('hideToast'),
    showLoading: ok('showLoading'),
    hideLoading: ok('hideLoading'),
    setNavigationBarTitle: ok('setNavigationBarTitle'),
    stopPullDownRefresh: ok('stopPullDownRefresh'),
  };

  function nav(type: string) {
    return (o: any = {}) => {
      navigations.push({ type, url: o.url });
      if (type === 'redirectTo') closeTop();
      if (type === 'reLaunch' || type === 'switchTab') while (stack.length) closeTop();
      openPage(o.url).then(
        () => ok(type)(o),
        (e) => {
          const res = { errMsg: `${type}:fail ${e.message}` };
          o.fail?.(res);
          o.complete?.(res);
        },
      );
    };
  }

  // miniprogram-simulate merges its own wx mock under ours and registers Component().
  const simulate = require('miniprogram-simulate');
  const exparser = require('miniprogram-exparser');

  let app: any;
  let loadingRoute = '';
  const loadedIds = new Map<string, string>();
  const queries = new Map<any, Record<string, string>>();

  g.App = (options: any) => {
    app = options;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => stack.map((p) => p.instance);
  g.Page = (options: any) => {
    const methods: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(options)) if (typeof v === 'function') methods[k] = v;
    const route = loadingRoute;
    (g.Component as (o: unknown) => void)({
      data: options.data || {},
      methods,
      lifetimes: {
        created(this: any) {
          this.route = route;
          this.__route__ = route;
        },
        attached(this: any) {
          this.options = queries.get(this) ?? {};
          this.onLoad?.(this.options);
          this.onShow?.();
        },
        ready(this: any) {
          this.onReady?.();
        },
        detached(this: any) {
          this.onUnload?.();
        },
      },
    });
  };

  require(path.join(WEAPP_DIST, 'app.js'));
  if (!app) throw new Error('dist/weapp/app.js did not call App()');
  const appJson = require(path.join(WEAPP_DIST, 'app.json')) as { pages: string[] };
  app.onLaunch?.call(app, { path: appJson.pages[0], query: {}, scene: 1001 });
  app.onShow?.call(app, { path: appJson.pages[0], query: {}, scene: 1001 });

  function closeTop() {
    const top = stack.pop();
    if (!top) return;
    top.comp.detach();
  }

  function makeHandle(route: string, comp: any): WeappPage {
    const handle: WeappPage = {
      route,
      get dom() {
        return comp.dom as HTMLElement;
      },
      text: () => (comp.dom as HTMLElement).textContent ?? '',
      all: (cls, within) => Array.from((within ?? comp.dom).querySelectorAll('*') as NodeListOf<Element>).filter((e) => hasClass(e, cls)),
      one(cls, within) {
        const found = handle.all(cls, within);
        if (!found.length) throw new Error(`no .${cls} on ${route}: ${handle.text()}`);
        return found[0];
      },
      byText(cls, text) {
        const found = handle.all(cls).find((e) => (e.textContent ?? '').trim() === text);
        if (!found) throw new Error(`no .${cls} with text "${text}" on ${route}: ${handle.text()}`);
        return found;
      },
      tap: (el) => fire(el, 'tap', {}),
      input: (el, value) => fire(el, 'input', { value, cursor: value.length, keyCode: 0 }),
    };
    return handle;
  }

  async function fire(el: Element, name: string, detail: Record<string, unknown>) {
    const wxElement = (el as unknown as { __wxElement?: unknown }).__wxElement;
    if (!wxElement) throw new Error(`<${el.tagName.toLowerCase()} class="${el.className}"> is not a mini-program node`);
    exparser.Event.dispatchEvent(
      wxElement,
      exparser.Event.create(name, detail, {
        bubbles: true,
        composed: true,
        capturePhase: true,
        extraFields: { touches: [], changedTouches: [] },
      }),
    );
    await new Promise((r) => setTimeout(r, 0));
  }

  async function openPage(url: string): Promise<WeappPage> {
    const [raw, qs = ''] = url.split('?');
    const route = raw.replace(/^\//, '');
    if (!appJsonHas(route)) throw new Error(`page "${route}" is not in app.json`);
    let id = loadedIds.get(route);
    if (!id) {
      loadingRoute = route;
      id = simulate.load(path.join(WEAPP_DIST, route), 'page', { rootPath: WEAPP_DIST }) as string;
      loadedIds.set(route, id);
    }
    const comp = simulate.render(id);
    const instance = comp.instance;
    queries.set(instance, Object.fromEntries(new URLSearchParams(qs)));
    const handle = makeHandle(route, comp);
    stack.push({ route, comp, instance, handle });
    const parent = document.createElement('div');
    document.body.appendChild(parent);
    comp.attach(parent);
    await new Promise((r) => setTimeout(r, 0));
    return handle;
  }

  function appJsonHas(route: string): boolean {
    const json = require(path.join(WEAPP_DIST, 'app.json')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
    if (json.pages.includes(route)) return true;
    return (json.subPackages ?? []).some((p) => p.pages.some((pg) => `${p.root.replace(/\/$/, '')}/${pg}` === route));
  }

  return harness;
}
