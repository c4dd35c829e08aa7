// `npm run bench:cli`: the statescope command as a user runs it, built and bundled as it ships.
// - `statescope open` on a 1,000,000-step native file (the IMDB demo's 1,000 reviews repeated to a
//   million steps, int8 states, its t-SNE map): seconds from the command to the first drawn map
//   in headless Chromium (software rendering; the browser is already running, as a user's is).
//   Target (issue 9): <= 5 s. Peer in the same run: the same file with float32 states.
// - `statescope project` on the IMDB demo (96,617 states x 100 units), t-SNE, perplexity 30.
//   Target: <= 40 s. Peers in the same run: the library's tsne() alone on the same states
//   (bench/projection-case.ts, what the CLI adds is loading and writing), and --method pca.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { loadDataset } from '@statescope/core';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
import { root } from '../scripts/workspaces.mjs';
import { millionSteps } from './scale/millionSteps.js';

const cache = fileURLToPath(new URL('./.cache/cli/', import.meta.url));
/** The command as a user gets it: packed (its prepack builds it) and installed from the tarball. */
function installedCli(): string {
  const prefix = join(cache, 'global');
  mkdirSync(cache, { recursive: true });
  const packed = execFileSync('npm', ['pack', '-w', '@statescope/cli', '--pack-destination', cache], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const tarball = join(cache, packed.trim().split('\n').pop()!);
  const install = ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball];
  execFileSync('npm', install, { stdio: 'ignore' });
  return join(prefix, 'bin', 'statescope');
}

/** Seconds from spawning `statescope open FILE` to a map with points drawn, and to the URL printed. */
async function timeOpen(browser: Browser, file: string): Promise<{ served: number; drawn: number }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const started = performance.now();
  const child = spawn(bin, ['open', file, '--no-open', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const found = /(http:\/\/\S+)/.exec(out);
        if (found) resolve(found[1]);
      });
      child.on('exit', (code) => reject(new Error(`statescope open exited with ${code}`)));
    });
    const served = (performance.now() - started) / 1000;
    await page.goto(url);
    await page.waitForFunction(
      () => {
        const map = document.querySelector('hs-dashboard')?.shadowRoot?.querySelector('hs-projection')?.shadowRoot;
        const canvas = map?.querySelector<HTMLCanvasElement>('canvas[part="points"]');
        const context = canvas && canvas.width > 0 ? canvas.getContext('2d') : null;
        if (!context) return false;
        const { data } = context.getImageData(0, 0, canvas!.width, canvas!.height);
        let coloured = 0;
        for (let i = 0; i < data.length && coloured < 1000; i += 16) if (data[i + 3] > 0) coloured++;
        return coloured >= 1000;
      },
      undefined,
      { polling: 'raf', timeout: 120_000 },
    );
    return { served, drawn: (performance.now() - started) / 1000 };
  } finally {
    child.kill('SIGINT');
    await page.close();
  }
}

function timeCommand(args: string[]): number {
  const started = performance.now();
  execFileSync(bin, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return (performance.now() - started) / 1000;
}

console.log('packing @statescope/cli and installing it from its tarball...');
const bin = installedCli();
const files = { int8: await millionSteps('int8'), float32: await millionSteps('float32') };
const steps = (await loadDataset(files.int8)).stepCount;

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const runs: Record<string, { served: number; drawn: number }[]> = { int8: [], float32: [] };
for (let i = 0; i < 3; i++)
  for (const kind of ['int8', 'float32'] as const) runs[kind].push(await timeOpen(browser, files[kind]));
await browser.close();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const open = {
  int8: { served: median(runs.int8.map((r) => r.served)), drawn: median(runs.int8.map((r) => r.drawn)) },
  float32: { served: median(runs.float32.map((r) => r.served)), drawn: median(runs.float32.map((r) => r.drawn)) },
};
console.log(`\n## statescope open, ${steps.toLocaleString('en')} steps x 100 units (median of 3)\n`);
console.log('| states  | files checked, serving | first map drawn | vs target 5 s | vs float32 |');
console.log('| ------- | ---------------------- | --------------- | ------------- | ---------- |');
for (const kind of ['int8', 'float32'] as const) {
  const { served, drawn } = open[kind];
  console.log(
    `| ${kind.padEnd(7)} | ${served.toFixed(2)} s | ${drawn.toFixed(2)} s | ${(drawn / 5).toFixed(2)}x | ${(drawn / open.float32.drawn).toFixed(2)}x |`,
  );
}

const out = join(cache, 'imdb-projected.json');
const tsne = timeCommand(['project', join(root, 'data/imdb.json'), '--out', out, '--perplexity', '30']);
const pca = timeCommand(['project', join(root, 'data/imdb.json'), '--out', out, '--method', 'pca']);
const library: { seconds: number } = JSON.parse(
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/projection-case.ts'), '{"method":"ours","n":100000}'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  ),
);
console.log('\n## statescope project, IMDB demo (96,617 states x 100 units), whole command\n');
console.log('| run                            | time | vs target 40 s | vs tsne() alone |');
console.log('| ------------------------------ | ---- | -------------- | --------------- |');
const row = (name: string, seconds: number) =>
  console.log(
    `| ${name.padEnd(30)} | ${seconds.toFixed(1)} s | ${(seconds / 40).toFixed(2)}x | ${(seconds / library.seconds).toFixed(2)}x |`,
  );
row('statescope project (t-SNE p30)', tsne);
row('tsne() alone, same states', library.seconds);
row('statescope project --method pca', pca);
