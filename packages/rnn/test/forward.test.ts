import { describe, expect, it } from 'vitest';
import { RnnModel, runModel, predictLast } from '@statescope/rnn';

// A model with one embedding dimension and one unit, small enough to compute by hand:
// the expected values below were worked out step by step from the equations (see comments),
// independently of this package's loops.
function tinyModel(kind: 'lstm' | 'gru'): RnnModel {
  const model = new RnnModel({ kind, vocabularySize: 2, embeddingDim: 1, hiddenDim: 1, classCount: 2 });
  model.group('embedding').set([0.5, -1.0]);
  if (kind === 'lstm') {
    // Rows i, f, g, o.
    model.group('inputWeights').set([0.3, -0.2, 0.8, 0.1]);
    model.group('recurrentWeights').set([0.4, 0.5, -0.6, 0.2]);
    model.group('bias').set([0.1, 1.0, 0.0, -0.1]);
  } else {
    // Rows r, z, n; recurrentBias is b_hn inside r * (W_hn h + b_hn).
    model.group('inputWeights').set([0.3, -0.4, 0.9]);
    model.group('recurrentWeights').set([0.5, 0.25, -0.7]);
    model.group('bias').set([0.1, -0.2, 0.05]);
    model.group('recurrentBias').set([0.3]);
  }
  model.group('outputWeights').set([-1.5, 2.0]);
  model.group('outputBias').set([0.2, -0.1]);
  return model;
}

describe('forward pass of a one-unit model against hand-computed values', () => {
  it('LSTM: i = s(wx x + wh h + b), c = f c + i g, h = o tanh(c), p = softmax(W h + b)', () => {
    // Step 1, token 1 (x = -1): z = (-0.2, 1.2, -0.8, -0.2); i = 0.450166, f = 0.768525,
    // g = -0.664037, o = 0.450166; c = -0.298927; h = 0.450166 * tanh(c) = -0.130697;
    // logits (0.396045, -0.361394): p(positive) = 0.319203.
    // Step 2, token 0 (x = 0.5): z = (0.197721, 0.834651, 0.478418, -0.076139);
    // c = 0.035959, h = 0.017288, p(positive) = 0.440411.
    const run = runModel(tinyModel('lstm'), [1, 0]);
    const expectedH = [-0.13069676804493383, 0.017287875956941638];
    const expectedC = [-0.2989267785090101, 0.03595893747267942];
    const expectedP = [0.3192026128545197, 0.4404114361459566];
    for (let t = 0; t < 2; t++) {
      expect(run.hidden[t]).toBeCloseTo(expectedH[t], 6);
      expect(run.cell![t]).toBeCloseTo(expectedC[t], 6);
      expect(run.expected[2 * t + 1]).toBeCloseTo(expectedP[t], 6);
      expect(run.expected[2 * t]).toBeCloseTo(1 - expectedP[t], 6);
    }
  });

  it('GRU: r, z = s(...), n = tanh(wx x + b + r (wh h + b_hn)), h = (1 - z) n + z h', () => {
    // Step 1 (x = -1, h = 0): r = s(-0.2), z = s(0.2) = 0.549834, n = tanh(-0.85 + r * 0.3)
    // = -0.613772; h = (1 - z) n = -0.276299; p(positive) = 0.219763.
    // Step 2 (x = 0.5): h = 0.288215, p(positive) = 0.670125.
    const run = runModel(tinyModel('gru'), [1, 0]);
    expect(run.cell).toBeUndefined();
    expect(run.hidden[0]).toBeCloseTo(-0.2762991043206545, 6);
    expect(run.hidden[1]).toBeCloseTo(0.2882148371556385, 6);
    expect(run.expected[1]).toBeCloseTo(0.2197631991787141, 6);
    expect(run.expected[3]).toBeCloseTo(0.6701253233452383, 6);
  });

  it('predictLast gives the last step of runModel', () => {
    for (const kind of ['lstm', 'gru'] as const) {
      const model = tinyModel(kind);
      const run = runModel(model, [1, 0, 0, 1]);
      const last = predictLast(model, [1, 0, 0, 1]);
      expect(last[0]).toBeCloseTo(run.expected[6], 6);
      expect(last[1]).toBeCloseTo(run.expected[7], 6);
      expect(model.run([1, 0, 0, 1])).toEqual(run);
    }
  });

  it('rejects token ids outside the vocabulary, naming the step', () => {
    const model = tinyModel('lstm');
    expect(() => runModel(model, [0, 2])).toThrow(/step 1.*token id 2/);
    expect(() => runModel(model, [0.5])).toThrow(/step 0/);
    expect(() => runModel(model, [])).toThrow(/at least one token/);
  });
});
