// The t-SNE worker in a stranger's production builds: @statescope/core and @statescope/projection
// packed (their prepack builds them) and installed into a fresh project outside the workspace,
// with Vite and webpack 5 from the registry. A page calls tsne() on 200 random rows; it is built
// by `vite build` with no config at all (Vite's default worker format is iife, which refuses
// top-level await) and by webpack in production mode (its default Terser minifies every chunk
// and asset as a classic script), served over HTTP, and run in Chromium: the t-SNE must finish
// in a Web Worker, reporting progress, with no page error.
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
/** The bundlers a consumer installs (exact versions, so that the test does not drift). */
const TOOLS = ['vite@8.3.8', 'webpack@5.112.2', 'webpack-cli@7.3.1'];

const INDEX_HTML = `<!doctype html>
<html>
  <head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>t-SNE</title></head>
  <body>
    running
    <script type="module" src="./main.js"></script>
  </body>
</html>
`;

const MAIN_JS = `import { tsne } from '@statescope/projection';

const rows = 200;
const dim = 10;
const data = new Float32Array(rows * dim);
for (let i = 0; i < data.length; i++) data[i] = Math.random();
let progress = 0;
tsne(data, { dim, iterations: 300, onProgress: () => progress++ }).then(
  (layout) => {
    const finite = layout.every((value) => Number.isFinite(value));
    document.body.textContent = \`done \${layout.length / 2} progress \${progress} finite \${finite}\`;
  },
  (error) => {
    document.body.textContent = \`failed \${error}\`;
  },
);
`;

const WEBPACK_CONFIG = `import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  entry: './main.js',
  output: { path: fileURLToPath(new URL('./dist-webpack', import.meta.url)), clean: true },
};
`;

// webpack emits a classic script (no module output without experiments.outputModule).
const WEBPACK_HTML = INDEX_HTML.replace('<script type="module" src="./main.js">', '<script src="./main.js">');

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };

/** A static server of the files in `dir`. */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
      const found = file.startsWith(dir) && (await stat(file).catch(() => null))?.isFile();
      if (!found) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

let work: string;
let consumer: string;
let browser: Browser;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'statescope-worker-builds-'));
  const out = join(work, 'tarballs');
  await mkdir(out);
  await run('npm', ['pack', '-w', '@statescope/core', '-w', '@statescope/projection', '--pack-destination', out], {
    cwd: root,
    maxBuffer: 1 << 26,
  });
  const tarballs = (await readdir(out)).map((file) => join(out, file));
  expect(tarballs).toHaveLength(2);
  consumer = join(work, 'consumer');
  await mkdir(consumer);
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await writeFile(join(consumer, 'index.html'), INDEX_HTML);
  await writeFile(join(consumer, 'main.js'), MAIN_JS);
  await writeFile(join(consumer, 'webpack.config.js'), WEBPACK_CONFIG);
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs, ...TOOLS], {
    cwd: consumer,
    maxBuffer: 1 << 26,
  });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Opens the built page in `dir`; resolves to its report, its errors and the workers it started. */
async function runPage(dir: string): Promise<{ text: string; errors: string[]; workers: string[] }> {
  const { server, url } = await serve(dir);
  const page = await browser.newPage();
  const errors: string[] = [];
  const workers: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('worker', (worker) => workers.push(worker.url()));
  try {
    await page.goto(url);
    await page.waitForFunction(() => /^(done|failed)/.test(document.body.textContent?.trim() ?? ''), null, {
      timeout: 30_000,
    });
    const text = (await page.textContent('body'))?.trim() ?? '';
    return { text, errors, workers };
  } finally {
    await page.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

function expectDone({ text, errors, workers }: Awaited<ReturnType<typeof runPage>>): void {
  expect(errors).toEqual([]);
  expect(text).toMatch(/^done 200 progress \d+ finite true$/);
  expect(Number(/progress (\d+)/.exec(text)?.[1])).toBeGreaterThan(1);
  // the t-SNE ran in a Web Worker (tsne() has no fallback to the page's thread)
  expect(workers).toHaveLength(1);
}

describe('the t-SNE worker in production builds of the packed packages', () => {
  it('Vite, default `vite build` (no config: iife workers)', async () => {
    await run(join(consumer, 'node_modules/.bin/vite'), ['build'], { cwd: consumer, maxBuffer: 1 << 26 });
    const result = await runPage(join(consumer, 'dist'));
    expectDone(result);
  });

  it('webpack 5, production mode (Terser)', async () => {
    const { stdout } = await run(join(consumer, 'node_modules/.bin/webpack'), [], {
      cwd: consumer,
      maxBuffer: 1 << 26,
    });
    expect(stdout).toMatch(/compiled (successfully|with \d+ warnings?)/);
    await writeFile(join(consumer, 'dist-webpack/index.html'), WEBPACK_HTML);
    const result = await runPage(join(consumer, 'dist-webpack'));
    expectDone(result);
  });
});
