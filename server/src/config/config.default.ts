import { join } from 'path';
import type { MidwayConfig } from '@midwayjs/core';
import { readEnv } from './env';
import { dataSourceOptions } from './datasource';

/** A function: each app start (and each test app) reads the environment afresh. */
export default () => {
  const env = readEnv();
  return {
    keys: 'hongyuan-service',
    app: env,
    koa: {
      port: env.port,
      hostname: env.host,
      // Behind TRUST_PROXY=N proxies, only the last N X-Forwarded-For entries (the ones our proxies
      // added) are believed: the client's address is the first of those, whatever it claims before.
      proxy: env.trustProxy > 0,
      maxIpsCount: env.trustProxy,
    },
    bodyParser: {
      enableTypes: ['json'],
      jsonLimit: '12mb',
      strict: true,
    },
    midwayLogger: {
      default: {
        dir: join(env.dataDir, 'logs'),
        level: 'info',
        consoleLevel: process.env.LOG_LEVEL || 'info',
      },
    },
    typeorm: {
      // @midwayjs/typeorm drops `migrations` unless this is set; they run on start under a lock (configuration.ts).
      allowExecuteMigrations: true,
      dataSource: {
        default: dataSourceOptions(env.db),
      },
    },
  } as MidwayConfig;
};
