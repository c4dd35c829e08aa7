import { StatescopeError } from './StatescopeError.js';

/** How a {@link StateMatrix} holds its values. */
export type StatePrecision = 'float32' | 'int8';

/**
 * One layer's hidden or cell states for every step, row-major steps x dim, kept as they were
 * stored: float32, or int8 codes with one scale per unit (value = code x scale[unit]), a quarter
 * of the memory. A million states of 100 units are 100 MB as int8 and 400 MB as float32, and
 * decoding them all costs a second at load; so readers take the rows they need with
 * {@link row} (or single values with {@link value}), and only consumers that need one plain
 * array (a t-SNE, the nearest-state index) call {@link float32}, which decodes once and keeps
 * the result. A decoded value equals what decoding the whole matrix gives, bit for bit.
 *
 * @example
 * ```ts
 * import { loadDataset } from '@statescope/core';
 *
 * const dataset = await loadDataset('data/imdb.json');
 * const states = dataset.layer().hiddenStates;
 * states.precision; // 'float32', or 'int8' for a file stored as int8
 * const scratch = new Float32Array(states.dim);
 * for (let step = 0; step < 10; step++) states.row(step, scratch); // no allocation per row
 * states.value(5, 3); // unit 3 at step 5
 * ```
 */
export class StateMatrix {
  /** Units per row. */
  readonly dim: number;
  /** Rows: one per step. */
  readonly rows: number;
  readonly #float: Float32Array | null;
  readonly #codes: Int8Array | null;
  readonly #scale: Float64Array | null;
  #decoded: Float32Array | null = null;

  private constructor(dim: number, float: Float32Array | null, codes: Int8Array | null, scale: Float64Array | null) {
    const length = (float ?? codes)!.length;
    if (!Number.isInteger(dim) || dim < 1) {
      throw new StatescopeError(`must be a positive integer, got ${String(dim)}`, { field: 'dim' });
    }
    if (length % dim !== 0) {
      throw new StatescopeError(`has ${length} values, not a whole number of rows of ${dim}`, { field: 'values' });
    }
    this.dim = dim;
    this.rows = length / dim;
    this.#float = float;
    this.#codes = codes;
    this.#scale = scale;
  }

  /** States held as float32 (the array itself, no copy). */
  static float32(values: Float32Array, dim: number): StateMatrix {
    return new StateMatrix(dim, values, null, null);
  }

  /** States held as int8 codes, value = code x scale[unit]; `scale` has one finite number per unit. */
  static int8(codes: Int8Array, scale: ArrayLike<number>, dim: number): StateMatrix {
    if (scale.length !== dim || !Array.prototype.every.call(scale, (s: number) => Number.isFinite(s))) {
      throw new StatescopeError(`int8 states need one finite scale per unit (${dim})`, { field: 'scale' });
    }
    return new StateMatrix(dim, null, codes, Float64Array.from(scale));
  }

  /** How the values are held. */
  get precision(): StatePrecision {
    return this.#codes ? 'int8' : 'float32';
  }

  /** Bytes the stored values take (a decoded copy, once made, not counted). */
  get byteLength(): number {
    return (this.#float ?? this.#codes)!.byteLength;
  }

  /** The int8 codes and per-unit scales as stored, or null for float32 states (e.g. to save them again without loss). */
  get int8Codes(): {
    /** steps x dim codes, row-major. */
    codes: Int8Array;
    /** One scale per unit: value = code x scale[unit]. */
    scale: Float64Array;
  } | null {
    return this.#codes ? { codes: this.#codes, scale: this.#scale! } : null;
  }

  /**
   * The states of one step. Into `out` when given (dim values); without it, float32 states (or
   * decoded ones) give a view into the matrix (no copy: do not write to it), int8 ones a new array.
   */
  row(step: number, out?: Float32Array): Float32Array {
    const dim = this.dim;
    const start = step * dim;
    const plain = this.#float ?? this.#decoded;
    if (plain) {
      if (!out) return plain.subarray(start, start + dim);
      out.set(plain.subarray(start, start + dim));
      return out;
    }
    const codes = this.#codes!;
    const scale = this.#scale!;
    const target = out ?? new Float32Array(dim);
    for (let u = 0; u < dim; u++) target[u] = codes[start + u] * scale[u];
    return target;
  }

  /** One unit's value at one step. */
  value(step: number, unit: number): number {
    const i = step * this.dim + unit;
    const plain = this.#float ?? this.#decoded;
    if (plain) return plain[i];
    return Math.fround(this.#codes![i] * this.#scale![unit]);
  }

  /**
   * All states as one float32 array, steps x dim. Float32 states return their own array; int8
   * ones are decoded on the first call (4 bytes per value from then on) and the same array is
   * returned after.
   */
  float32(): Float32Array {
    if (this.#float) return this.#float;
    if (!this.#decoded) {
      const codes = this.#codes!;
      const scale = this.#scale!;
      const dim = this.dim;
      const out = new Float32Array(codes.length);
      for (let r = 0, i = 0; r < this.rows; r++) {
        for (let u = 0; u < dim; u++, i++) out[i] = codes[i] * scale[u];
      }
      this.#decoded = out;
    }
    return this.#decoded;
  }
}
