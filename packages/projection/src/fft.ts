/**
 * In-place radix-2 complex FFT of one fixed power-of-two length, with per-stage twiddle tables
 * and bit reversal precomputed, so the per-iteration convolutions of the t-SNE allocate nothing.
 */
export class Fft {
  readonly size: number;
  /** Twiddles of stage len at offset len/2 - 1 .. len - 2 (cos, and -sin for the forward sign). */
  private readonly twRe: Float64Array;
  private readonly twIm: Float64Array;
  private readonly swaps: Int32Array;

  constructor(size: number) {
    if (size < 2 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size must be a power of two, got ${size}`);
    this.size = size;
    this.twRe = new Float64Array(size);
    this.twIm = new Float64Array(size);
    for (let len = 2; len <= size; len <<= 1) {
      const half = len >> 1;
      for (let k = 0; k < half; k++) {
        this.twRe[half - 1 + k] = Math.cos((2 * Math.PI * k) / len);
        this.twIm[half - 1 + k] = -Math.sin((2 * Math.PI * k) / len);
      }
    }
    const bits = Math.log2(size);
    const pairs: number[] = [];
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      if (r > i) pairs.push(i, r);
    }
    this.swaps = Int32Array.from(pairs);
  }

  /**
   * Transforms re/im[offset .. offset + size) in place; `inverse` uses e^{+i...} and does not
   * scale.
   */
  transform(re: Float64Array, im: Float64Array, inverse: boolean, offset = 0): void {
    const n = this.size;
    const o = offset;
    const swaps = this.swaps;
    for (let p = 0; p < swaps.length; p += 2) {
      const i = swaps[p];
      const j = swaps[p + 1];
      let t = re[o + i];
      re[o + i] = re[o + j];
      re[o + j] = t;
      t = im[o + i];
      im[o + i] = im[o + j];
      im[o + j] = t;
    }
    // The inverse is the forward transform of the conjugate, conjugated.
    if (inverse) for (let i = 0; i < n; i++) im[o + i] = -im[o + i];
    for (let i = 0; i < n; i += 2) {
      const ar = re[o + i];
      const ai = im[o + i];
      re[o + i] = ar + re[o + i + 1];
      im[o + i] = ai + im[o + i + 1];
      re[o + i + 1] = ar - re[o + i + 1];
      im[o + i + 1] = ai - im[o + i + 1];
    }
    const twRe = this.twRe;
    const twIm = this.twIm;
    for (let len = 4; len <= n; len <<= 1) {
      const half = len >> 1;
      const off = half - 1;
      for (let s = 0; s < n; s += len) {
        for (let k = 0; k < half; k++) {
          const wr = twRe[off + k];
          const wi = twIm[off + k];
          const a = s + k;
          const b = a + half;
          const br = re[o + b];
          const bi = im[o + b];
          const xr = br * wr - bi * wi;
          const xi = br * wi + bi * wr;
          const ar = re[o + a];
          const ai = im[o + a];
          re[o + b] = ar - xr;
          im[o + b] = ai - xi;
          re[o + a] = ar + xr;
          im[o + a] = ai + xi;
        }
      }
    }
    if (inverse) for (let i = 0; i < n; i++) im[o + i] = -im[o + i];
  }
}
