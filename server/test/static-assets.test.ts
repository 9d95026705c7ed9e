import { mkdirSync, writeFileSync } from 'fs';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { brotliDecompressSync, gunzipSync } from 'zlib';
import { createTestApp, type TestApp } from './support/app';

/**
 * Page weight on a rural 4G signal: the H5 build's scripts and styles go out Brotli- or
 * gzip-compressed (copies the build wrote, so no work per request), hashed assets are cached
 * for a year, and index.html is never cached and never compressed away from its policy.
 */

const { compressDir } = require('../../miniprogram/scripts/compress-h5.js') as {
  compressDir(dir: string): { files: number; raw: number; gzip: number; brotli: number };
};

const SCRIPT = `/* the desk */\n${Array.from({ length: 400 }, (_, i) => `window.__desk${i} = function () { return ${i} * 2; };`).join('\n')}\n`;
const SMALL = 'console.log(1)';

describe('the H5 assets as a phone receives them', () => {
  let t: TestApp;
  let h5Dir: string;
  const saved = process.env.H5_DIR;
  let server: Server;
  /** GET with the bytes as they travel (superagent would unzip gzip on its own). */
  const raw = (path: string, acceptEncoding: string) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const { port } = server.address() as AddressInfo;
      get({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });

  beforeAll(async () => {
    h5Dir = join(process.env.DATA_DIR!, 'h5-assets');
    mkdirSync(join(h5Dir, 'js'), { recursive: true });
    mkdirSync(join(h5Dir, 'css'), { recursive: true });
    writeFileSync(
      join(h5Dir, 'index.html'),
      '<!doctype html><html><head><title>宏沅</title></head><body><div id="app"></div></body></html>',
    );
    writeFileSync(join(h5Dir, 'js/988.3551aad7.js'), SCRIPT);
    writeFileSync(join(h5Dir, 'js/797.8ff7fe7f.js'), SMALL);
    writeFileSync(join(h5Dir, 'css/app.abca59cb.css'), `.a{color:red}\n`.repeat(200));
    writeFileSync(join(h5Dir, 'js/plain.js'), SCRIPT);
    const totals = compressDir(h5Dir);
    expect(totals.files).toBe(3); // the small script is not worth compressing
    expect(totals.brotli).toBeLessThan(totals.raw / 4);
    process.env.H5_DIR = h5Dir;
    t = await createTestApp();
    server = createServer(t.app.callback());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.close();
    if (saved === undefined) delete process.env.H5_DIR;
    else process.env.H5_DIR = saved;
  });

  it('sends Brotli to a browser that takes it, gzip to one that takes only gzip, the file itself otherwise', async () => {
    const br = await raw('/js/988.3551aad7.js', 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);

    const gz = await raw('/js/988.3551aad7.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const css = await raw('/css/app.abca59cb.css', 'br');
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['content-type']).toMatch(/text\/css/);

    const identity = await raw('/js/988.3551aad7.js', 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.toString()).toBe(SCRIPT);

    const small = await raw('/js/797.8ff7fe7f.js', 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe(SMALL);
  });

  it('caches hashed assets for a year, and neither the page nor an unhashed file', async () => {
    const asset = await t.http().get('/js/988.3551aad7.js').set('Accept-Encoding', 'br');
    expect(asset.headers['cache-control']).toBe('max-age=31536000,immutable');
    const page = await t.http().get('/').set('Accept-Encoding', 'gzip, br');
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.headers['cache-control']).toBe('max-age=0');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.text).toContain('<div id="app">');
    const plain = await t.http().get('/js/plain.js').set('Accept-Encoding', 'br');
    expect(plain.headers['content-encoding']).toBe('br');
    expect(plain.headers['cache-control']).toBe('max-age=0');
  });
});
