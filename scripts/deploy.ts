// npm run deploy [-- --dry-run] [--config FILE] [--version X.Y.Z] [--desc TEXT]: from a configured
// checkout to a running environment and an uploaded mini-program version (docs/deploy.md). The plan
// (scripts/deploy/plan.ts) is built and validated offline; --dry-run prints it and stops there.
import fs from 'node:fs';
import path from 'node:path';
import { configFile, loadConfig, ROOT } from '../config/kaidian';
import { describePlan, makePlan } from './deploy/plan';
import { readRepo } from './deploy/repo';
import { runPlan } from './deploy/run';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const dryRun = process.argv.includes('--dry-run');
  const file = option('config') ? path.resolve(option('config')!) : configFile();
  const { config, isExample } = loadConfig(file);
  const version = option('version') ?? (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const plan = makePlan(config, readRepo(ROOT), { version, desc: option('desc') ?? `kaidian ${version}` });

  console.log(`Configuration: ${path.relative(process.cwd(), file)}${isExample ? ' (the example)' : ''}`);
  for (const line of describePlan(plan)) console.log(line);
  for (const p of plan.problems) console.log(`✗ ${p}`);
  if (dryRun) {
    console.log(`\nDry run: ${plan.steps.length} steps, nothing sent.${plan.problems.length ? ` ${plan.problems.length} problem(s) above would stop a real deploy.` : ''}${isExample ? ' The example configuration is for the local cloud: npm run doctor says what a real deployment needs.' : ''}`);
    return 0;
  }
  const refuse = (why: string) => { console.error(`✗ not deploying: ${why}`); return 1; };
  if (isExample) return refuse('this is the example configuration; copy it to kaidian.config.json, fill it in, and run npm run doctor');
  if (plan.problems.length > 0) return refuse('fix the problems above first');
  const secretId = process.env.TENCENTCLOUD_SECRETID ?? '';
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY ?? '';
  const privateKeyPath = config.upload.privateKeyPath ? path.resolve(ROOT, config.upload.privateKeyPath) : '';
  if (!privateKeyPath || !fs.existsSync(privateKeyPath)) return refuse('upload.privateKeyPath does not name the code-upload key (npm run doctor)');
  if (!secretId || !secretKey) return refuse('TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY are not set (npm run doctor)');
  await runPlan(plan, ROOT, file, { privateKeyPath, secretId, secretKey }, (line) => console.log(line));
  console.log(`\nDeployed to ${plan.env}; version ${version} is uploaded: submit it for review in the MP console (版本管理).`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
