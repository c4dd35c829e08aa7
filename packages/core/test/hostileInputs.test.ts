import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset, StatescopeError, validateDataset } from '@statescope/core';
import { catalogue, caseFolder } from './hostile/catalogue.js';

const root = await mkdtemp(join(tmpdir(), 'statescope-hostile-'));

describe('the hostile-input catalogue: each case is a StatescopeError naming its place, within 2 s', () => {
  it.each(catalogue.map((c, i) => [`${c.format}: ${c.name}`, i] as const))(
    '%s',
    async (_name, index) => {
      const hostile = catalogue[index];
      const { input, options } = await hostile.setup(await caseFolder(root, index));
      const started = performance.now();
      let error: unknown = null;
      try {
        await loadDataset(input, options);
      } catch (caught) {
        error = caught;
      }
      const seconds = (performance.now() - started) / 1000;
      expect(error, 'nothing is returned half-loaded: the load rejects').toBeInstanceOf(StatescopeError);
      expect((error as Error).message).toMatch(hostile.message);
      expect(error).toMatchObject(hostile.place);
      expect(seconds).toBeLessThan(2);
    },
    30_000,
  );
});

describe('what is read but probably not meant is a warning, unless strict', () => {
  it('lists unknown keys and unnormalised rows as warnings and still loads', async () => {
    const { encode, inlineManifest } = await import('./hostile/buildFiles.js');
    const manifest: any = inlineManifest();
    manifest.projection = {};
    manifest.sequences[0].lable = 1;
    manifest.expectedPredictions.data[1] = [0.9, 0.9];
    const { dataset, problems, warnings } = await validateDataset(encode(manifest));
    expect(problems).toEqual([]);
    expect(dataset?.stepCount).toBe(6);
    expect(warnings.map((w) => w.message)).toEqual([
      'field "manifest": has the unknown key "projection", which is ignored (did you mean "projections"?)',
      'field "sequences": has the unknown key "lable", which is ignored (did you mean "label"?)',
      'field "expectedPredictions", sequence 0, step 1: 1 of 6 rows do not sum to 1 (this one sums to 1.8000); expected predictions are probabilities: apply softmax to logits',
    ]);
  });

  it("reads an int64 .npy (NumPy's default integer type)", async () => {
    const { encode, inlineManifest, npy } = await import('./hostile/buildFiles.js');
    const manifest: any = inlineManifest();
    manifest.layers[0].hidden = { file: 'h.npy' };
    const values = BigInt64Array.from({ length: 12 }, (_, i) => BigInt(i - 6));
    const dataset = await loadDataset(encode(manifest), { files: { 'h.npy': npy('<i8', '(6, 2)', values) } });
    expect(Array.from(dataset.layer().hidden)).toEqual(Array.from(values, Number));
  });
});

describe('memory', () => {
  it('the whole catalogue stays within 200 MB of peak memory over the inputs (a child process measures it)', () => {
    const script = fileURLToPath(new URL('./hostile/measureCatalogue.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const { peakAddedMb, cases, errors } = JSON.parse(run.stdout);
    expect(errors).toEqual([]);
    expect(cases).toBe(catalogue.length);
    expect(peakAddedMb).toBeLessThan(200);
  }, 120_000);
});

describe('a manifest loaded from a URL', () => {
  it('reads companions from its own origin only, unless allowOutside', async () => {
    const { createServer } = await import('node:http');
    const { binaryManifest, encode } = await import('./hostile/buildFiles.js');
    const { manifest, bin } = binaryManifest();
    const serve = (routes: Record<string, Uint8Array>) =>
      new Promise<{ url: string; close: () => void }>((resolve) => {
        const server = createServer((request, response) => {
          const body = routes[request.url ?? ''];
          response.writeHead(body ? 200 : 404).end(body);
        }).listen(0, '127.0.0.1', () => {
          const { port } = server.address() as { port: number };
          resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
        });
      });
    const elsewhere = await serve({ '/data.bin': bin });
    const layers = manifest.layers as { hidden: { file: string } }[];
    layers[0].hidden.file = `${elsewhere.url}/data.bin`;
    const home = await serve({ '/m.json': encode(manifest), '/data.bin': bin });
    try {
      const error = await loadDataset(`${home.url}/m.json`).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StatescopeError);
      expect((error as Error).message).toMatch(
        /field "layers\[0\]\.hidden": refers to "http:\/\/127\.0\.0\.1:\d+\/data\.bin", on another origin than the manifest/,
      );
      const allowed = await loadDataset(`${home.url}/m.json`, { allowOutside: true });
      expect(allowed.stepCount).toBe(6);
    } finally {
      elsewhere.close();
      home.close();
    }
  });
});
