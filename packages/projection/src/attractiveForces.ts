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
  if (measure) return measuredForces(y, p, out, from, to);
  const { rowPtr, cols, vals } = p;
  let e = rowPtr[from];
  for (let i = from; i < to; i++) {
    const xi = y[2 * i];
    const yi = y[2 * i + 1];
    let ax = 0;
    let ay = 0;
    const end = rowPtr[i + 1];
    // Two pairs a turn, whose reads and divisions overlap (about 20 % faster in V8); the sums
    // keep the order of one pair a turn, so the layout is the same bit for bit.
    for (; e + 1 < end; e += 2) {
      const j = cols[e] << 1;
      const l = cols[e + 1] << 1;
      const dx = xi - y[j];
      const dy = yi - y[j + 1];
      const ex = xi - y[l];
      const ey = yi - y[l + 1];
      const pw = vals[e] / (1 + dx * dx + dy * dy);
      const qw = vals[e + 1] / (1 + ex * ex + ey * ey);
      const fx = pw * dx;
      const fy = pw * dy;
      const gx = qw * ex;
      const gy = qw * ey;
      ax += fx;
      ay += fy;
      ax += gx;
      ay += gy;
      out[j] -= fx;
      out[j + 1] -= fy;
      out[l] -= gx;
      out[l + 1] -= gy;
    }
    if (e < end) {
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
      e++;
    }
    out[2 * i] += ax;
    out[2 * i + 1] += ay;
  }
  return 0;
}

/** 2^-n for n = 0..31: scales 1 <= q < 2^31 into [1, 2) (see logFromOne). */
const INVERSE_POWERS = Float64Array.from({ length: 32 }, (_, n) => 2 ** -n);
const LOG_1_5 = Math.log(1.5);

/** log q for 1 <= q < 2^31 (see measuredForces). */
function logFromOne(q: number): number {
  const n = 31 - Math.clz32(q);
  const m = q * INVERSE_POWERS[n];
  const r = (m - 1.5) / (m + 1.5);
  const z = r * r;
  const z2 = z * z;
  return n * Math.LN2 + LOG_1_5 + r * (2 + z * (2 / 3) + z2 * (2 / 5 + z * (2 / 7)) + z2 * z2 * (2 / 9 + z * (2 / 11)));
}

/** log q for q >= 1: the series below 2^31 (Math.clz32's range), Math.log above. */
function logAtLeastOne(q: number): number {
  return q < 2147483648 ? logFromOne(q) : Math.log(q);
}

/**
 * `attractiveForces` with the KL term. Its log(q), q >= 1, costs less than Math.log (a call out
 * of the JIT's code, 3x a pair's other work): q = 2^n m with m in [1, 2) (n from Math.clz32),
 * log m = log 1.5 + 2 atanh(r), r = (m - 1.5) / (m + 1.5), |r| <= 1/5, by its series to r^11;
 * error below 2e-10, far under the FFT estimate's in log Z.
 */
function measuredForces(
  y: Float64Array,
  p: Pick<SparseAffinities, 'rowPtr' | 'cols' | 'vals'>,
  out: Float64Array,
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
    for (; e + 1 < end; e += 2) {
      const j = cols[e] << 1;
      const l = cols[e + 1] << 1;
      const dx = xi - y[j];
      const dy = yi - y[j + 1];
      const ex = xi - y[l];
      const ey = yi - y[l + 1];
      const q = 1 + dx * dx + dy * dy;
      const r = 1 + ex * ex + ey * ey;
      const pw = vals[e] / q;
      const qw = vals[e + 1] / r;
      kl += vals[e] * logAtLeastOne(q);
      kl += vals[e + 1] * logAtLeastOne(r);
      const fx = pw * dx;
      const fy = pw * dy;
      const gx = qw * ex;
      const gy = qw * ey;
      ax += fx;
      ay += fy;
      ax += gx;
      ay += gy;
      out[j] -= fx;
      out[j + 1] -= fy;
      out[l] -= gx;
      out[l + 1] -= gy;
    }
    if (e < end) {
      const j = cols[e] << 1;
      const dx = xi - y[j];
      const dy = yi - y[j + 1];
      const q = 1 + dx * dx + dy * dy;
      const pw = vals[e] / q;
      kl += vals[e] * logAtLeastOne(q);
      const fx = pw * dx;
      const fy = pw * dy;
      ax += fx;
      ay += fy;
      out[j] -= fx;
      out[j + 1] -= fy;
      e++;
    }
    out[2 * i] += ax;
    out[2 * i + 1] += ay;
  }
  return 2 * kl;
}
