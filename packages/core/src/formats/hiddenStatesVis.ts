import { StateDataset } from '../StateDataset.js';
import type { ByteBudget } from '../ByteBudget.js';
import { ProblemLog, type ProblemListeners } from '../ProblemLog.js';
import { StatescopeError } from '../StatescopeError.js';
import { typeName } from '../validation.js';

/**
 * The JSON written by the paper's reference tool (hiddenStatesVis): per-sequence nested lists.
 * Binary exports hold one-element lists in `actualValues` / `predictions` and one sigmoid value
 * per step in `modelOutputs`; multi-class exports hold plain integers and class distributions.
 */
export interface HiddenStatesVisJson {
  /** Class names. */
  classes: string[];
  /** The tokens of each sequence. */
  texts: string[][];
  /** True class of each sequence. */
  actualValues: (number | [number])[];
  /** Predicted class of each sequence. */
  predictions: (number | [number])[];
  /** Per sequence, per step: one sigmoid output (binary) or a class distribution. */
  modelOutputs: number[][][];
  /** Per sequence, per step: the hidden state. */
  hiddenStates: number[][][];
  /** Per sequence, per step: a 2-D position (read as the `tsne` projection). */
  projection?: number[][][];
  /** e.g. "85.20%" */
  model_accuracy?: string | number;
}

const REQUIRED = ['classes', 'texts', 'actualValues', 'predictions', 'modelOutputs', 'hiddenStates'] as const;

export function isHiddenStatesVisJson(json: unknown): json is HiddenStatesVisJson {
  return typeof json === 'object' && json !== null && REQUIRED.every((key) => key in json);
}

/** Converts a hiddenStatesVis export into a dataset (its projection becomes the "tsne" projection). */
export function readHiddenStatesVis(
  json: HiddenStatesVisJson,
  budget: ByteBudget,
  listeners: ProblemListeners = {},
): StateDataset {
  const problems = new ProblemLog(listeners);
  const texts = json.texts;
  if (!Array.isArray(texts) || texts.length === 0) {
    throw new StatescopeError(`must be a non-empty list of token lists`, { field: 'texts' });
  }
  const sequenceCount = texts.length;
  const lengths = texts.map((tokens, s) => {
    if (!Array.isArray(tokens)) {
      throw new StatescopeError(`must be a list of tokens, got ${typeName(tokens)}`, { field: 'texts', sequence: s });
    }
    return tokens.length;
  });
  const steps = lengths.reduce((a, b) => a + b, 0);

  const hiddenDim = firstWidth(json.hiddenStates, 'hiddenStates');
  const outputDim = firstWidth(json.modelOutputs, 'modelOutputs');
  const classCount = Array.isArray(json.classes) ? json.classes.length : 0;
  if (outputDim !== 1 && outputDim !== classCount) {
    throw new StatescopeError(
      `has ${outputDim} values per step; expected 1 (binary sigmoid) or one per class (${classCount})`,
      { field: 'modelOutputs', sequence: 0, step: 0 },
    );
  }
  const flatten = (field: 'hiddenStates' | 'modelOutputs' | 'projection', width: number, probabilities = false) => {
    budget.take(steps * width * 4, field, `${steps} steps x ${width} values`);
    return flattenPerSequence(json[field], field, lengths, width, steps, problems, probabilities);
  };
  const hidden = flatten('hiddenStates', hiddenDim);
  const outputs = flatten('modelOutputs', outputDim, true);
  const projections: Record<string, Float32Array> = {};
  if (json.projection !== undefined) projections.tsne = flatten('projection', 2);
  const labels = classIndices(json.actualValues, 'actualValues', sequenceCount, classCount, problems);
  const predictions = classIndices(json.predictions, 'predictions', sequenceCount, classCount, problems);
  problems.settle();

  return new StateDataset(
    {
      classes: json.classes,
      tokens: texts,
      labels,
      predictions,
      layers: [{ name: 'hidden', dim: hiddenDim, hidden }],
      expectedPredictions: outputs,
      projections,
      metadata: {
        source: 'hiddenStatesVis',
        ...(json.model_accuracy !== undefined && { accuracy: parseAccuracy(json.model_accuracy) }),
      },
    },
    listeners,
  );
}

function firstWidth(perSequence: unknown, field: string): number {
  const first = Array.isArray(perSequence) && Array.isArray(perSequence[0]) ? perSequence[0][0] : undefined;
  if (!Array.isArray(first) || first.length === 0) {
    throw new StatescopeError('must be a list (per sequence) of lists (per step) of numbers', {
      field,
      sequence: 0,
      step: 0,
    });
  }
  return first.length;
}

/** Concatenates per-sequence, per-step vectors into one steps x width Float32Array, checking every shape. */
function flattenPerSequence(
  perSequence: unknown,
  field: string,
  lengths: number[],
  width: number,
  steps: number,
  problems: ProblemLog,
  probabilities = false,
): Float32Array {
  if (!Array.isArray(perSequence) || perSequence.length !== lengths.length) {
    throw new StatescopeError(
      `has ${Array.isArray(perSequence) ? perSequence.length : 'no'} sequences, "texts" has ${lengths.length}`,
      { field },
    );
  }
  const out = new Float32Array(steps * width);
  let row = 0;
  for (let s = 0; s < lengths.length; s++) {
    const seq: unknown = perSequence[s];
    if (!Array.isArray(seq) || seq.length !== lengths[s]) {
      throw new StatescopeError(
        `has ${Array.isArray(seq) ? seq.length : 'no'} steps, but the text has ${lengths[s]} tokens`,
        { field, sequence: s },
      );
    }
    for (let t = 0; t < seq.length; t++, row++) {
      const vector: unknown = seq[t];
      if (!Array.isArray(vector) || vector.length !== width) {
        throw new StatescopeError(
          `has ${Array.isArray(vector) ? vector.length : 'no'} values, expected ${width} like the first step`,
          { field, sequence: s, step: t },
        );
      }
      for (let k = 0; k < width; k++) {
        const v: unknown = vector[k];
        const location = { field, sequence: s, step: t };
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          problems.report(
            new StatescopeError(`value ${k} is ${describeValue(v)}; values must be finite numbers`, location),
          );
          break; // one problem per step
        }
        if (probabilities && !(v >= -1e-6 && v <= 1 + 1e-6)) {
          problems.report(new StatescopeError(`value ${k} is ${v}; probabilities must lie in [0, 1]`, location));
          break;
        }
        out[row * width + k] = v;
      }
    }
  }
  return out;
}

function classIndices(
  values: unknown,
  field: string,
  sequenceCount: number,
  classCount: number,
  problems: ProblemLog,
): number[] {
  if (!Array.isArray(values) || values.length !== sequenceCount) {
    throw new StatescopeError(`must hold one class per sequence (${sequenceCount})`, { field });
  }
  return values.map((v: unknown, s) => {
    const value = Array.isArray(v) && v.length === 1 ? v[0] : v;
    if (typeof value !== 'number') {
      problems.report(
        new StatescopeError(`must be an integer class index or a one-element list of one, got ${JSON.stringify(v)}`, {
          field,
          sequence: s,
        }),
      );
      return 0;
    }
    const index = Number(value);
    if (!Number.isInteger(index) || index < 0 || index >= classCount) {
      problems.report(
        new StatescopeError(`class index ${index} is out of range; expected an integer in [0, ${classCount - 1}]`, {
          field,
          sequence: s,
        }),
      );
      return 0;
    }
    return index;
  });
}

function parseAccuracy(value: string | number): number {
  const text = String(value).trim();
  const number = parseFloat(text);
  if (!Number.isFinite(number)) {
    throw new StatescopeError(`"${text}" is not an accuracy`, { field: 'model_accuracy' });
  }
  return text.endsWith('%') || number > 1 ? number / 100 : number;
}

/** A value as a message shows it: numbers as numbers (1e999 parses to Infinity, which JSON would print as null). */
function describeValue(value: unknown): string {
  return typeof value === 'number' || value === 'NaN' || value === 'Infinity' || value === '-Infinity'
    ? String(value)
    : JSON.stringify(value);
}
