// `npm run screenshots`: pictures of the dashboard on both demo datasets for the README, taken in
// Debian's Chromium at 1600x1000 from the app served as `npm start` serves it, after the gestures
// a newcomer makes first (a sequence selected and one compared, a brush on the map, a word hovered).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { root } from './workspaces.mjs';

const port = 5199;
const server = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
  env: { ...process.env, PORT: String(port) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => String(chunk).includes('Statescope dashboard') && resolve());
  server.on('exit', (code) => reject(new Error(`the dev server stopped (${code})`)));
});

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  for (const name of ['imdb', 'reuters']) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`http://localhost:${port}/?data=${name}`);
    const map = page.locator('hs-projection canvas');
    await map.waitFor();
    await page.waitForFunction("document.querySelector('hs-dashboard')?.data");
    // Compare a second sequence (Ctrl-click a table row), brush a region, hover a word.
    const rows = page.locator('hs-table [role="rowgroup"] [role="row"]');
    await rows.nth(3).click({ modifiers: ['Control'] });
    const box = await map.boundingBox();
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.35);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.62, { steps: 8 });
    await page.mouse.up();
    await page.locator('hs-sequence [part~="token"]').nth(6).hover();
    await page.waitForTimeout(300);
    const file = join(root, `docs/images/dashboard-${name}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
