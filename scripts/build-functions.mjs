// Bundles every cloudfunctions/<fn>/index.ts into cloudfunctions/<fn>/index.js with esbuild,
// leaving wx-server-sdk external so the folder uploads to WeChat as it is and the local cloud runs
// exactly that file. A folder with a plain index.js and no index.ts is used as it is.
import { build, context } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? 'cloudfunctions');
const watch = process.argv.includes('--watch');

// The subscribe templates the functions send (core/subscribe-templates.ts reads KAIDIAN_TEMPLATES). By
// default the example configuration's, which the local cloud knows; npm run deploy sets KAIDIAN_CONFIG
// to kaidian.config.json so the uploaded functions send your templates.
const define = {};
if (process.env.KAIDIAN_CONFIG) {
  const kaidian = JSON.parse(fs.readFileSync(path.resolve(process.env.KAIDIAN_CONFIG), 'utf8'));
  define.KAIDIAN_TEMPLATES = JSON.stringify(kaidian.subscribeTemplates);
}

const folders = fs.existsSync(root)
  ? fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(root, d.name))
  : [];
const entries = folders.filter((dir) => fs.existsSync(path.join(dir, 'index.ts')));

const started = Date.now();
function optionsFor(dir) {
  return {
      entryPoints: [path.join(dir, 'index.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      logLevel: 'warning',
      metafile: true,
      define,
  };
}

if (watch) {
  // Rebuild on change; the local cloud notices a new index.js and starts fresh instances with it.
  for (const dir of entries) {
    const ctx = await context({ ...optionsFor(dir), logLevel: 'info' });
    await ctx.watch();
  }
  console.log(`watching ${entries.length} function(s)`);
} else {
  await buildAll();
}

async function buildAll() {
const results = await Promise.all(
  entries.map(async (dir) => {
    const options = optionsFor(dir);
    const result = await build(options);
    const bytes = fs.statSync(options.outfile).size;
    return { name: path.basename(dir), bytes, result };
  }),
);
for (const r of results) console.log(`  ${r.name.padEnd(16)} ${(r.bytes / 1024).toFixed(1).padStart(7)} KB`);
const plain = folders.filter((dir) => !entries.includes(dir) && fs.existsSync(path.join(dir, 'index.js')));
for (const dir of plain) console.log(`  ${path.basename(dir).padEnd(16)}  (plain index.js, used as it is)`);
console.log(`built ${results.length} function(s) in ${Date.now() - started} ms`);
}
