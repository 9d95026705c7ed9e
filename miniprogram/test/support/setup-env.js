// Runs before every test file, in its environment (process.env here is that file's own copy).
// Keep Testing Library's DOM dumps on failure short (Taro's DOM is verbose).
process.env.DEBUG_PRINT_LIMIT = process.env.DEBUG_PRINT_LIMIT || '3000';
// Component tests run the H5 flavour of the app (the shim is built on @tarojs/taro-h5).
process.env.TARO_ENV = process.env.TARO_ENV || 'h5';
// What config/index.ts defines at build time: H5 calls the same origin.
globalThis.API_BASE = '';
// Constants the Taro build defines for its runtime (values of the H5 build).
Object.assign(globalThis, {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: false,
  ENABLE_SIZE_APIS: false,
  ENABLE_TEMPLATE_CONTENT: false,
  ENABLE_CLONE_NODE: false,
  ENABLE_CONTAINS: false,
  ENABLE_MUTATION_OBSERVER: false,
  DEPRECATED_ADAPTER_COMPONENT: false,
});
process.env.FRAMEWORK = 'react';
process.env.TARO_PLATFORM = 'web';
process.env.SUPPORT_TARO_POLYFILL = 'disabled';
process.env.SUPPORT_DINGTALK_NAVIGATE = 'disabled';

if (typeof window !== 'undefined' && typeof HTMLCanvasElement !== 'undefined') {
  // jsdom has no canvas; NutUI pulls in lottie, which asks for a 2d context when loaded.
  const ctx = new Proxy(
    {},
    {
      get: (_t, key) =>
        key === 'canvas'
          ? document.createElement('canvas')
          : key === 'measureText'
            ? () => ({ width: 0 })
            : key === 'getImageData'
              ? () => ({ data: [] })
              : () => {},
      set: () => true,
    },
  );
  HTMLCanvasElement.prototype.getContext = function getContext() {
    return ctx;
  };
  if (!window.matchMedia) {
    window.matchMedia = () => ({ matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {} });
  }
  if (!window.scrollTo || String(window.scrollTo).includes('not implemented')) window.scrollTo = () => {};
}

// NutUI's lottie module warns when it is loaded outside a mini-program; nothing we use needs it.
const warn = console.warn;
console.warn = (...args) => {
  if (typeof args[0] === 'string' && args[0].includes('Lottie')) return;
  warn(...args);
};
