import type { DataSourceOptions } from 'typeorm';
import type { DbSettings } from './env';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migration';

/**
 * The same entities and migrations on SQLite (default) and MySQL/MariaDB. Never synchronize.
 * Migrations do not run on connect: the server runs them at start under a database lock
 * (configuration.ts), so processes started together do not race to create the same tables.
 */
export function dataSourceOptions(db: DbSettings): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: ['error' as const],
  };
  if (db.kind === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.file,
      enableWAL: true,
      timeout: 10000,
    } as DataSourceOptions;
  }
  return {
    ...common,
    type: 'mysql',
    host: db.host,
    port: db.port,
    username: db.user,
    password: db.password,
    database: db.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    extra: { connectionLimit: 20 },
  } as DataSourceOptions;
}
