// `statescope open` as a user runs it: the command serves the built dashboard app on files that
// nobody prepared for it, and real Chromium draws every view.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { hiddenStatesVisExport } from '../../packages/cli/test/fixtures.js';
import { buildApp, finished, servedUrl, statescope } from './cliProcess.js';

const imdb = fileURLToPath(new URL('../../data/imdb.json', import.meta.url));
const npzManifest = fileURLToPath(new URL('../../packages/core/test/fixtures/numpy/manifest.json', import.meta.url));

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

/** What each of the six views shows, read from their shadow roots (Playwright's CSS pierces them). */
async function drawnViews(page: Page) {
  return page.evaluate(() => {
    const views = document.querySelector('hs-dashboard')!.shadowRoot!;
    const view = (tag: string) => views.querySelector(tag)!.shadowRoot!;
    const canvas = view('hs-projection').querySelector<HTMLCanvasElement>('canvas[part="points"]');
    const pixels = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    let coloured = 0;
    if (pixels)
      for (let i = 0; i < pixels.length; i += 4)
        if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) coloured++;
    return {
      overviewCells: view('hs-overview').querySelectorAll('[role="gridcell"]').length,
      tableRows: view('hs-table').querySelectorAll('[role="rowgroup"] [role="row"]').length,
      mapPixels: coloured,
      tokens: [...view('hs-sequence').querySelectorAll('[role="button"]')].map((t) => t.textContent),
      heatmapCells: view('hs-heatmap').querySelectorAll('[role="gridcell"]').length,
      histogramBars: view('hs-histogram').querySelectorAll('g.bars rect').length,
    };
  });
}

/** Every view drawn for a dataset opened on its first sequence. */
function expectSixViews(
  views: Awaited<ReturnType<typeof drawnViews>>,
  expected: { firstTokens: string[]; sequences: number; classes: number },
): void {
  const steps = expected.firstTokens.length;
  expect(views.tokens).toEqual(expected.firstTokens);
  expect(views.overviewCells).toBe(expected.classes ** 2); // the confusion matrix
  expect(views.tableRows).toBe(expected.sequences);
  expect(views.mapPixels).toBeGreaterThan(50);
  expect(views.heatmapCells).toBeGreaterThanOrEqual(steps * expected.classes);
  expect(views.histogramBars).toBeGreaterThanOrEqual(steps - 1);
}

async function openAndRead(args: string[]) {
  server = statescope(['open', ...args, '--no-open', '--port', '0']);
  const url = await servedUrl(server);
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => {
    const views = document.querySelector('hs-dashboard')?.shadowRoot;
    return (views?.querySelector('hs-sequence')?.shadowRoot?.querySelectorAll('[role="button"]').length ?? 0) > 0;
  });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const views = await drawnViews(page);
  const isolated = await page.evaluate(() => crossOriginIsolated);
  await page.close();
  return { views, errors, isolated };
}

describe('statescope open, in Chromium', () => {
  it('a manifest with .npz and .npy arrays: all six views drawn, the page cross-origin isolated', async () => {
    const { views, errors, isolated } = await openAndRead([npzManifest]);
    expect(errors).toEqual([]);
    expect(isolated).toBe(true);
    expectSixViews(views, { firstTokens: ['oil', 'prices', 'rose', '.'], sequences: 3, classes: 3 });
  });

  it('a hiddenStatesVis JSON: all six views drawn', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'statescope-e2e-'));
    const file = join(folder, 'reference-export.json');
    await writeFile(file, JSON.stringify(hiddenStatesVisExport()));
    const { views, errors } = await openAndRead([file]);
    expect(errors).toEqual([]);
    expectSixViews(views, { firstTokens: ['the', 'match', 'ended', 'late'], sequences: 2, classes: 3 });
  });

  it('a broken file: exit code 1 and the typed error, with its place, on one line; nothing served', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'statescope-e2e-'));
    const file = join(folder, 'broken.json');
    const broken = hiddenStatesVisExport();
    broken.modelOutputs[1][2] = [0.2, 0.3, 1.5];
    await writeFile(file, JSON.stringify(broken));
    const { code, stdout, stderr } = await finished(statescope(['open', file, '--no-open', '--port', '0']));
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/http:/);
    expect(stderr.trim().split('\n')).toEqual([
      `statescope: ${file}: field "modelOutputs", sequence 1, step 2: value 2 is 1.5; probabilities must lie in [0, 1]`,
    ]);
  });

  it('Ctrl-C stops the server and exits 0', async () => {
    const child = statescope(['open', npzManifest, '--no-open', '--port', '0']);
    const url = await servedUrl(child);
    expect((await fetch(`${url}datasets.json`)).status).toBe(200);
    const ended = finished(child);
    child.kill('SIGINT');
    const { code } = await ended;
    expect(code).toBe(0);
    await expect(fetch(`${url}datasets.json`)).rejects.toThrow();
  });

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

describe('the in-tab t-SNE of the served app', () => {
  it('uses its second worker past 8,000 states (the page is cross-origin isolated) and finishes', async () => {
    const { StateDataset, saveDataset } = await import('@statescope/core');
    // 90 texts x 100 steps x 8 units: a smooth random walk per text, so the map has structure.
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
    const steps = 9000;
    const hidden = new Float32Array(steps * 8);
    for (let i = 8; i < hidden.length; i++) hidden[i] = (i % 800 < 8 ? 0 : 0.9 * hidden[i - 8]) + random();
    const dataset = new StateDataset({
      classes: ['negative', 'positive'],
      tokens: Array.from({ length: 90 }, () => Array.from({ length: 100 }, (_, t) => `w${t % 17}`)),
      labels: Array.from({ length: 90 }, (_, s) => s % 2),
      layers: [{ name: 'lstm', dim: 8, hidden }],
      expectedPredictions: Float32Array.from({ length: steps }, (_, t) => 1 / (1 + Math.exp(-hidden[t * 8]))),
    });
    const file = join(await mkdtemp(join(tmpdir(), 'statescope-e2e-')), 'walks.json');
    await saveDataset(dataset, file);
    server = statescope(['open', file, '--no-open', '--port', '0']);
    const page = await browser.newPage();
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(await servedUrl(server));
    await page.waitForFunction(() => (document.querySelector('#dataset') as HTMLSelectElement | null)?.value);
    await page.click('#run-tsne');
    await page.waitForFunction(
      () => /states in/.test(document.querySelector('#tsne-status')?.textContent ?? ''),
      undefined,
      {
        timeout: 90_000,
      },
    );
    expect(await page.textContent('#tsne-status')).toMatch(/^9,000 states in [\d.]+ s: tsne-p30$/); // shown and listed
    expect(workers).toHaveLength(2); // the t-SNE worker and the helper it starts for the attraction
    await page.close();
  }, 120_000);
});
