import { App, Configuration, HTTP_SERVER_KEY, Inject, type ILifeCycle, type IMidwayContainer, MidwayConfigService } from '@midwayjs/core';
import type { Server } from 'http';
import * as koa from '@midwayjs/koa';
import * as typeorm from '@midwayjs/typeorm';
import { join } from 'path';
import { createConnection } from 'mysql2/promise';
import '@hongyuan/shared';
import type { AppEnv } from './config/env';
import { ErrorFilter } from './common/filter';
import { AccessGuard } from './common/guard';
import { RequestMiddleware, SecureLoginMiddleware } from './common/middleware';
import { withStartupLock } from './common/startup-lock';
import { StaticMiddleware } from './common/static';
import { Tx } from './common/tx';
import { DemoService } from './modules/demo/demo.service';
import { DemoWechat } from './modules/demo/demo-wechat';
import { SetupService } from './modules/auth/setup.service';
import { DailyReminders } from './modules/notification/daily-reminders';
import { OutboxWorker } from './modules/wechat/outbox-worker';

@Configuration({
  imports: [koa, typeorm],
  importConfigs: [join(__dirname, './config')],
})
export class MainConfiguration implements ILifeCycle {
  @App('koa') app: koa.Application;
  @Inject() configService: MidwayConfigService;

  /** Runs before TypeORM connects: a MySQL database named in DB_URL is created when missing. */
  async onConfigLoad(): Promise<void> {
    const env = this.configService.getConfiguration('app') as AppEnv;
    if (env.db.kind !== 'mysql') return;
    const { host, port, user, password, database } = env.db;
    const conn = await createConnection({ host, port, user, password });
    try {
      await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await conn.end();
    }
  }

  async onReady(container: IMidwayContainer): Promise<void> {
    // The request middleware goes first, before koa's body parser (added by @midwayjs/koa's own
    // onReady): a body refused there (bad JSON, too large) still gets its request id, the security
    // headers and its access log line.
    this.app.getMiddleware().insertFirst(RequestMiddleware as never); // (its typing wants an untyped `next`)
    this.app.useMiddleware([SecureLoginMiddleware, StaticMiddleware]);
    this.app.useFilter([ErrorFilter]);
    this.app.useGuard([AccessGuard]);
    // Before the port opens: nobody can log in to a half-migrated or half-seeded database. Under a
    // database lock: processes started together on a new database migrate and seed it once.
    const env = this.configService.getConfiguration('app') as AppEnv;
    const { dataSource } = await container.getAsync(Tx);
    const setupToken = await withStartupLock(
      dataSource,
      env.db,
      async () => {
        await dataSource.runMigrations({ transaction: 'each' });
        if (env.seedDemo) await (await container.getAsync(DemoService)).seedIfEmpty();
        // No administrator (an empty database without demo data): a one-time token creates the first.
        return (await container.getAsync(SetupService)).prepare();
      },
      (message) => this.app.getLogger().info(message),
    );
    if (setupToken) printSetupToken(setupToken, env);
  }

  /** Background work starts once the app serves: the WeChat outbox and the daily reminders. */
  async onServerReady(container: IMidwayContainer): Promise<void> {
    const env = this.configService.getConfiguration('app') as AppEnv;
    // Idle keep-alive connections outlive the client's (undici 4 s, proxies 60 s): the client closes
    // first, so it never sends a request on a socket the server is closing ("other side closed").
    const server = container.hasObject(HTTP_SERVER_KEY) ? (container.get(HTTP_SERVER_KEY) as Server) : undefined;
    if (server) {
      server.keepAliveTimeout = 65_000;
      server.headersTimeout = 66_000;
    }
    if (env.wechat.outboxIntervalMs > 0) (await container.getAsync(OutboxWorker)).start(env.wechat.outboxIntervalMs);
    (await container.getAsync(DailyReminders)).start();
    if (env.demoWechat) {
      const demo = await container.getAsync(DemoWechat);
      demo.prepare().catch((e) => demo.logger.warn(`[demo] 模拟微信绑定未完成：${(e as Error).message}`));
    }
  }

  async onStop(container: IMidwayContainer): Promise<void> {
    await (await container.getAsync(OutboxWorker)).stop();
    (await container.getAsync(DailyReminders)).stop();
  }
}

/** On the console, whatever the log level: whoever started the server is the one to create the admin. */
function printSetupToken(token: string, env: AppEnv): void {
  console.log(`
==================== 首次使用：创建管理员 ====================
  数据库中还没有管理员。请用浏览器打开工作台，在登录页的“首次使用：创建管理员”中填写下面的一次性初始化口令：
    初始化口令: ${token}
  （口令也保存在 ${join(env.dataDir, 'setup-token')}，仅本机此用户可读；创建管理员后失效并删除）
  或在服务器上运行: npm run create-admin -w server -- --phone 手机号 --name 姓名
==============================================================`);
}
