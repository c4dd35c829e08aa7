// `npm run bench:scale` (first half): the dashboard app as `statescope open` serves it, built from
// the sources, in headless Debian Chromium (software rendering), at the IMDB demo's 96,617 states,
// about 1,000,000 and about 3,000,000. Targets (issue 16):
// - page load to the first map frame with all points: <= 3 s at 1M, <= 8 s at 3M;
// - hover (a real pointer move onto a point of the map) to every view answering: <= 16 ms median;
// - a brush of half the map (a real drag) to every view answering: <= 100 ms median at 1M, <= 300 ms at 3M;
// - renderer process memory (resident, read from /proc): <= 1.5 GB at 1M, <= 3.5 GB at 3M.
// Each figure is printed next to its target, the figure at the demo's size and the load average.
// At 1M and up it also checks that the table sorts and searches, that the nearest states and
// (where the dataset names its weights) the what-if view answer, and that the overview, the
// histogram's distribution and the heatmap's mean by position draw, with the time each takes.
//
// Data: data/large/imdb-10k.json (`npm run data -- --large`) where it exists for the 1M size, else
// the demo's reviews repeated to a million steps (hidden and cell states as int8, as the large run
// stores them, its t-SNE and PCA repeated); at 3M, the demo's reviews repeated to three million steps. Sizes to run: `node --import tsx bench/scale/dashboard.ts
// demo 1m` (or SCALE_SIZES=demo,1m); default demo, 1m, 3m. SCALE_APP=folder: an app built elsewhere.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findDatasetFiles, serveDashboard } from '@statescope/cli';
import { appBuildConfig } from '../../packages/dashboard/app/vite.config.mjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { root } from '../../scripts/workspaces.mjs';
import { initProbe, installProbe, type PageProbe, type ProbeRecord } from './pageProbe.js';
import { repeatedDemo } from './repeatedDemo.js';

const cache = fileURLToPath(new URL('../.cache/scale/', import.meta.url));
const LOADS = 3;
const HOVERS = 30;
const BRUSHES = 10;
const VIEWPORT = { width: 1600, height: 1000 };

interface Size {
  name: string;
  path: () => Promise<string>;
  /** Targets by figure (ms, or bytes for memory); none at the demo's size. */
  targets: Partial<Record<Figure, number>>;
}
type Figure = 'load' | 'hover' | 'brush' | 'memory';

const GB = 1024 ** 3;
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const SIZES: Size[] = [
  { name: 'demo', path: async () => join(root, 'data/imdb.json'), targets: {} },
  {
    name: '1m',
    path: async () => {
      const real = join(root, 'data/large/imdb-10k.json');
      if (existsSync(real)) return real;
      return repeatedDemo({
        steps: 1_000_000,
        path: join(cache, 'imdb-1m.json'),
        precision: 'int8',
        projections: ['tsne', 'pca'],
        cell: true,
      });
    },
    targets: { load: 3000, hover: 16, brush: 100, memory: 1.5 * GB },
  },
  {
    name: '3m',
    path: () =>
      repeatedDemo({
        steps: 3_000_000,
        path: join(cache, 'imdb-3m-hc.json'),
        precision: 'int8',
        projections: ['tsne', 'pca'],
        cell: true,
      }),
    targets: { load: 8000, hover: 16, brush: 300, memory: 3.5 * GB },
  },
];

const asked = (process.argv.slice(2).length ? process.argv.slice(2) : (process.env.SCALE_SIZES ?? '').split(','))
  .map((name) => name.trim().toLowerCase())
  .filter(Boolean);
const sizes = asked.length ? SIZES.filter((size) => asked.includes(size.name)) : SIZES;
if (asked.length && sizes.length !== asked.length) throw new Error(`sizes are ${SIZES.map((s) => s.name).join(', ')}`);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[sorted.length >> 1] : NaN;
};
const load1 = () => loadavg()[0].toFixed(2);

// ---- the app, served as `statescope open` serves it --------------------------------------------

// SCALE_APP=folder measures an app built elsewhere (another version of the sources, to compare).
const appDir = process.env.SCALE_APP ?? join(cache, 'app');
if (!process.env.SCALE_APP) {
  console.log('building the dashboard app from the sources...');
  await build({ ...appBuildConfig(appDir), logLevel: 'error' });
}

// ---- measuring ---------------------------------------------------------------------------------

interface LoadFigures {
  /** ms from navigation to the dataset's binary file received. */
  fetched: number;
  /** ms to the dashboard handed the parsed dataset to its views. */
  shown: number;
  /** ms to the first map frame with all points. */
  map: number;
  /** ms to every view drawn. */
  views: number;
}

/** Opens the app on the dataset in a fresh context and times its load. */
async function openApp(
  browser: Browser,
  url: string,
  steps: number,
): Promise<{ page: Page; load: LoadFigures; peak: number }> {
  const stopSampling = samplePeak(browser);
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
  await page.addInitScript(initProbe);
  await page.goto(url, { waitUntil: 'commit' });
  const map = await page.waitForFunction(
    (n) => {
      const dashboard = document.querySelector('hs-dashboard') as unknown as {
        views?: { localName: string; data: { stepCount: number } | null; renderPending: boolean }[];
      } | null;
      const view = dashboard?.views?.find((v) => v.localName === 'hs-projection');
      return view?.data?.stepCount === n && !view.renderPending ? performance.now() : false;
    },
    steps,
    { polling: 'raf', timeout: 180_000 },
  );
  const views = await page.waitForFunction(
    () => {
      const dashboard = document.querySelector('hs-dashboard') as unknown as {
        views: { data: unknown; renderPending: boolean }[];
      };
      return dashboard.views.every((view) => view.data && !view.renderPending) ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 180_000 },
  );
  const marks = await page.evaluate(() => {
    const bin = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('.bin')) as
      PerformanceResourceTiming | undefined;
    const load = (window as unknown as { __scaleLoad: Record<string, number> }).__scaleLoad;
    // The points are drawn: count the map canvas's painted pixels.
    const dashboard = document.querySelector('hs-dashboard')!;
    const canvas = dashboard.shadowRoot!.querySelector('hs-projection')!.shadowRoot!.querySelector('canvas')!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return { fetched: bin?.responseEnd ?? NaN, shown: load.shown ?? NaN, painted };
  });
  if (marks.painted < 1000) throw new Error(`the map shows ${marks.painted} painted pixels`);
  return {
    page,
    peak: await stopSampling(),
    load: {
      fetched: marks.fetched,
      shown: marks.shown,
      map: (await map.jsonValue()) as number,
      views: (await views.jsonValue()) as number,
    },
  };
}

/** CPU milliseconds a process (all its threads) has used so far, from /proc. */
function cpuMs(pid: number): number {
  // Fields 14 and 15 of /proc/PID/stat (counted after the parenthesised name): user and system ticks.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** The browser's renderer processes, found through CDP (measured through /proc). */
async function rendererPids(browser: Browser): Promise<number[]> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[];
  };
  await cdp.detach();
  return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
}

/** The page's renderer: the browser's largest (it holds one page; a spare renderer may wait beside it, nearly empty). */
async function pageRenderer(browser: Browser): Promise<number> {
  return (await rendererPids(browser)).sort((a, b) => residentBytes(b) - residentBytes(a))[0];
}

/**
 * Samples the resident size of the browser's renderers every 100 ms until stopped; resolves to
 * the largest seen. (The kernel's own peak, VmHWM, misses memory the allocator gave back lazily.)
 */
function samplePeak(browser: Browser): () => Promise<number> {
  let peak = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      for (const pid of await rendererPids(browser).catch(() => [])) peak = Math.max(peak, residentBytes(pid));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return async () => {
    running = false;
    await done;
    return peak;
  };
}

/** Resident bytes of a process (0 once it is gone). */
function residentBytes(pid: number): number {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // gone
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return kb('VmRSS');
}

/** The renderer's resident bytes after a full garbage collection (what the page holds on to). */
async function memoryAfterGc(page: Page, pid: number): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  await page.waitForTimeout(500); // freed array buffers go back to the system shortly after
  return residentBytes(pid);
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __scaleProbe: PageProbe }).__scaleProbe.settle());
}

async function recordCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __scaleProbe: PageProbe }).__scaleProbe.records.length);
}

/**
 * Does `act` and returns the records it added (after the first `from`) once `count` more exist,
 * or null after `timeout` ms. The page is waiting before `act` starts, so nothing polls it.
 */
async function recordsOf(
  page: Page,
  act: () => Promise<unknown>,
  count = 1,
  timeout = 30_000,
): Promise<ProbeRecord[] | null> {
  const from = await recordCount(page);
  const waiting = page.evaluate(
    ([n, ms]) => (window as unknown as { __scaleProbe: PageProbe }).__scaleProbe.whenRecords(n, ms),
    [from + count, timeout],
  );
  await act();
  if (!(await waiting)) return null;
  return page.evaluate((n) => (window as unknown as { __scaleProbe: PageProbe }).__scaleProbe.records.slice(n), from);
}

interface MapBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The map's box on the page, and page positions of steps that lie over the map's points layer (no panel over them). */
async function hoverTargets(page: Page, count: number): Promise<{ box: MapBox; targets: [number, number, number][] }> {
  return page.evaluate((wanted) => {
    const dashboard = document.querySelector('hs-dashboard')!;
    const map = dashboard.shadowRoot!.querySelector('hs-projection') as unknown as HTMLElement & {
      data: { stepCount: number };
      screenPosition(step: number): [number, number];
    };
    const box = map.getBoundingClientRect();
    const svg = map.shadowRoot!.querySelector('svg.overlay')!;
    const targets: [number, number, number][] = [];
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let tries = 0; targets.length < wanted && tries < wanted * 50; tries++) {
      const step = Math.floor(random() * map.data.stepCount);
      const [x, y] = map.screenPosition(step);
      const px = Math.round(box.left + x);
      const py = Math.round(box.top + y);
      if (x < 20 || y < 20 || x > box.width - 20 || y > box.height - 20) continue;
      const under = map.shadowRoot!.elementFromPoint(px, py);
      if (!under || !svg.contains(under)) continue; // a panel (toolbar, legend) lies over it
      // Far enough from the previous target that the pointer lands on another point.
      const last = targets[targets.length - 1];
      if (last && Math.hypot(last[0] - px, last[1] - py) < 30) continue;
      targets.push([px, py, step]);
    }
    return { box: { left: box.left, top: box.top, width: box.width, height: box.height }, targets };
  }, count);
}

const answer = (r: ProbeRecord) => r.painted - r.cause;

interface Interaction {
  /** ms from the pointer event to every view redrawn and that frame painted, per gesture. */
  times: number[];
  /** median ms in each view's render. */
  views: Record<string, number>;
  /** ms the view that caught it took to publish (cause to bus event), median. */
  publish: number;
  /** ms from publication to the last view's redraw, median: waiting for the frame, and the redraws. */
  frame: number;
  /** ms from the last redraw to the frame painted (style, layout, paint), median. */
  paint: number;
  /** Gestures that got no answer. */
  missed: number;
  /** Renderer CPU ms per gesture, all threads (less swayed by the load than wall time). */
  cpu: number;
}

function summarise(records: ProbeRecord[], missed: number, cpu: number): Interaction {
  const tags = [...new Set(records.flatMap((r) => Object.keys(r.views)))];
  return {
    times: records.map(answer),
    views: Object.fromEntries(tags.map((tag) => [tag, median(records.map((r) => r.views[tag] ?? 0))])),
    publish: median(records.map((r) => r.published - r.cause)),
    frame: median(records.map((r) => r.rendered - r.published)),
    paint: median(records.map((r) => r.painted - r.rendered)),
    missed,
    cpu,
  };
}

async function hovers(page: Page, pid: number): Promise<Interaction> {
  const { targets } = await hoverTargets(page, HOVERS);
  const cpuBefore = cpuMs(pid);
  const answered: ProbeRecord[] = [];
  let missed = 0;
  for (const [x, y] of targets) {
    await settle(page);
    await page.waitForTimeout(30);
    const records = await recordsOf(page, () => page.mouse.move(x, y), 1, 10_000);
    const focus = records?.find((r) => r.kind === 'focus' && r.causeType === 'pointermove');
    if (focus && (focus.detail as number) >= 0) answered.push(focus);
    else missed++;
  }
  return summarise(answered, missed, (cpuMs(pid) - cpuBefore) / targets.length);
}

/**
 * Brushes: each a real drag over half the map (the left half, then the right): the press, one
 * move to the far corner (timed: the map publishes the rectangle in the next frame, then every
 * view answers), the release (the same rectangle: nothing new), then Esc in the map to clear it.
 */
async function brushes(page: Page, pid: number): Promise<{ drag: Interaction; url: number }> {
  const { box } = await hoverTargets(page, 0);
  const cpuBefore = cpuMs(pid);
  let url = 0;
  const drags: ProbeRecord[] = [];
  let missed = 0;
  for (let k = 0; k < BRUSHES; k++) {
    const middle = box.left + box.width / 2;
    await page.mouse.move(middle, box.top + box.height - 4);
    await settle(page);
    await page.mouse.down();
    await settle(page);
    const corner = k % 2 === 0 ? box.left + 4 : box.left + box.width - 4;
    const records = await recordsOf(page, () => page.mouse.move(corner, box.top + 4));
    const drag = records?.find((r) => r.kind === 'brush' && r.causeType === 'pointermove');
    if (drag) drags.push(drag);
    else missed++;
    await settle(page);
    await page.mouse.up();
    await settle(page);
    // The app keeps the brush in the address (written within 250 ms): how long it grew.
    await page.waitForTimeout(400);
    url = Math.max(url, await page.evaluate(() => location.href.length));
    await page.evaluate(() => {
      const map = document.querySelector('hs-dashboard')!.shadowRoot!.querySelector('hs-projection') as HTMLElement;
      map.focus();
    });
    await page.keyboard.press('Escape');
    await settle(page);
  }
  return { drag: summarise(drags, missed, (cpuMs(pid) - cpuBefore) / BRUSHES), url };
}

interface Checks {
  rows: string[];
}

/** The table, the overview, the histogram's distribution and the heatmap's mean by position, at work. */
async function checks(page: Page): Promise<Checks> {
  const rows: string[] = [];
  const gesture = async (detail: string, type: string, act: () => Promise<void>) => {
    await settle(page);
    await page.evaluate(
      ([d, t]) => (window as unknown as { __scaleProbe: PageProbe }).__scaleProbe.expectGesture(d, t),
      [detail, type],
    );
    const records = await recordsOf(page, act, 1, 60_000);
    const record = records?.find((r) => r.kind === 'gesture');
    if (!record) throw new Error(`${detail}: no view answered`);
    await settle(page);
    return record;
  };
  const table = page.locator('hs-dashboard hs-table');
  const tableState = () =>
    page.evaluate(() => {
      const view = document
        .querySelector('hs-dashboard')!
        .shadowRoot!.querySelector('hs-table') as unknown as HTMLElement & {
        order: Uint32Array;
        data: { sequenceLength(s: number): number; sequenceCount: number; tokensOf(s: number): string[] };
      };
      const lengths = Array.from(view.order.subarray(0, 50), (s) => view.data.sequenceLength(s));
      const brilliant = Array.from(view.order.subarray(0, 20)).every((s) =>
        view.data.tokensOf(s).join(' ').toLowerCase().includes('brilliant'),
      );
      return {
        brilliant,
        listed: view.order.length,
        total: view.data.sequenceCount,
        lengths,
        count: view.shadowRoot!.querySelector('.count')?.textContent ?? '',
      };
    });
  const before = await tableState();
  const sorted = await gesture('sort', 'click', () => table.getByRole('button', { name: 'steps' }).click());
  const after = await tableState();
  const ascending = after.lengths.every((v, i) => i === 0 || after.lengths[i - 1] <= v);
  rows.push(
    `table sort by steps (${before.total.toLocaleString('en')} rows): ${answer(sorted).toFixed(0)} ms, ` +
      `${ascending && after.listed === before.total ? 'sorted' : 'NOT SORTED'} (first lengths ${after.lengths.slice(0, 3).join(', ')})`,
  );
  const reversed = await gesture('sort', 'click', () => table.getByRole('button', { name: 'steps' }).click());
  const down = await tableState();
  const descending = down.lengths.every((v, i) => i === 0 || down.lengths[i - 1] >= v);
  rows.push(
    `table sort again (descending): ${answer(reversed).toFixed(0)} ms, ${descending ? 'reversed' : 'NOT REVERSED'}`,
  );
  const search = table.getByRole('searchbox');
  const searched = await gesture('search', 'input', () => search.fill('brilliant'));
  const found = await tableState();
  rows.push(
    `table search "brilliant": ${answer(searched).toFixed(0)} ms, ${found.count}` +
      `${found.listed > 0 && found.listed < found.total && found.brilliant ? ', each with the word' : ' (WRONG)'}`,
  );
  const regex = await gesture('search', 'input', () => search.fill('/\\bwors[te]\\b/'));
  const foundRegex = await tableState();
  rows.push(`table search /\\bwors[te]\\b/: ${answer(regex).toFixed(0)} ms, ${foundRegex.count}`);
  const cleared = await gesture('search', 'input', () => search.fill(''));
  rows.push(`table search cleared: ${answer(cleared).toFixed(0)} ms, ${(await tableState()).count}`);

  const distribution = await gesture('histogram', 'change', async () => {
    await page.getByRole('combobox', { name: 'Histogram' }).selectOption('distribution');
  });
  const bars = await page.evaluate(() => {
    const view = document.querySelector('hs-dashboard')!.shadowRoot!.querySelector('hs-histogram')!;
    return view.shadowRoot!.querySelectorAll('rect.bar').length;
  });
  rows.push(`histogram distribution: ${answer(distribution).toFixed(0)} ms, ${bars} bars drawn`);
  await gesture('histogram', 'change', async () => {
    await page.getByRole('combobox', { name: 'Histogram' }).selectOption('steps');
  });

  const aggregate = await gesture('heatmap', 'change', async () => {
    await page.getByRole('combobox', { name: 'Heatmap' }).selectOption('aggregate');
  });
  const cells = await page.evaluate(() => {
    const view = document.querySelector('hs-dashboard')!.shadowRoot!.querySelector('hs-heatmap')!;
    return view.shadowRoot!.querySelectorAll('rect, canvas').length;
  });
  rows.push(`heatmap mean by position: ${answer(aggregate).toFixed(0)} ms, ${cells} marks drawn`);
  await gesture('heatmap', 'change', async () => {
    await page.getByRole('combobox', { name: 'Heatmap' }).selectOption('sequence');
  });

  const overview = await page.evaluate(() => {
    const view = document.querySelector('hs-dashboard')!.shadowRoot!.querySelector('hs-overview')!;
    return (view.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ').slice(0, 160);
  });
  rows.push(`overview: ${overview}`);
  return { rows };
}

/**
 * The tools at scale: the nearest states (the index built when the panel first opens, then a
 * hover looked up; the result checked against an exact search in the page) and, where the
 * dataset names its model's weights, the what-if view (a typed text run and placed on the map).
 */
async function toolChecks(page: Page): Promise<string[]> {
  const neighbours = await page.evaluate(async () => {
    type Neighbors = HTMLElement & { anchorStep: number; neighbors: { steps: Uint32Array } | null };
    const dashboard = document.querySelector('hs-dashboard') as unknown as HTMLElement & {
      views: HTMLElement[];
      bus: { setFocus(step: number, source: string): void };
      neighborsOpen: boolean;
      data: { stepCount: number; layer(): { hidden: Float32Array; dim: number } };
    };
    const view = dashboard.views.find((v) => v.localName === 'hs-neighbors') as Neighbors;
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const until = async (done: () => boolean) => {
      const start = performance.now();
      while (!done()) {
        if (performance.now() - start > 120_000) throw new Error('the nearest states did not answer in 2 min');
        await frame();
      }
      return performance.now() - start;
    };
    const steps = dashboard.data.stepCount;
    const first = Math.floor(steps * 0.37);
    const second = Math.floor(steps * 0.71);
    dashboard.bus.setFocus(first, 'bench');
    dashboard.neighborsOpen = true;
    const opened = await until(() => view.anchorStep === first && view.neighbors !== null);
    const firstResult = view.neighbors;
    dashboard.bus.setFocus(second, 'bench');
    const hovered = await until(() => view.anchorStep === second && view.neighbors !== firstResult);
    // Exact search for the second anchor: how many of the listed states are among the exact nearest.
    const { hidden, dim } = dashboard.data.layer();
    const distances = new Float64Array(steps);
    for (let t = 0, a = second * dim; t < steps; t++) {
      let sum = 0;
      for (let u = 0, b = t * dim; u < dim; u++) sum += (hidden[a + u] - hidden[b + u]) ** 2;
      distances[t] = sum;
    }
    const listed = Array.from(view.neighbors!.steps);
    // The listed count plus one: the anchor itself may or may not be among them.
    const bound = Float64Array.from(distances).sort()[listed.length];
    const exact = listed.filter((t) => distances[t] <= bound * (1 + 1e-6)).length;
    dashboard.neighborsOpen = false;
    return { opened, hovered, listed: listed.length, exact };
  });
  const rows = [
    `nearest states, first opened (index built in the tab): ${(neighbours.opened / 1000).toFixed(1)} s; ` +
      `the next hover looked up in ${neighbours.hovered.toFixed(0)} ms; ${neighbours.exact} of the ` +
      `${neighbours.listed} listed among the exact nearest`,
  ];
  const whatIf = await page.evaluate(async () => {
    const dashboard = document.querySelector('hs-dashboard') as unknown as HTMLElement & {
      views: HTMLElement[];
      whatifOpen: boolean;
    };
    const view = dashboard.views.find((v) => v.localName === 'hs-whatif') as HTMLElement & {
      model: unknown;
      modelProblem: string | null;
    };
    dashboard.whatifOpen = true;
    const start = performance.now();
    while (!view.model && !view.modelProblem && performance.now() - start < 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { model: view.model !== null, problem: view.modelProblem, waited: performance.now() - start };
  });
  if (!whatIf.model) {
    rows.push(`what-if: no model (${whatIf.problem ?? 'the dataset names no weights'})`);
    return rows;
  }
  const first = await typeAndPlace(page, 'this film was not good at all , a waste of time');
  const edit = await typeAndPlace(page, 'this film was not good at all , a waste of time and money');
  rows.push(
    `what-if: model loaded in ${(whatIf.waited / 1000).toFixed(1)} s; a typed text of ${first.tokens} tokens ` +
      `run and placed on ${first.maps.join(' and ')} in ${first.ms.toFixed(0)} ms from the keystroke ` +
      `(the first placing charges each map's grid); two words more (${edit.tokens} tokens) in ` +
      `${edit.ms.toFixed(0)} ms${first.finite && edit.finite ? '' : ' (NON-FINITE PLACES)'}`,
  );
  return rows;
}

/** Types `text` into the what-if box; resolves when the view has run it and placed it on the maps. */
async function typeAndPlace(
  page: Page,
  text: string,
): Promise<{ ms: number; tokens: number; maps: string[]; finite: boolean }> {
  const placed = page.evaluate(
    () =>
      new Promise<{ ms: number; tokens: number; maps: string[]; finite: boolean }>((resolve) => {
        const dashboard = document.querySelector('hs-dashboard') as unknown as { views: HTMLElement[] };
        const view = dashboard.views.find((v) => v.localName === 'hs-whatif')!;
        const box = view.shadowRoot!.querySelector('textarea')!;
        let typed = NaN;
        box.addEventListener('input', () => (typed = performance.now()), { capture: true, once: true });
        const listener = (event: Event) => {
          const { sequence, placed: done } = (
            event as CustomEvent<{
              sequence: { tokens: string[]; coordinates: Record<string, Float32Array> } | null;
              placed: boolean;
            }>
          ).detail;
          if (!sequence || !done || Number.isNaN(typed)) return;
          view.removeEventListener('hs-provisional', listener);
          const maps = Object.keys(sequence.coordinates);
          const finite = maps.every((name) => sequence.coordinates[name].every(Number.isFinite));
          resolve({ ms: performance.now() - typed, tokens: sequence.tokens.length, maps, finite });
        };
        view.addEventListener('hs-provisional', listener);
      }),
  );
  await page.locator('hs-dashboard hs-whatif textarea').fill(text);
  return placed;
}

// ---- the run -----------------------------------------------------------------------------------

interface SizeResult {
  name: string;
  steps: number;
  load: LoadFigures;
  loadAverage: Record<string, string>;
  hover: Interaction;
  brush: Interaction;
  /** Renderer resident bytes: after the gestures, the most seen (the last load sampled), once loaded, after a garbage collection. */
  memory: { rss: number; peak: number; loaded: number; collected: number };
  /** Longest address the app wrote while brushes were held (characters). */
  url: number;
  checks: string[];
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
  cwd: root,
  encoding: 'utf8',
}).trim()
  ? ' (with uncommitted changes)'
  : '';
const results: SizeResult[] = [];
for (const size of sizes) {
  const path = await size.path();
  const datasets = await findDatasetFiles([path]);
  const server = await serveDashboard({ appDir, datasets });
  const steps = countSteps(path);
  console.log(`\n${size.name}: ${path} (${steps.toLocaleString('en')} steps), load average ${load1()}`);
  const loads: LoadFigures[] = [];
  const loadAverage: Record<string, string> = {};
  let browser: Browser | null = null;
  try {
    // Each load in a browser of its own, as a first visit: nothing cached, one page's renderer.
    let page: Page | null = null;
    let loadPeak = 0;
    for (let k = 0; k < LOADS; k++) {
      await browser?.close();
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
      const opened = await openApp(browser, server.url, steps);
      page = opened.page;
      loadPeak = opened.peak;
      loads.push(opened.load);
      console.log(
        `  load ${k + 1}: binary ${opened.load.fetched.toFixed(0)} ms, shown ${opened.load.shown.toFixed(0)} ms, ` +
          `map ${opened.load.map.toFixed(0)} ms, every view ${opened.load.views.toFixed(0)} ms (load average ${load1()})`,
      );
    }
    loadAverage.load = load1();
    await page!.evaluate(installProbe);
    await settle(page!);
    const pid = await pageRenderer(browser!);
    const loaded = residentBytes(pid);
    const hover = await hovers(page!, pid);
    loadAverage.hover = load1();
    console.log(`  hovers: ${hover.times.map((t) => t.toFixed(0)).join(' ')} ms (load average ${load1()})`);
    const { drag: brush, url } = await brushes(page!, pid);
    loadAverage.brush = load1();
    console.log(`  brushes: ${brush.times.map((t) => t.toFixed(0)).join(' ')} ms (load average ${load1()})`);
    const checked = size.name === 'demo' ? [] : [...(await checks(page!)).rows, ...(await toolChecks(page!))];
    for (const row of checked) console.log(`  ${row}`);
    const rss = residentBytes(pid);
    const collected = await memoryAfterGc(page!, pid);
    loadAverage.memory = load1();
    const pick = (key: keyof LoadFigures) => median(loads.map((l) => l[key]));
    results.push({
      name: size.name,
      steps,
      load: { fetched: pick('fetched'), shown: pick('shown'), map: pick('map'), views: pick('views') },
      loadAverage,
      hover,
      brush,
      memory: { rss, peak: Math.max(loadPeak, loaded, rss), loaded, collected },
      url,
      checks: checked,
    });
  } finally {
    await browser?.close();
    await server.close();
  }
}

/** Steps of a native manifest: the rows of its first layer's states. */
function countSteps(path: string): number {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { layers: { hidden: { shape: number[] } }[] };
  return manifest.layers[0].hidden.shape[0];
}

// ---- the report --------------------------------------------------------------------------------

const base = results.find((r) => r.name === 'demo');
const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 100 ? 1 : 0)} ms` : '–');
const gb = (v: number) => `${(v / GB).toFixed(2)} GB`;
console.log(
  `\n# Dashboard at scale: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}${dirty}, ` +
    `Chromium (${chromiumArgs.join(' ')}), viewport ${VIEWPORT.width}x${VIEWPORT.height}`,
);
for (const r of results) {
  const size = SIZES.find((s) => s.name === r.name)!;
  console.log(`\n## ${r.steps.toLocaleString('en')} states (${r.name})\n`);
  console.log('| figure | here | target | at the demo | load average |');
  console.log('| ------ | ---- | ------ | ----------- | ------------ |');
  /** A row: this size's figure, its target (with ✓ or ✗), the demo's figure, the load average. */
  const row = (label: string, pick: (result: SizeResult) => number, format = ms, figure?: Figure, load = '') => {
    const value = pick(r);
    const target = figure && size.targets[figure];
    const verdict = target === undefined ? '' : value <= target ? ' ✓' : ' ✗';
    const cells = [label, `${format(value)}${verdict}`, target === undefined ? '' : `<= ${format(target)}`];
    console.log(`| ${[...cells, base ? format(pick(base)) : '–', load].join(' | ')} |`);
  };
  const interaction = (name: 'hover' | 'brush', label: string, what: string) => {
    const of = (result: SizeResult) => result[name];
    const count = of(r).times.length;
    const missed = of(r).missed ? `, ${of(r).missed} missed` : '';
    row(`${label} (median of ${count}${missed})`, (x) => median(of(x).times), ms, name, r.loadAverage[name]);
    row(`  of which: ${what}`, (x) => of(x).publish);
    row('  of which: publication to the last view redrawn (the frame, then the redraws)', (x) => of(x).frame);
    row('  of which: style, layout and paint of that frame', (x) => of(x).paint);
    for (const tag of Object.keys(of(r).views)) row(`  ${tag} render`, (x) => of(x).views[tag] ?? NaN);
  };
  row(`page load to map drawn (median of ${LOADS})`, (x) => x.load.map, ms, 'load', r.loadAverage.load);
  row('  binary file received', (x) => x.load.fetched);
  row('  dataset parsed and handed to the views', (x) => x.load.shown);
  row('  every view drawn', (x) => x.load.views);
  interaction('hover', 'hover to every view answering', 'the map finding the point and publishing it');
  row("  renderer CPU per hover, the bench's own polling included", (x) => x.hover.cpu);
  interaction(
    'brush',
    'brush of half the map to every view answering',
    'the map selecting the steps and publishing them',
  );
  row('  renderer CPU per brush gesture (press, drag, release, Esc, the app writing its address)', (x) => x.brush.cpu);
  row(
    '  address length while brushed (the app keeps the brush in it)',
    (x) => x.url,
    (v) => `${v.toLocaleString('en')} characters`,
  );
  row(
    'renderer memory at its peak (resident, sampled through the last load and after)',
    (x) => x.memory.peak,
    gb,
    'memory',
    r.loadAverage.memory,
  );
  row('  resident once loaded', (x) => x.memory.loaded, gb);
  row('  resident after the gestures', (x) => x.memory.rss, gb);
  row('  resident after a garbage collection', (x) => x.memory.collected, gb);
  if (r.checks.length) {
    console.log('');
    for (const check of r.checks) console.log(`- ${check}`);
  }
}
