// What if the text were different? `node --import tsx docs/examples/whatIfExample.ts`
// On the IMDB demo model and data, the figures docs/whatif.md quotes: a negative review with "bad"
// run again with "good" in its place (where the two runs part, how p(positive) moves, whether the
// prediction flips), the nearest words of "bad" and "good" in the embedding (what <hs-whatif>
// offers), and the states nearest a "not" with the token search for "not" (what <hs-neighbors>
// lists and brushes). Everything is measured here; nothing is a claim the data could not refute.
import { fileURLToPath } from 'node:url';
import { loadDataset, type StateDataset } from '@statescope/core';
import { nearestStates, type NearestStateIndex } from '@statescope/projection';
import { loadWeights, runModel, tokenize, Vocabulary, type RnnModel } from '@statescope/rnn';
import { tokenSearch } from '@statescope/view-neighbors';
import { firstDifference, nearestWords, whatIfModel, type WhatIfModel } from '@statescope/view-whatif';

/** The word taken out of a review. */
export const FROM = 'bad';
/** The word put in place of {@link FROM}. */
export const TO = 'good';

/** Negation tokens (the units example's class): which neighbours of a "not" count as negations. */
export const isNegation = (token: string): boolean =>
  ['not', 'no', 'never', 'nor', 'nothing'].includes(token) || token.endsWith("n't");

/** One step of the original and the edited run. */
export interface StepPair {
  /** Step in the review, counted from 1 (as the views count). */
  step: number;
  /** Token of the original there. */
  token: string;
  /** p(positive) after it, original. */
  before: number;
  /** p(positive) after it, edited. */
  after: number;
}

/** A review run again with every {@link FROM} replaced by {@link TO}. */
export interface EditReport {
  /** Index of the review in the dataset. */
  sequence: number;
  /** Its id. */
  id: string;
  /** Its tokens. */
  tokens: string[];
  /** Its true class. */
  label: string;
  /** Tokens the model's vocabulary lacks (read as `<unk>`, underlined in the view). */
  unknown: number;
  /** Steps (from 1) holding {@link FROM}. */
  occurrences: number[];
  /** p(positive) after the last token, as the model reads the original. */
  before: number;
  /** p(positive) after the last token with every occurrence replaced. */
  after: number;
  /** p(positive) after the last token with only that occurrence replaced, per occurrence. */
  alone: number[];
  /** Step (from 1) where the edited text parts from the original. */
  parts: number;
  /** The parting step and the two after it, the step of the largest gap, the last step. */
  trajectory: StepPair[];
  /** Whether the predicted class after the last token changes. */
  flips: boolean;
  /** Max |stored expected prediction - runModel's| over every step and class of the original. */
  storedDifference: number;
  /** Whether the tokens joined by spaces (what "Edit the active sequence" puts in the box) tokenise back to themselves. */
  retokenised: boolean;
  /** Of the edited text's last state's 10 nearest dataset states, how many the model calls positive. */
  lastNeighboursPositive: number;
  /** The line `<hs-whatif>` shows under the box once the edit is run (its comparison part). */
  comparison: string;
}

/** Everything the script measures. */
export interface WhatIfReport {
  /** Reviews holding {@link FROM} at all, and those shorter than the model's 100-token cut (complete). */
  candidates: { withWord: number; complete: number; negative: number; flipping: number };
  /** The most negative complete review holding {@link FROM}. */
  mostNegative: EditReport;
  /** The most negative complete review holding {@link FROM} whose edit flips the prediction. */
  mostNegativeFlipping: EditReport | null;
  /** The 5 nearest words (cosine of embedding rows) of {@link FROM} and {@link TO}, with their cosine. */
  nearestWords: { word: string; neighbours: { word: string; cosine: number }[] }[];
  /** The first "not" of the dataset and its 10 nearest states (Euclidean, top layer h). */
  not: {
    step: number;
    context: string;
    /** The model's prediction at that "not", as the view writes it ("negative 0.83"). */
    prediction: string;
    neighbours: { id: string; step: number; context: string; prediction: string; distance: number }[];
    /** How many of the neighbours are "not", and how many any negation. */
    alsoNot: number;
    negations: number;
    /** Whether an exact search gives the same 10 states as the index the view uses. */
    exactAgrees: boolean;
    approximate: boolean;
  };
  /** The token searches: steps, sequences and share of all steps. */
  searches: { query: string; steps: number; sequences: number; share: number }[];
}

// p(positive) at step t of a (steps x 2) expected-prediction array: the IMDB model has two classes.
const positive = (expected: ArrayLike<number>, t: number) => expected[2 * t + 1];

/** The model's run over `tokens`, cut to their last `maxTokens` as the what-if view cuts them. */
function run(model: WhatIfModel, tokens: readonly string[]) {
  const cut = model.maxTokens ? tokens.slice(-model.maxTokens) : tokens;
  return runModel(model.model, model.vocabulary.encode(cut));
}

/** The token of `step` with `context` tokens either side, as `<hs-neighbors>` shows it. */
export function inContext(dataset: StateDataset, step: number, context = 4): string {
  const sequence = dataset.sequenceOf(step);
  const first = dataset.offsets[sequence];
  const end = dataset.offsets[sequence + 1];
  const words: string[] = [];
  for (let t = Math.max(first, step - context); t < Math.min(end, step + 1 + context); t++) {
    words.push(t === step ? `[${dataset.token(t)}]` : dataset.token(t));
  }
  return `${step - context > first ? '… ' : ''}${words.join(' ')}${step + 1 + context < end ? ' …' : ''}`;
}

/** One review with every {@link FROM} replaced: both runs compared, as the what-if view compares them. */
function editReport(dataset: StateDataset, model: WhatIfModel, index: NearestStateIndex, sequence: number): EditReport {
  const tokens = dataset.tokensOf(sequence);
  const edited = tokens.map((token) => (token === FROM ? TO : token));
  const original = run(model, tokens);
  const changed = run(model, edited);
  const last = tokens.length - 1;
  const occurrences = tokens.flatMap((token, t) => (token === FROM ? [t] : []));
  const alone = occurrences.map((at) => {
    const one = [...tokens];
    one[at] = TO;
    return positive(run(model, one).expected, last);
  });

  const offset = dataset.offsets[sequence];
  let storedDifference = 0;
  for (let i = 0; i < tokens.length * dataset.classCount; i++) {
    const d = Math.abs(original.expected[i] - dataset.expectedPredictions[offset * dataset.classCount + i]);
    storedDifference = Math.max(storedDifference, d);
  }

  const parts = firstDifference(edited, tokens);
  const pair = (t: number): StepPair => ({
    step: t + 1,
    token: tokens[t],
    before: positive(original.expected, t),
    after: positive(changed.expected, t),
  });
  let widest = parts;
  for (let t = parts; t <= last; t++) {
    const gap = (u: number) => Math.abs(positive(changed.expected, u) - positive(original.expected, u));
    if (gap(t) > gap(widest)) widest = t;
  }
  const shown = [...new Set([parts, parts + 1, parts + 2, widest, last].filter((t) => t <= last))].sort(
    (a, b) => a - b,
  );

  const lastState = changed.hidden.subarray(last * model.model.hiddenDim, (last + 1) * model.model.hiddenDim);
  const near = index.query(lastState, 10).steps;
  let lastNeighboursPositive = 0;
  for (const step of near) lastNeighboursPositive += positive(dataset.expectedPredictions, step) >= 0.5 ? 1 : 0;

  return {
    sequence,
    id: dataset.ids[sequence],
    tokens,
    label: dataset.classes[dataset.labels[sequence]],
    unknown: model.vocabulary.encode(tokens).filter((id) => id === 0).length,
    occurrences: occurrences.map((t) => t + 1),
    before: positive(original.expected, last),
    after: positive(changed.expected, last),
    alone,
    parts: parts + 1,
    trajectory: shown.map(pair),
    flips: positive(original.expected, last) >= 0.5 !== positive(changed.expected, last) >= 0.5,
    storedDifference,
    retokenised: JSON.stringify(tokenize(tokens.join(' '))) === JSON.stringify(tokens),
    lastNeighboursPositive,
    comparison: comparisonLine(dataset, sequence, original.expected, changed.expected, parts, edited[parts]),
  };
}

/** What the what-if view writes: the stored prediction of the review, then the edited run's. */
function comparisonLine(
  dataset: StateDataset,
  sequence: number,
  original: Float32Array,
  edited: Float32Array,
  parts: number,
  word: string,
): string {
  const C = dataset.classCount;
  const lastStep = dataset.offsets[sequence + 1] - 1;
  const steps = dataset.sequenceLength(sequence);
  const top = (values: ArrayLike<number>, row: number) => (values[row * C + 1] > values[row * C] ? 1 : 0);
  const was = top(dataset.expectedPredictions, lastStep);
  const now = top(edited, steps - 1);
  const before = dataset.tokensOf(sequence)[parts];
  return (
    `Edited text: parts from ${dataset.ids[sequence]} at step ${parts + 1} (${before} → ${word}). ` +
    `Prediction ${was === now ? 'holds' : 'flips'}: ${dataset.classes[was]} ` +
    `${dataset.expectedPredictions[lastStep * C + was].toFixed(2)} → ${dataset.classes[now]} ` +
    `${edited[(steps - 1) * C + now].toFixed(2)}`
  );
}

/** The most probable class at a step and its probability, as `<hs-neighbors>` writes it. */
function predictionAt(dataset: StateDataset, step: number): string {
  const C = dataset.classCount;
  let best = 0;
  for (let c = 1; c < C; c++)
    if (dataset.expectedPredictions[step * C + c] > dataset.expectedPredictions[step * C + best]) best = c;
  return `${dataset.classes[best]} ${dataset.expectedPredictions[step * C + best].toFixed(2)}`;
}

/** Cosine similarity of two embedding rows. */
function cosine(model: RnnModel, a: number, b: number): number {
  const embedding = model.group('embedding');
  const dim = model.embeddingDim;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let c = 0; c < dim; c++) {
    const x = embedding[a * dim + c];
    const y = embedding[b * dim + c];
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / Math.sqrt(na * nb);
}

/** The measured report (no printing): what `main` prints. */
export async function whatIfReport(dataset: StateDataset, model: WhatIfModel): Promise<WhatIfReport> {
  const { hidden, dim } = dataset.layer();
  // The index <hs-neighbors> builds (auto: approximate above 50,000 states), here on this thread.
  const index = await nearestStates(hidden, { dim, worker: false });

  // Complete reviews only: shorter than the 100-token cut, so the box holds the whole review.
  const cut = model.maxTokens ?? Infinity;
  const withWord = [...Array(dataset.sequenceCount).keys()].filter((s) => dataset.tokensOf(s).includes(FROM));
  const complete = withWord.filter((s) => dataset.sequenceLength(s) < cut);
  const lastPositive = (s: number) => positive(dataset.expectedPredictions, dataset.offsets[s + 1] - 1);
  complete.sort((a, b) => lastPositive(a) - lastPositive(b));
  const reports = complete.map((s) => editReport(dataset, model, index, s));
  const negative = reports.filter((r) => r.before < 0.5);
  const flipping = negative.filter((r) => r.flips);

  const words = [FROM, TO].map((word) => {
    const id = model.vocabulary.id(word);
    return {
      word,
      neighbours: nearestWords(model, id, 5).map((w) => ({
        word: w,
        cosine: cosine(model.model, id, model.vocabulary.id(w)),
      })),
    };
  });

  // The first "not" of the dataset: the one the neighbours story focuses (review 1, as the dashboard opens).
  let step = 0;
  while (dataset.token(step) !== 'not') step++;
  const near = index.queryStep(step, 10);
  const exact = (await nearestStates(hidden, { dim, method: 'exact' })).queryStep(step, 10);
  const neighbours = [...near.steps].map((t, i) => {
    const sequence = dataset.sequenceOf(t);
    return {
      id: dataset.ids[sequence],
      step: t - dataset.offsets[sequence] + 1,
      context: inContext(dataset, t),
      prediction: predictionAt(dataset, t),
      distance: near.distances[i],
    };
  });
  const tokens = [...near.steps].map((t) => dataset.token(t));

  const searches = ['not', "/n't$/", "/^(not|no|never|nor|nothing)$|n't$/"].map((query) => {
    const found = tokenSearch(dataset, query);
    return {
      query,
      steps: found.stepCount,
      sequences: found.sequenceCount,
      share: found.stepCount / dataset.stepCount,
    };
  });

  return {
    candidates: {
      withWord: withWord.length,
      complete: complete.length,
      negative: negative.length,
      flipping: flipping.length,
    },
    mostNegative: reports[0],
    mostNegativeFlipping: flipping[0] ?? null,
    nearestWords: words,
    not: {
      step,
      context: inContext(dataset, step),
      prediction: predictionAt(dataset, step),
      neighbours,
      alsoNot: tokens.filter((token) => token === 'not').length,
      negations: tokens.filter(isNegation).length,
      exactAgrees: String([...exact.steps]) === String([...near.steps]),
      approximate: index.approximate,
    },
    searches,
  };
}

const p = (x: number) => x.toFixed(3);

/** The report as the lines `main` prints. */
export function formatReport(report: WhatIfReport, dataset: StateDataset): string[] {
  const { candidates: c } = report;
  const lines = [
    `IMDB demo: ${dataset.sequenceCount} test reviews, ${dataset.stepCount} steps; the model reads the last 100 tokens`,
    `reviews with "${FROM}": ${c.withWord}; complete (< 100 tokens): ${c.complete}, ${c.negative} of them called negative; "${TO}" flips ${c.flipping} of those`,
  ];
  const edit = (title: string, r: EditReport) => {
    lines.push(
      `${title}: review ${r.id} (sequence ${r.sequence}, ${r.tokens.length} tokens, ${r.unknown} not in the vocabulary, true class ${r.label})`,
      `  "${r.tokens.join(' ')}"`,
      `  "${FROM}" at step ${r.occurrences.join(', ')}; p(positive) after the last token: ${p(r.before)} -> ${p(r.after)} with "${TO}"` +
        (r.occurrences.length > 1 ? ` (each alone: ${r.alone.map(p).join(', ')})` : ''),
      `  what-if view: "${r.comparison}"`,
      `  p(positive), original -> edited:`,
    );
    for (const s of r.trajectory)
      lines.push(`    step ${s.step} (${s.token}): ${p(s.before)} -> ${p(s.after)}  (gap ${p(s.after - s.before)})`);
    lines.push(
      `  edited last state: ${r.lastNeighboursPositive} of its 10 nearest dataset states predicted positive`,
      `  stored expected predictions vs runModel: max |difference| ${r.storedDifference.toExponential(1)}; ` +
        `tokens re-tokenise to themselves: ${r.retokenised}`,
    );
  };
  edit('most negative', report.mostNegative);
  if (report.mostNegativeFlipping) edit('most negative that flips', report.mostNegativeFlipping);
  else lines.push('no complete negative review flips');
  for (const { word, neighbours } of report.nearestWords) {
    lines.push(`nearest words of "${word}": ${neighbours.map((n) => `${n.word} ${n.cosine.toFixed(2)}`).join(', ')}`);
  }
  const n = report.not;
  lines.push(
    `nearest states of the first "not" (global step ${n.step}, review ${dataset.ids[dataset.sequenceOf(n.step)]} step ` +
      `${n.step - dataset.offsets[dataset.sequenceOf(n.step)] + 1}: "${n.context}", ${n.prediction}), Euclidean, top layer h` +
      ` (${n.approximate ? 'approximate' : 'exact'} index; exact search agrees: ${n.exactAgrees}):`,
  );
  for (const r of n.neighbours)
    lines.push(`  ${r.distance.toFixed(3)}  ${r.id} step ${r.step}  ${r.prediction}  ${r.context}`);
  lines.push(`  "not": ${n.alsoNot} of 10; any negation: ${n.negations} of 10`);
  for (const s of report.searches) {
    lines.push(
      `token search ${s.query}: ${s.steps} steps in ${s.sequences} sequences (${(100 * s.share).toFixed(2)} % of steps)`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
  const dataset = await loadDataset(here('../../data/imdb.json'));
  const { model, manifest } = await loadWeights(here('../../data/imdb.model.json'));
  const words = whatIfModel(model, new Vocabulary(manifest.vocabulary!), manifest.maxTokens);
  for (const line of formatReport(await whatIfReport(dataset, words), dataset)) console.log(line);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
