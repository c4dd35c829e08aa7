import { describe, expect, it } from 'vitest';
import { StatescopeError } from '@statescope/core';
import {
  createModel,
  decodeWeights,
  encodeWeights,
  evaluate,
  RnnModel,
  runModel,
  runToDataset,
  sequenceGradient,
  seededRandom,
  train,
  Workspace,
  type RnnKind,
  type WeightManifest,
} from '@statescope/rnn';

const sizes = { vocabularySize: 7, embeddingDim: 3, hiddenDim: 4, classCount: 3 };
const tokenIds = [1, 4, 2, 6, 0, 5, 3];

/** A stacked model with every parameter random in [-0.9, 0.9], so that every term matters. */
function stackedModel(kind: RnnKind, layers: number): RnnModel {
  const model = createModel(kind, { ...sizes, layers, seed: 3 });
  const random = seededRandom(17);
  for (let i = 0; i < model.parameters.length; i++) model.parameters[i] = (2 * random() - 1) * 0.9;
  return model;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** row j of a row-major matrix times x. */
function rowDot(matrix: Float32Array, row: number, x: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += matrix[row * x.length + k] * x[k];
  return s;
}

/**
 * One recurrent layer written straight from the equations (README), one step and one unit at a
 * time, apart from the package's loops: the reference the stacked forward pass is held to.
 */
function referenceLayer(model: RnnModel, layer: number, inputs: number[][]): { h: number[][]; c: number[][] } {
  const suffix = layer === 0 ? '' : `.${layer}`;
  const wx = model.group(`inputWeights${suffix}`);
  const wh = model.group(`recurrentWeights${suffix}`);
  const b = model.group(`bias${suffix}`);
  const H = model.hiddenDim;
  let h = new Array<number>(H).fill(0);
  let c = new Array<number>(H).fill(0);
  const out = { h: [] as number[][], c: [] as number[][] };
  for (const x of inputs) {
    const nextH: number[] = [];
    const nextC: number[] = [];
    for (let k = 0; k < H; k++) {
      const pre = (gate: number) => b[gate * H + k] + rowDot(wx, gate * H + k, x) + rowDot(wh, gate * H + k, h);
      if (model.kind === 'lstm') {
        const cell = sigmoid(pre(1)) * c[k] + sigmoid(pre(0)) * Math.tanh(pre(2));
        nextC.push(cell);
        nextH.push(sigmoid(pre(3)) * Math.tanh(cell));
      } else {
        const bhn = model.group(`recurrentBias${suffix}`);
        const r = sigmoid(pre(0));
        const z = sigmoid(pre(1));
        const n = Math.tanh(b[2 * H + k] + rowDot(wx, 2 * H + k, x) + r * (rowDot(wh, 2 * H + k, h) + bhn[k]));
        nextH.push((1 - z) * n + z * h[k]);
      }
    }
    h = nextH;
    c = nextC;
    out.h.push(h);
    out.c.push(c);
  }
  return out;
}

describe.each(['lstm', 'gru'] as const)('stacked %s layers', (kind) => {
  it('lays out layer 0 under the one-layer names and suffixes the further layers, before the head', () => {
    const one = new RnnModel({ kind, ...sizes });
    const three = new RnnModel({ kind, ...sizes, layers: 3 });
    const names = three.layout.map((g) => g.name);
    const perLayer = kind === 'gru' ? 4 : 3;
    expect(names.slice(0, 1 + perLayer)).toEqual(one.layout.slice(0, 1 + perLayer).map((g) => g.name));
    expect(names).toContain('inputWeights.2');
    expect(names.slice(-2)).toEqual(['outputWeights', 'outputBias']);
    expect(names).toHaveLength(1 + 3 * perLayer + 2);
    const gates = (kind === 'lstm' ? 4 : 3) * sizes.hiddenDim;
    // Layers above the first read the layer below: hidden x hidden input weights.
    expect(three.groupInfo('inputWeights').columns).toBe(sizes.embeddingDim);
    expect(three.groupInfo('inputWeights.1')).toMatchObject({ rows: gates, columns: sizes.hiddenDim });
    expect(three.groupInfo('bias.2')).toMatchObject({ rows: 1, columns: gates });
    expect(one.layers).toBe(1);
    expect(three.shape.layers).toBe(3);
  });

  it('runs every layer as the equations say, each layer reading the h_t of the one below', () => {
    const model = stackedModel(kind, 3);
    const run = runModel(model, tokenIds);
    const E = model.embeddingDim;
    const embedding = model.group('embedding');
    let inputs = tokenIds.map((id) => Array.from(embedding.subarray(id * E, (id + 1) * E)));
    expect(run.layers).toHaveLength(3);
    for (let layer = 0; layer < 3; layer++) {
      const reference = referenceLayer(model, layer, inputs);
      const states = run.layers[layer];
      for (let t = 0; t < tokenIds.length; t++) {
        for (let k = 0; k < model.hiddenDim; k++) {
          expect(states.hidden[t * model.hiddenDim + k]).toBeCloseTo(reference.h[t][k], 6);
          if (kind === 'lstm') expect(states.cell![t * model.hiddenDim + k]).toBeCloseTo(reference.c[t][k], 6);
        }
      }
      if (kind === 'gru') expect(states.cell).toBeUndefined();
      inputs = reference.h;
    }
    // The top layer is what `hidden` / `cell` hold and what the head reads.
    expect(run.hidden).toBe(run.layers[2].hidden);
    expect(run.cell).toBe(run.layers[2].cell);
    const top = run.layers[2].hidden;
    const lastStep = tokenIds.length - 1;
    const wo = model.group('outputWeights');
    const bo = model.group('outputBias');
    const logits = [0, 1, 2].map((c) => bo[c] + rowDot(wo, c, top.subarray(lastStep * 4, lastStep * 4 + 4)));
    const total = logits.reduce((s, z) => s + Math.exp(z), 0);
    for (let c = 0; c < 3; c++) expect(run.expected[lastStep * 3 + c]).toBeCloseTo(Math.exp(logits[c]) / total, 6);
  });

  it('gives a one-layer model the same bits as before stacking: layer 0 of a stack equals it', () => {
    const stacked = stackedModel(kind, 2);
    const single = new RnnModel({ kind, ...sizes });
    for (const group of single.layout) single.group(group.name).set(stacked.group(group.name));
    const alone = runModel(single, tokenIds);
    expect(alone.layers).toHaveLength(1);
    expect(alone.layers[0].hidden).toBe(alone.hidden);
    expect(runModel(stacked, tokenIds).layers[0].hidden).toEqual(alone.hidden);
  });

  it('reuses a workspace across sequences of different lengths with the same bits', () => {
    const model = stackedModel(kind, 2);
    const ws = new Workspace(model);
    runModel(model, [6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6], ws);
    const reused = runModel(model, tokenIds, ws);
    const fresh = runModel(model, tokenIds);
    expect(reused.layers[0].hidden).toEqual(fresh.layers[0].hidden);
    expect(reused.layers[1].hidden).toEqual(fresh.layers[1].hidden);
    expect(reused.expected).toEqual(fresh.expected);
  });

  it('writes one dataset layer per recurrent layer, named <name>.<index>, bottom to top', () => {
    const model = stackedModel(kind, 2);
    const sequences = [
      { tokens: ['a', 'b', 'c'], tokenIds: [1, 2, 3], label: 0 },
      { tokens: ['d', 'e'], tokenIds: [4, 5], label: 2 },
    ];
    const classes = ['x', 'y', 'z'];
    const ds = runToDataset(model, sequences, { classes });
    expect(ds.layers.map((l) => l.name)).toEqual([`${kind}.0`, `${kind}.1`]);
    const second = runModel(model, [4, 5]);
    for (let l = 0; l < 2; l++) {
      expect(ds.layers[l].hidden.subarray(3 * 4)).toEqual(second.layers[l].hidden);
      if (kind === 'lstm') expect(ds.layers[l].cell!.subarray(3 * 4)).toEqual(second.layers[l].cell);
      else expect(ds.layers[l].cell).toBeUndefined();
    }
    expect(ds.expectedPredictions.subarray(3 * 3)).toEqual(second.expected);
    const named = runToDataset(model, sequences, { classes, layerName: 'encoder' });
    expect(named.layers.map((l) => l.name)).toEqual(['encoder.0', 'encoder.1']);
  });

  it('round-trips through the weight format, which states the layer count only when above 1', () => {
    const model = stackedModel(kind, 2);
    const { manifest, binary } = encodeWeights(model);
    expect(manifest.layers).toBe(2);
    expect(manifest.weights.parameters.map((p) => p.name)).toEqual(model.layout.map((g) => g.name));
    const decoded = decodeWeights(JSON.parse(JSON.stringify(manifest)) as WeightManifest, binary);
    expect(decoded.layers).toBe(2);
    expect(decoded.parameters).toEqual(model.parameters);
    expect(runModel(decoded, tokenIds).layers[0].hidden).toEqual(runModel(model, tokenIds).layers[0].hidden);
    // Without `layers` the manifest describes one layer, whose blob is smaller: refused, not misread.
    const { layers: _dropped, ...withoutLayers } = manifest;
    expect(() => decodeWeights(withoutLayers as WeightManifest, binary)).toThrow(/bytes/);
    expect(() => decodeWeights({ ...manifest, layers: 0 }, binary)).toThrow(/"layers"/);
    expect('layers' in encodeWeights(new RnnModel({ kind, ...sizes })).manifest).toBe(false);
  });

  it('refuses to train a stacked model, naming the field', () => {
    const model = stackedModel(kind, 2);
    const gradient = new Float64Array(model.parameters.length);
    expect(() => sequenceGradient(model, tokenIds, 0, gradient, new Workspace(model))).toThrow(StatescopeError);
    expect(() => sequenceGradient(model, tokenIds, 0, gradient, new Workspace(model))).toThrow(/"layers".*one/);
    expect(() => train(model, { tokenIds: [tokenIds], labels: [0] }, { epochs: 1 })).toThrow(/"layers"/);
    // Running and evaluating need no gradients: they work.
    expect(evaluate(model, [tokenIds], [0]).count).toBe(1);
  });
});

describe('layer count validation', () => {
  it('takes only a positive integer', () => {
    for (const layers of [0, -1, 1.5, Number.NaN]) {
      expect(() => new RnnModel({ kind: 'lstm', ...sizes, layers })).toThrow(/"layers"/);
    }
  });
});
