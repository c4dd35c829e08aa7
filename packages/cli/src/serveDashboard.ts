import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import type { DatasetFile } from './findDatasetFiles.js';

/** What {@link serveDashboard} serves, and where. */
export interface ServeOptions {
  /** Folder of the built dashboard app (index.html and its assets). */
  appDir: string;
  /** The datasets to list, in the app's order (see {@link findDatasetFiles}). */
  datasets: readonly DatasetFile[];
  /** Default 127.0.0.1: only this machine can connect. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

/** A server started by {@link serveDashboard}. */
export interface RunningServer {
  /** The page to open, e.g. http://127.0.0.1:5180/ */
  url: string;
  /** Stops the server; resolves once it is closed. */
  close(): Promise<void>;
}

/** One entry of datasets.json: what the app lists, and where it fetches it. */
interface ListedDataset {
  id: string;
  label: string;
  src: string;
  /** The array files, as the manifest names them (relative to `src`): the page may fetch them while it reads the manifest. */
  files?: string[];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Serves the prebuilt dashboard app, a `datasets.json` listing the given datasets, and under
 * `data/<id>/` exactly those datasets' files: the manifest and the files it refers to (its
 * arrays, and the model weights its `metadata.weights` names, for the what-if view). Any other
 * path, `../` tricks included, is a 404. Every response is cross-origin isolated (COOP + COEP),
 * so the page may share memory with the t-SNE workers.
 */
export async function serveDashboard(options: ServeOptions): Promise<RunningServer> {
  const appDir = resolve(options.appDir);
  const listed: ListedDataset[] = [];
  const served = new Map<string, string>(); // URL path -> file on disk
  const taken = new Set<string>();
  for (const dataset of options.datasets) {
    const stem = basename(dataset.path).replace(/\.json$/i, '');
    let id = stem;
    for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
    taken.add(id);
    const folder = dirname(dataset.path);
    const base = `/data/${encodeURIComponent(id)}/`;
    served.set(base + encodeURIComponent(basename(dataset.path)), dataset.path);
    for (const companion of dataset.companions) {
      served.set(base + companion.split('/').map(encodeURIComponent).join('/'), join(folder, companion));
    }
    listed.push({
      id,
      label: basename(dataset.path),
      src: `${base.slice(1)}${encodeURIComponent(basename(dataset.path))}`,
      ...(dataset.arrays?.length && { files: dataset.arrays }),
    });
  }
  const list = JSON.stringify({ datasets: listed });

  const server = createServer((request, response) => {
    void answer(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error');
      else response.destroy();
    });
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed');
    }
    // Keep the path as sent (no dot-segment folding): a path is served only if it is one we listed.
    const path = (request.url ?? '/').split(/[?#]/)[0];
    if (path === '/datasets.json') return send(response, 200, TYPES['.json'], list);
    const dataFile = served.get(canonical(path));
    if (dataFile) return sendFile(request, response, dataFile);
    if (path.startsWith('/data/')) return notFound(response);
    const appFile = path === '/' ? join(appDir, 'index.html') : insideFolder(appDir, path);
    if (!appFile) return notFound(response);
    return sendFile(request, response, appFile);
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The percent-encoded form the listing uses, so `%2E` or unencoded spaces match as a browser sends them. */
function canonical(path: string): string {
  try {
    return path
      .split('/')
      .map((part) => encodeURIComponent(decodeURIComponent(part)))
      .join('/');
  } catch {
    return ''; // malformed escapes match nothing
  }
}

/** The file under `folder` that a URL path names, or null when it would leave the folder. */
function insideFolder(folder: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split(/[/\\]/).includes('..')) return null;
  const file = resolve(folder, `.${decoded}`);
  return file.startsWith(folder + sep) ? file : null;
}

const isolation = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { ...isolation, 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function notFound(response: ServerResponse): void {
  send(response, 404, 'text/plain; charset=utf-8', 'not found');
}

async function sendFile(request: IncomingMessage, response: ServerResponse, file: string): Promise<void> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) return notFound(response);
    size = info.size;
  } catch {
    return notFound(response);
  }
  response.writeHead(200, {
    ...isolation,
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': size,
  });
  if (request.method === 'HEAD') return void response.end();
  // 1 MB chunks, not the default 64 KB: a 200 MB state file in 200 writes instead of 3,300.
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}
