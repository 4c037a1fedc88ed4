// npm run cloud — the local cloud on its own: durable data in LOCALCLOUD_DATA (default .localcloud/),
// port LOCALCLOUD_PORT (default 9797), functions from ./cloudfunctions (built index.js files).
// Listens on 127.0.0.1 only. Ctrl-C (SIGINT) or SIGTERM stops it cleanly.
import fs from 'node:fs';
import path from 'node:path';
import { TEMPLATES } from '../core/subscribe-templates';
import { startLocalCloud } from './index';

async function main(): Promise<void> {
  const root = process.cwd();
  const port = Number(process.env.LOCALCLOUD_PORT ?? 9797);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`LOCALCLOUD_PORT must be a port number, got ${process.env.LOCALCLOUD_PORT}`);
  const dataDir = path.resolve(root, process.env.LOCALCLOUD_DATA ?? '.localcloud');
  fs.mkdirSync(dataDir, { recursive: true });
  const cloud = await startLocalCloud({
    port,
    dataDir,
    functionsDir: path.resolve(root, 'cloudfunctions'),
    // The example configuration's subscribe templates (kaidian.config.example.json), as npm start does.
    config: { templates: TEMPLATES },
  });
  console.log(`Local cloud: ${cloud.url}`);
  console.log(`  env ${cloud.envId}, appid ${cloud.config.appId}, data in ${cloud.dataDir}`);
  const names = cloud.functions.functionNames();
  if (names.length === 0) console.log('  no functions found in ./cloudfunctions (build them first: npm run build:functions)');
  for (const name of names) {
    const config = cloud.functions.config(name)!;
    const timer = config.triggers[0] ? `, timer ${config.triggers[0].name} "${config.triggers[0].config}"` : '';
    console.log(`  function ${name} (timeout ${config.timeout} s${timer})`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local cloud`);
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
