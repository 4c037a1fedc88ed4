// What the browser tests stand on, all started by the test itself on free ports so CI needs nothing
// running: the functions built, a fresh in-memory local cloud with the demo shop seeded through the
// real functions, the h5 build (rebuilt when older than its sources) served by a small static server
// that tells the page where the cloud is, and Debian's chromium driven by playwright-core.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEMPLATES } from '../../core/subscribe-templates';
import { startLocalCloud, type LocalCloud } from '../../localcloud';
import { seedDemoShop, type DemoShop } from '../../scripts/demo/seed';
import { newestSource } from '../../scripts/weapp-size';

export const root = path.resolve(__dirname, '../..');
const h5Dir = path.join(root, 'dist-h5');

/** docs/toolchain.md §1.6: the flags that make Debian's chromium quiet and offline. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function buildFunctions(): void {
  execFileSync(process.execPath, [path.join(root, 'scripts/build-functions.mjs'), path.join(root, 'cloudfunctions')], { cwd: root, stdio: 'pipe' });
}

export function ensureH5Build(): { built: boolean; ms: number } {
  const index = path.join(h5Dir, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestSource(root)) return { built: false, ms: 0 };
  const started = Date.now();
  execFileSync(process.execPath, [path.join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], {
    cwd: root,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return { built: true, ms: Date.now() - started };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.json': 'application/json', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
};

/** Serves dist-h5 with the browser router's fallback to index.html, which learns the cloud's URL. */
export async function serveH5(cloudUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const index = fs.readFileSync(path.join(h5Dir, 'index.html'), 'utf8')
    .replace('<head>', `<head><script>window.__KAIDIAN_CLOUD__=${JSON.stringify(cloudUrl)}</script>`);
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(h5Dir, pathname);
    if (file.startsWith(h5Dir) && fs.existsSync(file) && fs.statSync(file).isFile() && !file.endsWith('index.html')) {
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
      return;
    }
    // A missing asset is a 404 (a chunk of another build must not come back as index.html, which the
    // browser would report as "Unexpected token '<'"); page routes fall back to index.html.
    if (path.extname(pathname) !== '') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`not found: ${pathname}`);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES['.html'] });
    res.end(index);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export interface World {
  cloud: LocalCloud;
  demo: DemoShop;
  h5: { url: string; close: () => Promise<void> };
  browser: Browser;
  close: () => Promise<void>;
}

export async function startWorld(): Promise<World> {
  buildFunctions();
  const cloud = await startLocalCloud({
    port: 0,
    dataDir: null,
    functionsDir: path.join(root, 'cloudfunctions'),
    collectionsFile: path.join(root, 'database/collections.json'),
    // The subscribe-message templates the functions send (the local cloud answers 40037 for unknown ids).
    config: { templates: TEMPLATES },
    quiet: true,
  });
  const demo = await seedDemoShop(cloud.url);
  const h5 = await serveH5(cloud.url);
  cloud.allowOrigin(new URL(h5.url).origin); // the local cloud answers only the H5 preview's own origin
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    cloud, demo, h5, browser,
    close: async () => {
      await browser.close();
      await h5.close();
      await cloud.close();
    },
  };
}

/** Screenshots of each step: test-artifacts/e2e/ always; docs/screenshots/ too with E2E_UPDATE_DOCS=1. */
export function screenshotter(page: Page) {
  const dirs = [path.join(root, 'test-artifacts/e2e')];
  if (process.env.E2E_UPDATE_DOCS === '1') dirs.push(path.join(root, 'docs/screenshots'));
  for (const d of dirs) fs.mkdirSync(d, { recursive: true });
  let n = 0;
  return async (name: string) => {
    n += 1;
    const file = `${String(n).padStart(2, '0')}-${name}.png`;
    const shot = await page.screenshot({ type: 'png' });
    for (const d of dirs) fs.writeFileSync(path.join(d, file), shot);
  };
}

/** A phone-sized page (390×844, zh-CN) that logs the page's own errors. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.log(`# page error: ${err.message}`));
  return page;
}

/** Switch the H5 preview's persona (the WeChat user the gateway acts as) from the page it is on. */
export async function switchPersona(page: Page, key: string, timeout: number): Promise<void> {
  const tid = (id: string) => page.locator(`[data-testid="${id}"]:visible`);
  await tid('persona-switcher').locator('.persona__current').click();
  await Promise.all([page.waitForEvent('load', { timeout }), tid(`persona-${key}`).click()]);
  await tid('persona-switcher').waitFor({ timeout });
}

/** The H5 build, rebuilt first when it is missing or stale (said when it was). */
export function prepareH5(): void {
  const build = ensureH5Build();
  if (build.built) console.log(`# built h5 in ${(build.ms / 1000).toFixed(1)} s`);
}

/** The demo world with a phone page and its screenshotter: what most browser tests start from. */
export async function phoneWorld(): Promise<{ world: World; page: Page; shot: ReturnType<typeof screenshotter> }> {
  prepareH5();
  const world = await startWorld();
  const page = await phonePage(world.browser);
  return { world, page, shot: screenshotter(page) };
}
