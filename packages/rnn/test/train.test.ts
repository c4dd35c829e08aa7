import { describe, expect, it } from 'vitest';
import { Adam, createModel, evaluate, seededRandom, train } from '@statescope/rnn';

/** Label 1 when token 1 occurs anywhere in the sequence: the model must remember it to the end. */
function containsOne(seed: number, count: number): { tokenIds: Uint32Array[]; labels: number[] } {
  const random = seededRandom(seed);
  const tokenIds: Uint32Array[] = [];
  const labels: number[] = [];
  for (let s = 0; s < count; s++) {
    const ids = Uint32Array.from({ length: 4 + Math.floor(random() * 9) }, () => 2 + Math.floor(random() * 8));
    const positive = random() < 0.5;
    if (positive) ids[Math.floor(random() * ids.length)] = 1;
    tokenIds.push(ids);
    labels.push(positive ? 1 : 0);
  }
  return { tokenIds, labels };
}

describe.each(['lstm', 'gru'] as const)('%s training', (kind) => {
  it('learns to remember a token across a sequence', () => {
    const model = createModel(kind, { vocabularySize: 10, embeddingDim: 4, hiddenDim: 8, classCount: 2, seed: 1 });
    const test = containsOne(2, 200);
    const before = evaluate(model, test.tokenIds, test.labels).accuracy;
    const reports = train(model, containsOne(1, 400), { epochs: 12, batchSize: 16, learningRate: 1e-2, seed: 4 });
    expect(reports).toHaveLength(12);
    expect(reports[11].loss).toBeLessThan(reports[0].loss);
    const after = evaluate(model, test.tokenIds, test.labels);
    expect(after.accuracy).toBeGreaterThan(0.95);
    expect(after.accuracy).toBeGreaterThan(before);
    expect(after.predictions).toHaveLength(200);
  });
});

describe('train and evaluate input checks', () => {
  const model = createModel('lstm', { vocabularySize: 4, embeddingDim: 2, hiddenDim: 2, classCount: 2 });
  it('rejects mismatched labels and bad epochs', () => {
    expect(() => train(model, { tokenIds: [[1]], labels: [] }, { epochs: 1 })).toThrow(/one label per sequence/);
    expect(() => train(model, { tokenIds: [[1]], labels: [0] }, { epochs: 0 })).toThrow(/epochs/);
    expect(() => train(model, { tokenIds: [[1]], labels: [0] }, { epochs: 1, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => train(model, { tokenIds: [[1]], labels: [0] }, { epochs: 1, batchSize: 0.5 })).toThrow(/batchSize/);
    expect(() => evaluate(model, [[1]], [0, 1])).toThrow(/one label per sequence/);
  });
});

describe('Adam', () => {
  it('takes a first step of learning-rate size against the gradient sign', () => {
    const adam = new Adam(3, { learningRate: 0.1 });
    const p = new Float32Array([1, 1, 1]);
    adam.step(p, new Float64Array([2, -0.5, 0]));
    // m_hat = g, v_hat = g^2: step = lr * g / |g| (0 for g = 0)
    expect(p[0]).toBeCloseTo(0.9, 6);
    expect(p[1]).toBeCloseTo(1.1, 6);
    expect(p[2]).toBe(1);
    expect(adam.steps).toBe(1);
  });

  it('minimises a quadratic', () => {
    const adam = new Adam(1, { learningRate: 0.05 });
    const p = new Float32Array([3]);
    for (let i = 0; i < 500; i++) adam.step(p, new Float64Array([2 * (p[0] - 1)]));
    expect(p[0]).toBeCloseTo(1, 2);
  });
});
