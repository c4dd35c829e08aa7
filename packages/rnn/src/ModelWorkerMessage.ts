import type { ErrorLocation } from '@statescope/core';
import type { RnnShape } from './RnnModel.js';
import type { RnnRun } from './runModel.js';

/**
 * What the thread of a {@link ModelRunner} posts to its worker: the weights once, after the
 * worker said it listens, then one run at a time.
 */
export type ModelWorkerRequest =
  | {
      type: 'model';
      /** The model's shape, to rebuild it in the worker. */
      shape: Required<RnnShape>;
      /** A copy of the model's parameters (see {@link RnnModel.parameters}). */
      parameters: Float32Array;
    }
  | {
      type: 'run';
      /** Matches the reply to its run. */
      id: number;
      /** The token ids, as float64 so that ids runModel refuses (1.5, -1) reach it unchanged. */
      tokenIds: Float64Array;
    };

/** What the worker posts back. */
export type ModelWorkerReply =
  | { type: 'ready' }
  | {
      type: 'done';
      /** The id of the run answered. */
      id: number;
      /** runModel's answer, its buffers transferred. */
      run: RnnRun;
    }
  | {
      type: 'error';
      /** The id of the run that failed. */
      id: number;
      /** The error's name, e.g. `StatescopeError`. */
      name: string;
      /** The error's message. */
      message: string;
      /** A StatescopeError's location (field, step...), to rebuild the same error. */
      location: ErrorLocation;
    };

/** The buffers of a run, each once (the top layer's arrays are also `hidden` and `cell`). */
export function runBuffers(run: RnnRun): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (array: Float32Array | undefined) => array && buffers.add(array.buffer as ArrayBuffer);
  add(run.hidden);
  add(run.cell);
  add(run.expected);
  for (const layer of run.layers) {
    add(layer.hidden);
    add(layer.cell);
  }
  return [...buffers];
}
