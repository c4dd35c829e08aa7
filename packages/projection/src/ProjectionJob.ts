import type { NearestMetric } from './NearestMetric.js';
import type { PlaceSettings } from './PlaceSettings.js';
import type { TsneProgress } from './TsneProgress.js';
import type { TsneSettings } from './TsneSettings.js';

/** What the caller's thread asks a worker to compute (plain data, structured-cloneable). */
export type ProjectionJob =
  | { kind: 'tsne'; data: Float32Array; rows: number; dim: number; settings: TsneSettings }
  | {
      kind: 'place';
      reference: Float32Array;
      referenceRows: number;
      referenceEmbedding: Float32Array;
      data: Float32Array;
      rows: number;
      dim: number;
      settings: PlaceSettings;
    }
  | { kind: 'pca'; data: Float32Array; rows: number; dim: number; components: number }
  | {
      /** The inverted lists of an approximate nearest-state index (see invertedLists). */
      kind: 'lists';
      data: Float32Array;
      rows: number;
      dim: number;
      metric: NearestMetric;
      lists: number;
      seed: number;
    }
  | {
      /**
       * The neighbour search, affinities and PCA of a t-SNE, shared by two workers over shared
       * memory (see sharedPreparation).
       */
      kind: 'prepare';
      data: Float32Array;
      rows: number;
      dim: number;
      k: number;
      perplexity: number;
      seed: number;
      /** Trees of the forest in all; the helper searches the last `helperTrees`. */
      trees: number;
      helperTrees: number;
      leafSize: number;
      /** Whether to compute the PCA (into `pc`). */
      pca: boolean;
      /**
       * The first worker's neighbour heaps (rows x k); at the end, row by row, the sorted,
       * renumbered graph and its conditional affinities.
       */
      heapIdx: Int32Array;
      heapDist: Float32Array;
      /** The helper's neighbour heaps (rows x k); once merged, treeIdx holds the sorted snapshot. */
      treeIdx: Int32Array;
      treeDist: Float32Array;
      /** The first tree's leaf order of the rows (see NeighborGraph.order), and its inverse. */
      order: Int32Array;
      rank: Int32Array;
      /** The first 2 principal components, N x 2. */
      pc: Float32Array;
      control: Int32Array;
    }
  | {
      /** The second worker's share of the t-SNE attraction (see AttractionHelper). */
      kind: 'attract';
      y: Float64Array;
      out: Float64Array;
      rowPtr: Int32Array;
      cols: Int32Array;
      vals: Float32Array;
      control: Int32Array;
      kl: Float64Array;
    };

/** What a worker posts back. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'progress'; progress: TsneProgress }
  | { type: 'done'; result: Float32Array }
  | { type: 'error'; name: string; message: string };
