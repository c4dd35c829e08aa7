// What do single units of the IMDB demo model track? `node --import tsx docs/examples/unitsExample.ts`
// For two token classes (negation words, sentence ends) it finds the unit of h or c whose "on"
// (activation >= threshold, LSTMVis's rule) best marks the class, with the threshold that gives
// the best F1 on the data, and reports how often it is on and its precision and recall; then the
// units most correlated with the expected prediction; then LSTMVis's selection and match query
// made on one real review. Figures are measured, not claimed: a weak detector prints weak numbers.
import { fileURLToPath } from 'node:url';
import {
  UnitMatcher,
  loadDataset,
  orderUnits,
  unitActivations,
  unitPredictionCorrelation,
  unitsOnThroughout,
  type StateDataset,
  type UnitStateKind,
} from '@statescope/core';

/** Token classes: which steps hold such a token. */
export const TOKEN_CLASSES: Record<string, (token: string) => boolean> = {
  negation: (token) => ['not', 'no', 'never', 'nor', 'nothing'].includes(token) || token.endsWith("n't"),
  'sentence end': (token) => token === '.' || token === '!' || token === '?',
};

export interface UnitDetector {
  tokenClass: string;
  state: UnitStateKind;
  unit: number;
  threshold: number;
  /** Steps where the unit is on. */
  onSteps: number;
  /** Steps holding a token of the class. */
  classSteps: number;
  /** Steps where both hold. */
  both: number;
  precision: number;
  recall: number;
}

export interface UnitsReport {
  detectors: UnitDetector[];
  correlated: { state: UnitStateKind; unit: number; r: number }[];
  selection: {
    id: string;
    start: number;
    end: number;
    tokens: string;
    units: number[];
    matches: { id: string; start: number; context: string; matched: string; inClass: boolean }[];
    /** Of the matches, how many are on a token of the class. */
    inClass: number;
  };
}

/** Per token class, the unit (of h or c) whose "on" best marks it, at its best-F1 threshold. */
function bestDetector(dataset: StateDataset, tokenClass: string): UnitDetector {
  const isClass = TOKEN_CLASSES[tokenClass];
  const steps = dataset.stepCount;
  const inClass = new Uint8Array(steps);
  let classSteps = 0;
  for (let t = 0; t < steps; t++) classSteps += inClass[t] = isClass(dataset.token(t)) ? 1 : 0;
  let best: UnitDetector | null = null;
  for (const state of ['hidden', 'cell'] as const) {
    const { values, dim } = unitActivations(dataset, undefined, state);
    for (let unit = 0; unit < dim; unit++) {
      const column = Float32Array.from({ length: steps }, (_, t) => values[t * dim + unit]);
      const sorted = column.slice().sort();
      // Candidate thresholds: the activations at the top 0.1 % .. 30 % of steps.
      for (const share of [0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3]) {
        const threshold = sorted[Math.floor(steps * (1 - share))];
        let onSteps = 0;
        let both = 0;
        for (let t = 0; t < steps; t++) {
          if (column[t] >= threshold) {
            onSteps++;
            both += inClass[t];
          }
        }
        const precision = onSteps ? both / onSteps : 0;
        const recall = both / classSteps;
        const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
        const bestF1 = best ? (2 * best.precision * best.recall) / (best.precision + best.recall || 1) : -1;
        if (f1 > bestF1) best = { tokenClass, state, unit, threshold, onSteps, classSteps, both, precision, recall };
      }
    }
  }
  return best!;
}

/** The measured report (no printing): what the test checks and `main` prints. */
export function unitsReport(dataset: StateDataset): UnitsReport {
  const detectors = Object.keys(TOKEN_CLASSES).map((name) => bestDetector(dataset, name));

  const correlated: UnitsReport['correlated'] = [];
  for (const state of ['hidden', 'cell'] as const) {
    const r = unitPredictionCorrelation(dataset, undefined, state);
    for (const unit of orderUnits(dataset, 'correlation', undefined, state).subarray(0, 3)) {
      correlated.push({ state, unit, r: r[unit * dataset.classCount + 1] });
    }
  }

  // Selection: the first review where the negation detector is on at a negation token; one step,
  // off the step before (LSTMVis's "constrain left"). Then the best one-step matches elsewhere.
  const negation = detectors[0];
  const isClass = TOKEN_CLASSES[negation.tokenClass];
  const rule = { state: negation.state, threshold: negation.threshold, offBefore: 1 };
  const { values, dim } = unitActivations(dataset, undefined, negation.state);
  let start = 0;
  for (let t = 1; t < dataset.stepCount; t++) {
    if (isClass(dataset.token(t)) && values[t * dim + negation.unit] >= negation.threshold) {
      const units = unitsOnThroughout(dataset, t, t + 1, rule);
      if (units.includes(negation.unit)) {
        start = t;
        break;
      }
    }
  }
  const end = start + 1;
  const units = [...unitsOnThroughout(dataset, start, end, rule)];
  const matcher = UnitMatcher.for(dataset, rule);
  const found = matcher.match(units, { length: 1, mode: 'precise', offBefore: 1, exclude: { start, end }, limit: 10 });
  const context = (from: number, to: number) => {
    const sequence = dataset.sequenceOf(from);
    const first = Math.max(dataset.offsets[sequence], from - 4);
    const words: string[] = [];
    for (let t = first; t < to; t++) words.push(t === from ? `[${dataset.token(t)}` : dataset.token(t));
    return `${words.join(' ')}]`;
  };
  const matches = found.map((m) => ({
    id: dataset.ids[m.sequence],
    start: m.start,
    context: context(m.start, m.end),
    matched: dataset.token(m.start),
    inClass: isClass(dataset.token(m.start)),
  }));
  return {
    detectors,
    correlated,
    selection: {
      id: dataset.ids[dataset.sequenceOf(start)],
      start,
      end,
      tokens: context(start, end),
      units,
      matches,
      inClass: matches.filter((m) => m.inClass).length,
    },
  };
}

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The report as the lines `main` prints. */
export function formatReport(report: UnitsReport, dataset: StateDataset): string[] {
  const lines = [`IMDB demo: ${dataset.sequenceCount} reviews, ${dataset.stepCount} steps, 100 units (h and c)`];
  for (const d of report.detectors) {
    lines.push(
      `${d.tokenClass}: ${d.state} unit ${d.unit}, on at >= ${d.threshold.toFixed(3)}: on at ${d.onSteps} steps; ` +
        `${d.classSteps} class steps; precision ${percent(d.precision)}, recall ${percent(d.recall)}`,
    );
  }
  lines.push('strongest |r| with p(positive):');
  for (const c of report.correlated) lines.push(`  ${c.state} unit ${c.unit}: r = ${c.r.toFixed(3)}`);
  const s = report.selection;
  lines.push(
    `selection: review ${s.id}, step ${s.start}: "${s.tokens}"; units on there, off the step before: ${s.units.join(', ')}`,
  );
  lines.push(`top ${s.matches.length} one-step matches elsewhere (${s.inClass} on a negation word):`);
  for (const m of s.matches) lines.push(`  review ${m.id}, step ${m.start}: ${m.context}`);
  return lines;
}

async function main(): Promise<void> {
  const dataset = await loadDataset(fileURLToPath(new URL('../../data/imdb.json', import.meta.url)));
  for (const line of formatReport(unitsReport(dataset), dataset)) console.log(line);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
