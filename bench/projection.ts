// npm run bench:projection [-- --only=ours] [-- --million]
// Our t-SNE against tsne-js (1,000 points), @saehrimnir/druidjs (2,000) and umap-js (20,000),
// and alone at 10,000, 50,000 and 100,000: wall time, peak memory, trustworthiness T(10) on a
// sample of 2,000 and 1-NN label accuracy in 2-D. Uses the IMDB demo states (data/imdb.json)
// where it has enough, seeded clustered data otherwise. Each case runs in its own process.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { CaseResult, CaseSpec } from './projection-case.js';

const args = process.argv.slice(2);
const onlyOurs = args.includes('--only=ours');
const million = args.includes('--million');

const cases: CaseSpec[] = [
  { method: 'ours', n: 1000, iterations: 1000 },
  ...(onlyOurs ? [] : [{ method: 'tsne-js', n: 1000, iterations: 1000 } as CaseSpec]),
  { method: 'ours', n: 2000, iterations: 1000 },
  ...(onlyOurs ? [] : [{ method: 'druidjs', n: 2000, iterations: 1000 } as CaseSpec]),
  { method: 'ours', n: 20000 },
  ...(onlyOurs ? [] : [{ method: 'umap-js', n: 20000 } as CaseSpec]),
  { method: 'ours', n: 10000 },
  { method: 'ours', n: 50000 },
  { method: 'ours', n: 100000 },
  ...(million ? [{ method: 'ours-million', n: 1_000_000 } as CaseSpec] : []),
];

function runCase(spec: CaseSpec): CaseResult | { error: string } {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', '--max-old-space-size=8192', 'bench/projection-case.ts', JSON.stringify(spec)],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as CaseResult;
  } catch {
    return { error: (child.stderr || child.stdout || `exit ${child.status}`).trim().split('\n').slice(-3).join(' | ') };
  }
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (v: number, digits: number) => v.toFixed(digits);
console.log(`projection benchmark, node ${process.version}, ${new Date().toISOString()}`);
console.log(
  `${pad('method', 14)}${pad('n', 9)}${pad('iters', 7)}${pad('seconds', 10)}${pad('peak MB', 9)}${pad('T(10)', 8)}${pad('1-NN', 7)}source / note`,
);
const results: (CaseResult | { error: string; spec: CaseSpec })[] = [];
for (const spec of cases) {
  const r = runCase(spec);
  if ('error' in r) {
    results.push({ ...r, spec });
    console.log(`${pad(spec.method, 14)}${pad(String(spec.n), 9)}failed: ${r.error}`);
    continue;
  }
  results.push(r);
  console.log(
    `${pad(r.method, 14)}${pad(String(r.n), 9)}${pad(String(r.iterations ?? 'def'), 7)}${pad(num(r.seconds, 2), 10)}${pad(num(r.peakMb, 0), 9)}${pad(num(r.t10, 4), 8)}${pad(num(r.oneNn, 3), 7)}${r.source}${r.note ? `; ${r.note}` : ''}`,
  );
}

const find = (method: string, n: number) =>
  results.find((r): r is CaseResult => !('error' in r) && r.method === method && Math.abs(r.n - n) <= 0.1 * n);
console.log('\nratios (peer time / our time; T(10) difference ours - peer):');
for (const [peer, n] of [
  ['tsne-js', 1000],
  ['druidjs', 2000],
  ['umap-js', 20000],
] as const) {
  const ours = find('ours', n);
  const other = find(peer, n);
  if (!ours || !other) continue;
  console.log(
    `  ${pad(peer, 9)} n=${pad(String(n), 7)} ${num(other.seconds / ours.seconds, 1)}x faster, T(10) ${num(ours.t10 - other.t10, 4)}, 1-NN ${num(ours.oneNn - other.oneNn, 3)}`,
  );
}
mkdirSync('bench/.cache', { recursive: true });
writeFileSync('bench/.cache/projection-results.json', JSON.stringify(results, null, 2));
