import { SEQUENCE_HIDDEN, sequenceFilter, type LinkBus } from '@statescope/bus';
import { sequencesOfSteps, type StateDataset } from '@statescope/core';

/** Which sequences an export takes: the selected ones, or those with a brushed step. */
export type ExportScope = 'selected' | 'brushed';

/** One exported sequence. */
export interface SequenceRecord {
  /** The sequence's index in the dataset (the `#n` the views show). */
  index: number;
  id: string;
  trueLabel: string;
  predictedLabel: string;
  /** The expected prediction at the sequence's last step, by class name. */
  finalExpectedPrediction: Record<string, number>;
  correct: boolean;
  /** The tokens, joined by spaces. */
  text: string;
}

/**
 * The sequences with a step inside every brush, ascending, leaving out those the class filter
 * hides (as the table does); empty without a brush.
 */
export function brushedSequences(data: StateDataset, bus: LinkBus): Uint32Array {
  const steps = bus.brushed();
  if (!steps || steps.size !== data.stepCount) return new Uint32Array(0);
  const sequences = sequencesOfSteps(data, steps).toArray();
  const level = sequenceFilter(data, bus.filters);
  return sequences.filter((s) => level[s] !== SEQUENCE_HIDDEN);
}

/** The records of the sequences, in the order given. */
export function sequenceRecords(data: StateDataset, sequences: ArrayLike<number>): SequenceRecord[] {
  const { classes, classCount, labels, predictions, offsets, expectedPredictions } = data;
  return Array.from(sequences, (s) => {
    const last = offsets[s + 1] - 1;
    return {
      index: s,
      id: data.ids[s],
      trueLabel: classes[labels[s]],
      predictedLabel: classes[predictions[s]],
      // fromEntries defines own properties: a class named "__proto__" stays a class.
      finalExpectedPrediction: Object.fromEntries(
        classes.map((name, c) => [
          name,
          last >= offsets[s] ? roundProbability(expectedPredictions[last * classCount + c]) : NaN,
        ]),
      ),
      correct: labels[s] === predictions[s],
      text: data.tokensOf(s).join(' '),
    };
  });
}

/** A stored float32 probability as the decimal a reader expects (0.9, not 0.8999999761581421). */
function roundProbability(p: number): number {
  return Number(p.toPrecision(6));
}

/**
 * The records as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted,
 * quotes doubled), one row per sequence under a header: index, id, true label, predicted label,
 * the final expected prediction of each class, correct, text. Text cells that a spreadsheet would
 * run as a formula (starting with = + - @, a tab or a carriage return) start with a ' instead.
 */
export function recordsToCsv(classes: readonly string[], records: readonly SequenceRecord[]): string {
  const header = [
    'index',
    'id',
    'true label',
    'predicted label',
    ...classes.map((c) => `final p(${c})`),
    'correct',
    'text',
  ];
  const rows = records.map((r) => [
    r.index,
    r.id,
    r.trueLabel,
    r.predictedLabel,
    ...classes.map((c) => r.finalExpectedPrediction[c]),
    r.correct,
    r.text,
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One CSV field: text guarded against formulas and quoted when needed; numbers and booleans as they are. */
export function csvCell(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The records as JSON: the dataset's name, its classes, what was exported, and one object per sequence. */
export function recordsToJson(
  dataset: string,
  classes: readonly string[],
  scope: ExportScope,
  records: readonly SequenceRecord[],
): string {
  return JSON.stringify({ dataset, classes, exported: scope, sequences: records }, null, 2) + '\n';
}
