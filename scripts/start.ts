// npm start — everything a developer or a shop operator needs on one machine: the functions built and
// rebuilt on change, the local cloud with durable data in .localcloud/, the demo shop seeded on the
// first run (through the real functions, scripts/demo/seed.ts), the H5 build of the mini-program served
// with live reload, and the URLs to open. Ctrl-C stops everything; a second start keeps the data.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TEMPLATES } from '../core/subscribe-templates';
import { startLocalCloud } from '../localcloud';
import { DEMO_SHOP } from './demo/catalogue';
import { seedDemoShop } from './demo/seed';

const root = path.resolve(__dirname, '..');
const h5Port = Number(process.env.H5_PORT ?? 10086);
const withH5 = process.env.KAIDIAN_NO_H5 !== '1';

async function main() {
  const children: ChildProcess[] = [];
  // One build first so the demo seed finds every function, then watch mode for edits.
  const first = spawnSync(process.execPath, [path.join(root, 'scripts/build-functions.mjs')], { cwd: root, stdio: 'inherit' });
  if (first.status !== 0) throw new Error('building the cloud functions failed');
  children.push(spawn(process.execPath, [path.join(root, 'scripts/build-functions.mjs'), path.join(root, 'cloudfunctions'), '--watch'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
  }));

  const dataDir = path.resolve(root, process.env.LOCALCLOUD_DATA ?? '.localcloud');
  fs.mkdirSync(dataDir, { recursive: true });
  const cloud = await startLocalCloud({
    port: Number(process.env.LOCALCLOUD_PORT ?? 9797),
    dataDir,
    functionsDir: path.join(root, 'cloudfunctions'),
    collectionsFile: path.join(root, 'database/collections.json'),
    // The subscribe-message templates the functions send (the local cloud answers 40037 for unknown ids).
    config: { templates: TEMPLATES },
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // The H5 dev server runs in its own process group: end the group so webpack's workers go too.
    for (const child of children) {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    }
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const demo = await seedDemoShop(cloud.url).catch((err: unknown) => {
    console.error(`demo shop not seeded: ${(err as Error).message}`);
    return null;
  });

  const h5 = `http://127.0.0.1:${h5Port}`;
  if (withH5) {
    // `taro build --watch` serves the h5 build with webpack-dev-server (live reload) on 127.0.0.1.
    children.push(spawn(process.execPath, [path.join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5', '--watch'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'development', KAIDIAN_CLOUD_URL: cloud.url, H5_PORT: String(h5Port) },
    }));
  }

  console.log('');
  console.log(`Local cloud:  ${cloud.url}  (data in ${cloud.dataDir})`);
  if (demo) {
    console.log(`Demo shop:    ${DEMO_SHOP.name} ${demo.created ? '(seeded now)' : '(kept from the last run)'} — code ${demo.code}`);
    if (withH5) console.log(`  shop:       ${h5}/pages/shop/index?id=${demo.shopId}`);
  }
  if (withH5) console.log(`H5 preview:   ${h5}/  (first build takes a minute; the page reloads on every change)`);
  console.log(`Cashier:      ${cloud.url}/cashier?prepay=<prepay_id>  (the h5 checkout opens it for you)`);
  console.log(`Outbox:       ${cloud.url}/outbox`);
  console.log('Ctrl-C stops everything; data stays in .localcloud/');
}


main().catch((err) => {
  console.error(err);
  process.exit(1);
});
