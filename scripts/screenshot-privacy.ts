// The privacy sheet as a buyer sees it at checkout, in the H5 preview at 390×844 (Debian's chromium,
// the local cloud with the demo shop): docs/screenshots/privacy-sheet.png. The h5 build has no privacy
// flow of its own; ?privacy=<api> opens the sheet there so it can be looked at (src/privacy/PrivacySheet.tsx).
import path from 'node:path';
import { ensureH5Build, root, startWorld } from '../test/e2e/harness';

async function main(): Promise<void> {
  ensureH5Build();
  const world = await startWorld();
  try {
    const page = await (await world.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })).newPage();
    const milk = world.demo.products['鲜牛奶 1L'];
    await page.goto(`${world.h5.url}/pages/checkout/index?shopId=${world.demo.shopId}&buy=${milk}&privacy=chooseAddress`);
    await page.locator('[data-testid="checkout-total"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="privacy-sheet"]').waitFor({ timeout: 30_000 });
    const file = path.join(root, 'docs/screenshots/privacy-sheet.png');
    await page.screenshot({ path: file, type: 'png' });
    console.log(`${path.relative(process.cwd(), file)}: ${await page.locator('[data-testid="privacy-sheet"]').innerText()}`);
  } finally {
    await world.close();
  }
}

main().then(() => process.exit(0), (err: unknown) => { console.error(err); process.exit(1); });
