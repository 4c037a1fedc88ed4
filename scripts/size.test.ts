// The weapp main package stays within its 600 KB budget (WeChat's hard limit is 2 MB per package).
// Builds dist/ first when it is missing or older than src/, core/ or config/.
import path from 'node:path';
import { ensureWeappBuild, kb, MAIN_PACKAGE_BUDGET_KB, measureWeapp, WECHAT_PACKAGE_LIMIT_KB } from './weapp-size';

const root = path.resolve(__dirname, '..');

test(`the weapp main package is at most ${MAIN_PACKAGE_BUDGET_KB} KB and every subpackage within WeChat's 2 MB`, () => {
  ensureWeappBuild(root);
  const [main, ...subs] = measureWeapp(path.join(root, 'dist'));
  console.log([main, ...subs].map((p) => `${p.name}: ${kb(p.bytes).toFixed(1)} KB`).join(', '));
  expect(main.files).toBeGreaterThan(0);
  expect(kb(main.bytes)).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET_KB);
  expect(subs.map((s) => s.root)).toContain('owner');
  for (const s of subs) expect(kb(s.bytes)).toBeLessThanOrEqual(WECHAT_PACKAGE_LIMIT_KB);
}, 240_000);
