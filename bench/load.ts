// `npm run bench:load`: loading a 100,000-step x 128-unit dataset from disk in Node.
// Target (issue 2): native format <= 0.5 s and peak memory <= 2x the raw float bytes.
// Peers measured in the same run: the same data as NumPy .npz (stored) with a manifest, and as
// the hiddenStatesVis JSON of the paper's reference tool. Each load runs in a fresh process.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { saveDataset, type StateDataset } from '@statescope/core';
import { syntheticReviews } from './syntheticReviews.js';

const STEPS = 100_000;
const DIM = 128;
const SEQUENCE_LENGTH = 100;
const RUNS = 5;
const cache = fileURLToPath(new URL('./.cache/load/', import.meta.url));
const child = fileURLToPath(new URL('./load-once.ts', import.meta.url));

async function writeInputs(): Promise<Record<string, string>> {
  const paths = {
    native: join(cache, 'native.json'),
    npz: join(cache, 'npz.json'),
    hiddenStatesVis: join(cache, 'hiddenStatesVis.json'),
  };
  if (Object.values(paths).every(existsSync)) return paths;
  mkdirSync(cache, { recursive: true });
  const dataset = syntheticReviews({ sequences: STEPS / SEQUENCE_LENGTH, length: SEQUENCE_LENGTH, dim: DIM, seed: 42 });
  await saveDataset(dataset, paths.native);
  await writeNpz(dataset, paths.npz);
  await writeHiddenStatesVis(dataset, paths.hiddenStatesVis);
  return paths;
}

/** A manifest whose arrays live in an uncompressed .npz, as np.savez writes it. */
async function writeNpz(dataset: StateDataset, path: string): Promise<void> {
  const npy = (array: Float32Array, shape: number[]) => {
    let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
    header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
    const bytes = new Uint8Array(10 + header.length + array.byteLength);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
    bytes.set(new TextEncoder().encode(header), 10);
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), 10 + header.length);
    return bytes;
  };
  const members: [string, Uint8Array][] = [
    ['hidden.npy', npy(dataset.layer().hidden, [STEPS, DIM])],
    ['expected.npy', npy(dataset.expectedPredictions, [STEPS, 2])],
  ];
  await writeFile(path.replace(/\.json$/, '.npz'), storedZip(members));
  const file = path.replace(/^.*\//, '').replace(/\.json$/, '.npz');
  await writeFile(
    path,
    JSON.stringify({
      format: 'statescope',
      version: 1,
      classes: dataset.classes,
      sequences: dataset.ids.map((id, s) => ({ id, label: dataset.labels[s], tokens: dataset.tokensOf(s) })),
      expectedPredictions: { file, key: 'expected' },
      layers: [{ name: 'lstm', hidden: { file, key: 'hidden' } }],
    }),
  );
}

/** A minimal stored (uncompressed) zip; CRCs are left at zero, which readers of .npz do not check. */
function storedZip(members: [string, Uint8Array][]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of members) {
    const nameBytes = new TextEncoder().encode(name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, nameBytes.length, true);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint32(20, data.length, true);
    entry.setUint32(24, data.length, true);
    entry.setUint16(28, nameBytes.length, true);
    entry.setUint32(42, offset, true);
    chunks.push(new Uint8Array(local.buffer), nameBytes, data);
    central.push(new Uint8Array(entry.buffer), nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, members.length, true);
  end.setUint16(10, members.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + 22);
  let p = 0;
  for (const c of [...chunks, ...central, new Uint8Array(end.buffer)]) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/** The reference tool's format: nested per-sequence, per-step lists (binary: one sigmoid per step). */
async function writeHiddenStatesVis(dataset: StateDataset, path: string): Promise<void> {
  const { hidden } = dataset.layer();
  const perSequence = <T>(row: (t: number) => T) =>
    dataset.ids.map((_, s) => Array.from({ length: dataset.sequenceLength(s) }, (_, i) => row(dataset.offsets[s] + i)));
  await writeFile(
    path,
    JSON.stringify({
      classes: dataset.classes,
      texts: dataset.ids.map((_, s) => dataset.tokensOf(s)),
      actualValues: Array.from(dataset.labels, (l) => [l]),
      predictions: Array.from(dataset.predictions, (p) => [p]),
      modelOutputs: perSequence((t) => [dataset.expectedPredictions[2 * t + 1]]),
      hiddenStates: perSequence((t) => Array.from(hidden.subarray(t * DIM, (t + 1) * DIM))),
      model_accuracy: '50.00%',
    }),
  );
}

function measure(path: string, runs: number): { ms: number; peakBytes: number } {
  const results = Array.from({ length: runs }, () =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', child, path], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      }),
    ),
  );
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { ms: median(results.map((r) => r.ms)), peakBytes: median(results.map((r) => r.peakBytes)) };
}

const paths = await writeInputs();
const rawBytes = STEPS * DIM * 4;
console.log(
  `Loading ${STEPS.toLocaleString('en')} steps x ${DIM} units (raw float32: ${(rawBytes / 1e6).toFixed(1)} MB), median of ${RUNS} fresh processes (peer JSON: 1 run)\n`,
);
console.log('format                         time (s)   peak memory (MB)   memory / raw   time vs native');
const native = measure(paths.native, RUNS);
const rows: [string, { ms: number; peakBytes: number }][] = [
  ['native manifest + .bin', native],
  ['manifest + .npz (stored)', measure(paths.npz, RUNS)],
  ['hiddenStatesVis JSON (peer)', measure(paths.hiddenStatesVis, 1)],
];
for (const [name, r] of rows) {
  console.log(
    `${name.padEnd(30)} ${(r.ms / 1000).toFixed(3).padStart(8)}   ${(r.peakBytes / 1e6).toFixed(1).padStart(16)}   ${(r.peakBytes / rawBytes).toFixed(2).padStart(12)}   ${(r.ms / native.ms).toFixed(1).padStart(13)}x`,
  );
}
const timeOk = native.ms <= 500;
const memoryOk = native.peakBytes <= 2 * rawBytes;
console.log(
  `\ntarget, native: time <= 0.5 s ${timeOk ? 'MET' : 'MISSED'} (${(native.ms / 1000).toFixed(3)} s); ` +
    `peak memory <= 2x raw ${memoryOk ? 'MET' : 'MISSED'} (${(native.peakBytes / rawBytes).toFixed(2)}x)`,
);
process.exitCode = timeOk && memoryOk ? 0 : 1;
