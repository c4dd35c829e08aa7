// Quality measures of a 2-D embedding, for the projection benchmark.

/** Evenly spaced sample of row indices (deterministic). */
export function sampleRows(rows: number, count: number): Int32Array {
  const n = Math.min(rows, count);
  return Int32Array.from({ length: n }, (_, s) => Math.floor((s * rows) / n));
}

/**
 * Trustworthiness T(k) (Venna and Kaski) of the embedding restricted to `sample`: penalises
 * points that are among the k nearest in 2-D but not in the original space, by their rank there.
 */
export function trustworthiness(
  data: Float32Array,
  dim: number,
  embedding: Float32Array,
  sample: Int32Array,
  k = 10,
): number {
  const n = sample.length;
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const order = new Int32Array(n);
  const rank = new Int32Array(n);
  let penalty = 0;
  for (let a = 0; a < n; a++) {
    const i = sample[a];
    for (let b = 0; b < n; b++) {
      const j = sample[b];
      let s = 0;
      for (let c = 0; c < dim; c++) {
        const d = data[i * dim + c] - data[j * dim + c];
        s += d * d;
      }
      high[b] = b === a ? -1 : s;
      const dx = embedding[2 * i] - embedding[2 * j];
      const dy = embedding[2 * i + 1] - embedding[2 * j + 1];
      low[b] = b === a ? -1 : dx * dx + dy * dy;
    }
    for (let b = 0; b < n; b++) order[b] = b;
    order.sort((x, y) => high[x] - high[y] || x - y);
    for (let r = 0; r < n; r++) rank[order[r]] = r; // rank 0 is the point itself
    for (let b = 0; b < n; b++) order[b] = b;
    order.sort((x, y) => low[x] - low[y] || x - y);
    for (let r = 1; r <= k; r++) {
      const hr = rank[order[r]];
      if (hr > k) penalty += hr - k;
    }
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
}

/** Share of sampled points whose nearest other point in 2-D (over all rows) has the same label. */
export function oneNnAccuracy(embedding: Float32Array, labels: Int32Array, sample: Int32Array): number {
  const rows = labels.length;
  let ok = 0;
  for (const i of sample) {
    let best = Infinity;
    let bj = -1;
    const xi = embedding[2 * i];
    const yi = embedding[2 * i + 1];
    for (let j = 0; j < rows; j++) {
      if (j === i) continue;
      const dx = xi - embedding[2 * j];
      const dy = yi - embedding[2 * j + 1];
      const d = dx * dx + dy * dy;
      if (d < best) {
        best = d;
        bj = j;
      }
    }
    if (labels[bj] === labels[i]) ok++;
  }
  return ok / sample.length;
}
