// npm run size — builds the weapp package if dist/ is missing or stale, then prints the main package and
// each subpackage in KB against the budget (600 KB main) and WeChat's 2 MB limit.
import path from 'node:path';
import { ensureWeappBuild, kb, MAIN_PACKAGE_BUDGET_KB, measureWeapp, WECHAT_PACKAGE_LIMIT_KB } from './weapp-size';

const root = path.resolve(__dirname, '..');
const build = ensureWeappBuild(root);
if (build.built) console.log(`built weapp in ${(build.ms / 1000).toFixed(1)} s`);
let over = false;
for (const pkg of measureWeapp(path.join(root, 'dist'))) {
  const limit = pkg.name === 'main' ? MAIN_PACKAGE_BUDGET_KB : WECHAT_PACKAGE_LIMIT_KB;
  const size = kb(pkg.bytes);
  if (size > limit) over = true;
  const label = pkg.name === 'main' ? 'main package' : `subpackage ${pkg.name} (${pkg.root}/)`;
  console.log(`${label.padEnd(30)} ${size.toFixed(1).padStart(8)} KB  ${String(pkg.files).padStart(3)} files  (limit ${limit} KB)`);
}
process.exitCode = over ? 1 : 0;
