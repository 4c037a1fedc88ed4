// npm run bench:h5 — what a buyer's browser downloads: the JavaScript of the first load of the shop page
// (from the shared link) and what the next page (a product, tapped in the list) adds, bytes and gzip,
// measured in chromium against the demo shop. `-- --dir <build>` measures another h5 build (e.g. one
// kept from before a config change); default dist-h5 (npm run build:h5 first).
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { TEMPLATES } from '../core/subscribe-templates';
import { startLocalCloud } from '../localcloud';
import { seedDemoShop } from '../scripts/demo/seed';
import { CHROMIUM_ARGS, buildFunctions } from '../test/e2e/harness';

const root = path.resolve(__dirname, '..');
const dirArg = process.argv.indexOf('--dir');
const dir = path.resolve(dirArg > 0 ? process.argv[dirArg + 1] : path.join(root, 'dist-h5'));

interface Loaded {
  files: number;
  bytes: number;
  gzip: number;
}

function measure(files: string[]): Loaded {
  let bytes = 0;
  let gzip = 0;
  for (const f of files) {
    const body = fs.readFileSync(path.join(dir, f));
    bytes += body.length;
    gzip += gzipSync(body).length;
  }
  return { files: files.length, bytes, gzip };
}

/** Serves the build with the browser router's fallback to index.html, which learns the cloud's URL. */
async function serve(cloudUrl: string): Promise<{ url: string; server: Server }> {
  const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8')
    .replace('<head>', `<head><script>window.__KAIDIAN_CLOUD__=${JSON.stringify(cloudUrl)}</script>`);
  const server = createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile() && !file.endsWith('index.html')) {
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(path.extname(file) ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(path.extname(file) ? '' : index);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const line = (label: string, l: Loaded) => `${label.padEnd(34)} ${String(l.files).padStart(3)} JS files  ${kb(l.bytes).padStart(10)}  gzip ${kb(l.gzip).padStart(9)}`;

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir}: no h5 build (npm run build:h5)`);
  buildFunctions();
  const cloud = await startLocalCloud({
    port: 0, dataDir: null, quiet: true, config: { templates: TEMPLATES },
    functionsDir: path.join(root, 'cloudfunctions'), collectionsFile: path.join(root, 'database/collections.json'),
  });
  const demo = await seedDemoShop(cloud.url);
  const site = await serve(cloud.url);
  cloud.allowOrigin(site.url);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const js: string[] = [];
    page.on('response', (r) => {
      const p = new URL(r.url()).pathname;
      if (r.url().startsWith(site.url) && p.endsWith('.js')) js.push(p.slice(1));
    });
    await page.goto(`${site.url}/pages/shop/index?id=${demo.shopId}`);
    await page.locator('[data-testid="product-card"]').first().waitFor({ timeout: 60_000 });
    const first = [...new Set(js)];
    await page.locator('.product-card__name', { hasText: '鲜牛奶 1L' }).click();
    await page.locator('[data-testid="product-name"]').waitFor({ timeout: 60_000 });
    const next = [...new Set(js)].filter((f) => !first.includes(f));
    const all = fs.readdirSync(path.join(dir, 'js')).filter((f) => f.endsWith('.js')).map((f) => `js/${f}`);
    console.log(`h5 build ${path.relative(root, dir) || dir}`);
    console.log(line('first load: shop page', measure(first)));
    console.log(line('next page: product (added)', measure(next)));
    console.log(line('whole build', measure(all)));
  } finally {
    await browser.close();
    site.server.closeAllConnections();
    site.server.close();
    await cloud.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
