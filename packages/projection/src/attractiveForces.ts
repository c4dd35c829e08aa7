import type { SparseAffinities } from './symmetricAffinities.js';

/**
 * The t-SNE attraction for rows from..to-1: out_i = sum_j p_ij w_ij (y_i - y_j) over the sparse
 * P, with w_ij = 1 / (1 + |y_i - y_j|^2). Returns sum p_ij log(1 + |y_i - y_j|^2) over those
 * rows when `measure` is set (the data-dependent part of the KL divergence), else 0.
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
        ax += pw * dx;
        ay += pw * dy;
      }
    } else {
      for (; e < end; e++) {
        const j = cols[e] << 1;
        const dx = xi - y[j];
        const dy = yi - y[j + 1];
        const pw = vals[e] / (1 + dx * dx + dy * dy);
        ax += pw * dx;
        ay += pw * dy;
      }
    }
    out[2 * i] = ax;
    out[2 * i + 1] = ay;
  }
  return kl;
}
