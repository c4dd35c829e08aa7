// npm run bench:scale (its second half): t-SNE in Node at 10,000, 100,000 and 1,000,000 states,
// full, and the route for huge N: t-SNE of a subsample, the other states placed on that map with
// place(). Wall time, peak memory of the process (threads and typed arrays included), T(10);
// each figure next to its target and to the figure at 100,000. The states are the first N of the
// large IMDB run (npm run data -- --large; 972,288 states: "1M" is all of them); without it, the
// demo's states repeated with seeded noise, said so. Each case runs in its own process.
//   node --import tsx --expose-gc bench/scale/tsne.ts [--sizes=10000,100000,1000000]
//        [--subsample=25000] [--no-full-million] [--phases] [--fft-boxes=B] [--place-iterations=I]
// --no-full-million skips the full t-SNE at 1M (minutes); --phases adds where the preparation of
// the largest full run spends its time and memory (bench/scale/tsnePhases.ts, on one thread);
// --fft-boxes passes tsne()'s fftBoxes (most FFT boxes per side) to every case, --place-iterations
// place()'s iterations to the subsample route. A full run whose
// layout turns non-finite stops at that progress report and says so.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import type { TsneCaseResult, TsneCaseSpec } from './tsneCase.js';
import { LARGE, largeStateCount } from './tsneStates.js';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const sizes = (option('sizes') ?? '10000,100000,1000000').split(',').map(Number);
const subsample = Number(option('subsample') ?? 25_000);
const fullMillion = !args.includes('--no-full-million');
const phases = args.includes('--phases');
const fftBoxes = option('fft-boxes') === undefined ? undefined : Number(option('fft-boxes'));
const placeIterations = option('place-iterations') === undefined ? undefined : Number(option('place-iterations'));

/** The targets of issue 16 (Node, 2 cores). */
const TARGET = { fullSeconds: 360, fullBytes: 3e9, routeSeconds: 60 };
const REFERENCE_N = 100_000;
const MILLION = 1_000_000;

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;
// JSON turns NaN (a phase the run did not reach) into null.
const secs = (s: number | null) => (s === null || Number.isNaN(s) ? 'n/a' : `${s.toFixed(1)} s`);
const mark = (ok: boolean) => (ok ? 'meets' : 'MISSES');
const converged = (r: TsneCaseResult) => r.nonFinite === 0 && r.divergedAt === undefined;

function runCase(spec: TsneCaseSpec): TsneCaseResult | { error: string } {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', '--max-old-space-size=8192', 'bench/scale/tsneCase.ts', JSON.stringify(spec)],
    // Progress reports come through on stderr as they happen.
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as TsneCaseResult;
  } catch {
    return { error: (child.stdout || `exit ${child.status}`).trim().split('\n').slice(-3).join(' | ') };
  }
}

function describe(r: TsneCaseResult): string {
  const parts =
    r.route === 'full'
      ? `prepare ${secs(r.prepareSeconds!)}, early exaggeration ${secs(r.earlySeconds!)}, ` +
        `rest ${secs(r.seconds - r.prepareSeconds! - r.earlySeconds!)}`
      : `t-SNE of ${r.subsample} ${secs(r.tsneSeconds!)}, place ${r.rows - r.subsample!} (2 workers) ${secs(r.placeSeconds!)}`;
  return (
    `${parts}; RSS: input ${gb(r.inputRss)}, peak preparing ${gb(r.preparePeakRss)}, ` +
    `peak ${r.route === 'full' ? 'stepping' : 'placing'} ${gb(r.stepsPeakRss)}; load ${r.loadStart[0].toFixed(1)} -> ${r.loadEnd[0].toFixed(1)}`
  );
}

const large = largeStateCount();
console.log(
  `t-SNE at scale, ${new Date().toISOString()}, node ${process.version}, ${availableParallelism()} cores, ` +
    `${gb(totalmem())} memory, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')} (1 / 5 / 15 min)`,
);
console.log(
  large === undefined
    ? `No ${LARGE}: make it with \`npm run data -- --large\` (about 7 min). Falling back to the demo's ` +
        `states repeated with seeded noise: the figures below are NOT of real states.`
    : `States: the first N of ${LARGE} (${large} states of 10,000 IMDB test reviews); "1M" is all ${large}.`,
);
console.log(
  'perplexity 30, 750 steps (250 exaggerated), seed 1, progress every 50 steps' +
    (fftBoxes === undefined ? '' : `, at most ${fftBoxes} FFT boxes a side`) +
    (placeIterations === undefined ? '' : `, place() ${placeIterations} steps`) +
    '; T(10) on 2,000 random states; GB = 10^9 bytes\n',
);

const specs: TsneCaseSpec[] = [];
for (const n of sizes) {
  const rows = Math.min(n, large ?? n);
  const tuning = fftBoxes === undefined ? {} : { fftBoxes };
  if (n < MILLION || fullMillion) specs.push({ route: 'full', n: rows, ...tuning });
  if (n >= REFERENCE_N && rows > subsample) {
    specs.push({ route: 'subsample', n: rows, subsample, ...tuning, ...(placeIterations && { placeIterations }) });
  }
}
const results: TsneCaseResult[] = [];
for (const spec of specs) {
  const label = `${spec.route === 'full' ? 'full t-SNE' : `subsample ${spec.subsample} + place`} of ${spec.n}`;
  const r = runCase(spec);
  if ('error' in r) {
    console.log(`${label}: failed: ${r.error}`);
    continue;
  }
  results.push(r);
  if (r.divergedAt !== undefined || r.nonFinite > 0) {
    console.log(
      `${label}: DIVERGED: ${r.nonFinite} states non-finite` +
        (r.divergedAt === undefined ? '' : ` at step ${r.divergedAt}, stopped after ${secs(r.seconds)}`),
    );
  }
  console.log(
    `${label}: ${secs(r.seconds)} (CPU ${secs(r.cpuSeconds)}), peak ${gb(r.peakRss)}, T(10) ${r.t10.toFixed(4)}  [${r.startedAt}]`,
  );
  console.log(`    ${describe(r)}`);
}

const find = (route: TsneCaseSpec['route'], near: number) =>
  results.find((r) => r.route === route && Math.abs(r.rows - near) <= 0.1 * near);
console.log('\nagainst the targets (figure | target | at 100,000):');
const fullRef = find('full', REFERENCE_N);
const routeRef = find('subsample', REFERENCE_N);
const full = find('full', MILLION);
const route = find('subsample', MILLION);
const ref = (r: TsneCaseResult | undefined, f: (r: TsneCaseResult) => string) => (r ? f(r) : 'not run');
if (full && !converged(full)) {
  console.log(`  full ${full.rows}: DIVERGED (non-finite coordinates from step ${full.divergedAt}): no figure`);
} else if (full) {
  console.log(
    `  full ${full.rows}: time ${secs(full.seconds)} | <= ${TARGET.fullSeconds} s ${mark(full.seconds <= TARGET.fullSeconds)} | ${ref(fullRef, (r) => secs(r.seconds))}`,
  );
  console.log(
    `  full ${full.rows}: peak memory ${gb(full.peakRss)} | <= ${gb(TARGET.fullBytes)} ${mark(full.peakRss <= TARGET.fullBytes)} | ${ref(fullRef, (r) => gb(r.peakRss))}`,
  );
  console.log(`  full ${full.rows}: T(10) ${full.t10.toFixed(4)} | printed | ${ref(fullRef, (r) => r.t10.toFixed(4))}`);
} else console.log('  full t-SNE at 1M: not run');
if (route) {
  console.log(
    `  subsample ${route.subsample} + place ${route.rows - route.subsample!}: time ${secs(route.seconds)} | <= ${TARGET.routeSeconds} s ${mark(route.seconds <= TARGET.routeSeconds)} | ${ref(routeRef, (r) => secs(r.seconds))}`,
  );
  console.log(
    `  subsample + place at ${route.rows}: peak memory ${gb(route.peakRss)} | - | ${ref(routeRef, (r) => gb(r.peakRss))}`,
  );
  console.log(
    `  subsample + place at ${route.rows}: T(10) ${route.t10.toFixed(4)} | printed | ${ref(routeRef, (r) => r.t10.toFixed(4))}`,
  );
} else console.log('  subsample + place at 1M: not run');

if (phases) {
  const n =
    Math.max(...results.filter((r) => r.route === 'full').map((r) => r.rows), 0) || Math.min(MILLION, large ?? MILLION);
  console.log(`\nwhere the preparation of ${n} states goes (one thread):`);
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', '--max-old-space-size=8192', 'bench/scale/tsnePhases.ts', String(n)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  process.stdout.write(child.stdout);
}

mkdirSync('bench/.cache', { recursive: true });
writeFileSync('bench/.cache/scale-tsne.json', JSON.stringify(results, null, 2));
