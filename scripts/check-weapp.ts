// npm run check:weapp [project dir …] [--json]: the built mini-program (dist/, after npm run build:weapp)
// checked by WeChat's own compiler, offline, and by the rules it does not check (scripts/weapp-check/).
// Several project dirs are checked in turn by one compiler load (--json: one report per line, in order).
// Exits 1 on any error or any __warning__. The compiler's worker keeps Node alive, so this always exits.
import path from 'node:path';
import { checkWeapp, passed, summary } from './weapp-check/check';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const dirs = args.filter((a) => !a.startsWith('--'));
  let code = 0;
  for (const dir of dirs.length ? dirs : [path.join(__dirname, '..')]) {
    const report = await checkWeapp(path.resolve(dir));
    if (!passed(report)) code = 1;
    if (json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      continue;
    }
    if (dirs.length > 1) console.log(path.resolve(dir));
    for (const e of report.errors) console.log(`error    ${e.file}: ${e.message}`);
    for (const w of report.warnings) console.log(`warning  ${w.file}: ${w.message}`);
    const subs = Object.entries(report.subpackagesKb).map(([n, kb]) => `${n} ${Math.round(kb)} KB`).join(', ');
    console.log(summary(report) + (subs ? ` (subpackages: ${subs})` : ''));
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
