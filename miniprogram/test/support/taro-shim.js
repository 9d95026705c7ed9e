/**
 * `@tarojs/taro` for component tests in jsdom (jest.config.js maps the module here).
 *
 * Everything from @tarojs/taro-h5 (storage, system info, selector queries ... as on H5), plus:
 *   - the page hooks (useLaunch, useDidShow, useReachBottom, useRouter, ...) as plain React hooks;
 *   - request() answered by a handler the test installs: the HTTP layer is faked, the app's
 *     own request wrapper runs for real;
 *   - navigation, toasts and modals recorded instead of performed.
 * Tests drive it through test/support/taro-mock.ts.
 */
const React = require('react');
const ReactDOM = require('react-dom');
const H5 = require('@tarojs/taro-h5');
const { createH5NativeComponentConfig } = require('@tarojs/plugin-framework-react/dist/runtime');

createH5NativeComponentConfig(null, React, ReactDOM);

const base = H5.default || H5;

const state = {
  /** (options) => { statusCode, data, header? } | Promise of it; throw to simulate a network failure */
  handler: null,
  requests: [],
  navigations: [],
  toasts: [],
  modals: [],
  titles: [],
  modalConfirm: true,
  pageStack: [{ route: 'pages/home/index' }],
  reachBottom: new Set(),
  /** what useRouter().params answers (the query of the page under test) */
  params: {},
  /** numbers Taro.makePhoneCall was asked to dial */
  phoneCalls: [],
  /** what Taro.getLocation answers: a position, or null when the user declines */
  location: null,
  /** how many times the page asked for the position */
  locationAsked: 0,
  /** what Taro.setClipboardData was given */
  clipboard: [],
};

function reset() {
  state.handler = null;
  state.requests = [];
  state.navigations = [];
  state.toasts = [];
  state.modals = [];
  state.titles = [];
  state.modalConfirm = true;
  state.pageStack = [{ route: 'pages/home/index' }];
  state.reachBottom.clear();
  state.params = {};
  state.phoneCalls = [];
  state.location = null;
  state.locationAsked = 0;
  state.clipboard = [];
}

function routeOf(url) {
  return String(url).replace(/^\//, '').split('?')[0];
}

function navigate(type) {
  return (opts = {}) => {
    state.navigations.push({ type, url: opts.url });
    if (type === 'navigateBack') state.pageStack.pop();
    else if (type === 'reLaunch') state.pageStack = [{ route: routeOf(opts.url) }];
    else if (type === 'redirectTo') state.pageStack[state.pageStack.length - 1] = { route: routeOf(opts.url) };
    else state.pageStack.push({ route: routeOf(opts.url) });
    const res = { errMsg: `${type}:ok` };
    if (opts.success) opts.success(res);
    if (opts.complete) opts.complete(res);
    return Promise.resolve(res);
  };
}

async function request(options) {
  const opts = { method: 'GET', ...options, header: { ...(options.header || {}) } };
  state.requests.push(opts);
  if (!state.handler) {
    const err = { errMsg: 'request:fail no fake server installed' };
    if (opts.fail) opts.fail(err);
    throw err;
  }
  let res;
  try {
    res = await state.handler(opts);
  } catch (e) {
    const err = { errMsg: `request:fail ${e && e.message ? e.message : e}` };
    if (opts.fail) opts.fail(err);
    throw err;
  }
  const out = {
    statusCode: res.statusCode,
    data: res.data === undefined ? null : JSON.parse(JSON.stringify(res.data)),
    header: res.header || {},
    errMsg: 'request:ok',
  };
  if (opts.success) opts.success(out);
  return out;
}

function record(key, name, answer) {
  return (opts = {}) => {
    state[key].push(opts);
    const res = { errMsg: `${name}:ok`, ...(answer ? answer() : {}) };
    if (opts.success) opts.success(res);
    if (opts.complete) opts.complete(res);
    return Promise.resolve(res);
  };
}

const once = (fn) =>
  React.useEffect(() => {
    fn();
  }, []);

const hooks = {
  useLaunch: () => {},
  useLoad: once,
  useReady: once,
  useDidShow: once,
  useDidHide: () => {},
  useUnload: (fn) => React.useEffect(() => fn, []),
  usePullDownRefresh: () => {},
  usePageScroll: () => {},
  useResize: () => {},
  useShareAppMessage: () => {},
  useShareTimeline: () => {},
  useTabItemTap: () => {},
  useError: () => {},
  useRouter: () => ({ params: state.params, path: (state.pageStack[state.pageStack.length - 1] || { route: '' }).route }),
  useReachBottom: (fn) => {
    const ref = React.useRef(fn);
    ref.current = fn;
    React.useEffect(() => {
      const cb = () => ref.current();
      state.reachBottom.add(cb);
      return () => state.reachBottom.delete(cb);
    }, []);
  },
};

const overrides = {
  request,
  navigateTo: navigate('navigateTo'),
  redirectTo: navigate('redirectTo'),
  reLaunch: navigate('reLaunch'),
  switchTab: navigate('switchTab'),
  navigateBack: navigate('navigateBack'),
  getCurrentPages: () => state.pageStack.slice(),
  showToast: record('toasts', 'showToast'),
  hideToast: () => Promise.resolve(),
  showLoading: () => Promise.resolve(),
  hideLoading: () => Promise.resolve(),
  showModal: record('modals', 'showModal', () => ({ confirm: state.modalConfirm, cancel: !state.modalConfirm })),
  makePhoneCall: (opts = {}) => {
    state.phoneCalls.push(opts.phoneNumber);
    return Promise.resolve({ errMsg: 'makePhoneCall:ok' });
  },
  getLocation: (opts = {}) => {
    state.locationAsked += 1;
    if (!state.location) {
      const err = { errMsg: 'getLocation:fail auth deny' };
      if (opts.fail) opts.fail(err);
      return Promise.reject(err);
    }
    const res = { errMsg: 'getLocation:ok', accuracy: 30, ...state.location };
    if (opts.success) opts.success(res);
    return Promise.resolve(res);
  },
  setClipboardData: (opts = {}) => {
    state.clipboard.push(opts.data);
    return Promise.resolve({ errMsg: 'setClipboardData:ok' });
  },
  setNavigationBarTitle: (opts = {}) => {
    state.titles.push(opts.title);
    return Promise.resolve({ errMsg: 'setNavigationBarTitle:ok' });
  },
  __mock: {
    state,
    reset,
    setHandler(fn) {
      state.handler = fn;
    },
    reachBottom() {
      for (const cb of state.reachBottom) cb();
    },
  },
};

// On H5, babel-plugin-transform-taroapi turns `Taro.x` into the named export `x`: the default
// object here carries every API too.
const named = {};
for (const key of Object.keys(H5)) if (key !== 'default') named[key] = H5[key];
const taro = Object.assign(Object.create(Object.getPrototypeOf(base) || null), base, named, overrides, hooks);

module.exports = { __esModule: true, ...named, ...overrides, ...hooks, default: taro };
