/**
 * Seeded Lloyd k-means over the rows `ids` of `data` (row-major, `dim` columns), for the lists of
 * the approximate nearest-state index. With `scale` (one factor per row: 1/|row|) it clusters
 * the unit-length rows and keeps unit-length centroids (spherical k-means, for the cosine
 * metric), without copying the data. Returns k x dim centroids (k <= ids.length).
 */
export function kMeans(
  data: Float32Array,
  dim: number,
  ids: Uint32Array,
  k: number,
  iterations: number,
  random: () => number,
  scale: Float32Array | undefined,
): Float32Array {
  const n = ids.length;
  k = Math.min(k, n);
  const centroids = new Float32Array(k * dim);
  // Initial centroids: k distinct rows, a seeded partial shuffle.
  const pool = Uint32Array.from(ids);
  for (let c = 0; c < k; c++) {
    const j = c + Math.floor(random() * (n - c));
    const t = pool[c];
    pool[c] = pool[j];
    pool[j] = t;
    setRow(centroids, c, data, pool[c], dim, scale);
  }
  const labels = new Uint32Array(n);
  const sums = new Float64Array(k * dim);
  const counts = new Uint32Array(k);
  for (let it = 0; it < iterations; it++) {
    assignNearest(data, dim, ids, centroids, k, scale, labels);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      const o = ids[i] * dim;
      const f = scale ? scale[ids[i]] : 1;
      const s = c * dim;
      for (let j = 0; j < dim; j++) sums[s + j] += data[o + j] * f;
      counts[c]++;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        // An empty cluster restarts at a random row.
        setRow(centroids, c, data, ids[Math.floor(random() * n)], dim, scale);
        continue;
      }
      const s = c * dim;
      let norm = 0;
      for (let j = 0; j < dim; j++) {
        const v = sums[s + j] / counts[c];
        centroids[s + j] = v;
        norm += v * v;
      }
      if (scale && norm > 0) {
        const f = 1 / Math.sqrt(norm);
        for (let j = 0; j < dim; j++) centroids[s + j] *= f;
      }
    }
  }
  return centroids;
}

/**
 * Writes into `labels[i]` the centroid nearest row `ids[i]`: least Euclidean distance, or with
 * `scale` (unit centroids) greatest cosine similarity.
 */
export function assignNearest(
  data: Float32Array,
  dim: number,
  ids: Uint32Array,
  centroids: Float32Array,
  k: number,
  scale: Float32Array | undefined,
  labels: Uint32Array,
): void {
  // |x - c|^2 = |x|^2 - 2 x.c + |c|^2: per row, the least |c|^2 - 2 x.c wins.
  const half = new Float64Array(k);
  if (!scale) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += centroids[c * dim + j] ** 2;
      half[c] = s / 2;
    }
  }
  for (let i = 0; i < ids.length; i++) {
    const o = ids[i] * dim;
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < k; c++) {
      const co = c * dim;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j + 3 < dim; j += 4) {
        s0 += data[o + j] * centroids[co + j];
        s1 += data[o + j + 1] * centroids[co + j + 1];
        s2 += data[o + j + 2] * centroids[co + j + 2];
        s3 += data[o + j + 3] * centroids[co + j + 3];
      }
      for (; j < dim; j++) s0 += data[o + j] * centroids[co + j];
      const score = s0 + s1 + s2 + s3 - half[c];
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    labels[i] = best;
  }
}

function setRow(
  centroids: Float32Array,
  c: number,
  data: Float32Array,
  row: number,
  dim: number,
  scale: Float32Array | undefined,
): void {
  const f = scale ? scale[row] : 1;
  for (let j = 0; j < dim; j++) centroids[c * dim + j] = data[row * dim + j] * f;
}
