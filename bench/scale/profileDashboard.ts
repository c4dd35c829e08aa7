// Where the dashboard's time goes at scale: a V8 CPU profile of the app (built unminified, served
// as `statescope open` serves it) in headless Chromium while it loads a dataset, then while it
// answers hovers and brushes, summed by function (self and inclusive time); or a Chromium trace of
// the hovers or brushes: the main thread's work by kind, and the layouts by what forced them.
//   node --import tsx bench/scale/profileDashboard.ts DATASET.json [load|hover|brush|trace-hover|trace-brush ...]
// (PROFILE_TOP=N lists N functions; default 25.)
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { findDatasetFiles, serveDashboard } from '@statescope/cli';
import { appBuildConfig } from '../../packages/dashboard/app/vite.config.mjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { initProbe, installProbe, type PageProbe } from './pageProbe.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, ...phases] = process.argv.slice(2);
if (!file) throw new Error('usage: profileDashboard.ts DATASET.json [load|hover|brush|trace-hover|trace-brush ...]');
const wanted = phases.length ? phases : ['load', 'hover', 'brush'];
const appDir = fileURLToPath(new URL('../.cache/scale/app-profile/', import.meta.url));
const config = appBuildConfig(appDir);
await build({ ...config, logLevel: 'error', build: { ...config.build, minify: false } });
const server = await serveDashboard({ appDir, datasets: await findDatasetFiles([file]) });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

/** Self and inclusive milliseconds by function, the top `count` of each. */
function summarise(title: string, profile: Profile, count = Number(process.env.PROFILE_TOP ?? 25)): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  for (let k = 0; k < profile.samples.length; k++) {
    const dt = (profile.timeDeltas[k + 1] ?? 0) / 1000;
    self.set(profile.samples[k], (self.get(profile.samples[k]) ?? 0) + dt);
  }
  const name = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*\//, '')}:${lineNumber + 1}` : '';
    return `${functionName || '(anonymous)'} ${where}`.trim();
  };
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    selfBy.set(name(node), (selfBy.get(name(node)) ?? 0) + ms);
    // Inclusive: once per function on the stack.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = name(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      totalBy.set(key, (totalBy.get(key) ?? 0) + ms);
    }
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const top = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, ms]) => `  ${ms.toFixed(0).padStart(7)} ms  ${key}`)
      .join('\n');
  console.log(`\n## ${title}: ${total.toFixed(0)} ms sampled\n\nself:\n${top(selfBy)}\n\ninclusive:\n${top(totalBy)}`);
}

async function profiled(cdp: CDPSession, title: string, run: () => Promise<void>): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await run();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  summarise(title, profile);
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    beginData?: {
      dirtyObjects?: number;
      totalObjects?: number;
      stackTrace?: { functionName: string; lineNumber: number }[];
    };
  };
}

/** Kinds of main-thread work a trace names: script, style, layout, paint, commit, GC. */
const KINDS = new Set([
  'FunctionCall',
  'EventDispatch',
  'FireAnimationFrame',
  'TimerFire',
  'EvaluateScript',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'HitTest',
  'MajorGC',
  'MinorGC',
  'V8.GC_SCAVENGER',
  'ProxyMain::BeginMainFrame::commit',
  'ProxyMain::BeginMainFrame',
]);

/**
 * A Chromium trace of `run`: milliseconds of the renderer main thread's work by kind (self time:
 * a slice less the slices of known kinds inside it), and the layouts by what forced them (a
 * script reading a size before the frame's own layout, with its stack, or the frame itself).
 */
async function traced(page: Page, title: string, run: () => Promise<void>): Promise<void> {
  const browserHandle = page.context().browser()!;
  await browserHandle.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'blink', 'cc', 'v8'],
  });
  await run();
  const { traceEvents } = JSON.parse((await browserHandle.stopTracing()).toString('utf8')) as {
    traceEvents: TraceEvent[];
  };
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return console.log(`\n## ${title}: no renderer main thread in the trace`);
  const slices = traceEvents
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && KINDS.has(e.name))
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const by = new Map<string, number>();
  const open: { event: TraceEvent; end: number; nested: number }[] = [];
  const close = (until: number) => {
    while (open.length && open[open.length - 1].end <= until) {
      const { event, nested } = open.pop()!;
      by.set(event.name, (by.get(event.name) ?? 0) + (event.dur! - nested) / 1000);
      if (open.length) open[open.length - 1].nested += event.dur!;
    }
  };
  for (const event of slices) {
    close(event.ts);
    open.push({ event, end: event.ts + event.dur!, nested: 0 });
  }
  close(Infinity);
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  console.log(`\n## ${title}: ${total.toFixed(0)} ms of main-thread work by kind (self)\n`);
  for (const [name, ms] of [...by].sort((a, b) => b[1] - a[1]))
    console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
  const layouts = new Map<string, [number, number, number]>();
  for (const e of slices.filter((e) => e.name === 'Layout')) {
    const stack = e.args?.beginData?.stackTrace;
    const by = stack?.length
      ? stack
          .slice(0, 3)
          .map((f) => `${f.functionName || '?'}:${f.lineNumber}`)
          .join(' < ')
      : 'the frame';
    const [n, ms, dirty] = layouts.get(by) ?? [0, 0, 0];
    layouts.set(by, [n + 1, ms + e.dur! / 1000, dirty + (e.args?.beginData?.dirtyObjects ?? 0)]);
  }
  console.log('\nlayouts by what forced them:');
  for (const [by, [n, ms, dirty]] of [...layouts].sort((a, b) => b[1][1] - a[1][1]).slice(0, 12)) {
    console.log(
      `  ${ms.toFixed(1).padStart(8)} ms in ${n} passes (${Math.round(dirty / n)} objects dirty each): ${by}`,
    );
  }
}

const settle = (page: Page) =>
  page.evaluate(() => (window as unknown as { __scaleProbe: PageProbe }).__scaleProbe.settle());

try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.addInitScript(initProbe);
  const cdp = await page.context().newCDPSession(page);
  const steps = async () => {
    await page.waitForFunction(
      () => {
        const dashboard = document.querySelector('hs-dashboard') as unknown as {
          views?: { data: unknown; renderPending: boolean }[];
        } | null;
        return dashboard?.views?.every((view) => view.data && !view.renderPending) ?? false;
      },
      undefined,
      { polling: 100, timeout: 180_000 },
    );
  };
  if (wanted.includes('load')) {
    await profiled(cdp, 'load', async () => {
      await page.goto(server.url, { waitUntil: 'commit' });
      await steps();
    });
  } else {
    await page.goto(server.url, { waitUntil: 'commit' });
    await steps();
  }
  await page.evaluate(installProbe);
  await settle(page);
  const box = await page.evaluate(() => {
    const map = document.querySelector('hs-dashboard')!.shadowRoot!.querySelector('hs-projection')!;
    const { left, top, width, height } = map.getBoundingClientRect();
    return { left, top, width, height };
  });
  const hovers = async () => {
    for (let k = 0; k < 20; k++) {
      await page.mouse.move(
        box.left + box.width * (0.2 + 0.6 * ((k * 0.37) % 1)),
        box.top + box.height * (0.2 + 0.6 * ((k * 0.61) % 1)),
      );
      await settle(page);
    }
  };
  // Each over half the map, the left then the right, cleared with Esc in the map.
  const brushes = async () => {
    for (let k = 0; k < 3; k++) {
      await page.mouse.move(box.left + box.width / 2, box.top + box.height - 4);
      await page.mouse.down();
      await page.mouse.move(k % 2 ? box.left + box.width - 4 : box.left + 4, box.top + 4, { steps: 4 });
      await settle(page);
      await page.mouse.up();
      await settle(page);
      await page.evaluate(() =>
        (document.querySelector('hs-dashboard')!.shadowRoot!.querySelector('hs-projection') as HTMLElement).focus(),
      );
      await page.keyboard.press('Escape');
      await settle(page);
    }
  };
  if (wanted.includes('hover')) await profiled(cdp, 'hover (20 pointer moves across the map)', hovers);
  if (wanted.includes('brush')) await profiled(cdp, 'brush (3 drags over half the map)', brushes);
  if (wanted.includes('trace-hover')) await traced(page, 'trace of 20 hovers', hovers);
  if (wanted.includes('trace-brush')) await traced(page, 'trace of 3 brushes', brushes);
} finally {
  await browser.close();
  await server.close();
}
