// Property-based fuzzing of every loader: valid files of each format, mutated at random (bytes
// flipped, inserted or cut; JSON values replaced or removed anywhere), must either load or fail
// with a StatescopeError, never anything else, each within 2 s and a 64 MiB byte budget. A fixed seed keeps CI repeatable;
// FUZZ_SEED and FUZZ_RUNS explore further (a failure prints its seed and path to replay).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset, StatescopeError, type CompanionFiles } from '@statescope/core';
import { binaryManifest, encode, hiddenStatesVis, inlineManifest, npy, npzManifest } from './hostile/buildFiles.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261202);
const numRuns = Number(process.env.FUZZ_RUNS ?? 150);

interface Sample {
  name: string;
  main: Uint8Array;
  files: Record<string, Uint8Array>;
}

const npzStored = npzManifest(false);
const npzDeflated = npzManifest(true);
const binary = binaryManifest();
const samples: Sample[] = [
  { name: 'inline manifest', main: encode(inlineManifest()), files: {} },
  { name: 'manifest + .bin', main: encode(binary.manifest), files: { 'data.bin': binary.bin } },
  { name: 'manifest + stored .npz', main: encode(npzStored.manifest), files: { 'arrays.npz': npzStored.npz } },
  { name: 'manifest + deflated .npz', main: encode(npzDeflated.manifest), files: { 'arrays.npz': npzDeflated.npz } },
  {
    name: 'manifest + .npy',
    main: encode({ ...inlineManifest(), layers: [{ name: 'lstm', hidden: { file: 'h.npy' } }] }),
    files: {
      'h.npy': npy(
        '<f8',
        '(6, 2)',
        new Float64Array(12).map((_, i) => i / 12),
      ),
    },
  },
  { name: 'hiddenStatesVis', main: encode(hiddenStatesVis()), files: {} },
];

/** Each case's memory budget: a mutated shape must not make a small file allocate more. */
const maxBytes = 64 * 1024 ** 2;

/** Only a StatescopeError may come out, within 2 s and 64 MiB. */
async function loadsOrRefusesCleanly(main: Uint8Array, files: CompanionFiles): Promise<void> {
  const started = performance.now();
  try {
    await loadDataset(main, { files, maxBytes });
  } catch (error) {
    if (!(error instanceof StatescopeError)) throw error;
  }
  expect(performance.now() - started).toBeLessThan(2000);
}

/** Byte edits: flips, insertions and a cut, at positions given as fractions of the length. */
const byteEdits = fc.record({
  flips: fc.array(
    fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 1, max: 255 })),
    { maxLength: 6 },
  ),
  insert: fc.option(
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 1, maxLength: 16 })),
  ),
  cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
});

function applyByteEdits(
  bytes: Uint8Array,
  edits: typeof byteEdits extends fc.Arbitrary<infer T> ? T : never,
): Uint8Array {
  let out = bytes.slice();
  for (const [at, xor] of edits.flips) out[Math.floor(at * out.length)] ^= xor;
  if (edits.insert) {
    const at = Math.floor(edits.insert[0] * out.length);
    out = new Uint8Array([...out.subarray(0, at), ...edits.insert[1], ...out.subarray(at)]);
  }
  if (edits.cut !== null) out = out.subarray(0, Math.floor(edits.cut * out.length));
  return out;
}

/** Every path to a value in a JSON document. */
function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** The document with the value at `path` replaced (or removed, for `undefined`). */
function replaced(document: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: any = Array.isArray(document) ? [...document] : { ...(document as object) };
  const [head, ...rest] = path;
  if (rest.length === 0 && value === undefined) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head];
  } else copy[head] = replaced(copy[head], rest, value);
  return copy;
}

const jsonEdit = fc.record({
  where: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  value: fc.oneof(
    fc.constant(undefined),
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(-1, 0, 1, 2, 1.5, 1e308, -0, 2 ** 53, 'NaN', '', null, true, [], {}, [[]], ['../x.bin']),
  ),
});

describe.each(samples)('fuzzing the loader: $name', (sample) => {
  it('the valid sample loads', async () => {
    await expect(loadDataset(sample.main, { files: sample.files })).resolves.toBeDefined();
  });

  it('mutated bytes of any file: loads or refuses with a StatescopeError', async () => {
    const names = ['(main)', ...Object.keys(sample.files)];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), byteEdits, async (target, edits) => {
        if (target === '(main)') return loadsOrRefusesCleanly(applyByteEdits(sample.main, edits), sample.files);
        return loadsOrRefusesCleanly(sample.main, {
          ...sample.files,
          [target]: applyByteEdits(sample.files[target], edits),
        });
      }),
      { seed, numRuns },
    );
  });

  it('any JSON value replaced or removed anywhere: loads or refuses with a StatescopeError', async () => {
    const document = JSON.parse(new TextDecoder().decode(sample.main));
    const all = paths(document);
    await fc.assert(
      fc.asyncProperty(fc.array(jsonEdit, { minLength: 1, maxLength: 3 }), async (edits) => {
        let mutated = document;
        for (const { where, value } of edits) mutated = replaced(mutated, all[Math.floor(where * all.length)], value);
        return loadsOrRefusesCleanly(encode(mutated ?? null), sample.files);
      }),
      { seed, numRuns },
    );
  });
});
