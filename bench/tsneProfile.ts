// t-SNE of the IMDB demo states as `statescope project` runs it (perplexity 30, progress every
// 25 steps, two workers), timed: preparation (until the first report), the gradient steps, the
// whole run, and the process CPU time (worker threads included). Prints one JSON line.
//   node --import tsx bench/tsneProfile.ts [--inline] [--iterations=N] [--out=file.bin] [--from=index.ts]
// --inline runs on this thread (for `node --cpu-prof`); --out writes the layout (Float32, N x 2)
// to compare runs bit for bit; --from takes tsne from another copy of the package's sources (A/B).
import { writeFileSync } from 'node:fs';
import { loadDataset } from '@statescope/core';
import { tsne as ourTsne } from '@statescope/projection';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const inline = args.includes('--inline');
const iterations = option('iterations') === undefined ? undefined : Number(option('iterations'));
const outFile = option('out');
const from = option('from');
const tsne = from ? ((await import(from)) as { tsne: typeof ourTsne }).tsne : ourTsne;

const dataset = await loadDataset('data/imdb.json');
const { hidden, dim } = dataset.layer();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let prepared = NaN;
let kl = NaN;
const layout = await tsne(hidden, {
  dim,
  perplexity: 30,
  progressEvery: 25,
  iterations,
  worker: !inline,
  onProgress: (p) => {
    if (p.iteration === 0) prepared = performance.now();
    kl = p.kl;
  },
});
const t1 = performance.now();
const cpu = process.cpuUsage(cpu0);
if (outFile) writeFileSync(outFile, layout);
console.log(
  JSON.stringify({
    rows: dataset.stepCount,
    wallS: +((t1 - t0) / 1000).toFixed(2),
    prepS: +((prepared - t0) / 1000).toFixed(2),
    stepsS: +((t1 - prepared) / 1000).toFixed(2),
    cpuS: +((cpu.user + cpu.system) / 1e6).toFixed(2),
    kl: +kl.toFixed(4),
  }),
);
