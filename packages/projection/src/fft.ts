/**
 * In-place complex FFT of one fixed power-of-two length (radix-2^2: two radix-2 stages fused
 * per pass), with twiddles and bit reversal precomputed, so the per-iteration convolutions of
 * the t-SNE allocate nothing.
 */
export class Fft {
  readonly size: number;
  /** Twiddles e^{-2 pi i k / n} for k < n. */
  private readonly twRe: Float64Array;
  private readonly twIm: Float64Array;
  private readonly swaps: Int32Array;

  constructor(size: number) {
    if (size < 2 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size must be a power of two, got ${size}`);
    this.size = size;
    this.twRe = new Float64Array(size);
    this.twIm = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      this.twRe[k] = Math.cos((2 * Math.PI * k) / size);
      this.twIm[k] = -Math.sin((2 * Math.PI * k) / size);
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
      const i = o + swaps[p];
      const j = o + swaps[p + 1];
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
    // The inverse is the forward transform of the conjugate, conjugated.
    if (inverse) for (let i = o; i < o + n; i++) im[i] = -im[i];
    let len = 1;
    if ((Math.log2(n) & 1) === 1) {
      for (let i = o; i < o + n; i += 2) {
        const ar = re[i];
        const ai = im[i];
        const br = re[i + 1];
        const bi = im[i + 1];
        re[i] = ar + br;
        im[i] = ai + bi;
        re[i + 1] = ar - br;
        im[i + 1] = ai - bi;
      }
      len = 2;
    }
    const twRe = this.twRe;
    const twIm = this.twIm;
    // Each pass merges four blocks of size q into one of size 4q: blocks 0+1 and 2+3 at size
    // 2q (twiddle w_2q^k), then the two results at size 4q (twiddle w_4q^k, and -i w_4q^k).
    for (let q = len; 4 * q <= n; q *= 4) {
      const s1 = (n / (2 * q)) | 0;
      const s2 = (n / (4 * q)) | 0;
      for (let base = o; base < o + n; base += 4 * q) {
        for (let k = 0; k < q; k++) {
          const w1r = twRe[k * s1];
          const w1i = twIm[k * s1];
          const w2r = twRe[k * s2];
          const w2i = twIm[k * s2];
          const i0 = base + k;
          const i1 = i0 + q;
          const i2 = i1 + q;
          const i3 = i2 + q;
          // Stage one: (b0, b1) and (b2, b3) with w_2q^k.
          let tr = re[i1] * w1r - im[i1] * w1i;
          let ti = re[i1] * w1i + im[i1] * w1r;
          const u0r = re[i0] + tr;
          const u0i = im[i0] + ti;
          const u1r = re[i0] - tr;
          const u1i = im[i0] - ti;
          tr = re[i3] * w1r - im[i3] * w1i;
          ti = re[i3] * w1i + im[i3] * w1r;
          const v0r = re[i2] + tr;
          const v0i = im[i2] + ti;
          const v1r = re[i2] - tr;
          const v1i = im[i2] - ti;
          // Stage two: u with v at size 4q; w_4q^(k+q) = -i w_4q^k.
          tr = v0r * w2r - v0i * w2i;
          ti = v0r * w2i + v0i * w2r;
          re[i0] = u0r + tr;
          im[i0] = u0i + ti;
          re[i2] = u0r - tr;
          im[i2] = u0i - ti;
          const xr = v1r * w2r - v1i * w2i;
          const xi = v1r * w2i + v1i * w2r;
          // (-i) * (xr + i xi) = xi - i xr
          re[i1] = u1r + xi;
          im[i1] = u1i - xr;
          re[i3] = u1r - xi;
          im[i3] = u1i + xr;
        }
      }
    }
    if (inverse) for (let i = o; i < o + n; i++) im[i] = -im[i];
  }

  /**
   * The same transform down columns c0 .. c0 + width - 1 of a row-major array (row r of column c
   * at r * stride + c), all columns at once: the innermost loop runs along a row, so that each
   * butterfly's twiddles are loaded once for `width` columns and memory is read in order, with
   * no copy to and from a column buffer. Each column gets exactly the arithmetic of `transform`.
   */
  transformColumns(
    re: Float64Array,
    im: Float64Array,
    inverse: boolean,
    stride: number,
    c0: number,
    width: number,
  ): void {
    const n = this.size;
    const c1 = c0 + width;
    const swaps = this.swaps;
    for (let p = 0; p < swaps.length; p += 2) {
      const i = swaps[p] * stride;
      const j = swaps[p + 1] * stride;
      for (let c = c0; c < c1; c++) {
        let t = re[i + c];
        re[i + c] = re[j + c];
        re[j + c] = t;
        t = im[i + c];
        im[i + c] = im[j + c];
        im[j + c] = t;
      }
    }
    if (inverse) this.negateColumns(im, stride, c0, c1);
    let len = 1;
    if ((Math.log2(n) & 1) === 1) {
      for (let r = 0; r < n; r += 2) {
        const i = r * stride;
        const j = i + stride;
        for (let c = c0; c < c1; c++) {
          const ar = re[i + c];
          const ai = im[i + c];
          const br = re[j + c];
          const bi = im[j + c];
          re[i + c] = ar + br;
          im[i + c] = ai + bi;
          re[j + c] = ar - br;
          im[j + c] = ai - bi;
        }
      }
      len = 2;
    }
    const twRe = this.twRe;
    const twIm = this.twIm;
    for (let q = len; 4 * q <= n; q *= 4) {
      const s1 = (n / (2 * q)) | 0;
      const s2 = (n / (4 * q)) | 0;
      for (let base = 0; base < n; base += 4 * q) {
        for (let k = 0; k < q; k++) {
          const w1r = twRe[k * s1];
          const w1i = twIm[k * s1];
          const w2r = twRe[k * s2];
          const w2i = twIm[k * s2];
          const r0 = (base + k) * stride;
          const r1 = r0 + q * stride;
          const r2 = r1 + q * stride;
          const r3 = r2 + q * stride;
          for (let c = c0; c < c1; c++) {
            const i0 = r0 + c;
            const i1 = r1 + c;
            const i2 = r2 + c;
            const i3 = r3 + c;
            // As in `transform`: stage one with w_2q^k, stage two with w_4q^k and -i w_4q^k.
            let tr = re[i1] * w1r - im[i1] * w1i;
            let ti = re[i1] * w1i + im[i1] * w1r;
            const u0r = re[i0] + tr;
            const u0i = im[i0] + ti;
            const u1r = re[i0] - tr;
            const u1i = im[i0] - ti;
            tr = re[i3] * w1r - im[i3] * w1i;
            ti = re[i3] * w1i + im[i3] * w1r;
            const v0r = re[i2] + tr;
            const v0i = im[i2] + ti;
            const v1r = re[i2] - tr;
            const v1i = im[i2] - ti;
            tr = v0r * w2r - v0i * w2i;
            ti = v0r * w2i + v0i * w2r;
            re[i0] = u0r + tr;
            im[i0] = u0i + ti;
            re[i2] = u0r - tr;
            im[i2] = u0i - ti;
            const xr = v1r * w2r - v1i * w2i;
            const xi = v1r * w2i + v1i * w2r;
            re[i1] = u1r + xi;
            im[i1] = u1i - xr;
            re[i3] = u1r - xi;
            im[i3] = u1i + xr;
          }
        }
      }
    }
    if (inverse) this.negateColumns(im, stride, c0, c1);
  }

  private negateColumns(im: Float64Array, stride: number, c0: number, c1: number): void {
    for (let r = 0; r < this.size; r++) {
      const o = r * stride;
      for (let c = c0; c < c1; c++) im[o + c] = -im[o + c];
    }
  }
}
