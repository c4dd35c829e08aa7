import { StepSet, type StateDataset } from '@statescope/core';

/** The steps whose token matches a search, and how many sequences hold one. */
export interface TokenSearchResult {
  /** The matching steps (empty when none match). */
  steps: StepSet;
  /** Number of matching steps. */
  stepCount: number;
  /** Number of sequences with at least one matching step. */
  sequenceCount: number;
  /** Number of distinct vocabulary entries that match. */
  tokenCount: number;
}

/**
 * A search text as a test of one token: `/pattern/flags` is a regular expression (as written;
 * add `i` to ignore case), anything else one whole word, compared case-insensitively. Throws a
 * SyntaxError naming the problem for an invalid or unfinished expression, and for an empty text.
 */
export function tokenMatcher(query: string): (token: string) => boolean {
  const text = query.trim();
  if (text === '') throw new SyntaxError('the search is empty');
  if (text.startsWith('/')) {
    const end = text.lastIndexOf('/');
    if (end === 0) throw new SyntaxError('a regular expression ends with / (as in /^not$/)');
    const pattern = text.slice(1, end);
    if (pattern === '') throw new SyntaxError('the regular expression is empty');
    let regex: RegExp;
    try {
      // g and y make test() remember where it stopped: one token at a time needs neither.
      regex = new RegExp(pattern, text.slice(end + 1).replace(/[gy]/g, ''));
    } catch (error) {
      throw new SyntaxError(`invalid regular expression ${text}: ${(error as Error).message}`);
    }
    return (token) => regex.test(token);
  }
  const word = text.toLowerCase();
  return (token) => token.toLowerCase() === word;
}

/**
 * Every step whose token matches `query` (see {@link tokenMatcher}). Each vocabulary entry is
 * tested once, then one pass over `tokenIds` collects the steps: a regular expression costs the
 * size of the vocabulary, not the number of steps.
 */
export function tokenSearch(data: StateDataset, query: string): TokenSearchResult {
  const test = tokenMatcher(query);
  const { vocabulary, tokenIds, offsets } = data;
  const matches = new Uint8Array(vocabulary.length);
  let tokenCount = 0;
  for (let v = 0; v < vocabulary.length; v++) {
    if (test(vocabulary[v])) {
      matches[v] = 1;
      tokenCount++;
    }
  }
  const steps = new StepSet(data.stepCount);
  let stepCount = 0;
  let sequenceCount = 0;
  if (tokenCount > 0) {
    for (let s = 0; s < data.sequenceCount; s++) {
      const before = stepCount;
      for (let t = offsets[s]; t < offsets[s + 1]; t++) {
        if (matches[tokenIds[t]]) {
          steps.add(t);
          stepCount++;
        }
      }
      if (stepCount > before) sequenceCount++;
    }
  }
  return { steps, stepCount, sequenceCount, tokenCount };
}
