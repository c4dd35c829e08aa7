import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { sourceAliases } from '../../scripts/workspaces.mjs';
import { appBuildConfig } from '../../packages/dashboard/app/vite.config.mjs';

/** The policy of issue 13: nothing inline, nothing from elsewhere, workers from the page's origin. */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Builds, into a temporary folder, the dashboard app (as `statescope open` serves it) under
 * /app/ and the test page of test/e2e/securityPage (the dashboard and each view on its own)
 * under /page/: static files that load every script and style from their own origin.
 */
export async function buildPages(): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'statescope-csp-'));
  await build(appBuildConfig(join(out, 'app')));
  await build({
    root: fileURLToPath(new URL('./securityPage/', import.meta.url)),
    configFile: false,
    base: './',
    resolve: { alias: sourceAliases() },
    worker: { format: 'es' },
    logLevel: 'warn',
    build: { outDir: join(out, 'page'), emptyOutDir: true, target: 'es2022' },
  });
  return out;
}

/**
 * Serves the built pages on 127.0.0.1 with `headers` on every response (say, a CSP), plus
 * `files`: extra paths (datasets, the app's datasets.json) and their contents.
 */
export async function servePages(
  folder: string,
  files: Record<string, string>,
  headers: Record<string, string>,
): Promise<{ url: string; server: Server }> {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const extra = files[path];
    const file = normalize(join(folder, path.endsWith('/') ? `${path}index.html` : path));
    const body = extra ?? (file.startsWith(folder) ? await readFile(file).catch(() => null) : null);
    // Cross-origin isolated, as `statescope open` serves the app.
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (body === null) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = TYPES[extname(extra === undefined ? file : path)] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, server };
}
