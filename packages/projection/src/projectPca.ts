import { symmetricEigen } from './symmetricEigen.js';

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

  // Upper triangle of the scatter matrix, accumulated in float64 for accuracy at large N.
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let i = 0; i < rows; i++) {
    const o = i * dim;
    for (let a = 0; a < dim; a++) centred[a] = data[o + a] - mean[a];
    for (let a = 0; a < dim; a++) {
      const xa = centred[a];
      if (xa === 0) continue;
      const r = a * dim;
      for (let b = a; b < dim; b++) cov[r + b] += xa * centred[b];
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
