// The shop's local cloud in its own process, for test/kill9.test.ts: the built functions, the real
// collections and a known merchant, with its database and pay sandbox in the directory given as argv[2].
// Prints `READY <url>` once it listens; the test kill -9s it and starts another on the same directory.
import path from 'node:path';
import { startLocalCloud } from '../../localcloud';
import { TEMPLATES } from '../../server/wechat/notifications/templates';
import { HARNESS_INSTANCES } from '../integration/harness';

const ROOT = path.join(__dirname, '../..');

async function main(): Promise<void> {
  const [dataDir, merchant] = process.argv.slice(2);
  const cloud = await startLocalCloud({
    port: 0,
    dataDir,
    functionsDir: path.join(ROOT, 'cloudfunctions'),
    collectionsFile: path.join(ROOT, 'database/collections.json'),
    quiet: true,
    // As in the integration harness: the buyers' traffic is concurrent through a few instances per function.
    maxInstances: HARNESS_INSTANCES,
    config: { merchants: [{ subMchId: merchant, name: '街角小店' }], templates: TEMPLATES },
  });
  process.stdout.write(`READY ${cloud.url}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
