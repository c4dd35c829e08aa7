import { describe, expect, it } from 'vitest';
import { createModel, sequenceGradient, seededRandom, Workspace, type RnnKind, type RnnModel } from '@statescope/rnn';

/** Loss of one sequence without touching any gradient. */
function lossOf(model: RnnModel, tokens: number[], label: number): number {
  const scratch = new Float64Array(model.parameters.length);
  return sequenceGradient(model, tokens, label, scratch, new Workspace(model));
}

function smallModel(kind: RnnKind): RnnModel {
  const model = createModel(kind, { vocabularySize: 6, embeddingDim: 3, hiddenDim: 4, classCount: 3, seed: 7 });
  // Non-zero biases and larger weights put the gates away from 0.5, so every term matters.
  const random = seededRandom(11);
  for (let i = 0; i < model.parameters.length; i++) model.parameters[i] = (2 * random() - 1) * 0.9;
  return model;
}

describe.each(['lstm', 'gru'] as const)('%s gradient', (kind) => {
  const tokens = [1, 4, 2, 4, 0, 5, 3, 1];
  const label = 2;

  it('matches central finite differences for every parameter of every group', () => {
    const model = smallModel(kind);
    const analytic = new Float64Array(model.parameters.length);
    sequenceGradient(model, tokens, label, analytic, new Workspace(model));
    const p = model.parameters;
    for (const group of model.layout) {
      let largest = 0;
      for (let i = group.offset; i < group.offset + group.rows * group.columns; i++) {
        const original = p[i];
        p[i] = original + 1e-3;
        const up = p[i]; // rounded to float32: divide by the step actually taken
        const lossUp = lossOf(model, tokens, label);
        p[i] = original - 1e-3;
        const down = p[i];
        const lossDown = lossOf(model, tokens, label);
        p[i] = original;
        const numeric = (lossUp - lossDown) / (up - down);
        expect(Math.abs(numeric - analytic[i]), `${group.name}[${i - group.offset}]`).toBeLessThan(
          2e-6 + 1e-4 * Math.abs(numeric),
        );
        largest = Math.max(largest, Math.abs(analytic[i]));
      }
      // A group whose gradient is silently dropped would pass the comparison only if the loss
      // did not depend on it; make sure every group does matter.
      expect(largest, group.name).toBeGreaterThan(1e-4);
    }
  });

  it('adds to the gradient it is given, scaled by the weight', () => {
    const model = smallModel(kind);
    const once = new Float64Array(model.parameters.length);
    sequenceGradient(model, tokens, label, once, new Workspace(model));
    const twice = new Float64Array(model.parameters.length);
    const ws = new Workspace(model);
    sequenceGradient(model, tokens, label, twice, ws, 0.5);
    sequenceGradient(model, tokens, label, twice, ws, 1.5);
    for (let i = 0; i < once.length; i++) expect(twice[i]).toBeCloseTo(2 * once[i], 12);
  });

  it('handles sequences of one token and sequences longer than four', () => {
    const model = smallModel(kind);
    for (const seq of [[3], [1, 2, 3, 4, 5, 0, 1, 2, 3]]) {
      const analytic = new Float64Array(model.parameters.length);
      sequenceGradient(model, seq, 0, analytic, new Workspace(model));
      const i = model.offsetOf('recurrentWeights') + 5;
      const original = model.parameters[i];
      model.parameters[i] = original + 1e-3;
      const up = model.parameters[i];
      const lossUp = lossOf(model, seq, 0);
      model.parameters[i] = original - 1e-3;
      const down = model.parameters[i];
      const lossDown = lossOf(model, seq, 0);
      model.parameters[i] = original;
      expect(analytic[i]).toBeCloseTo((lossUp - lossDown) / (up - down), 6);
    }
  });

  it('rejects labels and token ids out of range', () => {
    const model = smallModel(kind);
    const g = new Float64Array(model.parameters.length);
    expect(() => sequenceGradient(model, [1, 2], 3, g, new Workspace(model))).toThrow(/label/);
    expect(() => sequenceGradient(model, [1, 6], 0, g, new Workspace(model))).toThrow(/step 1/);
    expect(() => sequenceGradient(model, [], 0, g, new Workspace(model))).toThrow(/at least one token/);
  });
});
