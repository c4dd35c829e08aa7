import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '@statescope/core';
import { caught } from './helpers.js';

// Written by fixtures/numpy/make_fixture.py (NumPy's own np.savez, np.savez_compressed, np.save);
// the expected values below are the formulas documented in that script.
const fixture = fileURLToPath(new URL('./fixtures/numpy/manifest.json', import.meta.url));
const file = (name: string) => readFile(fileURLToPath(new URL(`./fixtures/numpy/${name}`, import.meta.url)));

describe('NumPy arrays (.npy, .npz stored and compressed) with a JSON manifest', () => {
  it('reads every array with the values NumPy wrote', async () => {
    const ds = await loadDataset(fixture);
    expect(ds.sequenceCount).toBe(3);
    expect(ds.stepCount).toBe(9);
    const { hidden, cell, dim } = ds.layer('lstm');
    expect(dim).toBe(5);
    for (let t = 0; t < 9; t++) {
      for (let k = 0; k < 5; k++) {
        expect(hidden[t * 5 + k]).toBe(Math.fround(Math.sin(0.7 * t + 0.3 * k)));
        expect(cell![t * 5 + k]).toBe(Math.fround(2 * Math.cos(0.5 * t - 0.2 * k))); // float64 on disk
      }
      const logits = [1, 2, 3].map((c) => ((t + 1) * c) / 10);
      const sum = logits.reduce((a, l) => a + Math.exp(l), 0);
      for (let c = 0; c < 3; c++) expect(ds.expectedPredictions[t * 3 + c]).toBeCloseTo(Math.exp(logits[c]) / sum, 6);
      expect(Array.from(ds.projection('tsne')!.subarray(2 * t, 2 * t + 2))).toEqual([t, t + 0.25]); // float16
    }
    expect(ds.tokensOf(0)).toEqual(['oil', 'prices', 'rose', '.']);
    expect(ds.accuracy()).toBeCloseTo(1 / 3, 10);
  });

  it('refuses a .npz given without its manifest, naming the fix', async () => {
    const error = await caught(async () => loadDataset(await file('states.npz')));
    expect(error.message).toMatch(/is a NumPy .npz file, which holds arrays only; load the JSON manifest/);
  });

  it('reports a truncated .npz and a missing member', async () => {
    const manifest = JSON.parse(await readFile(fixture, 'utf8'));
    const bytes = new TextEncoder().encode(JSON.stringify(manifest));
    const files = {
      'states.npz': await file('states.npz'),
      'outputs.npz': await file('outputs.npz'),
      'tsne.npy': await file('tsne.npy'),
    };
    const truncated = await caught(() =>
      loadDataset(bytes, { files: { ...files, 'states.npz': files['states.npz'].subarray(0, 600) } }),
    );
    expect(truncated.message).toMatch(/field "layers\[0\].hidden": .npz archive is truncated/);
    manifest.layers[0].hidden.key = 'h';
    const missing = await caught(() => loadDataset(new TextEncoder().encode(JSON.stringify(manifest)), { files }));
    expect(missing.message).toMatch(/field "layers\[0\].hidden": .npz archive has no member "h"/);
  });

  it('reports a truncated .npy and Fortran order', async () => {
    const manifest = JSON.parse(await readFile(fixture, 'utf8'));
    const bytes = new TextEncoder().encode(JSON.stringify(manifest));
    const files = { 'states.npz': await file('states.npz'), 'outputs.npz': await file('outputs.npz') };
    const npy = await file('tsne.npy');
    const short = await caught(() =>
      loadDataset(bytes, { files: { ...files, 'tsne.npy': npy.subarray(0, npy.length - 4) } }),
    );
    expect(short.message).toMatch(
      /field "projections.tsne": .npy data is truncated: 18 values of 2 bytes need 36 bytes, file has 32/,
    );
    const fortran = new Uint8Array(npy);
    const header = new TextDecoder('latin1').decode(fortran.subarray(0, 128));
    fortran.set(new TextEncoder().encode("'fortran_order': True, "), header.indexOf("'fortran_order'"));
    const error = await caught(() => loadDataset(bytes, { files: { ...files, 'tsne.npy': fortran } }));
    expect(error.message).toMatch(/Fortran order; save it in C order/);
  });
});
