import { afterEach, describe, expect, it } from 'vitest';
import {
  ModelRunner,
  Vocabulary,
  createGru,
  decodeWeights,
  runModel,
  tokenize,
  type RnnModel,
  type RnnRun,
  type WeightManifest,
} from '../src/index.js';

const WEIGHTS_URL = new URL('../../../data/imdb.model.json', import.meta.url).href;

let demo: Promise<{ model: RnnModel; vocabulary: Vocabulary }> | null = null;
/** The IMDB demo model, fetched and decoded as a page does. */
const demoModel = () =>
  (demo ??= (async () => {
    const manifest = (await (await fetch(WEIGHTS_URL)).json()) as WeightManifest;
    const binary = new Uint8Array(await (await fetch(new URL(manifest.weights.file, WEIGHTS_URL))).arrayBuffer());
    return { model: decodeWeights(manifest, binary), vocabulary: new Vocabulary(manifest.vocabulary!) };
  })());

/** Every float of a run as its bits, so that the comparison is bit for bit. */
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

const RealWorker = globalThis.Worker;
const runners: ModelRunner[] = [];
/** A runner disposed after the test. */
const runnerOf = (...args: ConstructorParameters<typeof ModelRunner>) => {
  const runner = new ModelRunner(...args);
  runners.push(runner);
  return runner;
};

afterEach(() => {
  globalThis.Worker = RealWorker;
  for (const runner of runners.splice(0)) runner.dispose();
});

describe('ModelRunner in Chromium on the IMDB demo model', () => {
  it('runs in a worker and answers as runModel bit for bit, for edits of one review, in order', async () => {
    const { model, vocabulary } = await demoModel();
    const runner = runnerOf(model);
    expect(runner.inWorker).toBe(true);
    // A review typed and edited: each text shares a prefix with the one before.
    const texts = [
      'One of the best films',
      'One of the best films I have seen this year',
      'One of the best films I have seen this year: moving, funny and beautifully acted.',
      'One of the best films I have seen this year: dull, long and badly acted.',
      'One',
      'Terrible acting and a plot with more holes than a sieve; I walked out.',
    ];
    const ids = texts.map((text) => vocabulary.encode(tokenize(text)));
    const order: number[] = [];
    const runs = await Promise.all(ids.map((id, i) => runner.run(id).then((run) => (order.push(i), run))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    runs.forEach((run, i) => {
      expect(run.hidden).toHaveLength(ids[i].length * model.hiddenDim);
      expect(bits(run)).toEqual(bits(runModel(model, ids[i])));
    });
    expect(runs[2].layers.at(-1)!.hidden).toBe(runs[2].hidden);
    expect(runs[2].expected.at(-1)! > 0.5).not.toBe(runs[3].expected.at(-1)! > 0.5);
    // One after another too, as keystrokes come.
    for (const id of ids.slice(0, 3)) expect(bits(await runner.run(id))).toEqual(bits(runModel(model, id)));
    expect(runner.inWorker).toBe(true);
  });

  it('leaves the page responsive while a long text runs', async () => {
    const { model, vocabulary } = await demoModel();
    const runner = runnerOf(model);
    const review = 'A slow start, but the ending is wonderful and the music stays with you for days. ';
    const ids = vocabulary.encode(tokenize(review.repeat(120)));
    await runner.run(ids.slice(0, 5)); // the worker is up
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const run = await runner.run(ids);
    clearInterval(ticker);
    // Inline, the run would hold the thread from the call to the answer: no tick at all.
    expect(ticks).toBeGreaterThan(0);
    expect(bits(run)).toEqual(bits(runModel(model, ids)));
  });

  it('rejects with an AbortError when the signal aborts, and drops that answer', async () => {
    const { model, vocabulary } = await demoModel();
    const runner = runnerOf(model);
    const first = vocabulary.encode(tokenize('Not good at all.'));
    const second = vocabulary.encode(tokenize('Not bad at all.'));
    const controller = new AbortController();
    const aborted = runner.run(first, controller.signal);
    const next = runner.run(second);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(bits(await next)).toEqual(bits(runModel(model, second)));
    // Aborted while the worker computes it: rejected at once, the next run still gets its own answer.
    const long = vocabulary.encode(tokenize('Not good at all, not once. '.repeat(300)));
    const during = new AbortController();
    const running = runner.run(long, during.signal);
    const after = runner.run(first);
    await new Promise((resolve) => setTimeout(resolve, 5));
    during.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(bits(await after)).toEqual(bits(runModel(model, first)));
  });

  it('rejects runs after dispose, and those pending', async () => {
    const { model, vocabulary } = await demoModel();
    const runner = runnerOf(model);
    const ids = vocabulary.encode(tokenize('Fine.'));
    await runner.run(ids);
    const pending = runner.run(ids);
    runner.dispose();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(runner.run(ids)).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  it('passes runModel’s error for ids out of range from the worker, and keeps answering', async () => {
    const { model } = await demoModel();
    const runner = runnerOf(model);
    const refused = runner.run([1, model.vocabularySize, 2]).catch((error: unknown) => error);
    let expected: unknown;
    try {
      runModel(model, [1, model.vocabularySize, 2]);
    } catch (error) {
      expected = error;
    }
    expect(await refused).toMatchObject({
      name: 'StatescopeError',
      message: (expected as Error).message,
      field: 'tokenIds',
      step: 1,
    });
    expect(runner.inWorker).toBe(true);
    expect(bits(await runner.run([1, 2]))).toEqual(bits(runModel(model, [1, 2])));
  });
});

describe('ModelRunner where the worker is refused', () => {
  it('runs inline when creating the Worker throws', async () => {
    globalThis.Worker = class {
      constructor() {
        throw new DOMException('Refused by the content security policy', 'SecurityError');
      }
    } as unknown as typeof Worker;
    const model = createGru({ vocabularySize: 20, embeddingDim: 4, hiddenDim: 6, classCount: 2, seed: 3 });
    const runner = runnerOf(model);
    expect(runner.inWorker).toBe(false);
    expect(bits(await runner.run([1, 2, 3]))).toEqual(bits(runModel(model, [1, 2, 3])));
  });

  it('runs inline when the worker fails to start, answering the runs asked meanwhile', async () => {
    // A worker whose script fails as it loads, as a refused or missing script does.
    const failing = URL.createObjectURL(new Blob(['throw new Error("worker refused");'], { type: 'text/javascript' }));
    globalThis.Worker = class extends RealWorker {
      constructor(_url: string | URL, options?: WorkerOptions) {
        super(failing, options);
      }
    };
    const { model, vocabulary } = await demoModel();
    const runner = runnerOf(model);
    expect(runner.inWorker).toBe(true);
    const ids = [vocabulary.encode(tokenize('Loved it.')), vocabulary.encode(tokenize('Loved it, mostly.'))];
    const runs = await Promise.all(ids.map((id) => runner.run(id)));
    expect(runner.inWorker).toBe(false);
    runs.forEach((run, i) => expect(bits(run)).toEqual(bits(runModel(model, ids[i]))));
    URL.revokeObjectURL(failing);
  });
});
