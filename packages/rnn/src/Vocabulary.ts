import { StatescopeError } from '@statescope/core';

/** The token every out-of-vocabulary word maps to; always id 0. */
export const UNKNOWN_TOKEN = '<unk>';

/** Maps tokens to the embedding rows of a model; unknown tokens map to id 0 (`<unk>`). */
export class Vocabulary {
  /** Token of each id, `<unk>` first. */
  readonly tokens: readonly string[];
  readonly #index = new Map<string, number>();

  /** `tokens[0]` must be the unknown token. */
  constructor(tokens: readonly string[]) {
    if (!Array.isArray(tokens) || tokens[0] !== UNKNOWN_TOKEN) {
      throw new StatescopeError(`must be an array of strings starting with "${UNKNOWN_TOKEN}"`, {
        field: 'vocabulary',
      });
    }
    tokens.forEach((token, i) => {
      if (typeof token !== 'string' || this.#index.has(token)) {
        throw new StatescopeError(`entry ${i} is not a string or repeats an earlier one`, { field: 'vocabulary' });
      }
      this.#index.set(token, i);
    });
    this.tokens = [...tokens];
  }

  /** Number of tokens, `<unk>` included (the model's vocabularySize). */
  get size(): number {
    return this.tokens.length;
  }

  /** The id of a token, 0 when it is unknown. */
  id(token: string): number {
    return this.#index.get(token) ?? 0;
  }

  /** Token ids of a token sequence. */
  encode(tokens: readonly string[]): Uint32Array {
    const out = new Uint32Array(tokens.length);
    for (let t = 0; t < tokens.length; t++) out[t] = this.#index.get(tokens[t]) ?? 0;
    return out;
  }

  /**
   * The `maxSize - 1` most frequent tokens of a corpus (at least `minCount` occurrences) after
   * `<unk>`; ties are broken by code-point order so the result does not depend on input order.
   */
  static fromCorpus(
    sequences: Iterable<readonly string[]>,
    options: { maxSize: number; minCount?: number },
  ): Vocabulary {
    const counts = new Map<string, number>();
    for (const sequence of sequences) for (const token of sequence) counts.set(token, (counts.get(token) ?? 0) + 1);
    counts.delete(UNKNOWN_TOKEN);
    const minCount = options.minCount ?? 1;
    const ranked = [...counts.entries()]
      .filter(([, count]) => count >= minCount)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, Math.max(0, options.maxSize - 1))
      .map(([token]) => token);
    return new Vocabulary([UNKNOWN_TOKEN, ...ranked]);
  }
}
