import type { MidwayConfig } from '@midwayjs/core';

export default {
  koa: {
    port: null,
  },
  midwayLogger: {
    default: {
      level: 'warn',
      consoleLevel: 'error',
    },
  },
} as unknown as MidwayConfig;
