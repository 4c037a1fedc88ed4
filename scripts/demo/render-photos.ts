// Renders the demo shop's pictures (photos/*.jpg) and its digital product (photos/recipes.pdf) with the
// Debian chromium: a Noto Color Emoji glyph on a soft gradient. Run once; the output is committed.
//   npx tsx scripts/demo/render-photos.ts
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_PRODUCTS, DEMO_SHOP } from './catalogue';

const out = path.join(__dirname, 'photos');

function card(emoji: string, [from, to]: [string, string]): string {
  return `<!doctype html><meta charset="utf-8"><style>
html,body{margin:0}body{width:480px;height:480px;display:flex;align-items:center;justify-content:center;
background:radial-gradient(circle at 30% 25%, #ffffff 0%, ${from} 40%, ${to} 100%);}
.e{font:300px/1 'Noto Color Emoji';filter:drop-shadow(0 18px 18px rgba(0,0,0,.18))}</style><div class="e">${emoji}</div>`;
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    // playwright gives each launch a fresh temporary profile (its own --user-data-dir).
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 480, height: 480 } });
  const items = [...DEMO_PRODUCTS.map((p) => ({ key: p.key, emoji: p.emoji, bg: p.background })), { key: 'logo', emoji: DEMO_SHOP.logoEmoji, bg: ['#e3f7ea', '#8fdcae'] as [string, string] }];
  for (const item of items) {
    await page.setContent(card(item.emoji, item.bg));
    await page.screenshot({ path: path.join(out, `${item.key}.jpg`), type: 'jpeg', quality: 82 });
  }
  await page.setViewportSize({ width: 800, height: 1000 });
  await page.setContent(`<!doctype html><meta charset="utf-8"><style>body{font-family:'Noto Sans CJK SC',sans-serif;padding:48px;color:#333}
h1{color:#07a050}li{margin:8px 0}</style><h1>小店家常菜谱</h1><p>街角小卖部 整理 · 演示用电子书</p><ol>
${['番茄炒蛋', '青椒土豆丝', '可乐鸡翅', '香蕉松饼', '苹果银耳汤', '咖啡冻'].map((d) => `<li>${d}</li>`).join('')}</ol>`);
  await page.pdf({ path: path.join(out, 'recipes.pdf'), format: 'A5' });
  await browser.close();
  for (const f of fs.readdirSync(out)) console.log(`${f.padEnd(16)} ${(fs.statSync(path.join(out, f)).size / 1024).toFixed(1)} KB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
