import type { StateDataset } from '@statescope/core';

/** What `statescope info` reports of a dataset; also its `--json` output. */
export interface DatasetDescription {
  /** The file described, as given. */
  file: string;
  /** Number of sequences. */
  sequences: number;
  /** Number of steps of all sequences. */
  steps: number;
  /** Tokens per sequence. */
  sequenceLength: {
    /** The shortest sequence's length. */
    min: number;
    /** The median length (the upper one for an even count). */
    median: number;
    /** The longest sequence's length. */
    max: number;
  };
  /** Each layer of states, bottom to top. */
  layers: {
    /** The layer's name. */
    name: string;
    /** Its number of units. */
    units: number;
    /** Whether it holds cell states (LSTM). */
    cell: boolean;
  }[];
  /** Each class, in class order. */
  classes: {
    /** The class name. */
    name: string;
    /** Sequences whose true class it is. */
    sequences: number;
    /** Sequences predicted as it. */
    predicted: number;
  }[];
  /** Accuracy, recomputed and as stated. */
  accuracy: {
    /** Fraction of the sequences in this file whose prediction equals the label. */
    exported: number;
    /** `metadata.accuracy`: what the producer measured, usually on a larger test set; null if not given. */
    stated: number | null;
  };
  /** Names of the stored 2-D projections. */
  projections: string[];
  /** The dataset's metadata, as given. */
  metadata: Record<string, unknown>;
}

/** What a dataset holds, as `statescope info` reports it; `file` is the name to show. */
export function describeDataset(dataset: StateDataset, file: string): DatasetDescription {
  const lengths = new Uint32Array(dataset.sequenceCount);
  for (let s = 0; s < lengths.length; s++) lengths[s] = dataset.sequenceLength(s);
  lengths.sort();
  const counts = dataset.classCounts();
  const predicted = dataset.predictedClassCounts();
  const stated = dataset.metadata.accuracy;
  return {
    file,
    sequences: dataset.sequenceCount,
    steps: dataset.stepCount,
    sequenceLength: { min: lengths[0], median: lengths[lengths.length >> 1], max: lengths[lengths.length - 1] },
    layers: dataset.layers.map((layer) => ({
      name: layer.name,
      units: layer.dim,
      cell: layer.cellStates !== undefined,
    })),
    classes: dataset.classes.map((name, c) => ({ name, sequences: counts[c], predicted: predicted[c] })),
    accuracy: { exported: dataset.accuracy(), stated: typeof stated === 'number' ? stated : null },
    projections: dataset.projectionNames,
    metadata: { ...dataset.metadata },
  };
}

const count = (n: number) => n.toLocaleString('en');
const shorten = (text: string, most: number) => (text.length > most ? `${text.slice(0, most - 1)}…` : text);
const percent = (fraction: number) => `${(100 * fraction).toFixed(1)} %`;

/** The description as aligned lines of text for a terminal. */
export function formatDescription(d: DatasetDescription): string {
  const { model, accuracy: _stated, ...otherMetadata } = d.metadata;
  const rows: [string, string][] = [
    ['file', d.file],
    ...(typeof model === 'string' ? [['model', model] as [string, string]] : []),
    ['sequences', count(d.sequences)],
    [
      'steps',
      `${count(d.steps)} (tokens per sequence: min ${d.sequenceLength.min}, median ${d.sequenceLength.median}, max ${d.sequenceLength.max})`,
    ],
    ...d.layers.map((layer, i): [string, string] => [
      i === 0 ? 'layers' : '',
      `${layer.name}: ${layer.units} units, hidden${layer.cell ? ' and cell' : ''} states`,
    ]),
    ...d.classes.map((c, i): [string, string] => [
      i === 0 ? 'classes' : '',
      `${c.name}: ${count(c.sequences)} sequences (${count(c.predicted)} predicted)`,
    ]),
    [
      'accuracy',
      `${percent(d.accuracy.exported)} on the ${count(d.sequences)} sequences in this file` +
        (d.accuracy.stated === null ? '' : `; stated by the exporter: ${percent(d.accuracy.stated)}`),
    ],
    ['projections', d.projections.length ? d.projections.join(', ') : 'none (add one: statescope project FILE)'],
    ...Object.entries(otherMetadata).map(([key, value], i): [string, string] => [
      i === 0 ? 'metadata' : '',
      `${key}: ${shorten(JSON.stringify(value), 100)}`,
    ]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n';
}
