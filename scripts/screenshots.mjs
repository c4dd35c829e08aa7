// `npm run screenshots`: pictures of the dashboard on both demo datasets for the README, taken in
// Debian's Chromium at 1600x1000 from the app served as `npm start` serves it, after the gestures
// a newcomer makes first (a sequence selected and one compared, a brush on the map, a word hovered);
// and the hidden units opened on IMDB, a word's units selected, the map coloured by them.
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
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`http://localhost:${port}/?data=imdb`);
  await page.locator('hs-projection canvas').waitFor();
  await page.waitForFunction("document.querySelector('hs-dashboard')?.data");
  await page.locator('hs-dashboard section.units h2 button').click();
  // Brush three words of the active review on the units chart, then colour the map by the units found.
  const chart = await page.locator('hs-units .panel.active svg').boundingBox();
  const y = chart.y + chart.height * 0.45;
  await page.mouse.move(chart.x + chart.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(chart.x + chart.width * 0.33, y, { steps: 6 });
  await page.mouse.up();
  await page.locator('hs-projection select[aria-label="Colour points by"]').selectOption('activation');
  await page.waitForTimeout(500);
  const file = join(root, 'docs/images/dashboard-units.png');
  await page.screenshot({ path: file });
  console.log(`wrote ${file}`);
} finally {
  await browser.close();
  server.kill();
}
