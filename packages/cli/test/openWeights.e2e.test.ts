// `statescope open` on the IMDB demo as a user runs it: the dataset names its model's weights
// (metadata.weights), the command serves them, and the what-if view in Chromium runs the model.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { buildApp, servedUrl, statescope } from '../../../test/e2e/cliProcess.js';

const imdb = fileURLToPath(new URL('../../../data/imdb.json', import.meta.url));

let browser: Browser;
let server: ChildProcess | null = null;

beforeAll(async () => {
  buildApp();
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});
afterAll(() => browser?.close());
afterEach(() => {
  server?.kill('SIGINT');
  server = null;
});

describe('statescope open, the what-if view', () => {
  it('loads the model a dataset names in metadata.weights and runs a text through it', async () => {
    server = statescope(['open', imdb, '--no-open', '--port', '0']);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(await servedUrl(server));
    await page.waitForFunction(() => (document.querySelector('#dataset') as HTMLSelectElement | null)?.value);
    await page.evaluate(() => {
      (document.querySelector('hs-dashboard') as HTMLElement & { whatifOpen: boolean }).whatifOpen = true;
    });
    // What the view shows once it settles: its model, or why it has none.
    const shown = () => page.locator('hs-whatif').evaluate((view) => view.shadowRoot!.textContent ?? '');
    await expect.poll(shown, { timeout: 30_000 }).toMatch(/Model: |weights/);
    expect(await shown()).not.toMatch(/weights/);
    expect(await page.locator('hs-whatif p.status').textContent()).toBe(
      'Model: LSTM, 100 units, 10,000 words; reads the last 100 tokens.',
    );
    await page.locator('hs-whatif textarea').fill('a wonderful film , i loved every minute');
    await expect
      .poll(() => page.locator('hs-whatif .prediction').textContent(), { timeout: 30_000 })
      .toMatch(/^Prediction: positive 0\.\d\d$/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
