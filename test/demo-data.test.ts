// Acceptance tests of the committed demo datasets (npm run data): sizes, accuracies, and that the
// committed weights reproduce the committed states.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset, type StateDataset } from '@statescope/core';
import { loadWeights, runModel, Vocabulary, Workspace, type RnnModel, type WeightManifest } from '@statescope/rnn';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', 'data');

interface TestSplit {
  ids: string[];
  labels: string;
  predictions: string;
}

interface Demo {
  name: string;
  minSequences: number;
  minTestCount: number;
  minAccuracy: number;
  minHidden: number;
  minTrain: number;
  classes: string[];
}

const demos: Demo[] = [
  {
    name: 'imdb',
    minSequences: 1000,
    minTestCount: 5000,
    minAccuracy: 0.82,
    minHidden: 64,
    minTrain: 20_000,
    classes: ['negative', 'positive'],
  },
  {
    name: 'reuters',
    minSequences: 500,
    minTestCount: 500,
    minAccuracy: 0.88,
    minHidden: 20,
    minTrain: 1000,
    classes: ['earn', 'acq', 'crude', 'money-fx', 'grain'],
  },
];

/** max |value| of every unit over all steps: the int8 bound of a unit is this / 254. */
function unitMaxima(values: Float32Array, dim: number): Float64Array {
  const out = new Float64Array(dim);
  for (let i = 0; i < values.length; i++) out[i % dim] = Math.max(out[i % dim], Math.abs(values[i]));
  return out;
}

/** Largest |a - b| of a unit divided by that unit's int8 bound (<= 1 means within the bound). */
function worstRatio(recomputed: Float32Array, stored: Float32Array, offset: number, maxima: Float64Array): number {
  const dim = maxima.length;
  let worst = 0;
  for (let i = 0; i < recomputed.length; i++) {
    const bound = maxima[i % dim] / 254 + 1e-6; // + float32 rounding of the dequantised value
    worst = Math.max(worst, Math.abs(recomputed[i] - stored[offset + i]) / bound);
  }
  return worst;
}

describe.each(demos)('demo dataset $name', (demo) => {
  // Loaded once, on first use (a missing file then fails the tests of this dataset only).
  let pending: Promise<{ dataset: StateDataset; model: RnnModel; manifest: WeightManifest }> | undefined;
  const load = () =>
    (pending ??= (async () => {
      const dataset = await loadDataset(join(DATA, `${demo.name}.json`));
      const weights = await loadWeights(join(DATA, `${demo.name}.model.json`));
      return { dataset, ...weights };
    })());
  let dataset: StateDataset;
  let model: RnnModel;
  let manifest: WeightManifest;

  it('loads with enough sequences, the right classes, states, PCA and t-SNE projections', async () => {
    ({ dataset, model, manifest } = await load());
    expect(dataset.sequenceCount).toBeGreaterThanOrEqual(demo.minSequences);
    expect(dataset.classes).toEqual(demo.classes);
    expect(manifest.classes).toEqual(demo.classes);
    const layer = dataset.layer('lstm');
    expect(layer.dim).toBe(model.hiddenDim);
    expect(model.hiddenDim).toBeGreaterThanOrEqual(demo.minHidden);
    expect(layer.cell).toBeDefined();
    for (const name of ['pca', 'tsne']) {
      const coordinates = dataset.projection(name);
      expect(coordinates, name).toBeInstanceOf(Float32Array);
      // A real layout, not a collapsed one: the points spread in both axes.
      for (const axis of [0, 1]) {
        let min = Infinity;
        let max = -Infinity;
        for (let i = axis; i < coordinates!.length; i += 2) {
          min = Math.min(min, coordinates![i]);
          max = Math.max(max, coordinates![i]);
        }
        expect(max - min, `${name} axis ${axis}`).toBeGreaterThan(1e-3);
      }
    }
    for (let s = 0; s < dataset.sequenceCount; s++) expect(dataset.sequenceLength(s)).toBeLessThanOrEqual(100);
    expect(dataset.metadata.statePrecision).toBe('int8');
  });

  it('states an accuracy on the whole test split that the stored predictions reproduce and that meets the target', async () => {
    ({ dataset } = await load());
    const split = dataset.metadata.testSplit as TestSplit;
    const count = split.ids.length;
    expect(split.labels).toHaveLength(count);
    expect(split.predictions).toHaveLength(count);
    expect(count).toBeGreaterThanOrEqual(demo.minTestCount);
    let correct = 0;
    for (let i = 0; i < count; i++) if (split.labels[i] === split.predictions[i]) correct++;
    expect(correct / count).toBe(dataset.metadata.accuracy);
    expect(dataset.metadata.accuracy).toBeGreaterThanOrEqual(demo.minAccuracy);
    const sizes = dataset.metadata.split as { train: number; test: number };
    expect(sizes.train).toBeGreaterThanOrEqual(demo.minTrain);
    expect(sizes.test).toBe(count);
  });

  it('exports test texts whose labels and predictions are those of the test split', async () => {
    ({ dataset } = await load());
    const split = dataset.metadata.testSplit as TestSplit;
    const position = new Map(split.ids.map((id, i) => [id, i]));
    let correct = 0;
    for (let s = 0; s < dataset.sequenceCount; s++) {
      const i = position.get(dataset.ids[s]);
      expect(i, dataset.ids[s]).toBeDefined();
      expect(dataset.labels[s]).toBe(Number(split.labels[i!]));
      expect(dataset.predictions[s]).toBe(Number(split.predictions[i!]));
      if (dataset.labels[s] === dataset.predictions[s]) correct++;
    }
    expect(dataset.accuracy()).toBe(correct / dataset.sequenceCount);
  });

  it('reproduces the stored states (within the int8 bound), expected predictions and predictions from the weights', async () => {
    ({ dataset, model, manifest } = await load());
    const vocabulary = new Vocabulary(manifest.vocabulary!);
    const layer = dataset.layer('lstm');
    const dim = layer.dim;
    const hiddenMax = unitMaxima(layer.hidden, dim);
    const cellMax = unitMaxima(layer.cell!, dim);
    const C = dataset.classCount;
    const ws = new Workspace(model);
    // Every sequence of the small Reuters export; every fourth IMDB review keeps the test quick.
    const stride = dataset.sequenceCount > 500 ? 4 : 1;
    let worst = 0;
    let checked = 0;
    for (let s = 0; s < dataset.sequenceCount; s += stride) {
      const run = runModel(model, vocabulary.encode(dataset.tokensOf(s)), ws);
      const first = dataset.offsets[s];
      worst = Math.max(worst, worstRatio(run.hidden, layer.hidden, first * dim, hiddenMax));
      worst = Math.max(worst, worstRatio(run.cell!, layer.cell!, first * dim, cellMax));
      const steps = dataset.sequenceLength(s);
      for (let i = 0; i < steps * C; i++) {
        expect(Math.abs(run.expected[i] - dataset.expectedPredictions[first * C + i])).toBeLessThanOrEqual(1e-6);
      }
      const last = run.expected.subarray((steps - 1) * C);
      let best = 0;
      for (let c = 1; c < C; c++) if (last[c] > last[best]) best = c;
      expect(best).toBe(dataset.predictions[s]);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(Math.floor(dataset.sequenceCount / stride));
    expect(worst).toBeLessThanOrEqual(1);
    // The bound is not vacuous: int8 storage does lose something, but at most half a step.
    expect(worst).toBeGreaterThan(0);
  }, 60_000);

  it('runs the float32 weights deterministically', async () => {
    ({ dataset, model, manifest } = await load());
    const ids = new Vocabulary(manifest.vocabulary!).encode(dataset.tokensOf(0));
    const a = runModel(model, ids);
    const b = runModel(model, ids, new Workspace(model));
    expect(b.hidden).toEqual(a.hidden);
    expect(b.cell).toEqual(a.cell);
    expect(b.expected).toEqual(a.expected);
  });

  it('ships a tiny fixture that the weights reproduce exactly', async () => {
    ({ model, manifest } = await load());
    const path = join(DATA, 'fixture', `tiny-${demo.name}.json`);
    expect(statSync(path).size).toBeLessThan(300_000);
    const fixture = await loadDataset(path);
    expect(fixture.sequenceCount).toBeLessThanOrEqual(20);
    expect(new Set(fixture.labels).size).toBe(demo.classes.length);
    const vocabulary = new Vocabulary(manifest.vocabulary!);
    const layer = fixture.layer('lstm');
    for (let s = 0; s < fixture.sequenceCount; s++) {
      const run = runModel(model, vocabulary.encode(fixture.tokensOf(s)));
      const from = fixture.offsets[s];
      const to = fixture.offsets[s + 1];
      expect(layer.hidden.subarray(from * layer.dim, to * layer.dim)).toEqual(run.hidden);
      if (layer.cell) expect(layer.cell.subarray(from * layer.dim, to * layer.dim)).toEqual(run.cell);
      expect(fixture.expectedPredictions.subarray(from * fixture.classCount, to * fixture.classCount)).toEqual(
        run.expected,
      );
    }
  });
});

describe('demo data size', () => {
  it('keeps the committed outputs under 30 MB together', () => {
    const files = [
      ...readdirSync(DATA)
        .filter((f) => /\.(json|bin)$/.test(f) && f !== 'tsconfig.json')
        .map((f) => join(DATA, f)),
      ...readdirSync(join(DATA, 'fixture')).map((f) => join(DATA, 'fixture', f)),
    ];
    const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(bytes).toBeLessThanOrEqual(30e6);
  });
});
