// Statescope on other people's pages: real Chromium loads the dashboard app and a page of every
// view (1) under a strict Content-Security-Policy sent as a response header, and (2) with hostile
// text in the data, and checks that nothing is blocked, nothing executes, nothing widens its
// panel and numbers next to right-to-left names still read the right way round.
import type { Server } from 'node:http';
import { rm } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { PAYLOADS, RLO, hostileBinary, hostileDataset, plainDataset } from './securityDatasets.js';
import { STRICT_CSP, buildPages, servePages } from './securityServer.js';

const DATASETS = {
  '/data/plain.json': plainDataset(),
  '/data/hostile.json': hostileDataset(),
  '/data/binary.json': hostileBinary(),
  '/app/datasets.json': JSON.stringify({ datasets: [{ id: 'plain', label: 'Plain', src: '/data/plain.json' }] }),
};

let folder: string;
let browser: Browser;
const servers: Server[] = [];

beforeAll(async () => {
  folder = await buildPages();
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) server.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function serve(headers: Record<string, string>): Promise<string> {
  const { url, server } = await servePages(folder, DATASETS, headers);
  servers.push(server);
  return url;
}

/** A page that records every CSP violation (from its first script on), console error and page error. */
async function openPage(url: string): Promise<{ page: Page; problems: () => Promise<string[]> }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __violations: string[] }).__violations = []);
    const record = (e: SecurityPolicyViolationEvent) =>
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    document.addEventListener('securitypolicyviolation', record, true);
  });
  const logged: string[] = [];
  page.on('console', (message) => message.type() === 'error' && logged.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => logged.push(`page error: ${error.message}`));
  await page.goto(url);
  const problems = async () => [
    ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)),
    ...logged,
  ];
  return { page, problems };
}

/** Waits until every view on the page (standalone and in the dashboard) has drawn its data. */
async function waitForViews(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const hosts = [document, document.querySelector('hs-dashboard')?.shadowRoot].filter(Boolean) as ParentNode[];
    const sequences = hosts.flatMap((h) => [...h.querySelectorAll('hs-sequence')]);
    return (
      sequences.length > 0 &&
      sequences.every((s) => (s.shadowRoot?.querySelectorAll('.token').length ?? 0) > 0) &&
      hosts.every((h) =>
        [...h.querySelectorAll('hs-table')].every((t) => t.shadowRoot?.querySelector('[data-sequence]')),
      )
    );
  });
  // The dashboard's tools draw only while open (a closed panel costs nothing): open them to check them too.
  await page.evaluate(() => {
    const dashboard = document.querySelector('hs-dashboard') as
      (HTMLElement & { unitsOpen: boolean; neighborsOpen: boolean; whatifOpen: boolean }) | null;
    if (dashboard) dashboard.unitsOpen = dashboard.neighborsOpen = dashboard.whatifOpen = true;
  });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** What each view shows, for every view on the page: the dashboard's seven, then the standalone ones. */
function drawnViews(page: Page) {
  return page.evaluate(() => {
    const dashboard = document.querySelector('hs-dashboard')!.shadowRoot!;
    const views = [
      ...dashboard.querySelectorAll('section > :not(h2)'),
      ...document.querySelectorAll('.views > .slot > *'),
    ];
    return views.map((view) => {
      const root = view.shadowRoot!;
      const canvas = root.querySelector<HTMLCanvasElement>('canvas[part="points"]');
      const pixels = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      let coloured = 0;
      if (pixels)
        for (let i = 0; i < pixels.length; i += 4)
          if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) coloured++;
      const count = (selector: string) => root.querySelectorAll(selector).length;
      return {
        tag: view.localName,
        matrixCells: count('[role="gridcell"]'),
        tableRows: count('[role="rowgroup"] [role="row"]'),
        mapPixels: coloured,
        tokens: count('.token'),
        heatmapCells: count('rect.cell'),
        histogramBars: count('g.bars rect'),
        unitLines: count('g.lines path'),
        messages: [...root.querySelectorAll('.empty, .message:not([hidden])')].map((m) => m.textContent),
      };
    });
  });
}

/** Every view drawn: a confusion matrix, table rows, coloured map pixels, tokens, heatmap cells, bars, unit lines. */
function expectDrawn(views: Awaited<ReturnType<typeof drawnViews>>, classes: number): void {
  expect(views.map((v) => v.tag).sort()).toEqual(
    [
      'hs-heatmap',
      'hs-histogram',
      'hs-neighbors',
      'hs-overview',
      'hs-projection',
      'hs-sequence',
      'hs-table',
      'hs-units',
      'hs-whatif',
    ].flatMap((t) => [t, t]),
  );
  for (const view of views) {
    // Until a state is hovered, the neighbours view says how to get a list; no other view but the what-if has a message.
    if (view.tag === 'hs-neighbors') expect(view.messages).toEqual([expect.stringMatching(/^Hover a state/)]);
    // These data name no model weights: the what-if view says what it needs.
    else if (view.tag === 'hs-whatif')
      expect(view.messages).toEqual([expect.stringMatching(/needs the model's weights/)]);
    else expect(view.messages, view.tag).toEqual([]);
    if (view.tag === 'hs-overview') expect(view.matrixCells).toBe(classes ** 2);
    if (view.tag === 'hs-table') expect(view.tableRows).toBeGreaterThan(0);
    if (view.tag === 'hs-projection') expect(view.mapPixels).toBeGreaterThan(50);
    if (view.tag === 'hs-sequence') expect(view.tokens).toBeGreaterThan(0);
    if (view.tag === 'hs-heatmap') expect(view.heatmapCells).toBeGreaterThanOrEqual(classes * 2);
    if (view.tag === 'hs-histogram') expect(view.histogramBars).toBeGreaterThan(0);
    if (view.tag === 'hs-units') expect(view.unitLines).toBeGreaterThan(0);
  }
}

describe(`under ${STRICT_CSP}`, () => {
  it('the dashboard and each view on its own draw their data, with no violation', async () => {
    const url = await serve({ 'Content-Security-Policy': STRICT_CSP });
    const { page, problems } = await openPage(`${url}/page/?data=/data/plain.json`);
    await waitForViews(page);
    expectDrawn(await drawnViews(page), 3);
    // Interact, so that the tooltip, highlights and a new selection draw too.
    expect((await tooltipNumber(page, '0.42')).hidden).toBe(false);
    await page.locator('hs-dashboard hs-sequence .token').nth(2).hover();
    await page.locator('hs-dashboard hs-table [data-sequence]').nth(3).click();
    await page.locator('hs-dashboard hs-heatmap rect.cell').nth(1).hover();
    expect(await problems()).toEqual([]);

    // The probe works: an inline style attribute is refused and reported.
    await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
    await page.waitForFunction(() => (window as unknown as { __violations: string[] }).__violations.length > 0);
    expect((await problems())[0]).toMatch(/^style-src-attr blocked inline/);
    await page.close();
  });

  it('the dashboard app draws every view and runs t-SNE in a worker, with no violation', async () => {
    const url = await serve({ 'Content-Security-Policy': STRICT_CSP });
    const { page, problems } = await openPage(`${url}/app/`);
    await waitForViews(page);
    const views = await page.evaluate(() => {
      const dashboard = document.querySelector('hs-dashboard')!.shadowRoot!;
      return {
        tokens: dashboard.querySelector('hs-sequence')!.shadowRoot!.querySelectorAll('.token').length,
        header: getComputedStyle(document.querySelector('header')!).display, // app.css applied
      };
    });
    expect(views).toEqual({ tokens: 5, header: 'flex' });
    await page.click('#run-tsne');
    await page.waitForFunction(() => /states in|failed/.test(document.querySelector('#tsne-status')!.textContent!), {
      timeout: 60_000,
    });
    expect(await page.textContent('#tsne-status')).toMatch(/^200 states in/);
    expect(await problems()).toEqual([]);
    await page.close();
  });
});

/** Panels (the page's slots and the dashboard's sections) and anything drawn outside them. */
function overflows(page: Page) {
  return page.evaluate(() => {
    const dashboard = document.querySelector('hs-dashboard')!;
    const panels = [
      ...document.querySelectorAll<HTMLElement>('.slot'),
      ...dashboard.shadowRoot!.querySelectorAll('section'),
    ];
    const found: string[] = [];
    if (document.documentElement.scrollWidth > innerWidth)
      found.push(`page ${document.documentElement.scrollWidth} px wide`);
    for (const panel of panels) {
      const view = [...panel.children].find((c) => c.localName.startsWith('hs-'))!;
      const box = panel.getBoundingClientRect();
      const name = `${view.localName} in ${panel.className}`;
      if (panel.scrollWidth > panel.clientWidth + 1)
        found.push(`${name}: scrolls ${panel.scrollWidth} > ${panel.clientWidth}`);
      if (view.localName === 'hs-dashboard') continue;
      const root = view.shadowRoot!;
      // Descendants of a box that clips (the map's frame, the table's cells) cannot show outside it.
      const clipped = (element: Element) => {
        for (let e = element.parentElement; e; e = e.parentElement)
          if (getComputedStyle(e).overflowX !== 'visible') return true;
        return false;
      };
      for (const element of root.querySelectorAll('*')) {
        const r = element.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || clipped(element)) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1)
          found.push(
            `${name}: ${element.localName}.${element.getAttribute('class') ?? ''} spans ${r.left.toFixed(0)}..${r.right.toFixed(0)}, panel ${box.left.toFixed(0)}..${box.right.toFixed(0)}`,
          );
      }
      // The map's legend and tooltip float inside its frame.
      const frame = root.querySelector('.frame')?.getBoundingClientRect();
      for (const floating of root.querySelectorAll('.legend, .tooltip:not([hidden])')) {
        const r = floating.getBoundingClientRect();
        if (frame && (r.left < frame.left - 1 || r.right > frame.right + 1))
          found.push(
            `${name}: ${floating.className} spans ${r.left.toFixed(0)}..${r.right.toFixed(0)}, map ${frame.left.toFixed(0)}..${frame.right.toFixed(0)}`,
          );
      }
    }
    return found;
  });
}

/** Anything a payload made: a global it set, or an element parsed from text (in the page or any shadow root). */
function executed(page: Page) {
  return page.evaluate(() => {
    const roots: ParentNode[] = [document];
    for (let k = 0; k < roots.length; k++)
      for (const element of roots[k].querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
    const parsed = roots.flatMap((root) =>
      [...root.querySelectorAll('img, script:not([src]), [onmouseover], [onload], [onerror]')].map((e) => e.outerHTML),
    );
    return { pwned: (window as unknown as { __pwned?: number }).__pwned ?? null, parsed };
  });
}

/**
 * Hovers step 0 on the dashboard's map and reads the tooltip's EP line: its text, where each
 * character of `number` lands on screen (left edges), and whether the class name sits in a <bdi>.
 */
async function tooltipNumber(page: Page, number: string) {
  const [x, y] = await page.evaluate(() => {
    const map = document.querySelector('hs-dashboard')!.shadowRoot!.querySelector('hs-projection')!;
    map.scrollIntoView({ block: 'center' }); // the open tools may push it below the fold
    const [px, py] = map.screenPosition(0);
    const box = map.shadowRoot!.querySelector('svg.overlay')!.getBoundingClientRect();
    return [box.left + px, box.top + py];
  });
  await page.mouse.move(x + 20, y + 20);
  await page.mouse.move(x, y, { steps: 4 });
  return page.evaluate((number) => {
    const map = document.querySelector('hs-dashboard')!.shadowRoot!.querySelector('hs-projection')!;
    const tooltip = map.shadowRoot!.querySelector<HTMLElement>('.tooltip')!;
    const ep = [...tooltip.querySelectorAll('dt')].find((dt) => dt.textContent === 'EP')!.nextElementSibling!;
    const walker = document.createTreeWalker(ep, NodeFilter.SHOW_TEXT);
    let node: Text | null = null;
    while (walker.nextNode()) if ((walker.currentNode as Text).data.includes(number)) node = walker.currentNode as Text;
    const lefts: number[] = [];
    if (node) {
      const start = node.data.indexOf(number);
      for (let i = 0; i < number.length; i++) {
        const range = document.createRange();
        range.setStart(node, start + i);
        range.setEnd(node, start + i + 1);
        lefts.push(range.getBoundingClientRect().left);
      }
    }
    return {
      hidden: tooltip.hidden,
      text: ep.textContent,
      lefts,
      isolated: [...ep.querySelectorAll('bdi')].map((b) => b.textContent),
      numberInsideBdi: node?.parentElement?.localName === 'bdi',
    };
  }, number);
}

/** Left edges of each character of `text` in the overview's "layers" line. */
function layerLine(page: Page, text: string) {
  return page.evaluate((text) => {
    const overview = document.querySelector('hs-dashboard')!.shadowRoot!.querySelector('hs-overview')!.shadowRoot!;
    const dd = [...overview.querySelectorAll('dt')].find((dt) => dt.textContent === 'layers')!.nextElementSibling!;
    const node = [...dd.childNodes].find((n) => n.nodeType === 3 && n.textContent!.includes(text)) as Text;
    const start = node.data.indexOf(text);
    return [...text].map((_, i) => {
      const range = document.createRange();
      range.setStart(node, start + i);
      range.setEnd(node, start + i + 1);
      return range.getBoundingClientRect().left;
    });
  }, text);
}

const ascending = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]);

describe('hostile text in tokens, class names, ids, layer and model names', () => {
  let url: string;
  beforeAll(async () => {
    url = await serve({}); // no CSP: the views themselves must keep every payload inert
  });

  it('multi-class: nothing executes, nothing widens its panel, numbers beside RTL names read left to right', async () => {
    const { page, problems } = await openPage(`${url}/page/?data=/data/hostile.json`);
    await waitForViews(page);
    expectDrawn(await drawnViews(page), 7);
    // Hover every token: an event handler parsed from a token would fire now.
    const tokens = await page.locator('hs-dashboard hs-sequence .token').all();
    for (const token of tokens) await token.hover({ force: true });

    expect(await overflows(page)).toEqual([]);
    const tooltip = await tooltipNumber(page, '0.42');
    expect(tooltip.hidden).toBe(false);
    expect(tooltip.isolated[0]).toBe(`${RLO}evil`);
    expect(tooltip.numberInsideBdi).toBe(false);
    expect(tooltip.lefts).toHaveLength(4);
    expect(ascending(tooltip.lefts), `${tooltip.text}: ${tooltip.lefts}`).toBe(true);
    const layer = await layerLine(page, '(4 units)');
    expect(ascending(layer), `layers line: ${layer}`).toBe(true);

    expect(await executed(page)).toEqual({ pwned: null, parsed: [] });
    expect(await problems()).toEqual([]);

    // The probe works: the same payload parsed as HTML on this page does run.
    await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), PAYLOADS[0]);
    await page.waitForFunction(() => (window as unknown as { __pwned?: number }).__pwned === 1);
    await page.close();
  });

  it('binary: "p(‮positive) = 0.420" keeps its number the right way round', async () => {
    const { page, problems } = await openPage(`${url}/page/?data=/data/binary.json`);
    await waitForViews(page);
    expectDrawn(await drawnViews(page), 2);
    const tooltip = await tooltipNumber(page, '0.420');
    expect(tooltip.text).toBe(`p(${RLO}positive) = 0.420`);
    expect(tooltip.isolated).toEqual([`${RLO}positive`]);
    expect(ascending(tooltip.lefts), `${tooltip.lefts}`).toBe(true);
    expect(await overflows(page)).toEqual([]);
    expect(await executed(page)).toEqual({ pwned: null, parsed: [] });
    expect(await problems()).toEqual([]);
    await page.close();
  });
});
