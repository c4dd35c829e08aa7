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
      /** The second worker's trees of the neighbour search (see nearestNeighbors). */
      kind: 'neighbors';
      data: Float32Array;
      rows: number;
      dim: number;
      k: number;
      seed: number;
      from: number;
      to: number;
      leafSize: number;
      idx: Int32Array;
      dist: Float32Array;
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
