import { symmetricEigen } from './symmetricEigen.js';

/** Rows per block of the scatter-matrix accumulation (the loop below is unrolled for 4). */
const BLOCK = 4;

/**
 * Projects N rows onto their first `components` principal axes (synchronous core of `pca`, also
 * the t-SNE initialisation). Each axis's sign is fixed so that its largest-magnitude loading is
 * positive, which makes the result deterministic.
 */
export function projectPca(data: Float32Array, rows: number, dim: number, components = 2): Float32Array {
  const mean = new Float64Array(dim);
  for (let i = 0; i < rows; i++) {
    const o = i * dim;
    for (let a = 0; a < dim; a++) mean[a] += data[o + a];
  }
  for (let a = 0; a < dim; a++) mean[a] /= rows;

  // Upper triangle of the scatter matrix, accumulated in float64 for accuracy at large N. Rows
  // go in blocks of BLOCK: each entry of the matrix (larger than the L1 cache at 100 columns) is
  // then read and written once per block instead of once per row, most of the cost at 100,000
  // rows.
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(BLOCK * dim);
  for (let i0 = 0; i0 < rows; i0 += BLOCK) {
    const n = Math.min(BLOCK, rows - i0);
    // A short last block is padded with zero rows, which add nothing.
    centred.fill(0);
    for (let r = 0; r < n; r++) {
      const o = (i0 + r) * dim;
      for (let a = 0; a < dim; a++) centred[r * dim + a] = data[o + a] - mean[a];
    }
    const c1 = dim;
    const c2 = 2 * dim;
    const c3 = 3 * dim;
    for (let a = 0; a < dim; a++) {
      const x0 = centred[a];
      const x1 = centred[c1 + a];
      const x2 = centred[c2 + a];
      const x3 = centred[c3 + a];
      const r = a * dim;
      for (let b = a; b < dim; b++) {
        cov[r + b] += x0 * centred[b] + x1 * centred[c1 + b] + x2 * centred[c2 + b] + x3 * centred[c3 + b];
      }
    }
  }
  for (let a = 0; a < dim; a++) for (let b = a + 1; b < dim; b++) cov[b * dim + a] = cov[a * dim + b];

  const { vectors } = symmetricEigen(cov, dim);
  const k = Math.min(components, dim);
  const axes = new Float64Array(components * dim);
  for (let c = 0; c < k; c++) {
    let largest = 0;
    for (let a = 0; a < dim; a++) {
      const w = vectors[c * dim + a];
      if (Math.abs(w) > Math.abs(largest)) largest = w;
    }
    const sign = largest < 0 ? -1 : 1;
    for (let a = 0; a < dim; a++) axes[c * dim + a] = sign * vectors[c * dim + a];
  }

  // Components beyond dim stay zero (e.g. 2-D output of 1-D data).
  const out = new Float32Array(rows * components);
  for (let i = 0; i < rows; i++) {
    const o = i * dim;
    for (let c = 0; c < k; c++) {
      let s = 0;
      const ax = c * dim;
      for (let a = 0; a < dim; a++) s += (data[o + a] - mean[a]) * axes[ax + a];
      out[i * components + c] = s;
    }
  }
  return out;
}
