// npm start: build what changed, then run ONE server process that serves the H5 app at /
// and the API at /api, on an SQLite file under ./data unless DB_URL says otherwise.
const { spawn } = require('child_process');
const { join } = require('path');
const { buildIfNeeded, ROOT } = require('./build-if-needed');

buildIfNeeded();

const port = Number(process.env.PORT || 7001);
// Without real WeChat credentials the server talks to the local WeChat stand-in (tools/wechat-standin):
// start it beside the server, so the whole login, binding and message flow runs on one machine; the demo
// employees' phones are played against it (DEMO_WECHAT, server/src/modules/demo/demo-wechat.ts).
const env = process.env;
const useStandin = !env.WECHAT_APPID && !env.WECHAT_SECRET && !env.WECHAT_API_BASE;
// npm start is the zero-setup demo (DEMO_MODE=1): demo data whose published passwords work as they
// are. Since anyone knows them, the demo answers only this machine unless HOST says otherwise.
// DEMO_MODE=0 starts for real: no demo data, and a setup token for the first administrator.
const demo = (env.DEMO_MODE ?? '1') === '1' || env.DEMO_MODE === 'true';
const host = env.HOST || (demo ? '127.0.0.1' : '0.0.0.0');
const child = spawn(process.execPath, [join(ROOT, 'server/bootstrap.js')], {
  cwd: join(ROOT, 'server'),
  // The demo shows its API documentation (Swagger UI at /api/docs) unless SWAGGER says otherwise.
  env: {
    NODE_ENV: 'production',
    ...(demo ? { SWAGGER: '1' } : {}),
    ...(useStandin && demo ? { DEMO_WECHAT: '1' } : {}),
    ...process.env,
    DEMO_MODE: demo ? '1' : '0',
    HOST: host,
    PORT: String(port),
  },
  stdio: 'inherit',
});
const swagger = (env.SWAGGER ?? (demo ? '1' : '0')) === '1' || env.SWAGGER === 'true';
const standinPort = Number(env.WECHAT_STANDIN_PORT || 7002);
const standin = useStandin
  ? spawn(process.execPath, [join(ROOT, 'tools/wechat-standin/cli.js')], {
      env: { ...env, WECHAT_STANDIN_PORT: String(standinPort) },
      stdio: 'inherit',
    })
  : null;
const wechatLine = standin
  ? `本机模拟服务 http://127.0.0.1:${standinPort}（未配置 WECHAT_APPID/WECHAT_SECRET）`
  : env.WECHAT_APPID
    ? `正式接口，AppID ${env.WECHAT_APPID}`
    : env.WECHAT_API_BASE;
const DEMO_LINES = `  演示模式（DEMO_MODE=1）: 密码公开，请勿录入真实数据${host === '127.0.0.1' ? '；仅本机可访问（局域网访问请设 HOST=0.0.0.0）' : ''}
  演示账号（密码均为 hy123456）:
    管理员 13800000001   客服 13800000002   服务主管 13800000003
    技师   13800000004   库管 13800000005   回访     13800000006`;
const PRODUCTION_LINES = `  正式模式（DEMO_MODE=0）: 不写入演示数据；首次使用时按上方提示的初始化口令创建管理员
  （或运行 npm run create-admin -w server -- --phone 手机号 --name 姓名）`;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    child.kill(sig);
    standin?.kill(sig);
  });
}
child.on('exit', (code) => {
  standin?.kill('SIGTERM');
  process.exit(code ?? 0);
});

(async () => {
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240 && child.exitCode === null; i++) {
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) {
        const { data } = await r.json();
        console.log(`
==================== 宏沅汽车服务 售后与配件系统 已启动 ====================
  客服/管理工作台（电脑浏览器）:  ${base}/
  手机 H5（技师/库管/主管）:      ${base}/#/pages/login/index
  API:                           ${base}/api${swagger ? `    文档: ${base}/api/docs` : ''}
  数据库: ${data.db}  迁移: ${data.migration}
  微信: ${wechatLine}
${demo ? DEMO_LINES : PRODUCTION_LINES}
  小程序: 用微信开发者工具打开本仓库根目录（project.config.json）
  按 Ctrl+C 停止
==========================================================================`);
        return;
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
})();
