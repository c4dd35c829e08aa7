import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDataset, type StateDataset } from '@statescope/core';
import { nearestStates } from '@statescope/projection';
import { Vocabulary, loadWeights, runModel, tokenize } from '@statescope/rnn';
import { nearestWords, whatIfModel, type WhatIfModel } from '@statescope/view-whatif';
import {
  FROM,
  TO,
  formatReport,
  inContext,
  isNegation,
  whatIfReport,
  type EditReport,
  type WhatIfReport,
} from '../../../docs/examples/whatIfExample.js';

// The figures docs/whatif.md quotes are asserted below as written there, so that a change of
// model, data or example that moves them fails here instead of leaving the guide stale. Every
// other claim is recomputed from the weights and the dataset, not copied from the printout.

const root = join(import.meta.dirname, '../../..');

/** p(positive) after each token of `tokens`, as the model reads them from the weights. */
function positives(words: WhatIfModel, tokens: readonly string[]): Float64Array {
  const { expected } = runModel(words.model, words.vocabulary.encode(tokens));
  return Float64Array.from({ length: tokens.length }, (_, t) => expected[2 * t + 1]);
}

/** p(positive) after the last token of sequence `s`, as stored in the dataset. */
const storedLast = (data: StateDataset, s: number) => data.expectedPredictions[2 * (data.offsets[s + 1] - 1) + 1];

const swap = (tokens: readonly string[]) => tokens.map((token) => (token === FROM ? TO : token));

/** Cosine of two embedding rows, in double precision. */
function cosine(words: WhatIfModel, a: number, b: number): number {
  const embedding = words.model.group('embedding');
  const dim = words.model.embeddingDim;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let c = 0; c < dim; c++) {
    dot += embedding[a * dim + c] * embedding[b * dim + c];
    na += embedding[a * dim + c] ** 2;
    nb += embedding[b * dim + c] ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

describe('the what-if guide example on the real IMDB demo', () => {
  let imdb: StateDataset;
  let words: WhatIfModel;
  let report: WhatIfReport;
  let guide: string;
  beforeAll(async () => {
    imdb = await loadDataset(join(root, 'data/imdb.json'));
    const { model, manifest } = await loadWeights(join(root, 'data/imdb.model.json'));
    words = whatIfModel(model, new Vocabulary(manifest.vocabulary!), manifest.maxTokens);
    report = await whatIfReport(imdb, words);
    // Whitespace and blockquote marks folded, so wrapped prose reads as one line.
    guide = (await readFile(join(root, 'docs/whatif.md'), 'utf8')).replace(/\n\s*> ?/g, ' ').replace(/\s+/g, ' ');
  }, 60_000);

  /** Checks an edit report against both runs of the model, recomputed here. */
  function checkEdit(r: EditReport) {
    const s = r.sequence;
    const tokens = imdb.tokensOf(s);
    expect(r.id).toBe(imdb.ids[s]);
    expect(r.tokens).toEqual(tokens);
    expect(tokens).toContain(FROM);
    expect(tokens.length).toBeLessThan(words.maxTokens!);
    expect(r.occurrences).toEqual(tokens.flatMap((token, t) => (token === FROM ? [t + 1] : [])));
    expect(r.unknown).toBe(tokens.filter((token) => words.vocabulary.id(token) === 0).length);

    const original = positives(words, tokens);
    const edited = positives(words, swap(tokens));
    const last = tokens.length - 1;
    // Predicted negative, and "good" in place of "bad" raises p(positive) after the last token.
    expect(r.before).toBe(original[last]);
    expect(r.before).toBeLessThan(0.5);
    expect(r.after).toBe(edited[last]);
    expect(r.after).toBeGreaterThan(r.before);
    expect(r.flips).toBe(edited[last] >= 0.5);

    // The dataset's stored predictions are the model's own: the box compares like with like.
    const C = imdb.classCount;
    const { expected } = runModel(words.model, words.vocabulary.encode(tokens));
    let max = 0;
    for (let i = 0; i < tokens.length * C; i++) {
      max = Math.max(max, Math.abs(expected[i] - imdb.expectedPredictions[imdb.offsets[s] * C + i]));
    }
    expect(r.storedDifference).toBe(max);
    expect(max).toBe(0); // the guide: "max |difference| 0"
    expect(tokenize(tokens.join(' '))).toEqual(tokens);
    expect(r.retokenised).toBe(true);

    // The runs part at the first "bad"; the trajectory's values are the two runs', and the step
    // the guide calls largest has the widest gap from there to the end.
    expect(r.parts).toBe(r.occurrences[0]);
    for (let t = 0; t < r.parts - 1; t++) expect(edited[t]).toBe(original[t]);
    for (const p of r.trajectory) {
      expect([p.token, p.before, p.after]).toEqual([tokens[p.step - 1], original[p.step - 1], edited[p.step - 1]]);
    }
    let widest = r.parts - 1;
    for (let t = widest; t <= last; t++) {
      if (Math.abs(edited[t] - original[t]) > Math.abs(edited[widest] - original[widest])) widest = t;
    }
    expect(r.trajectory.map((p) => p.step)).toContain(widest + 1);
    return { widest: widest + 1, original, edited };
  }

  /** A trajectory as "step token before after", to 3 decimals as the guide quotes it. */
  const rows = (r: EditReport) =>
    r.trajectory.map((p) => `${p.step} ${p.token} ${p.before.toFixed(3)} ${p.after.toFixed(3)}`);

  it('counts the candidate reviews and their flips as a plain scan and the model do', () => {
    const cut = words.maxTokens!;
    const withWord = [...Array(imdb.sequenceCount).keys()].filter((s) => imdb.tokensOf(s).includes(FROM));
    const complete = withWord.filter((s) => imdb.sequenceLength(s) < cut);
    let negative = 0;
    let flipping = 0;
    for (const s of complete) {
      const tokens = imdb.tokensOf(s);
      const before = positives(words, tokens).at(-1)!;
      if (before >= 0.5) continue;
      negative++;
      if (positives(words, swap(tokens)).at(-1)! >= 0.5) flipping++;
    }
    expect(report.candidates).toEqual({ withWord: withWord.length, complete: complete.length, negative, flipping });
    // The guide: "126 contain "bad"; 19 of them are shorter than 100 tokens; … 14 of those
    // negative", and "good" for every "bad" flips 5 of the 14.
    expect([cut, imdb.sequenceCount]).toEqual([100, 1000]);
    expect(report.candidates).toEqual({ withWord: 126, complete: 19, negative: 14, flipping: 5 });
  });

  it('edits the most negative complete review with "bad": the prediction holds', () => {
    const r = report.mostNegative;
    const { widest } = checkEdit(r);
    // The most negative of the complete candidates, by its stored prediction.
    for (let s = 0; s < imdb.sequenceCount; s++) {
      if (imdb.sequenceLength(s) < words.maxTokens! && imdb.tokensOf(s).includes(FROM)) {
        expect(storedLast(imdb, s)).toBeGreaterThanOrEqual(storedLast(imdb, r.sequence));
      }
    }
    expect(r.flips).toBe(false);
    expect(r.lastNeighboursPositive).toBe(0);

    // As docs/whatif.md quotes it.
    expect([r.id, r.tokens.length, r.unknown, r.label, r.occurrences]).toEqual(['imdb-17187', 66, 5, 'negative', [26]]);
    expect([r.before.toFixed(3), r.after.toFixed(3)]).toEqual(['0.013', '0.017']);
    expect(r.comparison).toBe(
      'Edited text: parts from imdb-17187 at step 26 (bad → good). Prediction holds: negative 0.99 → negative 0.98',
    );
    expect(widest).toBe(36);
    expect(rows(r)).toEqual([
      '26 bad 0.177 0.406',
      '27 - 0.148 0.411',
      '28 childhood 0.146 0.412',
      '36 man 0.187 0.486',
      '66 * 0.013 0.017',
    ]);
  });

  it('edits the most negative review whose edit flips the prediction', async () => {
    const r = report.mostNegativeFlipping!;
    expect(r).not.toBeNull();
    const { widest } = checkEdit(r);
    expect(r.flips).toBe(true);
    expect(r.after).toBeGreaterThanOrEqual(0.5);
    // No complete review holding "bad" is more negative and flips.
    for (let s = 0; s < imdb.sequenceCount; s++) {
      const tokens = imdb.tokensOf(s);
      if (tokens.length >= words.maxTokens! || !tokens.includes(FROM) || storedLast(imdb, s) >= r.before) continue;
      expect(positives(words, swap(tokens)).at(-1)!).toBeLessThan(0.5);
    }
    // Its edited last state lies among positive ones: recount its 10 nearest stored states.
    const edited = runModel(words.model, words.vocabulary.encode(swap(r.tokens)));
    const H = words.model.hiddenDim;
    const { hidden, dim } = imdb.layer();
    const index = await nearestStates(hidden, { dim, method: 'exact' });
    const near = index.query(edited.hidden.subarray((r.tokens.length - 1) * H, r.tokens.length * H), 10);
    expect([...near.steps].filter((t) => imdb.expectedPredictions[2 * t + 1] >= 0.5).length).toBe(
      r.lastNeighboursPositive,
    );

    // As docs/whatif.md quotes it.
    expect([r.id, r.tokens.length, r.unknown, r.label, r.occurrences]).toEqual(['imdb-8430', 53, 0, 'negative', [4]]);
    expect(r.tokens.slice(0, 5).join(' ')).toBe("this isn't a bad movie");
    expect(r.comparison).toBe(
      'Edited text: parts from imdb-8430 at step 4 (bad → good). Prediction flips: negative 0.92 → positive 0.62',
    );
    expect(r.lastNeighboursPositive).toBe(10);
    expect(widest).toBe(34);
    expect(rows(r)).toEqual([
      '4 bad 0.173 0.443',
      '5 movie 0.071 0.348',
      '6 . 0.075 0.352',
      '34 gets 0.169 0.733',
      '53 . 0.080 0.623',
    ]);
  });

  it('offers as nearest words the most similar embedding rows', () => {
    const vocab = words.vocabulary;
    for (const { word, neighbours } of report.nearestWords) {
      const id = vocab.id(word);
      const offered = neighbours.map((n) => n.word);
      expect(offered).toEqual(nearestWords(words, id, 5));
      expect(new Set(offered).size).toBe(5);
      expect(offered).not.toContain(word);
      expect(offered).not.toContain('<unk>');
      for (const n of neighbours) expect(n.cosine).toBeCloseTo(cosine(words, id, vocab.id(n.word)), 6);
      // Most similar first, and no word left out is more similar than the last one offered.
      for (let i = 1; i < 5; i++) expect(neighbours[i].cosine).toBeLessThanOrEqual(neighbours[i - 1].cosine + 1e-9);
      const floor = neighbours[4].cosine;
      for (let other = 1; other < vocab.size; other++) {
        if (other === id || offered.includes(vocab.tokens[other])) continue;
        expect(cosine(words, id, other)).toBeLessThanOrEqual(floor + 1e-6);
      }
    }
    // As docs/whatif.md quotes them: "good" is not among the words of "bad".
    const [bad, good] = report.nearestWords;
    expect([bad.word, good.word]).toEqual([FROM, TO]);
    expect(bad.neighbours.map((n) => n.word)).toEqual(['stupid', 'sank', 'fails', 'stripper', 'clone']);
    expect([bad.neighbours[0].cosine.toFixed(2), bad.neighbours[4].cosine.toFixed(2)]).toEqual(['0.96', '0.94']);
    expect(good.neighbours.map((n) => n.word)).toEqual(['toy', 'complaint', 'readily', 'commendable', 'render']);
    expect([good.neighbours[0].cosine.toFixed(2), good.neighbours[4].cosine.toFixed(2)]).toEqual(['0.83', '0.81']);
  });

  it('lists the states nearest the first "not" as an exhaustive search finds them', () => {
    const n = report.not;
    let first = 0;
    while (imdb.token(first) !== 'not') first++;
    expect(n.step).toBe(first);
    expect(n.context).toBe(inContext(imdb, first));

    // Every other state's squared distance to the "not"'s, the 10 smallest (ties by step).
    const { hidden, dim } = imdb.layer();
    const d2 = new Float64Array(imdb.stepCount);
    for (let t = 0; t < imdb.stepCount; t++) {
      let s = 0;
      for (let c = 0; c < dim; c++) s += (hidden[t * dim + c] - hidden[first * dim + c]) ** 2;
      d2[t] = t === first ? Infinity : s;
    }
    const nearest = [...d2.keys()].sort((a, b) => d2[a] - d2[b] || a - b).slice(0, 10);
    expect(n.neighbours.map((r) => `${r.id} ${r.step}`)).toEqual(
      nearest.map((t) => `${imdb.ids[imdb.sequenceOf(t)]} ${t - imdb.offsets[imdb.sequenceOf(t)] + 1}`),
    );
    n.neighbours.forEach((r, i) => expect(r.distance).toBeCloseTo(Math.sqrt(d2[nearest[i]]), 4));
    expect(n.exactAgrees).toBe(true);
    const tokens = nearest.map((t) => imdb.token(t));
    expect(n.alsoNot).toBe(tokens.filter((token) => token === 'not').length);
    expect(n.negations).toBe(tokens.filter(isNegation).length);

    // As docs/whatif.md quotes them.
    expect([imdb.ids[imdb.sequenceOf(first)], first - imdb.offsets[imdb.sequenceOf(first)] + 1]).toEqual([
      'imdb-9645',
      79,
    ]);
    expect(n.prediction).toBe('negative 0.85');
    expect(n.approximate).toBe(true);
    expect([n.alsoNot, n.negations]).toEqual([5, 5]);
    expect(n.neighbours.map((r) => r.id)).toEqual([
      'imdb-3855',
      'imdb-22774',
      'imdb-12169',
      'imdb-6972',
      'imdb-18125',
      'imdb-18230',
      'imdb-12192',
      'imdb-32769',
      'imdb-19400',
      'imdb-19992',
    ]);
    expect([n.neighbours[0].distance.toFixed(3), n.neighbours[9].distance.toFixed(3)]).toEqual(['0.239', '0.341']);
    for (const r of n.neighbours) expect(r.prediction).toMatch(/^negative 0\.(8[3-9]|90)$/);
  });

  it('counts the token searches as a plain scan over the tokens does', () => {
    const tests: Record<string, (token: string) => boolean> = {
      not: (token) => token.toLowerCase() === 'not',
      "/n't$/": (token) => token.endsWith("n't"),
      "/^(not|no|never|nor|nothing)$|n't$/": isNegation,
    };
    for (const s of report.searches) {
      const test = tests[s.query];
      let steps = 0;
      let sequences = 0;
      for (let q = 0; q < imdb.sequenceCount; q++) {
        const hits = imdb.tokensOf(q).filter(test).length;
        steps += hits;
        sequences += hits > 0 ? 1 : 0;
      }
      expect([s.steps, s.sequences, s.share]).toEqual([steps, sequences, steps / imdb.stepCount]);
    }
    // As docs/whatif.md quotes them.
    expect(report.searches.map((s) => `${s.query}: ${s.steps} steps in ${s.sequences} sequences`)).toEqual([
      'not: 482 steps in 362 sequences',
      "/n't$/: 571 steps in 391 sequences",
      "/^(not|no|never|nor|nothing)$|n't$/: 1418 steps in 728 sequences",
    ]);
    expect((100 * report.searches[0].share).toFixed(2)).toBe('0.50');
    expect((100 * report.searches[2].share).toFixed(2)).toBe('1.47');
    expect(imdb.stepCount).toBe(96_617);
  });

  it('prints the report it measured, and the guide quotes it', () => {
    const lines = formatReport(report, imdb).join('\n');
    expect(lines).toContain(`what-if view: "${report.mostNegativeFlipping!.comparison}"`);
    expect(lines).toContain('token search not: 482 steps in 362 sequences (0.50 % of steps)');
    // What a reader compares with the views: the guide's quotes are the report's own lines.
    const { mostNegative: held, mostNegativeFlipping: flipped } = report;
    expect(guide).toContain(flipped!.comparison);
    const [, holds] = held.comparison.split('Prediction holds: ');
    expect(guide).toContain(
      `The edit parts at step ${held.parts} (${FROM} → ${TO}) and the prediction holds, "${holds}"`,
    );
    for (const p of flipped!.trajectory) {
      expect(guide).toContain(`| ${p.step} | ${p.token} | ${p.before.toFixed(3)} | ${p.after.toFixed(3)} |`);
    }
    for (const r of report.not.neighbours) {
      expect(guide).toContain(`| ${r.distance.toFixed(3)} | ${r.id} | ${r.step} | ${r.prediction} |`);
    }
    expect(guide).toContain('"482 steps in 362 sequences"');
    expect(guide).toContain('1,418 steps in 728 sequences (1.47 % of the steps)');
  });
});
