import type { HelperPort } from './AttractionHelper.js';
import { rowAffinities } from './conditionalAffinities.js';
import { KnnHeaps } from './KnnHeaps.js';
import { forestLeafSize, forestTrees, REFINE_FAN, refineRow, searchTrees } from './nearestNeighbors.js';
import type { ProjectionJob } from './ProjectionJob.js';
import { projectPca } from './projectPca.js';
import { symmetricAffinities, type SparseAffinities } from './symmetricAffinities.js';

/** The preparation job both workers run (posted to the helper; run in place by the first). */
export type PreparationJob = Extract<ProjectionJob, { kind: 'prepare' }>;

/** What the first worker gets back from {@link sharedPreparation}. */
export interface Preparation {
  /**
   * The joint affinities (symmetricAffinities) of the neighbour graph renumbered into `order`
   * (as permuteGraph would), in shared memory.
   */
  affinities: SparseAffinities;
  /** Row r of `affinities` is input row order[r]. */
  order: Int32Array;
  /** projectPca(data, rows, dim, 2) in the input's order, when asked for. */
  pc: Float32Array | undefined;
}

/** Control words: workers done with their trees, PCA taken, PCA done, then per stage: next chunk, chunks done. */
const TREES = 0;
const PCA_TAKEN = 1;
const PCA_DONE = 2;
const MERGE_NEXT = 3;
const MERGED = 4;
const REFINE_NEXT = 5;
const REFINED = 6;
const WORDS = 7;
/** Rows per chunk of work: small enough to balance the workers, large enough to cost nothing. */
const CHUNK = 1024;

/**
 * The neighbour search, affinities and PCA of a t-SNE with a second worker: what
 * nearestNeighbors, permuteGraph, conditionalAffinities, symmetricAffinities and projectPca
 * compute on one thread (bit for bit, but for which of several neighbours at exactly the same
 * distance fill a row's last places), in about half the time. Each worker searches half of the
 * trees; after that every step works row by row (a row's heap, its refinement, its affinities
 * change alone), so both take chunks of rows from shared counters until none is left, whichever
 * is faster taking more; the PCA goes to whichever finishes its trees first; the joint
 * affinities, last, are this thread's. Blocks until all is done.
 *
 * Memory: four rows x k arrays in all (at 972,288 rows and k = 90, 0.35 GB each), each reused
 * once its content is dead: the two workers' heaps; the helper's, once merged, hold the sorted
 * snapshot the refinement reads, and the first's each refined row, sorted, renumbered and turned
 * into affinities in place; the joint affinities then go into the helper's pair.
 */
export function sharedPreparation(
  data: Float32Array,
  rows: number,
  dim: number,
  k: number,
  perplexity: number,
  seed: number,
  pca: boolean,
  helper: HelperPort,
): Preparation {
  const trees = forestTrees(rows);
  const shared = (bytes: number) => new SharedArrayBuffer(Math.max(8, bytes));
  const cells = rows * k;
  const job: PreparationJob = {
    kind: 'prepare',
    data,
    rows,
    dim,
    k,
    perplexity,
    seed,
    trees,
    helperTrees: trees >> 1,
    leafSize: forestLeafSize(k),
    pca,
    heapIdx: new Int32Array(shared(cells * 4)).fill(-1),
    heapDist: new Float32Array(shared(cells * 4)).fill(Infinity),
    treeIdx: new Int32Array(shared(cells * 4)).fill(-1),
    treeDist: new Float32Array(shared(cells * 4)).fill(Infinity),
    order: new Int32Array(shared(rows * 4)),
    rank: new Int32Array(shared(rows * 4)),
    pc: new Float32Array(shared(pca ? rows * 2 * 4 : 0)),
    control: new Int32Array(shared(WORDS * 4)),
  };
  helper.post(job);
  const heaps = new KnnHeaps(rows, k, job.heapIdx, job.heapDist);
  const order = searchTrees(data, rows, dim, heaps, seed, 0, trees - job.helperTrees, job.leafSize);
  job.order.set(order);
  for (let r = 0; r < rows; r++) job.rank[order[r]] = r;
  signal(job.control, TREES);
  work(job);
  const chunks = Math.ceil(rows / CHUNK);
  waitFor(job.control, REFINED, chunks);
  if (pca) waitFor(job.control, PCA_DONE, 1);
  // Row r of the graph is row order[r] of the first worker's heaps (see work); the snapshot in
  // the helper's heaps is dead and takes the pairs.
  const affinities = symmetricAffinities({ rows, k, indices: job.heapIdx }, job.heapDist, {
    at: order,
    cols: job.treeIdx,
    vals: job.treeDist,
  });
  return { affinities, order, pc: pca ? job.pc : undefined };
}

/** The helper worker's side of {@link sharedPreparation}: its trees, then chunks like the first. */
export function helpPrepare(job: PreparationJob): void {
  const heaps = new KnnHeaps(job.rows, job.k, job.treeIdx, job.treeDist);
  searchTrees(job.data, job.rows, job.dim, heaps, job.seed, job.trees - job.helperTrees, job.trees, job.leafSize);
  signal(job.control, TREES);
  work(job);
}

/**
 * What either worker does once its trees are searched: the PCA if the other has not taken it;
 * then, once both have their trees, chunks of the merge of the helper's heaps into the first's,
 * each merged row sorted into the helper's (a snapshot of the neighbours, indices only); then,
 * once every row is merged (refinement reads other rows' snapshot), chunks of refinement, each
 * row sorted, renumbered into the first tree's order and turned into affinities in place: the
 * first worker's heaps end as the graph and its conditional affinities, row i at i * k.
 */
function work(job: PreparationJob): void {
  const { data, rows, dim, k, perplexity, control, order, rank } = job;
  if (job.pca && Atomics.compareExchange(control, PCA_TAKEN, 0, 1) === 0) {
    job.pc.set(projectPca(data, rows, dim, 2));
    signal(control, PCA_DONE);
  }
  waitFor(control, TREES, 2);
  const heaps = new KnnHeaps(rows, k, job.heapIdx, job.heapDist);
  const treeHeaps = new KnnHeaps(rows, k, job.treeIdx, job.treeDist);
  const snapshot = job.treeIdx;
  const scratch = heaps.sortScratch();
  const rowIdx = new Int32Array(k);
  const rowDist = new Float32Array(k);
  const chunks = Math.ceil(rows / CHUNK);
  let stamp = new Int32Array(rows).fill(-1);
  for (let c = Atomics.add(control, MERGE_NEXT, 1); c < chunks; c = Atomics.add(control, MERGE_NEXT, 1)) {
    const to = Math.min(rows, (c + 1) * CHUNK);
    heaps.mergeRows(treeHeaps, c * CHUNK, to, stamp);
    // These rows of the helper's heaps are merged: their place takes the snapshot.
    for (let i = c * CHUNK; i < to; i++) {
      heaps.sortRow(i, rowIdx, rowDist, 0, scratch);
      snapshot.set(rowIdx, i * k);
    }
    signal(control, MERGED);
  }
  waitFor(control, MERGED, chunks);
  // A fresh stamp: the merge's marks must not hide candidates from the refinement.
  stamp = new Int32Array(rows).fill(-1);
  const indices = job.heapIdx;
  const conditional = job.heapDist;
  const fan = Math.min(k, REFINE_FAN);
  const p = new Float64Array(k);
  const rowP = new Float32Array(k);
  for (let c = Atomics.add(control, REFINE_NEXT, 1); c < chunks; c = Atomics.add(control, REFINE_NEXT, 1)) {
    const to = Math.min(rows, (c + 1) * CHUNK);
    // In the first tree's order: rows of a leaf in turn try much the same candidates, whose
    // rows are then still in cache.
    for (let r = c * CHUNK; r < to; r++) {
      const i = order[r];
      refineRow(data, dim, heaps, snapshot, fan, i, stamp);
      // Row i's heap is final (refinement changes no other row's): it takes the result.
      heaps.sortRow(i, rowIdx, rowDist, 0, scratch);
      rowAffinities(rowDist, 0, k, perplexity, rowP, p);
      const o = i * k;
      for (let x = 0; x < k; x++) {
        indices[o + x] = rank[rowIdx[x]];
        conditional[o + x] = rowP[x];
      }
    }
    signal(control, REFINED);
  }
}

function signal(control: Int32Array, word: number): void {
  Atomics.add(control, word, 1);
  Atomics.notify(control, word);
}

function waitFor(control: Int32Array, word: number, target: number): void {
  for (;;) {
    const value = Atomics.load(control, word);
    if (value >= target) return;
    Atomics.wait(control, word, value, 10_000);
  }
}
