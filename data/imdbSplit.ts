// The IMDB split of `npm run data`, shared by the demo export (make.ts) and the large one
// (makeLarge.ts): the large export is the whole test split, the demo its first 1,000 reviews.
import { seededRandom } from '@statescope/rnn';
import { readImdb } from './corpora.js';
import { shuffled } from './shuffled.js';
import { tokenised, type Tokenised } from './tokenised.js';

/** The seed of the IMDB model: its initialisation, the shuffle of the split. */
export const IMDB_SEED = 20211;

/** Test, validation and training texts, and the rule that made them (stored in the metadata). */
export interface TextSplit {
  train: Tokenised[];
  validation: Tokenised[];
  test: Tokenised[];
  rule: string;
}

/** Reviews shuffled with `random`: test = the first 10,000, validation = the next 2,000, train = the next 24,000. */
export function splitImdb(texts: readonly Tokenised[], random: () => number): TextSplit {
  const order = shuffled(texts, random);
  return {
    test: order.slice(0, 10_000),
    validation: order.slice(10_000, 12_000),
    train: order.slice(12_000, 36_000),
    rule: 'reviews shuffled with the seed: test = first 10,000, validation = next 2,000, train = next 24,000',
  };
}

/**
 * The IMDB split as `npm run data` makes it: the reviews fetched into `cacheDir`, tokenised,
 * split by {@link splitImdb} with a generator seeded with {@link IMDB_SEED}.
 */
export function imdbSplit(cacheDir: string): TextSplit {
  return splitImdb(tokenised(readImdb(cacheDir)), seededRandom(IMDB_SEED));
}
