import { seededRandom } from '@statescope/core';
import { assignNearest, kMeans } from './kMeans.js';
import type { NearestMetric } from './NearestMetric.js';

/** Rows of k-means training sample per centroid. */
const SAMPLE_PER_LIST = 64;
const ITERATIONS = 8;

/**
 * The lists of the approximate nearest-state index: about `lists` k-means clusters of the rows,
 * found in two levels (about sqrt(lists) coarse clusters, each split in proportion to its
 * size), so that assigning every row costs about 2 sqrt(lists) distances instead of `lists`:
 * at 1,000,000 x 100 that is seconds instead of minutes. Packed for the worker's reply as one
 * Float32Array: the L x dim centroids (unit length for cosine), then each row's list (exact in
 * float32 below 2^24 rows). Seeded, so the same input gives the same lists.
 */
export function invertedLists(
  data: Float32Array,
  rows: number,
  dim: number,
  metric: NearestMetric,
  lists: number,
  seed: number,
): Float32Array {
  const random = seededRandom(seed);
  let scale: Float32Array | undefined;
  if (metric === 'cosine') {
    scale = new Float32Array(rows);
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += data[i * dim + j] ** 2;
      scale[i] = s > 0 ? 1 / Math.sqrt(s) : 0;
    }
  }
  const all = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) all[i] = i;
  const coarseCount = Math.max(1, Math.min(rows, Math.round(Math.sqrt(lists))));
  const coarse = kMeans(data, dim, sample(all, coarseCount * 256, random), coarseCount, ITERATIONS, random, scale);
  const coarseLabels = new Uint32Array(rows);
  assignNearest(data, dim, all, coarse, coarse.length / dim, scale, coarseLabels);

  // Rows grouped by coarse cluster (a counting sort keeps each group in step order).
  const groups = coarse.length / dim;
  const start = new Uint32Array(groups + 1);
  for (let i = 0; i < rows; i++) start[coarseLabels[i] + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const grouped = new Uint32Array(rows);
  const fill = start.slice(0, groups);
  for (let i = 0; i < rows; i++) grouped[fill[coarseLabels[i]]++] = i;

  const parts: Float32Array[] = [];
  const labels = new Uint32Array(rows);
  let total = 0;
  const groupLabels = new Uint32Array(rows);
  for (let g = 0; g < groups; g++) {
    const members = grouped.subarray(start[g], start[g + 1]);
    if (members.length === 0) continue;
    const k = Math.max(1, Math.min(members.length, Math.round((lists * members.length) / rows)));
    const centroids = kMeans(data, dim, sample(members, k * SAMPLE_PER_LIST, random), k, ITERATIONS, random, scale);
    const mine = groupLabels.subarray(0, members.length);
    assignNearest(data, dim, members, centroids, centroids.length / dim, scale, mine);
    for (let i = 0; i < members.length; i++) labels[members[i]] = total + mine[i];
    parts.push(centroids);
    total += centroids.length / dim;
  }
  const packed = new Float32Array(total * dim + rows);
  let at = 0;
  for (const part of parts) {
    packed.set(part, at);
    at += part.length;
  }
  for (let i = 0; i < rows; i++) packed[at + i] = labels[i];
  return packed;
}

/** Up to `count` of `ids`, drawn without replacement (all of them when there are fewer). */
function sample(ids: Uint32Array, count: number, random: () => number): Uint32Array {
  if (count >= ids.length) return ids;
  const pool = Uint32Array.from(ids);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.subarray(0, count);
}
