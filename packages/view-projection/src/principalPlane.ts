/**
 * The projection of N rows (row-major N x dim) onto their first two principal axes, for data that
 * carries no stored projection. Covariance in float64, the two leading eigenvectors by power
 * iteration with deflation, each axis's sign fixed (largest component positive) so that the same
 * data always gives the same map. O(N dim^2); kept here so that the view needs no projection
 * package (and none of its workers) to show a dataset.
 */
export function principalPlane(rows: Float32Array, dim: number): Float32Array {
  const n = Math.floor(rows.length / dim);
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) mean[d] += rows[i * dim + d];
  for (let d = 0; d < dim; d++) mean[d] /= Math.max(1, n);
  const covariance = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) centred[d] = rows[i * dim + d] - mean[d];
    for (let a = 0; a < dim; a++) {
      const ca = centred[a];
      if (ca === 0) continue;
      for (let b = a; b < dim; b++) covariance[a * dim + b] += ca * centred[b];
    }
  }
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) covariance[a * dim + b] = covariance[b * dim + a];

  const axes = [leadingAxis(covariance, dim)];
  const [first, firstValue] = axes[0];
  for (let a = 0; a < dim; a++)
    for (let b = 0; b < dim; b++) covariance[a * dim + b] -= firstValue * first[a] * first[b];
  axes.push(leadingAxis(covariance, dim));

  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 2; k++) {
      const axis = axes[k][0];
      let sum = 0;
      for (let d = 0; d < dim; d++) sum += (rows[i * dim + d] - mean[d]) * axis[d];
      out[2 * i + k] = sum;
    }
  }
  return out;
}

/** The leading eigenvector (sign-fixed) and eigenvalue of a symmetric dim x dim matrix. */
function leadingAxis(matrix: Float64Array, dim: number): [Float64Array, number] {
  let vector = new Float64Array(dim);
  for (let d = 0; d < dim; d++) vector[d] = 1 + d / dim; // deterministic start, not orthogonal to most axes
  let value = 0;
  for (let iteration = 0; iteration < 500; iteration++) {
    const next = new Float64Array(dim);
    for (let a = 0; a < dim; a++) {
      let sum = 0;
      for (let b = 0; b < dim; b++) sum += matrix[a * dim + b] * vector[b];
      next[a] = sum;
    }
    const norm = Math.hypot(...next);
    if (norm === 0) break; // no variance left: any unit axis will do
    let change = 0;
    for (let d = 0; d < dim; d++) {
      next[d] /= norm;
      change += Math.abs(next[d] - vector[d]);
    }
    vector = next;
    value = norm;
    if (change < 1e-10) break;
  }
  if (value === 0) {
    vector.fill(0);
    vector[0] = 1;
  }
  let largest = 0;
  for (let d = 1; d < dim; d++) if (Math.abs(vector[d]) > Math.abs(vector[largest])) largest = d;
  if (vector[largest] < 0) for (let d = 0; d < dim; d++) vector[d] = -vector[d];
  return [vector, value];
}
