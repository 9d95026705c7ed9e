import type { MidwayConfig } from '@midwayjs/core';

export default {
  koa: {
    port: null,
  },
  midwayLogger: {
    default: {
      level: 'warn',
      consoleLevel: 'error',
      // No log files in the in-process test apps: the logger's file transport arms a 1 s timer on
      // each write that nothing can cancel, so a test worker that logged at its end could not exit
      // when jest ended it ("A worker process has failed to exit gracefully"). The tests that read
      // the access log spy on the logger; the server processes they start log to files as usual.
      enableFile: false,
      enableError: false,
    },
  },
} as unknown as MidwayConfig;
