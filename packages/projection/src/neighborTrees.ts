import { KnnHeaps } from './KnnHeaps.js';
import { searchTrees } from './nearestNeighbors.js';
import type { ProjectionJob } from './ProjectionJob.js';

/** The helper worker's share of the neighbour search: its trees into the shared heaps. */
export function neighborTrees(job: Extract<ProjectionJob, { kind: 'neighbors' }>): void {
  const heaps = new KnnHeaps(job.rows, job.k, job.idx, job.dist);
  searchTrees(job.data, job.rows, job.dim, heaps, job.seed, job.from, job.to, job.leafSize);
  Atomics.store(job.control, 0, 1);
  Atomics.notify(job.control, 0);
}
