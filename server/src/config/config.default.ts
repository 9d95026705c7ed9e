import { join } from 'path';
import type { MidwayConfig } from '@midwayjs/core';
import { readEnv } from './env';
import { dataSourceOptions } from './datasource';

const env = readEnv();

export default {
  keys: 'hongyuan-service',
  app: env,
  koa: {
    port: env.port,
    hostname: env.host,
    proxy: process.env.TRUST_PROXY === '1',
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
