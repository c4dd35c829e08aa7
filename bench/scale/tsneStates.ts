// The states the t-SNE benchmark at scale projects: the first N hidden states of the large IMDB
// run (data/large/imdb-10k.json, `npm run data -- --large`), or, without it, the demo's states
// repeated with seeded noise. Decoded straight into shared memory: the projection worker then
// reads them without a copy, so the memory measured is the input once plus the t-SNE's own.
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadDataset, type BinaryArrayRef } from '@statescope/core';
import { normals } from '../projection-data.js';

/** The large run, relative to the repository root (the working directory under npm). */
export const LARGE = 'data/large/imdb-10k.json';
const DEMO = 'data/imdb.json';

/** Rows to project, row-major in a SharedArrayBuffer, and where they came from. */
export interface BenchStates {
  data: Float32Array;
  rows: number;
  dim: number;
  /** One line: the file and how the rows were taken. */
  source: string;
  /** False when data/large is missing and the demo's states were repeated. */
  real: boolean;
}

/** Number of states in the large run, or undefined without it. */
export function largeStateCount(): number | undefined {
  if (!existsSync(LARGE)) return undefined;
  const manifest = JSON.parse(readFileSync(LARGE, 'utf8')) as { layers: { hidden: BinaryArrayRef }[] };
  return manifest.layers[0].hidden.shape[0];
}

/** The first `n` states of the large run (all of them when it has fewer), or demo repeats without it. */
export async function benchStates(n: number): Promise<BenchStates> {
  return existsSync(LARGE) ? largeStates(n) : repeatedDemoStates(n);
}

function largeStates(n: number): BenchStates {
  const manifest = JSON.parse(readFileSync(LARGE, 'utf8')) as { layers: { hidden: BinaryArrayRef }[] };
  const ref = manifest.layers[0].hidden;
  const [total, dim] = ref.shape;
  const rows = Math.min(n, total);
  if (ref.dtype !== 'int8' && ref.dtype !== 'float32') throw new Error(`${LARGE}: hidden states are ${ref.dtype}`);
  const size = ref.dtype === 'int8' ? 1 : 4;
  // Only the rows asked for are read: at 10,000 states there is no need for 97 MB.
  const bytes = Buffer.alloc(rows * dim * size);
  const fd = openSync(join(dirname(LARGE), ref.file), 'r');
  try {
    readSync(fd, bytes, 0, bytes.length, ref.byteOffset ?? 0);
  } finally {
    closeSync(fd);
  }
  const data = new Float32Array(new SharedArrayBuffer(rows * dim * 4));
  if (ref.dtype === 'float32') {
    data.set(new Float32Array(bytes.buffer, bytes.byteOffset, rows * dim));
  } else {
    const stored = new Int8Array(bytes.buffer, bytes.byteOffset, rows * dim);
    const scale = Array.isArray(ref.scale) ? ref.scale : new Array<number>(dim).fill(ref.scale ?? 1);
    for (let r = 0, i = 0; r < rows; r++) for (let c = 0; c < dim; c++, i++) data[i] = stored[i] * scale[c];
  }
  return {
    data,
    rows,
    dim,
    source: `${LARGE}: its first ${rows} of ${total} states (${ref.dtype})`,
    real: true,
  };
}

/** Noise added to each repeat: 0.02 per unit, about a fifth of a typical distance to a nearest state. */
const REPEAT_NOISE = 0.02;

async function repeatedDemoStates(n: number): Promise<BenchStates> {
  const demo = await loadDataset(DEMO);
  const { hidden, dim } = demo.layer();
  const demoRows = demo.stepCount;
  const data = new Float32Array(new SharedArrayBuffer(n * dim * 4));
  const gauss = normals(16);
  for (let r = 0; r < n; r++) {
    const o = (r % demoRows) * dim;
    // The first copy exact, the others jittered so that no two rows coincide.
    const noise = r < demoRows ? 0 : REPEAT_NOISE;
    for (let c = 0; c < dim; c++) data[r * dim + c] = hidden[o + c] + noise * gauss();
  }
  return {
    data,
    rows: n,
    dim,
    source: `${DEMO} repeated with seeded noise (sd ${REPEAT_NOISE}): NOT real states; make them with npm run data -- --large`,
    real: false,
  };
}
