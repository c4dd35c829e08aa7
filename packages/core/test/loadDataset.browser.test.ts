import { describe, expect, it } from 'vitest';
import { encodeDataset, loadDataset, StatescopeError } from '@statescope/core';
import { smallDataset } from './helpers.js';

// In real Chromium: fetch, Blob/File and DecompressionStream('deflate-raw') are the browser's own.
const manifestUrl = new URL('./fixtures/numpy/manifest.json', import.meta.url);

describe('loadDataset in a browser', () => {
  it('loads a manifest by URL and fetches its .npz/.npy arrays next to it', async () => {
    const ds = await loadDataset(manifestUrl.href);
    expect(ds.stepCount).toBe(9);
    expect(ds.layer('lstm').hidden[7]).toBe(Math.fround(Math.sin(0.7 * 1 + 0.3 * 2)));
    // outputs.npz is deflate-compressed: decoded by the browser's DecompressionStream
    expect(ds.expectedPredictions[0] + ds.expectedPredictions[1] + ds.expectedPredictions[2]).toBeCloseTo(1, 6);
  });

  it('loads Files picked by a user, the manifest naming its companions', async () => {
    const files = await Promise.all(
      ['manifest.json', 'states.npz', 'outputs.npz', 'tsne.npy'].map(async (name) => {
        const response = await fetch(new URL(name, manifestUrl));
        return new File([await response.arrayBuffer()], name);
      }),
    );
    const [manifest, ...rest] = files;
    const ds = await loadDataset(manifest, { files: Object.fromEntries(rest.map((f) => [f.name, f])) });
    expect(ds.tokensOf(2)).toEqual(['buys', 'the', 'firm']);
    expect(ds.projection('tsne')![17]).toBe(8.25);
  });

  it('round-trips the native binary format through Blobs', async () => {
    const original = smallDataset();
    const { manifest, binary } = encodeDataset(original);
    const ds = await loadDataset(new Blob([JSON.stringify(manifest)]), {
      files: { 'data.bin': new Blob([binary as BlobPart]) },
    });
    expect(Array.from(ds.layers[0].hidden)).toEqual(Array.from(original.layers[0].hidden));
  });

  it('rejects a missing URL with a clear error', async () => {
    const error = await loadDataset(new URL('./fixtures/numpy/nope.json', import.meta.url).href).catch((e) => e);
    expect(error).toBeInstanceOf(StatescopeError);
    expect(error.message).toMatch(/cannot fetch .*nope.json: HTTP 404/);
  });
});
