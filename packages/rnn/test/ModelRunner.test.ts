import { afterEach, describe, expect, it } from 'vitest';
import {
  ModelRunner,
  Vocabulary,
  createGru,
  createLstm,
  loadWeights,
  runModel,
  tokenize,
  type RnnRun,
} from '../src/index.js';
import { StatescopeError } from '@statescope/core';
import { fileURLToPath } from 'node:url';

/** Every float of a run as its bits, so that -0 / 0 and NaN count as a user of the bytes sees them. */
function bits(run: RnnRun) {
  const of = (array: Float32Array | undefined) =>
    array && Array.from(new Uint32Array(array.buffer, array.byteOffset, array.length));
  return {
    hidden: of(run.hidden),
    cell: of(run.cell),
    expected: of(run.expected),
    layers: run.layers.map((layer) => ({ hidden: of(layer.hidden), cell: of(layer.cell) })),
  };
}

const shape = { vocabularySize: 30, embeddingDim: 5, hiddenDim: 7, classCount: 3 };
const RealWorker = (globalThis as { Worker?: unknown }).Worker;

afterEach(() => {
  (globalThis as { Worker?: unknown }).Worker = RealWorker;
});

describe('ModelRunner in Node (no Worker: runs inline)', () => {
  it('answers as runModel bit for bit on the IMDB demo model, for texts sharing a prefix, in order', async () => {
    const { model, manifest } = await loadWeights(
      fileURLToPath(new URL('../../../data/imdb.model.json', import.meta.url)),
    );
    const vocabulary = new Vocabulary(manifest.vocabulary!);
    const runner = new ModelRunner(model);
    expect(runner.inWorker).toBe(false);
    const texts = [
      'A slow start, but the ending is wonderful.',
      'A slow start, but the ending is dreadful.',
      'A slow start',
      'Terrible acting and a plot with more holes than a sieve; I walked out.',
    ];
    const ids = texts.map((text) => vocabulary.encode(tokenize(text)));
    const order: number[] = [];
    const runs = await Promise.all(ids.map((id, i) => runner.run(id).then((run) => (order.push(i), run))));
    expect(order).toEqual([0, 1, 2, 3]);
    runs.forEach((run, i) => expect(bits(run)).toEqual(bits(runModel(model, ids[i]))));
    // The top layer's arrays are the last layer's, as runModel returns them.
    expect(runs[0].layers.at(-1)!.hidden).toBe(runs[0].hidden);
    // The two reviews differ only in their last word: so do their final predictions.
    expect(runs[0].expected.at(-1)! > 0.5).not.toBe(runs[1].expected.at(-1)! > 0.5);
  });

  it('answers as runModel for stacked LSTM and GRU models', async () => {
    for (const model of [createLstm({ ...shape, layers: 2, seed: 4 }), createGru({ ...shape, layers: 3, seed: 5 })]) {
      const runner = new ModelRunner(model, { worker: false });
      const ids = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
      for (const length of [11, 4, 11, 1]) {
        const run = await runner.run(ids.slice(0, length));
        expect(bits(run)).toEqual(bits(runModel(model, ids.slice(0, length))));
        expect('cell' in run).toBe(model.kind === 'lstm');
      }
    }
  });

  it('runs the weights as they were when it was made', async () => {
    const model = createLstm({ ...shape, seed: 2 });
    const before = runModel(model, [1, 2, 3]);
    const runner = new ModelRunner(model);
    model.parameters.fill(0.5);
    expect(bits(await runner.run([1, 2, 3]))).toEqual(bits(before));
  });

  it('uses the ids given at the call, not what the caller writes into its array afterwards', async () => {
    const model = createGru({ ...shape, seed: 3 });
    const runner = new ModelRunner(model);
    const ids = Uint16Array.of(5, 6, 7);
    const answer = runner.run(ids);
    ids.fill(0);
    expect(bits(await answer)).toEqual(bits(runModel(model, [5, 6, 7])));
  });

  it('rejects with runModel’s StatescopeError for ids it refuses, and keeps answering', async () => {
    const model = createLstm({ ...shape, seed: 1 });
    const runner = new ModelRunner(model);
    const refused = runner.run([2, 30, 1]);
    await expect(refused).rejects.toBeInstanceOf(StatescopeError);
    await expect(refused).rejects.toMatchObject({ field: 'tokenIds', step: 1 });
    const error = (await refused.catch((e: unknown) => e)) as Error;
    expect(() => runModel(model, [2, 30, 1])).toThrow(error.message);
    await expect(runner.run([])).rejects.toBeInstanceOf(StatescopeError);
    expect(bits(await runner.run([2, 3]))).toEqual(bits(runModel(model, [2, 3])));
  });

  it('rejects with an AbortError when the signal aborts, before or right after the call, and runs the next', async () => {
    const model = createLstm({ ...shape, seed: 1 });
    const runner = new ModelRunner(model);
    const controller = new AbortController();
    const aborted = runner.run([1, 2, 3], controller.signal);
    const next = runner.run([4, 5]);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    await expect(runner.run([1], controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(bits(await next)).toEqual(bits(runModel(model, [4, 5])));
    // An answered run ignores a later abort.
    const late = new AbortController();
    const run = await runner.run([6], late.signal);
    late.abort();
    expect(bits(run)).toEqual(bits(runModel(model, [6])));
  });

  it('rejects every run after dispose, and the runs still pending', async () => {
    const runner = new ModelRunner(createGru({ ...shape, seed: 1 }));
    const pending = runner.run([1, 2]);
    runner.dispose();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(runner.run([1, 2])).rejects.toMatchObject({ name: 'InvalidStateError' });
    runner.dispose();
  });

  it('falls back to running inline where creating the Worker throws (a refusing CSP)', async () => {
    let attempts = 0;
    (globalThis as { Worker?: unknown }).Worker = class {
      constructor() {
        attempts++;
        throw new Error('Refused to create a worker: content security policy');
      }
    };
    const model = createLstm({ ...shape, seed: 7 });
    const runner = new ModelRunner(model);
    expect(attempts).toBe(1);
    expect(runner.inWorker).toBe(false);
    expect(bits(await runner.run([9, 8, 7]))).toEqual(bits(runModel(model, [9, 8, 7])));
  });

  it('does not try a Worker with worker: false', () => {
    let attempts = 0;
    (globalThis as { Worker?: unknown }).Worker = class {
      constructor() {
        attempts++;
      }
    };
    expect(new ModelRunner(createGru({ ...shape, seed: 1 }), { worker: false }).inWorker).toBe(false);
    expect(attempts).toBe(0);
  });
});
