// npm run check:weapp [project dir] [--json]: the built mini-program (dist/, after npm run build:weapp)
// checked by WeChat's own compiler, offline, and by the rules it does not check (scripts/weapp-check/).
// Exits 1 on any error or any __warning__. The compiler's worker keeps Node alive, so this always exits.
import path from 'node:path';
import { checkWeapp, summary } from './weapp-check/check';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const projectDir = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(__dirname, '..'));
  const report = await checkWeapp(projectDir);
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    for (const e of report.errors) console.log(`error    ${e.file}: ${e.message}`);
    for (const w of report.warnings) console.log(`warning  ${w.file}: ${w.message}`);
    const subs = Object.entries(report.subpackagesKb).map(([n, kb]) => `${n} ${Math.round(kb)} KB`).join(', ');
    console.log(summary(report) + (subs ? ` (subpackages: ${subs})` : ''));
  }
  return report.errors.length + report.warnings.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
