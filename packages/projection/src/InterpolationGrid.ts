import { Fft } from './fft.js';

/** Boxes per side; with 3 nodes per box, 2 x nodes - 1 fits a power-of-two FFT with no waste. */
const BOX_COUNTS = [10, 21, 42, 85, 170];
const NODES = 3;
const COLUMN_BLOCK = 64;

/**
 * FFT-accelerated interpolation of the squared Cauchy kernel K(d) = 1 / (1 + |d|^2)^2 (Linderman
 * et al. 2019, FIt-SNE). Four charges per point (1, y_x, y_y, |y|^2) are spread onto an
 * equispaced grid by Lagrange interpolation (3 nodes per box), convolved with K by 2-D FFT, and
 * read back at any point, which gives every sum the t-SNE repulsion needs in O(N + G^2 log G).
 */
export class InterpolationGrid {
  /**
   * Potentials of the 4 charges at the nodes, interleaved: [(row * nodes + col) * 4 + charge].
   * A point's 9 nodes then lie in 3 runs of 12 values, a few cache lines, where 4 separate
   * planes would cost 12 scattered reads.
   */
  potentials = new Float64Array(0);
  /** The 4 charges spread onto the nodes, interleaved like `potentials` (same reason). */
  private charges = new Float64Array(0);
  nodes = 0;
  private min = 0;
  private boxWidth = 1;
  private spacing = 1;
  private kernelSpacing = NaN;
  private pointWeights = new Float64Array(0);
  private pointNode = new Int32Array(0);
  private boxes = 0;
  private fftSize = 0;
  private fft: Fft | undefined;
  private kRe = new Float64Array(0);
  private kIm = new Float64Array(0);
  private aRe = new Float64Array(0);
  private aIm = new Float64Array(0);
  private bRe = new Float64Array(0);
  private bIm = new Float64Array(0);
  private readonly maxBoxes: number;
  /** Lagrange weights of the point being spread (scratch). */
  private readonly wx = new Float64Array(NODES);
  private readonly wy = new Float64Array(NODES);

  /** `maxBoxes` caps the grid (cost grows with its square); the box width aims at 1 unit. */
  constructor(maxBoxes = 42) {
    this.maxBoxes = maxBoxes;
  }

  /** Side of the FFT grid of the latest `charge` (0 before the first). */
  get transformSize(): number {
    return this.fftSize;
  }

  /** Spreads the charges of `rows` points at `y` (interleaved) and convolves. */
  charge(y: Float64Array, rows: number): void {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < 2 * rows; i++) {
      const v = y[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const range = Math.max(hi - lo, 1e-6);
    let boxes = BOX_COUNTS[0];
    for (const b of BOX_COUNTS) {
      if (b > this.maxBoxes) break;
      boxes = b;
      if (b >= range) break;
    }
    this.resize(boxes);
    // The box width is rounded up to a rung of 2^(1/8) steps so that the kernel's spectrum,
    // which depends on it alone, is recomputed only when the map has grown past a rung.
    const width = Math.pow(2, Math.ceil(Math.log2((range * (1 + 2e-6)) / boxes) * 8) / 8);
    this.min = lo - range * 1e-6;
    this.boxWidth = width;
    this.spacing = width / NODES;
    const g = this.nodes;
    const m = this.fftSize;
    const { aRe, aIm, bRe, bIm } = this;
    const q = this.charges;
    q.fill(0);
    // Each point's box and weights are kept for reading its potentials back (evaluateCharge).
    if (this.pointWeights.length < 6 * rows) {
      this.pointWeights = new Float64Array(6 * rows);
      this.pointNode = new Int32Array(rows);
    }
    const pw = this.pointWeights;
    const pointNode = this.pointNode;
    const wx = this.wx;
    const wy = this.wy;
    const rowStride = 4 * g;
    for (let i = 0; i < rows; i++) {
      const px = y[2 * i];
      const py = y[2 * i + 1];
      const bx = this.weights(px, wx);
      const by = this.weights(py, wy);
      const base = 4 * (by * NODES * g + bx * NODES);
      pointNode[i] = base;
      const wx0 = wx[0];
      const wx1 = wx[1];
      const wx2 = wx[2];
      pw[6 * i] = wx0;
      pw[6 * i + 1] = wx1;
      pw[6 * i + 2] = wx2;
      pw[6 * i + 3] = wy[0];
      pw[6 * i + 4] = wy[1];
      pw[6 * i + 5] = wy[2];
      const sq = px * px + py * py;
      for (let s = 0; s < NODES; s++) {
        const at = base + s * rowStride;
        const ws = wy[s];
        // Two real charges per complex grid later: (1, y_x) and (y_y, |y|^2).
        let w = ws * wx0;
        q[at] += w;
        q[at + 1] += w * px;
        q[at + 2] += w * py;
        q[at + 3] += w * sq;
        w = ws * wx1;
        q[at + 4] += w;
        q[at + 5] += w * px;
        q[at + 6] += w * py;
        q[at + 7] += w * sq;
        w = ws * wx2;
        q[at + 8] += w;
        q[at + 9] += w * px;
        q[at + 10] += w * py;
        q[at + 11] += w * sq;
      }
    }
    // Into the zero-padded planes of the two complex transforms.
    aRe.fill(0);
    aIm.fill(0);
    bRe.fill(0);
    bIm.fill(0);
    for (let r = 0; r < g; r++) {
      for (let c = 0; c < g; c++) {
        const src = 4 * (r * g + c);
        const dst = r * m + c;
        aRe[dst] = q[src];
        aIm[dst] = q[src + 1];
        bRe[dst] = q[src + 2];
        bIm[dst] = q[src + 3];
      }
    }
    if (this.kernelSpacing !== this.spacing) {
      this.kernelSpectrum();
      this.kernelSpacing = this.spacing;
    }
    this.convolve(aRe, aIm);
    this.convolve(bRe, bIm);
    const pot = this.potentials;
    for (let r = 0; r < g; r++) {
      for (let c = 0; c < g; c++) {
        const src = r * m + c;
        const dst = 4 * (r * g + c);
        pot[dst] = aRe[src];
        pot[dst + 1] = aIm[src];
        pot[dst + 2] = bRe[src];
        pot[dst + 3] = bIm[src];
      }
    }
  }

  /** The 4 potentials at charged point i (of the latest `charge`) into out[0..3]. */
  evaluateCharge(i: number, out: Float64Array): void {
    const rowStride = 4 * this.nodes;
    const pot = this.potentials;
    const pw = this.pointWeights;
    const o = 6 * i;
    const wx0 = pw[o];
    const wx1 = pw[o + 1];
    const wx2 = pw[o + 2];
    let p0 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    for (let s = 0, at = this.pointNode[i]; s < NODES; s++, at += rowStride) {
      const ws = pw[o + 3 + s];
      let w = ws * wx0;
      p0 += w * pot[at];
      p1 += w * pot[at + 1];
      p2 += w * pot[at + 2];
      p3 += w * pot[at + 3];
      w = ws * wx1;
      p0 += w * pot[at + 4];
      p1 += w * pot[at + 5];
      p2 += w * pot[at + 6];
      p3 += w * pot[at + 7];
      w = ws * wx2;
      p0 += w * pot[at + 8];
      p1 += w * pot[at + 9];
      p2 += w * pot[at + 10];
      p3 += w * pot[at + 11];
    }
    out[0] = p0;
    out[1] = p1;
    out[2] = p2;
    out[3] = p3;
  }

  /**
   * Interpolates the 4 potentials at (px, py) into out[0..3]; points outside the charged box
   * are read at its edge (used when placing new points around a fixed map).
   */
  evaluate(px: number, py: number, wx: Float64Array, wy: Float64Array, out: Float64Array): void {
    const bx = this.weights(px, wx);
    const by = this.weights(py, wy);
    const g = this.nodes;
    const pot = this.potentials;
    let p0 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    for (let s = 0; s < NODES; s++) {
      const rowBase = 4 * ((by * NODES + s) * g + bx * NODES);
      const ws = wy[s];
      for (let t = 0; t < NODES; t++) {
        const w = ws * wx[t];
        const at = rowBase + 4 * t;
        p0 += w * pot[at];
        p1 += w * pot[at + 1];
        p2 += w * pot[at + 2];
        p3 += w * pot[at + 3];
      }
    }
    out[0] = p0;
    out[1] = p1;
    out[2] = p2;
    out[3] = p3;
  }

  /** Box index of coordinate v and its 3 Lagrange weights (nodes at the box's 1/6, 3/6, 5/6). */
  private weights(v: number, w: Float64Array): number {
    let rel = (v - this.min) / this.boxWidth;
    if (rel < 0) rel = 0;
    let box = Math.floor(rel);
    if (box >= this.boxes) box = this.boxes - 1;
    let u = (rel - box) * NODES - 0.5;
    if (u > NODES - 0.5) u = NODES - 0.5;
    w[0] = 0.5 * (u - 1) * (u - 2);
    w[1] = -u * (u - 2);
    w[2] = 0.5 * u * (u - 1);
    return box;
  }

  private resize(boxes: number): void {
    if (boxes === this.boxes) return;
    this.kernelSpacing = NaN;
    this.boxes = boxes;
    this.nodes = boxes * NODES;
    let m = 2;
    while (m < 2 * this.nodes - 1) m <<= 1;
    this.fftSize = m;
    this.fft = new Fft(m);
    const mm = m * m;
    this.kRe = new Float64Array(mm);
    this.kIm = new Float64Array(mm);
    this.aRe = new Float64Array(mm);
    this.aIm = new Float64Array(mm);
    this.bRe = new Float64Array(mm);
    this.bIm = new Float64Array(mm);
    this.potentials = new Float64Array(4 * this.nodes * this.nodes);
    this.charges = new Float64Array(4 * this.nodes * this.nodes);
  }

  /** Spectrum of K on the circulant embedding (offsets -(G-1)..G-1 wrap around), real and even. */
  private kernelSpectrum(): void {
    const m = this.fftSize;
    const g = this.nodes;
    const h = this.spacing;
    const { kRe, kIm } = this;
    kRe.fill(0);
    kIm.fill(0);
    for (let r = 0; r < m; r++) {
      const dr = r < g ? r : r > m - g ? r - m : NaN;
      if (Number.isNaN(dr)) continue;
      for (let c = 0; c < m; c++) {
        const dc = c < g ? c : c > m - g ? c - m : NaN;
        if (Number.isNaN(dc)) continue;
        const d2 = (dr * dr + dc * dc) * h * h;
        const k = 1 / (1 + d2);
        kRe[r * m + c] = k * k;
      }
    }
    this.transform2d(kRe, kIm, m, m, false);
  }

  /** Circular convolution of the grid (nonzero in its first G rows) with the kernel, in place. */
  private convolve(re: Float64Array, im: Float64Array): void {
    const m = this.fftSize;
    const g = this.nodes;
    this.transform2d(re, im, g, m, false);
    const k = this.kRe;
    const scale = 1 / (m * m);
    for (let i = 0; i < m * m; i++) {
      const s = k[i] * scale;
      re[i] *= s;
      im[i] *= s;
    }
    this.transform2d(re, im, m, g, true);
  }

  /**
   * 2-D FFT by rows then columns (inverse: columns then rows). Only the first `rowsIn` rows
   * hold data on the way in, and only the first `rowsOut` rows are needed on the way out.
   */
  private transform2d(re: Float64Array, im: Float64Array, rowsIn: number, rowsOut: number, inverse: boolean): void {
    const m = this.fftSize;
    const fft = this.fft!;
    if (!inverse) for (let r = 0; r < rowsIn; r++) fft.transform(re, im, false, r * m);
    // Columns in blocks of COLUMN_BLOCK, whose rows (2 x 8 x COLUMN_BLOCK bytes each) stay in
    // cache through the passes of the transform.
    for (let c0 = 0; c0 < m; c0 += COLUMN_BLOCK)
      fft.transformColumns(re, im, inverse, m, c0, Math.min(COLUMN_BLOCK, m - c0));
    if (inverse) for (let r = 0; r < rowsOut; r++) fft.transform(re, im, true, r * m);
  }
}
