// The packages as a team adopting them uses them: every package packed (see packWorkspace) and
// installed from the tarballs into a fresh project outside the workspace, with the tools from the
// registry at fixed versions; then the apps in consumerApps/ (as a stranger writes them) are built
// by those tools and opened in Chromium:
// - a page with hs-projection + hs-sequence running an in-page t-SNE, built by Vite (no config:
//   its default iife workers refuse top-level await) and by webpack 5 in production mode (Terser);
// - a React 19 app (properties in, events out; JSX typings checked by tsc --strict without
//   skipLibCheck, and proved real by an @ts-expect-error);
// - a Vue 3 app (typings checked by vue-tsc the same way);
// - plain pages using only the single-file bundles, two views and the whole dashboard;
// - a Jupyter notebook output from python/statescope_notebook.py, put into a page as JupyterLab
//   does (innerHTML, then each script re-created so that it runs).
// Each must draw its views and link them: a click on the map picks a sequence, whose tokens the
// sequence view then shows; hovering a token shows the hover ring on the map.
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { PYTHON } from '../python/python.js';
import { packWorkspace } from './packWorkspace.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const apps = fileURLToPath(new URL('./consumerApps/', import.meta.url));
const fixture = join(root, 'data/fixture/tiny-imdb.json');
/** What a consumer installs beside our tarballs (exact versions, so that the test does not drift). */
const TOOLS = [
  'vite@8.3.8',
  'webpack@5.112.2',
  'webpack-cli@7.3.1',
  'react@19.3.1',
  'react-dom@19.3.1',
  '@types/react@19.3.0',
  '@types/react-dom@19.3.0',
  '@vitejs/plugin-react@6.3.0',
  'vue@3.5.45',
  'vue-tsc@3.3.14',
  '@vitejs/plugin-vue@6.0.11',
  'typescript@6.0.3',
];

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.map': 'application/json',
  '.css': 'text/css',
};

let work: string;
let consumer: string;
let browser: Browser;
const servers: Server[] = [];

/** A static server of `dir` at the root of its own origin (as a built app is deployed). */
async function serve(dir: string): Promise<{ origin: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      requests.push(path);
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
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

beforeAll(async () => {
  const tarballs = await packWorkspace();
  tarballs.delete('@statescope/cli'); // a command, not a library
  work = await mkdtemp(join(tmpdir(), 'statescope-consumer-apps-'));
  consumer = join(work, 'consumer');
  await cp(apps, consumer, { recursive: true });
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  for (const folder of ['.', 'page/public', 'react/public', 'vue/public']) {
    await cp(fixture, join(consumer, folder, 'tiny-imdb.json'));
  }
  // The plain pages sit at the project's root, beside node_modules.
  await cp(join(consumer, 'static/index.html'), join(consumer, 'static.html'));
  await cp(join(consumer, 'static/dashboard.html'), join(consumer, 'dashboard.html'));
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs.values(), ...TOOLS], {
    cwd: consumer,
    maxBuffer: 1 << 26,
  });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  if (work) await rm(work, { recursive: true, force: true });
});

const tool = (name: string) => join(consumer, 'node_modules/.bin', name);

/** Opens a page, failing on any page error or console error. */
async function open(url: string): Promise<{ page: Page; errors: string[]; warnings: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(url);
  return { page, errors, warnings };
}

/**
 * The views drew and link: hover across the map until its ring shows a point, click there (the
 * sequence view then shows that sequence's tokens), then hover a token (the map's ring moves to
 * that step). Returns the hovered token's step.
 */
async function expectLinkedViews(page: Page): Promise<number> {
  const map = page.locator('hs-projection').first();
  const ring = map.locator('.focus circle');
  const tokens = page.locator('hs-sequence:not([hidden])').first().locator('[part="token"]');
  await map.locator('[part="points"]').waitFor();
  await expect.poll(() => ring.count(), { timeout: 20_000 }).toBe(1);
  const box = (await map.locator('[part="points"]').boundingBox())!;
  let picked = false;
  for (let y = 0.2; y < 0.85 && !picked; y += 0.05) {
    for (let x = 0.2; x < 0.85 && !picked; x += 0.05) {
      await page.mouse.move(box.x + x * box.width, box.y + y * box.height);
      await page.waitForTimeout(20);
      if ((await ring.getAttribute('visibility')) === 'visible') {
        await page.mouse.down();
        await page.mouse.up();
        picked = true;
      }
    }
  }
  expect(picked, 'a point of the map answered the hover').toBe(true);
  await expect.poll(() => tokens.count(), { timeout: 10_000 }).toBeGreaterThan(5);
  await page.mouse.move(0, 0); // off the map: its ring hides
  await expect.poll(() => ring.getAttribute('visibility')).toBe('hidden');
  const token = tokens.nth(4);
  const step = Number(await token.getAttribute('data-step'));
  await token.hover();
  await expect.poll(() => ring.getAttribute('visibility')).toBe('visible');
  return step;
}

/** The page built into `dist` (with the fixture beside it), opened: the t-SNE ran and the views link. */
async function expectTsnePage(dist: string): Promise<void> {
  const { page, errors } = await open((await serve(join(consumer, dist))).origin);
  try {
    await expect.poll(() => page.textContent('#status'), { timeout: 60_000 }).toMatch(/^(done|failed)/);
    expect(await page.textContent('#status')).toMatch(/^done: t-SNE of 200 states, \d+ progress reports$/);
    await expectLinkedViews(page);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
}

describe('a page with two views and an in-page t-SNE, from the tarballs', () => {
  it('Vite, default `vite build` (no config)', async () => {
    await run(tool('vite'), ['build', 'page'], { cwd: consumer, maxBuffer: 1 << 26 });
    await expectTsnePage('page/dist');
  });

  it('webpack 5, production mode (Terser)', async () => {
    const { stdout } = await run(tool('webpack'), ['--config', 'page/webpack.config.js'], {
      cwd: consumer,
      maxBuffer: 1 << 26,
    });
    expect(stdout).toMatch(/compiled (successfully|with \d+ warnings?)/);
    // webpack emits a classic script (no module output without experiments.outputModule)
    const html = await readFile(join(consumer, 'page/index.html'), 'utf8');
    await writeFile(
      join(consumer, 'dist-webpack/index.html'),
      html.replace('<script type="module" src="./main.js">', '<script src="./main.js">'),
    );
    await cp(fixture, join(consumer, 'dist-webpack/tiny-imdb.json'));
    await expectTsnePage('dist-webpack');
  });
});

/**
 * A framework app: its typings checked by `checker` without skipLibCheck, built by Vite with its
 * config, opened: the views draw and link, and the hovered token's step reaches the app's state
 * through the element's event (shown in #focus).
 */
async function expectFrameworkApp(app: 'react' | 'vue', checker: string): Promise<void> {
  await run(tool(checker), ['-p', `${app}/tsconfig.json`], { cwd: consumer });
  await run(tool('vite'), ['build', '--config', `${app}/vite.config.js`], { cwd: consumer, maxBuffer: 1 << 26 });
  const { page, errors } = await open((await serve(join(consumer, `dist-${app}`))).origin);
  try {
    const step = await expectLinkedViews(page);
    await expect.poll(() => page.textContent('#focus')).toBe(String(step));
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
}

describe('framework apps, from the tarballs', () => {
  it('React 19: JSX typings compile with tsc --strict (no skipLibCheck); properties in, events out', () =>
    expectFrameworkApp('react', 'tsc'));

  it('Vue 3: template typings checked by vue-tsc (no skipLibCheck); properties in, events out', () =>
    expectFrameworkApp('vue', 'vue-tsc'));

  it('the typings are not `any`: a wrong prop type fails tsc', async () => {
    const source = await readFile(join(consumer, 'react/main.tsx'), 'utf8');
    await writeFile(join(consumer, 'react/main.tsx'), source.replace('pointSize={3}', 'pointSize={[3]}'));
    try {
      await expect(run(tool('tsc'), ['-p', 'react/tsconfig.json'], { cwd: consumer })).rejects.toMatchObject({
        stdout: expect.stringContaining("error TS2322: Type 'number[]' is not assignable to type 'number'"),
      });
    } finally {
      await writeFile(join(consumer, 'react/main.tsx'), source);
    }
  });
});

describe('no build step: the single-file bundles', () => {
  it('two view bundles in a plain page link by bus name and load the dataset once', async () => {
    const { origin, requests } = await serve(consumer);
    const { page, errors, warnings } = await open(`${origin}/static.html`);
    try {
      await expectLinkedViews(page);
      expect(errors).toEqual([]);
      expect(warnings.filter((text) => text.includes('@statescope'))).toEqual([]);
      expect(requests.filter((path) => path === '/tiny-imdb.json')).toHaveLength(1);
      // nothing but the two bundles (and their source maps) came from node_modules
      const modules = requests.filter((path) => path.startsWith('/node_modules/') && !path.endsWith('.map'));
      expect(modules.sort()).toEqual([
        '/node_modules/@statescope/view-projection/dist/standalone.js',
        '/node_modules/@statescope/view-sequence/dist/standalone.js',
      ]);
    } finally {
      await page.close();
    }
  });

  it('the dashboard bundle draws all six views, linked', async () => {
    const { page, errors } = await open(`${(await serve(consumer)).origin}/dashboard.html`);
    try {
      for (const tag of ['hs-overview', 'hs-table', 'hs-projection', 'hs-sequence', 'hs-heatmap', 'hs-histogram']) {
        await expect.poll(() => page.locator(`hs-dashboard ${tag}`).count(), { timeout: 20_000 }).toBe(1);
      }
      await expectLinkedViews(page);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a Jupyter output cell from statescope_notebook.show, as JupyterLab runs it', async () => {
    const bundle = join(consumer, 'node_modules/@statescope/dashboard/dist/standalone.js');
    const script = [
      'import sys',
      'from statescope_notebook import show',
      `sys.stdout.write(show(${JSON.stringify(fixture)}, bundle=${JSON.stringify(bundle)})._repr_html_())`,
    ].join('\n');
    const { stdout: html } = await run(PYTHON, ['-c', script], {
      env: { ...process.env, PYTHONPATH: join(root, 'python') },
      maxBuffer: 1 << 26,
    });
    // (A served page, not page.setContent: elements in a document.open()ed document never upgrade.)
    await writeFile(
      join(consumer, 'notebook.html'),
      '<!doctype html><html><head><link rel="icon" href="data:," /></head><body><div id="output"></div></body></html>',
    );
    const { page, errors } = await open(`${(await serve(consumer)).origin}/notebook.html`);
    try {
      await page.evaluate((output) => {
        const host = document.getElementById('output')!;
        host.innerHTML = output;
        for (const old of host.querySelectorAll('script')) {
          const script = document.createElement('script');
          for (const { name, value } of old.attributes) script.setAttribute(name, value);
          script.textContent = old.textContent;
          old.replaceWith(script);
        }
      }, html);
      await expectLinkedViews(page);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
