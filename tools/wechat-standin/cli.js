#!/usr/bin/env node
'use strict';
/**
 * Starts the WeChat stand-in for the demo and for manual tests.
 * Environment: WECHAT_STANDIN_PORT (default 7002), WECHAT_STANDIN_HOST (default 127.0.0.1),
 * WECHAT_STANDIN_APPID, WECHAT_STANDIN_SECRET, WECHAT_STANDIN_TEMPLATES (a JSON file of templates; default
 * the demo templates), WECHAT_STANDIN_SENSITIVE_WORDS (comma-separated).
 */
const fs = require('node:fs');
const { createStandin } = require('./index');
const { DEMO_TEMPLATES } = require('./demo-templates');

const DEMO_APPID = 'wx0123456789abcdef';
const DEMO_SECRET = '0123456789abcdef0123456789abcdef';

async function main() {
  const env = process.env;
  const standin = createStandin({
    appid: env.WECHAT_STANDIN_APPID || DEMO_APPID,
    secret: env.WECHAT_STANDIN_SECRET || DEMO_SECRET,
    templates: env.WECHAT_STANDIN_TEMPLATES ? JSON.parse(fs.readFileSync(env.WECHAT_STANDIN_TEMPLATES, 'utf8')) : DEMO_TEMPLATES,
    sensitiveWords: (env.WECHAT_STANDIN_SENSITIVE_WORDS || '').split(',').filter(Boolean),
  });
  const url = await standin.listen(Number(env.WECHAT_STANDIN_PORT || 7002), env.WECHAT_STANDIN_HOST || '127.0.0.1');
  console.log(`WeChat stand-in listening on ${url}`);
  const stop = () => standin.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
