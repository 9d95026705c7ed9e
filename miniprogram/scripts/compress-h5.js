// After `taro build --type h5`: writes a Brotli (.br) and a gzip (.gz) copy beside each script,
// style sheet and other text asset of dist/h5, once, at build time. The server hands the copy the
// browser accepts (koa-send's brotli/gzip options), so a phone on a rural 4G signal downloads about
// a quarter of the bytes and the server spends no CPU compressing per request. index.html is left
// alone: it is small, never cached, and its Content-Security-Policy is computed from its text.
const { readdirSync, readFileSync, statSync, writeFileSync } = require('fs');
const { join } = require('path');
const { brotliCompressSync, constants, gzipSync } = require('zlib');

const TEXT = /\.(js|css|svg|json|txt|map|woff)$/;
const MIN_BYTES = 1024;

/** Compresses every text asset under `dir` (recursively); returns totals for the log line. */
function compressDir(dir) {
  const total = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const file = join(d, name);
      if (statSync(file).isDirectory()) {
        walk(file);
        continue;
      }
      if (!TEXT.test(name) || name.endsWith('.LICENSE.txt')) continue;
      const raw = readFileSync(file);
      if (raw.length < MIN_BYTES) continue;
      const gz = gzipSync(raw, { level: 9 });
      const br = brotliCompressSync(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      });
      writeFileSync(`${file}.gz`, gz);
      writeFileSync(`${file}.br`, br);
      total.files += 1;
      total.raw += raw.length;
      total.gzip += gz.length;
      total.brotli += br.length;
    }
  };
  walk(dir);
  return total;
}

module.exports = { compressDir };

if (require.main === module) {
  const dir = process.argv[2] || join(__dirname, '../dist/h5');
  const t0 = Date.now();
  const t = compressDir(dir);
  const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(`compressed ${t.files} assets in ${Date.now() - t0} ms: ${kb(t.raw)} → gzip ${kb(t.gzip)}, brotli ${kb(t.brotli)}`);
}
