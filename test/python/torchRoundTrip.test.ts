// PyTorch -> Statescope round trip: make_torch_models.py trains small nn.LSTM / nn.GRU models for
// seconds, exports them with python/statescope_export.py and writes PyTorch's reference states;
// here @statescope/core must load the exported states as PyTorch computed them (1e-6) and
// @statescope/rnn must reproduce them from the exported weights (1e-5).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDataset, type StateDataset } from '@statescope/core';
import { loadWeights, runToDataset, Vocabulary } from '@statescope/rnn';
import { describeWithPython, ROOT, runPython } from './python.js';

interface ModelSummary {
  name: string;
  kind: 'lstm' | 'gru';
  layers: number;
  batchFirst: boolean;
  headOutputs: number;
  classes: string[];
  tokenIds: number[][];
  labels: number[];
  predictions: number[];
  accuracy: number;
  chance: number;
  reference: { hidden: string[]; cell: string[]; expected: string };
}

/** The models the script makes (see its docstring). */
const MODELS = [
  { name: 'lstm2', kind: 'lstm', layers: 2, batchFirst: false, headOutputs: 3 },
  { name: 'gru1', kind: 'gru', layers: 1, batchFirst: true, headOutputs: 3 },
  { name: 'gru2sigmoid', kind: 'gru', layers: 2, batchFirst: false, headOutputs: 1 },
] as const;

/** A little-endian float32 C-order .npy file, as np.save writes it (read here apart from core). */
function readNpyFloat32(path: string): { shape: number[]; data: Float32Array } {
  const bytes = readFileSync(path);
  const major = bytes[6];
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLength;
  const header = bytes.subarray(major === 1 ? 10 : 12, start).toString('latin1');
  if (!header.includes("'descr': '<f4'") || !header.includes("'fortran_order': False")) {
    throw new Error(`${path}: not a little-endian float32 C-order array: ${header}`);
  }
  const shape = /'shape': \(([^)]*)\)/
    .exec(header)![1]
    .split(',')
    .filter((part) => part.trim() !== '')
    .map(Number);
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.length));
  return { shape, data };
}

/** The largest |a - b| and where (row = global step), after checking the sizes agree. */
function worstDifference(actual: Float32Array, expected: Float32Array, width: number) {
  expect(actual.length).toBe(expected.length);
  let worst = { value: 0, row: -1, column: -1 };
  for (let i = 0; i < actual.length; i++) {
    const value = Math.abs(actual[i] - expected[i]);
    if (!(value <= worst.value)) worst = { value, row: Math.floor(i / width), column: i % width };
  }
  return worst;
}

function expectClose(actual: Float32Array, expected: Float32Array, width: number, tolerance: number, what: string) {
  const worst = worstDifference(actual, expected, width);
  expect(
    worst.value,
    `${what}: |difference| ${worst.value} at step ${worst.row}, column ${worst.column}`,
  ).toBeLessThanOrEqual(tolerance);
}

describeWithPython('PyTorch models exported with python/statescope_export.py', () => {
  let dir: string;
  let summaries: Map<string, ModelSummary>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'statescope-torch-'));
    const { code, output } = await runPython([join(ROOT, 'test/python/make_torch_models.py'), dir], 150_000);
    if (code !== 0) throw new Error(`make_torch_models.py exited with ${code}:\n${output}`);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { models: ModelSummary[] };
    summaries = new Map(summary.models.map((model) => [model.name, model]));
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const reference = (file: string) => readNpyFloat32(join(dir, file)).data;

  it('made the models asked for, each trained well above chance (an untrained export cannot pass)', () => {
    for (const expected of MODELS) {
      const model = summaries.get(expected.name)!;
      expect(model, expected.name).toMatchObject(expected);
      expect(model.accuracy, expected.name).toBeGreaterThanOrEqual(0.85);
      expect(model.accuracy, expected.name).toBeGreaterThan(model.chance + 0.4);
    }
  });

  it.each(MODELS.map((m) => m.name))(
    '%s: core loads every hidden and cell state within 1e-6 of PyTorch, with labels and predictions',
    async (name) => {
      const model = summaries.get(name)!;
      const dataset: StateDataset = await loadDataset(join(dir, `${name}.json`));
      expect(dataset.sequenceCount).toBe(model.tokenIds.length);
      expect(dataset.classes).toEqual(model.classes);
      expect(dataset.tokensOf(0)).toEqual(model.tokenIds[0].map((id) => `w${id}`));
      expect(Array.from(dataset.labels)).toEqual(model.labels);
      expect(Array.from(dataset.predictions)).toEqual(model.predictions);
      expect(dataset.accuracy()).toBeCloseTo(model.accuracy, 12);
      expect(dataset.metadata.accuracy).toBe(model.accuracy);
      const names = model.layers === 1 ? [model.kind] : [`${model.kind}.0`, `${model.kind}.1`];
      expect(dataset.layers.map((layer) => layer.name)).toEqual(names);
      dataset.layers.forEach((layer, l) => {
        expectClose(layer.hidden, reference(model.reference.hidden[l]), layer.dim, 1e-6, `${layer.name} h`);
        if (model.kind === 'lstm') {
          expectClose(layer.cell!, reference(model.reference.cell[l]), layer.dim, 1e-6, `${layer.name} c`);
        } else {
          expect(layer.cell).toBeUndefined();
        }
      });
      expect(dataset.classCount).toBe(model.headOutputs === 1 ? 2 : model.headOutputs);
      const expected = reference(model.reference.expected);
      expectClose(dataset.expectedPredictions, expected, dataset.classCount, 1e-6, 'expected predictions');
    },
  );

  it.each(MODELS.map((m) => m.name))(
    '%s: @statescope/rnn runs the exported weights to PyTorch states within 1e-5',
    async (name) => {
      const model = summaries.get(name)!;
      const { model: rnn, manifest } = await loadWeights(join(dir, `${name}.model.json`));
      expect(rnn.kind).toBe(model.kind);
      expect(rnn.layers).toBe(model.layers);
      expect(manifest.classes).toEqual(model.classes);
      const vocabulary = new Vocabulary(manifest.vocabulary!);
      const sequences = model.tokenIds.map((ids, s) => {
        const tokens = ids.map((id) => `w${id}`);
        const tokenIds = vocabulary.encode(tokens);
        expect(Array.from(tokenIds)).toEqual(ids);
        return { tokens, tokenIds, label: model.labels[s] };
      });
      const dataset = runToDataset(rnn, sequences, { classes: model.classes });
      const names = model.layers === 1 ? [model.kind] : [`${model.kind}.0`, `${model.kind}.1`];
      expect(dataset.layers.map((layer) => layer.name)).toEqual(names);
      dataset.layers.forEach((layer, l) => {
        expectClose(layer.hidden, reference(model.reference.hidden[l]), layer.dim, 1e-5, `${layer.name} h`);
        if (model.kind === 'lstm') {
          expectClose(layer.cell!, reference(model.reference.cell[l]), layer.dim, 1e-5, `${layer.name} c`);
        }
      });
      const expected = reference(model.reference.expected);
      expectClose(dataset.expectedPredictions, expected, dataset.classCount, 1e-5, 'expected predictions');
      expect(Array.from(dataset.predictions)).toEqual(model.predictions);
    },
  );
});
