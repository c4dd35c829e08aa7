// Exact duplicate rows of a row-major matrix. Many hidden states repeat exactly: every review
// that opens with the same words starts in the same states. makeLarge.ts projects each distinct
// state once and gives its copies the same place.

/** Distinct rows of a matrix, and where each row's value first appears. */
export interface UniqueRows {
  /** Index of the first row of each distinct value, ascending. */
  first: Int32Array;
  /** For every row, the index into `first` of its value. */
  of: Int32Array;
}

/** 32-bit FNV-1a over a row's values, with -0 read as 0 (the same state). */
function rowHash(bits: Uint32Array, data: Float32Array, o: number, dim: number): number {
  let h = 2166136261;
  for (let c = o; c < o + dim; c++) h = Math.imul(h ^ (data[c] === 0 ? 0 : bits[c]), 16777619);
  return h >>> 0;
}

function sameRow(data: Float32Array, a: number, b: number, dim: number): boolean {
  for (let c = 0; c < dim; c++) if (data[a * dim + c] !== data[b * dim + c]) return false;
  return true;
}

/** The distinct rows of `data` (rows x dim), compared exactly (a hash only groups candidates). */
export function uniqueRows(data: Float32Array, dim: number): UniqueRows {
  const rows = data.length / dim;
  const bits = new Uint32Array(data.buffer, data.byteOffset, data.length);
  const hash = new Uint32Array(rows);
  for (let r = 0; r < rows; r++) hash[r] = rowHash(bits, data, r * dim, dim);
  const order = Int32Array.from({ length: rows }, (_, r) => r).sort((a, b) => hash[a] - hash[b] || a - b);
  // The row each row copies (itself for a first occurrence); within a hash group, rows come in
  // ascending order, so the first of each value is met first.
  const source = new Int32Array(rows);
  const heads: number[] = [];
  for (let s = 0; s < rows; s++) {
    const r = order[s];
    if (s === 0 || hash[order[s - 1]] !== hash[r]) heads.length = 0;
    const head = heads.find((h) => sameRow(data, h, r, dim));
    if (head === undefined) {
      heads.push(r);
      source[r] = r;
    } else source[r] = head;
  }
  const first: number[] = [];
  const of = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    if (source[r] === r) {
      of[r] = first.length;
      first.push(r);
    } else of[r] = of[source[r]];
  }
  return { first: Int32Array.from(first), of };
}
