// Seeded clustered data for the projection benchmark when the demo states are missing or small:
// a Gaussian mixture with sub-clusters, in the dimension of the demo's hidden states.

/** Deterministic normal deviates (Box-Muller over mulberry32). */
export function normals(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

export interface LabelledRows {
  data: Float32Array;
  labels: Int32Array;
  rows: number;
  dim: number;
}

/** `rows` points in `dim` dimensions around `clusters` centres, each with 4 sub-centres. */
export function clusteredRows(rows: number, dim: number, clusters = 10, seed = 7): LabelledRows {
  const gauss = normals(seed);
  const centres = new Float64Array(clusters * 4 * dim);
  for (let c = 0; c < clusters; c++) {
    const base = Array.from({ length: dim }, () => gauss() * 6);
    for (let s = 0; s < 4; s++) {
      for (let a = 0; a < dim; a++) centres[(c * 4 + s) * dim + a] = base[a] + gauss() * 2;
    }
  }
  const data = new Float32Array(rows * dim);
  const labels = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = i % clusters;
    const s = Math.floor(i / clusters) % 4;
    labels[i] = c;
    const o = (c * 4 + s) * dim;
    for (let a = 0; a < dim; a++) data[i * dim + a] = centres[o + a] + gauss();
  }
  return { data, labels, rows, dim };
}
