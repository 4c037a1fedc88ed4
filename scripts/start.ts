// npm start — everything a developer or a shop operator needs on one machine: the functions built and
// rebuilt on change, the local cloud with durable data in .localcloud/, and the URLs to open.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startLocalCloud } from '../localcloud';

const root = path.resolve(__dirname, '..');

async function main() {
  const children: ChildProcess[] = [];
  const watcher = spawn(process.execPath, [path.join(root, 'scripts/build-functions.mjs'), '--watch'], { cwd: root, stdio: 'inherit' });
  children.push(watcher);

  const cloud = await startLocalCloud({
    port: Number(process.env.LOCALCLOUD_PORT ?? 9797),
    dataDir: path.resolve(root, process.env.LOCALCLOUD_DATA ?? '.localcloud'),
    functionsDir: path.join(root, 'cloudfunctions'),
    collectionsFile: path.join(root, 'database/collections.json'),
  });
  console.log(`Local cloud: ${cloud.url}`);
  console.log(`  cashier:  ${cloud.url}/cashier?prepay=<prepay_id>`);
  console.log(`  outbox:   ${cloud.url}/outbox`);
  console.log('Ctrl-C stops everything; data stays in .localcloud/');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
