// Renders the tab bar icons (src/assets/tabbar/<name>.svg, line icons in `currentColor`) to the PNGs that
// app.config.ts's tabBar points at: <name>.png in the tabBar `color` and <name>-active.png in its
// `selectedColor`, 81×81 px with a transparent background (WeChat: PNG/JPG only, ≤ 40 KB, 81×81 advised).
// Run after changing an SVG; the PNGs are committed so neither build needs chromium.
//   npx tsx scripts/tabbar-icons.ts
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.resolve(__dirname, '../src/assets/tabbar');
const SIZE = 81;
const MAX_BYTES = 40 * 1024;
// Keep in step with tabBar.color / tabBar.selectedColor in src/app.config.ts.
const VARIANTS = [
  { suffix: '', color: '#8a8f99' },
  { suffix: '-active', color: '#07c160' },
];

function pageFor(svg: string, color: string): string {
  return `<!doctype html><meta charset="utf-8"><style>
html,body{margin:0;background:transparent}svg{display:block;width:${SIZE}px;height:${SIZE}px;color:${color}}</style>${svg}`;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const buf = fs.readFileSync(file);
  if (buf.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${file} is not a PNG`);
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

async function main() {
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.svg')).map((f) => f.slice(0, -4)).sort();
  if (names.length === 0) throw new Error(`no SVG in ${dir}`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    // playwright gives each launch a fresh temporary profile (its own --user-data-dir).
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    for (const name of names) {
      const svg = fs.readFileSync(path.join(dir, `${name}.svg`), 'utf8');
      for (const v of VARIANTS) {
        const file = path.join(dir, `${name}${v.suffix}.png`);
        await page.setContent(pageFor(svg, v.color));
        await page.screenshot({ path: file, type: 'png', omitBackground: true });
        const [w, h] = pngSize(file);
        const bytes = fs.statSync(file).size;
        if (w !== SIZE || h !== SIZE) throw new Error(`${file} is ${w}×${h}, not ${SIZE}×${SIZE}`);
        if (bytes > MAX_BYTES) throw new Error(`${file} is ${bytes} bytes, over WeChat's 40 KB`);
        console.log(`${path.basename(file).padEnd(18)} ${w}×${h}  ${(bytes / 1024).toFixed(1)} KB`);
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
