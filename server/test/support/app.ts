import { close, createApp, createHttpRequest } from '@midwayjs/mock';
import type { Application, Framework } from '@midwayjs/koa';
import { createConnection } from 'mysql2/promise';
import { rmSync } from 'fs';
import { join } from 'path';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-org';

export const DEMO = {
  password: DEMO_PASSWORD,
  admin: '13800000001',
  service: '13800000002',
  supervisor: '13800000003',
  technician: '13800000004',
  keeper: '13800000005',
  followup: '13800000006',
  technician2: '13800000007',
};

export interface TestApp {
  app: Application;
  http: () => ReturnType<typeof createHttpRequest>;
  /** Logs in with the weapp client and returns the bearer header to send. */
  bearer(phone: string, password?: string): Promise<{ Authorization: string }>;
  close(): Promise<void>;
}

/** One real app per test file: real SQLite file, or a real MariaDB database when TEST_DB=mysql. */
export async function createTestApp(): Promise<TestApp> {
  const app = await createApp<Framework>(join(__dirname, '../..'));
  const http = () => createHttpRequest(app);
  return {
    app,
    http,
    async bearer(phone, password = DEMO.password) {
      const res = await http().post('/api/auth/login').send({ phone, password, client: 'weapp' });
      if (res.status !== 200) throw new Error(`login ${phone} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { Authorization: `Bearer ${res.body.data.token}` };
    },
    async close() {
      await close(app);
      const url = process.env.DB_URL;
      if (url?.startsWith('mysql://')) {
        const u = new URL(url);
        const conn = await createConnection({
          host: u.hostname,
          port: Number(u.port || 3306),
          user: decodeURIComponent(u.username),
          password: decodeURIComponent(u.password),
        });
        await conn.query(`DROP DATABASE IF EXISTS \`${u.pathname.slice(1)}\``);
        await conn.end();
      }
      rmSync(process.env.DATA_DIR!, { recursive: true, force: true });
    },
  };
}
