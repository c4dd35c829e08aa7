import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  encodeDataset,
  encodeDatasetJson,
  loadDataset,
  saveDataset,
  StateDataset,
  StatescopeError,
} from '@statescope/core';
import { caught, smallDataset } from './helpers.js';

/** Everything a user can observe of a dataset, for exact comparisons. */
function snapshot(ds: StateDataset) {
  return {
    classes: ds.classes,
    ids: ds.ids,
    tokens: ds.ids.map((_, s) => ds.tokensOf(s)),
    offsets: Array.from(ds.offsets),
    labels: Array.from(ds.labels),
    predictions: Array.from(ds.predictions),
    layers: ds.layers.map((l) => ({
      name: l.name,
      dim: l.dim,
      hidden: Array.from(l.hidden),
      cell: l.cell && Array.from(l.cell),
    })),
    expected: Array.from(ds.expectedPredictions),
    projections: ds.projectionNames.map((name) => [name, Array.from(ds.projection(name)!)]),
    metadata: ds.metadata,
  };
}

function richDataset(): StateDataset {
  return smallDataset({
    layers: [
      {
        name: 'lstm',
        dim: 2,
        hidden: new Float32Array([0, 0, 3, 4, 3, 4, 1, 1, 1, -1]).map((v) => v / 7 + 1e-3),
        cell: Float32Array.from({ length: 10 }, (_, i) => Math.sin(i) * 3.3),
      },
      { name: 'lstm_2', dim: 1, hidden: new Float32Array([0.1, 0.2, 0.3, 0.4, 0.123456789]) },
    ],
    projections: { tsne: Float32Array.from({ length: 10 }, (_, i) => i * 1.1 - 3) },
    metadata: { model: 'LSTM 2 units', accuracy: 0.8125, seed: 7 },
    predictions: [1, 1],
  });
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'statescope-'));
}

describe('native format', () => {
  it('load(save(x)) is exact: manifest + binary on disk', async () => {
    const original = richDataset();
    const path = join(await tempDir(), 'small.json');
    const written = await saveDataset(original, path);
    expect(written.map((p) => basename(p))).toEqual(['small.json', 'small.bin']);
    const loaded = await loadDataset(path);
    expect(snapshot(loaded)).toEqual(snapshot(original));
  });

  it('load(save(x)) is exact: the self-contained JSON variant', async () => {
    const original = richDataset();
    const path = join(await tempDir(), 'inline.json');
    await saveDataset(original, path, { inline: true });
    const json = JSON.parse(await readFile(path, 'utf8'));
    expect(json.layers[0].hidden.data).toHaveLength(10);
    expect(snapshot(await loadDataset(path))).toEqual(snapshot(original));
  });

  it('reads from bytes and Blobs, with the binary passed by name', async () => {
    const original = richDataset();
    const { manifest, binary } = encodeDataset(original, { binaryFile: 'x.bin' });
    const bytes = new TextEncoder().encode(JSON.stringify(manifest));
    const fromBytes = await loadDataset(bytes, { files: { 'x.bin': binary } });
    const fromBlob = await loadDataset(new Blob([bytes]), { files: { 'x.bin': new Blob([binary as BlobPart]) } });
    expect(snapshot(fromBytes)).toEqual(snapshot(original));
    expect(snapshot(fromBlob)).toEqual(snapshot(original));
    const missing = await caught(() => loadDataset(bytes));
    expect(missing.message).toMatch(/field "layers\[0\].hidden": refers to the file "x.bin", which was not given/);
  });

  it('takes a binary given as a promise, used in place of the file beside a path, and names a failed one', async () => {
    const original = richDataset();
    const { manifest, binary } = encodeDataset(original, { binaryFile: 'x.bin' });
    const folder = await mkdtemp(join(tmpdir(), 'statescope-promised-'));
    const path = join(folder, 'promised.json');
    await writeFile(path, JSON.stringify(manifest)); // no x.bin beside it: only the promise has it
    const promised = await loadDataset(path, { files: { 'x.bin': Promise.resolve(binary) } });
    expect(snapshot(promised)).toEqual(snapshot(original));
    const rejected = Promise.reject(new Error('HTTP 503'));
    rejected.catch(() => {}); // handled by whoever started it (as a fetch would be), still rejected for the loader
    const failed = await caught(() => loadDataset(path, { files: { 'x.bin': rejected } }));
    expect(failed.message).toMatch(/field "layers\[0\].hidden": cannot read "x.bin": HTTP 503/);
  });

  it('stores states as float16 within 2^-11 relative error', async () => {
    const original = richDataset();
    const { manifest, binary } = encodeDataset(original, { statePrecision: 'float16' });
    expect(manifest.layers[0].hidden).toMatchObject({ dtype: 'float16' });
    const loaded = await loadDataset(new TextEncoder().encode(JSON.stringify(manifest)), {
      files: { 'data.bin': binary },
    });
    const a = original.layers[0].cell!;
    const b = loaded.layers[0].cell!;
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(Math.abs(a[i]) * 2 ** -11);
    expect(Array.from(loaded.expectedPredictions)).toEqual(Array.from(original.expectedPredictions));
  });

  it('stores states as int8 within max|unit| / 254 per unit', async () => {
    const original = richDataset();
    const { manifest, binary } = encodeDataset(original, { statePrecision: 'int8' });
    expect(binary.length).toBeLessThan(encodeDataset(original).binary.length);
    const loaded = await loadDataset(new TextEncoder().encode(JSON.stringify(manifest)), {
      files: { 'data.bin': binary },
    });
    const { cell: a, dim } = original.layers[0];
    const b = loaded.layers[0].cell!;
    for (let k = 0; k < dim; k++) {
      let max = 0;
      for (let i = k; i < a!.length; i += dim) max = Math.max(max, Math.abs(a![i]));
      for (let i = k; i < a!.length; i += dim)
        expect(Math.abs(a![i] - b[i])).toBeLessThanOrEqual((max / 254) * (1 + 1e-6));
    }
  });

  it('encodeDatasetJson arrays are plain JSON numbers', () => {
    const manifest = encodeDatasetJson(smallDataset());
    expect(manifest.format).toBe('statescope');
    expect(manifest.expectedPredictions).toMatchObject({ shape: [5, 2] });
  });
});

describe('native format errors', () => {
  async function manifestWith(change: (m: Record<string, any>) => void, binary?: Uint8Array) {
    const encoded = encodeDataset(richDataset());
    const manifest = JSON.parse(JSON.stringify(encoded.manifest));
    change(manifest);
    return loadDataset(new TextEncoder().encode(JSON.stringify(manifest)), {
      files: { 'data.bin': binary ?? encoded.binary },
    });
  }

  it('a truncated binary names the array and the bytes missing', async () => {
    const { binary } = encodeDataset(richDataset());
    const error = await caught(() => manifestWith(() => {}, binary.slice(0, binary.length - 10)));
    expect(error).toBeInstanceOf(StatescopeError);
    expect(error.message).toMatch(
      /field "projections.tsne": "data.bin" is truncated: the array needs bytes \d+\.\.\d+, the file has \d+/,
    );
  });

  it('rows that do not match the tokens', async () => {
    const error = await caught(() => manifestWith((m) => m.sequences[1].tokens.push('extra')));
    expect(error.message).toMatch(/field "layers\[0\].hidden": has 5 rows, but the sequences have 6 tokens in all/);
  });

  it('a NaN in an inline array names sequence and step', async () => {
    const manifest = encodeDatasetJson(richDataset()) as unknown as Record<string, any>;
    manifest.layers[1].hidden.data[4] = null; // JSON's spelling of NaN
    const error = await caught(() => loadDataset(new TextEncoder().encode(JSON.stringify(manifest))));
    expect(error.message).toBe(
      'field "layers[1].hidden", sequence 1, step 1: column 0 holds null, not a finite number',
    );
  });

  it('a label out of range names the sequence', async () => {
    const error = await caught(() => manifestWith((m) => (m.sequences[0].label = 5)));
    expect(error.message).toMatch(
      /field "labels", sequence 0: class index 5 is out of range; expected an integer in \[0, 1\]/,
    );
  });

  it('a manifest from a newer version', async () => {
    const error = await caught(() => manifestWith((m) => (m.version = 2)));
    expect(error.message).toMatch(/field "version": manifest version 2 is newer than this library reads \(1\)/);
  });

  it('an unknown dtype and an int8 array without scales', async () => {
    expect((await caught(() => manifestWith((m) => (m.layers[0].hidden.dtype = 'bfloat16')))).message).toMatch(
      /field "layers\[0\].hidden": "dtype" "bfloat16" is not one of float32, float64, float16, int8/,
    );
    expect((await caught(() => manifestWith((m) => (m.layers[0].hidden.dtype = 'int8')))).message).toMatch(
      /int8 data needs "scale"/,
    );
  });

  it('unknown formats and non-JSON input', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'other.json'), JSON.stringify({ weights: [1, 2], name: 'x' }));
    expect((await caught(() => loadDataset(join(dir, 'other.json')))).message).toMatch(
      /field "input": .*other.json: unknown format \(top-level keys: weights, name\)/,
    );
    expect((await caught(() => loadDataset(new Uint8Array([1, 2, 3])))).message).toMatch(/is not JSON, .npy or .npz/);
    expect((await caught(() => loadDataset(join(dir, 'missing.json')))).message).toMatch(/cannot read .*missing.json/);
  });
});
