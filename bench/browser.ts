// `npm run bench:browser [-- name-filter]`: runs every bench/browser/*.bench.ts in headless Debian
// Chromium (software rendering, as on a machine without a GPU). A Vite server serves the
// TypeScript sources; each bench file's default export returns rows that are printed as a table.
// Exits non-zero when a page throws.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Plugin } from 'vite';
import { chromium } from 'playwright-core';
import { root, sourceAliases } from '../scripts/workspaces.mjs';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';

type Row = Record<string, string | number>;

const filter = process.argv[2] ?? '';
const benchDir = join(root, 'bench/browser');
const files = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts') && file.includes(filter))
  .sort();

/** An empty page to import the bench modules into. */
const blankPage: Plugin = {
  name: 'bench-page',
  configureServer(server) {
    server.middlewares.use('/__bench.html', (_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end('<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body></body></html>');
    });
    server.middlewares.use('/favicon.ico', (_request, response) => {
      response.statusCode = 204;
      response.end();
    });
  },
};

function printTable(title: string, rows: Row[]): void {
  console.log(`\n## ${title}\n`);
  if (rows.length === 0) return void console.log('(no rows)');
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: string | number | undefined) =>
    value === undefined ? '' : typeof value === 'number' ? String(Number(value.toPrecision(4))) : value;
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((row) => cell(row[c]).length)));
  const line = (values: string[]) => `| ${values.map((v, k) => v.padEnd(widths[k])).join(' | ')} |`;
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(columns.map((c) => cell(row[c]))));
}

const server = await createServer({
  root,
  configFile: false,
  logLevel: 'warn',
  resolve: { alias: sourceAliases() },
  plugins: [blankPage],
  server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  // No dependency discovery: a re-optimisation would reload the page in the middle of a run.
  optimizeDeps: { noDiscovery: true, include: [] },
});
await server.listen();
const address = server.httpServer?.address();
const base =
  typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : server.resolvedUrls!.local[0];
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
let failed = false;
try {
  console.log(`Chromium ${browser.version()}, ${chromiumArgs.join(' ')}`);
  for (const file of files) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error.stack ?? error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
      else console.log(`  [${file}] ${message.text()}`);
    });
    try {
      await page.goto(`${base}/__bench.html`);
      const rows = await page.evaluate(async (path) => {
        const module = await import(/* @vite-ignore */ path);
        return (await module.default()) as Row[];
      }, `/bench/browser/${file}`);
      printTable(file, rows);
      if (errors.length) throw new Error(errors.join('\n'));
    } catch (error) {
      failed = true;
      console.error(`\n${file} failed:\n${(error as Error).message}`);
    } finally {
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
