// npm run doctor [config file]: what a real deployment still needs, in plain words (scripts/doctor/checks.ts).
// Reads kaidian.config.json (else the example), the weapp build in dist/ when there is one, and whether
// the deploy keys are at hand. Exits 1 while anything is left to fix.
import fs from 'node:fs';
import path from 'node:path';
import { configFile, loadConfig, ROOT } from '../config/kaidian';
import { diagnose, type DoctorFacts } from './doctor/checks';
import { payKeyFindings } from './doctor-pay';
import { functionEnv } from '../localcloud/runtime/fnenv';
import { privateApiUses } from './weapp-check/private-apis';
import { readBuild } from './weapp-check/dist';
import { MAIN_PACKAGE_BUDGET_KB, measureWeapp, WECHAT_PACKAGE_LIMIT_KB } from './weapp-size';

function builtFacts(dist: string): Pick<DoctorFacts, 'privateApisUsed' | 'requiredPrivateInfos' | 'packagesKb'> {
  if (!fs.existsSync(path.join(dist, 'app.json'))) return { privateApisUsed: null, requiredPrivateInfos: null, packagesKb: null };
  const { js, appJson } = readBuild(dist);
  const app = appJson as { requiredPrivateInfos?: string[] };
  return {
    privateApisUsed: privateApiUses(js).map((u) => u.api),
    requiredPrivateInfos: app.requiredPrivateInfos ?? [],
    packagesKb: measureWeapp(dist).map((p) => ({ name: p.name, kb: p.bytes / 1024 })),
  };
}

const arg = process.argv[2];
const { config, file, isExample } = loadConfig(arg ? path.resolve(arg) : configFile());
const keyPath = config.upload.privateKeyPath ? path.resolve(ROOT, config.upload.privateKeyPath) : '';
const findings = diagnose(config, {
  ...builtFacts(path.join(ROOT, 'dist')),
  mainBudgetKb: MAIN_PACKAGE_BUDGET_KB,
  packageLimitKb: WECHAT_PACKAGE_LIMIT_KB,
  uploadKeyExists: keyPath !== '' && fs.existsSync(keyPath),
  cloudApiKeys: !!process.env.TENCENTCLOUD_SECRETID && !!process.env.TENCENTCLOUD_SECRETKEY,
});

// WeChat Pay v3 keys live only in the functions' environment (cloudfunctions/<fn>/.env.local here, the
// console's 环境变量 in production): named when missing, never printed.
if (config.pay.mode !== 'cloudpay') {
  findings.push(...payKeyFindings((fn) => functionEnv(path.join(ROOT, 'cloudfunctions', fn), undefined)));
}

console.log(`Kaidian doctor: ${path.relative(process.cwd(), file) || file}${isExample ? ' (the example configuration: copy it to kaidian.config.json and fill it in)' : ''}\n`);
for (const f of findings) console.log(`${f.ok ? '✓' : '✗'} ${f.topic}: ${f.message}`);
const left = findings.filter((f) => !f.ok).length;
console.log(left === 0 ? '\nAll clear: npm run deploy.' : `\n${left} thing${left === 1 ? '' : 's'} to do before npm run deploy (docs/deploy.md walks through each).`);
process.exit(left === 0 ? 0 : 1);
