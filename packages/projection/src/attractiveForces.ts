import type { SparseAffinities } from './symmetricAffinities.js';

/**
 * The t-SNE attraction of the pairs stored in rows from..to-1 of the upper-triangular P: adds
 * f = p_ij w_ij (y_i - y_j), with w_ij = 1 / (1 + |y_i - y_j|^2), to out_i and subtracts it
 * from out_j, so each pair is computed once (`out` must start at zero). Returns
 * 2 sum p_ij log(1 + |y_i - y_j|^2) over those pairs when `measure` is set (the data-dependent
 * part of the KL divergence, both triangles), else 0.
 */
export function attractiveForces(
  y: Float64Array,
  p: Pick<SparseAffinities, 'rowPtr' | 'cols' | 'vals'>,
  out: Float64Array,
  measure: boolean,
  from: number,
  to: number,
): number {
  const { rowPtr, cols, vals } = p;
  let kl = 0;
  let e = rowPtr[from];
  for (let i = from; i < to; i++) {
    const xi = y[2 * i];
    const yi = y[2 * i + 1];
    let ax = 0;
    let ay = 0;
    const end = rowPtr[i + 1];
    if (measure) {
      for (; e < end; e++) {
        const j = cols[e] << 1;
        const dx = xi - y[j];
        const dy = yi - y[j + 1];
        const q = 1 + dx * dx + dy * dy;
        const pw = vals[e] / q;
        kl += vals[e] * Math.log(q);
        const fx = pw * dx;
        const fy = pw * dy;
        ax += fx;
        ay += fy;
        out[j] -= fx;
        out[j + 1] -= fy;
      }
    } else {
      for (; e < end; e++) {
        const j = cols[e] << 1;
        const dx = xi - y[j];
        const dy = yi - y[j + 1];
        const pw = vals[e] / (1 + dx * dx + dy * dy);
        const fx = pw * dx;
        const fy = pw * dy;
        ax += fx;
        ay += fy;
        out[j] -= fx;
        out[j + 1] -= fy;
      }
    }
    out[2 * i] += ax;
    out[2 * i + 1] += ay;
  }
  return 2 * kl;
}
