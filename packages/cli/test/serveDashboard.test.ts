import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** The real IMDB demo: imdb.json names its LSTM's weights, imdb.model.json (which names imdb.model.bin). */
const imdb = fileURLToPath(new URL('../../../data/imdb.json', import.meta.url));
const imdbWeights = fileURLToPath(new URL('../../../data/imdb.model.json', import.meta.url));
const imdbWeightsBinary = fileURLToPath(new URL('../../../data/imdb.model.bin', import.meta.url));

/** The NumPy fixture in a fresh folder, naming `weights` in its metadata (no metadata.weights when undefined). */
async function fixtureNaming(weights: string | undefined, folder?: string): Promise<string> {
  const copy = await fixtureCopy();
  const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8'));
  if (weights !== undefined) manifest.metadata = { ...manifest.metadata, weights };
  const target = folder ?? copy;
  if (folder)
    for (const name of ['states.npz', 'outputs.npz', 'tsne.npy']) await copyFile(join(copy, name), join(folder, name));
  return writeJson(target, 'manifest.json', manifest);
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
        {
          id: 'manifest',
          label: 'manifest.json',
          src: 'data/manifest/manifest.json',
          files: ['outputs.npz', 'states.npz', 'tsne.npy'],
        },
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

  it("serves the model weights a dataset names (manifest and binary) where the app's what-if view fetches them", async () => {
    const [dataset] = await findDatasetFiles([imdb]);
    expect(dataset.companions).toEqual(['imdb.bin', 'imdb.model.json', 'imdb.model.bin']);
    expect(dataset.warnings).toEqual([]);
    server = await serveDashboard({ appDir: await fakeApp(), datasets: [dataset], port: 0 });
    // The app points the what-if view at metadata.weights resolved against the dataset's URL,
    // and the view fetches weights.file resolved against the weight manifest's URL.
    const listed = JSON.parse((await get(server.url, '/datasets.json')).body).datasets[0];
    expect(listed.files).toEqual(['imdb.bin']); // the arrays the page may fetch early; weights wait for the what-if view
    const src = new URL(listed.src, server.url);
    const weightsUrl = new URL('imdb.model.json', src);
    const manifest = await fetch(weightsUrl);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const weights = await manifest.json();
    expect(weights).toEqual(JSON.parse(await readFile(imdbWeights, 'utf8')));
    const binary = await fetch(new URL(weights.weights.file, weightsUrl));
    expect(binary.status).toBe(200);
    expect(Buffer.from(await binary.arrayBuffer()).equals(await readFile(imdbWeightsBinary))).toBe(true);
  });

  it('serves weights in a subfolder, the binary found relative to the weight manifest', async () => {
    const path = await fixtureNaming('model/weights.json');
    const folder = join(path, '..');
    await mkdir(join(folder, 'model'));
    await copyFile(imdbWeights, join(folder, 'model', 'weights.json'));
    await copyFile(imdbWeightsBinary, join(folder, 'model', 'imdb.model.bin'));
    const datasets = await findDatasetFiles([path]);
    expect(datasets[0].companions).toContain('model/imdb.model.bin');
    server = await serveDashboard({ appDir: await fakeApp(), datasets, port: 0 });
    expect((await get(server.url, '/data/manifest/model/weights.json')).status).toBe(200);
    expect((await get(server.url, '/data/manifest/model/imdb.model.bin')).status).toBe(200);
    expect((await get(server.url, '/data/manifest/imdb.model.bin')).status).toBe(404);
  });

  it("serves no weights outside the dataset's folder, says why, and nothing more for a dataset naming none", async () => {
    const parent = await mkdtemp(join(tmpdir(), 'statescope-weights-'));
    // Real weight files, one folder up from the dataset and beside the other one.
    await copyFile(imdbWeights, join(parent, 'x.json'));
    await copyFile(imdbWeightsBinary, join(parent, 'imdb.model.bin'));
    const escaping = join(parent, 'escaping');
    await mkdir(escaping);
    const outside = await fixtureNaming('../x.json', escaping);
    // Inside its folder, but its binary is not.
    const binaryOutside = join(parent, 'binary-outside');
    await mkdir(binaryOutside);
    const weights = JSON.parse(await readFile(imdbWeights, 'utf8'));
    weights.weights.file = '../imdb.model.bin';
    await writeJson(binaryOutside, 'model.json', weights);
    const binaryEscapes = await fixtureNaming('model.json', binaryOutside);
    // No metadata.weights, though weight files lie beside it.
    const plain = join(parent, 'plain');
    await mkdir(plain);
    const unnamed = await fixtureNaming(undefined, plain);
    await copyFile(imdbWeights, join(plain, 'imdb.model.json'));
    await copyFile(imdbWeightsBinary, join(plain, 'imdb.model.bin'));

    const datasets = await findDatasetFiles([outside, binaryEscapes, unnamed]);
    for (const dataset of datasets)
      expect(dataset.companions.sort()).toEqual(['outputs.npz', 'states.npz', 'tsne.npy']);
    expect(datasets.map((d) => d.warnings)).toEqual([
      [`metadata.weights "../x.json" lies outside the dataset's folder: not served, so the what-if view has no model`],
      [
        'metadata.weights "model.json" names its binary "../imdb.model.bin", outside the dataset\'s folder: ' +
          'not served, so the what-if view has no model',
      ],
      [],
    ]);
    server = await serveDashboard({ appDir: await fakeApp(), datasets, port: 0 });
    const paths = [
      '/data/manifest/../x.json', // as the dataset names it
      '/data/x.json', // where the browser resolves it
      '/data/manifest/x.json',
      '/data/manifest/%2e%2e/x.json',
      '/data/manifest-2/model.json',
      '/data/manifest-2/../imdb.model.bin',
      '/data/imdb.model.bin',
      '/data/manifest-3/imdb.model.json',
      '/data/manifest-3/imdb.model.bin',
    ];
    for (const path of paths) expect((await get(server.url, path)).status, path).toBe(404);
    for (const id of ['manifest', 'manifest-2', 'manifest-3']) {
      expect((await get(server.url, `/data/${id}/manifest.json`)).status).toBe(200);
      expect((await get(server.url, `/data/${id}/states.npz`)).status).toBe(200);
    }
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
