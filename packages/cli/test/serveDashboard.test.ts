import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findDatasetFiles, serveDashboard, type RunningServer } from '../src/index.js';
import { fixtureCopy, hiddenStatesVisExport, writeJson } from './fixtures.js';

/** GET with the path sent exactly as written (fetch would fold `..` before sending). */
function get(url: string, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method: 'GET' }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function fakeApp(): Promise<string> {
  const app = await mkdtemp(join(tmpdir(), 'statescope-app-'));
  await mkdir(join(app, 'assets'));
  await writeFile(join(app, 'index.html'), '<!doctype html><title>Statescope</title>');
  await writeFile(join(app, 'assets', 'main.js'), 'export {};');
  return app;
}

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('serveDashboard', () => {
  it('lists the datasets, serves them, their arrays and the app, cross-origin isolated', async () => {
    const folder = await fixtureCopy();
    await writeJson(folder, 'export.json', hiddenStatesVisExport());
    const datasets = await findDatasetFiles([folder]);
    expect(datasets.map((d) => d.path.slice(folder.length + 1))).toEqual(['export.json', 'manifest.json']);
    expect(datasets[1].companions.sort()).toEqual(['outputs.npz', 'states.npz', 'tsne.npy']);
    server = await serveDashboard({ appDir: await fakeApp(), datasets, port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const list = await get(server.url, '/datasets.json');
    expect(JSON.parse(list.body)).toEqual({
      datasets: [
        { id: 'export', label: 'export.json', src: 'data/export/export.json' },
        { id: 'manifest', label: 'manifest.json', src: 'data/manifest/manifest.json' },
      ],
    });
    for (const path of [
      '/',
      '/assets/main.js',
      '/data/manifest/manifest.json',
      '/data/manifest/states.npz',
      '/data/export/export.json',
    ]) {
      const response = await get(server.url, path);
      expect(response.status, path).toBe(200);
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(response.headers['cross-origin-embedder-policy']).toBe('require-corp');
    }
    expect((await get(server.url, '/')).headers['content-type']).toMatch(/^text\/html/);
  });

  it('serves nothing else: ../ paths, encoded or not, unlisted files beside a manifest, other methods', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'statescope-secret-'));
    await writeFile(join(parent, 'secret.txt'), 'do not serve');
    const folder = join(parent, 'datasets');
    await mkdir(folder);
    await writeJson(folder, 'export.json', hiddenStatesVisExport());
    await writeFile(join(folder, 'notes.txt'), 'private notes');
    server = await serveDashboard({
      appDir: await fakeApp(),
      datasets: await findDatasetFiles([join(folder, 'export.json')]),
      port: 0,
    });
    const paths = [
      '/data/export/../../secret.txt',
      '/data/export/%2e%2e/%2e%2e/secret.txt',
      '/data/export/..%2f..%2fsecret.txt',
      '/data/export/notes.txt',
      '/data/export/%2E%2E/datasets/notes.txt',
      '/../secret.txt',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%5c..%5csecret.txt',
      '/data/other/export.json',
      '/assets/%00.js',
    ];
    for (const path of paths) {
      const response = await get(server.url, path);
      expect(response.status, path).toBe(404);
      expect(response.body).not.toMatch(/do not serve|private notes|root:/);
    }
    const post = await new Promise<number>((resolve) => {
      const { hostname, port } = new URL(server!.url);
      request({ hostname, port, path: '/datasets.json', method: 'POST' }, (r) => resolve(r.statusCode!)).end();
    });
    expect(post).toBe(405);
  });

  it('refuses a manifest whose arrays lie outside its folder, and a folder without datasets', async () => {
    const folder = await fixtureCopy();
    const manifest = JSON.parse(
      await (await import('node:fs/promises')).readFile(join(folder, 'manifest.json'), 'utf8'),
    );
    manifest.layers[0].hidden.file = '../elsewhere/states.npz';
    await writeJson(folder, 'escaping.json', manifest);
    await expect(findDatasetFiles([join(folder, 'escaping.json')])).rejects.toThrow(
      /"\.\.\/elsewhere\/states\.npz", outside the manifest's folder/,
    );
    const empty = await mkdtemp(join(tmpdir(), 'statescope-empty-'));
    await writeJson(empty, 'package.json', { name: 'x' });
    await expect(findDatasetFiles([empty])).rejects.toThrow(/holds no dataset/);
  });
});
