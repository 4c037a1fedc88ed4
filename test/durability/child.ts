// A local cloud in its own process, for test/durability.test.ts: it keeps its database in the
// directory given as argv[2] and prints `READY <url>` once it listens. The test kill -9s it.
import path from 'node:path';
import { startLocalCloud } from '../../localcloud';

async function main(): Promise<void> {
  const [dataDir, functionsDir] = process.argv.slice(2);
  const cloud = await startLocalCloud({
    port: 0,
    dataDir,
    functionsDir,
    collectionsFile: path.join(__dirname, '../conformance/collections.json'),
    quiet: true,
  });
  process.stdout.write(`READY ${cloud.url}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
