import type { StateDataset } from '@statescope/core';

/**
 * One lowercased text per sequence, its id and its tokens: `id\ntoken token …`. Made once per
 * dataset (over the vocabulary lowercased once, not every step's token), so that each search is
 * one scan of plain strings.
 */
export function searchTexts(data: StateDataset): string[] {
  const lower = data.vocabulary.map((word) => word.toLowerCase());
  const { offsets, tokenIds } = data;
  const texts = new Array<string>(data.sequenceCount);
  const words: string[] = [];
  for (let s = 0; s < data.sequenceCount; s++) {
    words.length = 0;
    for (let t = offsets[s]; t < offsets[s + 1]; t++) words.push(lower[tokenIds[t]]);
    texts[s] = `${data.ids[s].toLowerCase()}\n${words.join(' ')}`;
  }
  return texts;
}

/** What a search query does: the sequences it keeps (null: every one), or why it cannot. */
export interface SearchResult {
  /** 1 for each sequence whose text matches; null when the query filters nothing. */
  matches: Uint8Array | null;
  /** Why a `/regular expression/` query is not one (it then filters nothing), else null. */
  error: string | null;
}

/**
 * The sequences whose id or tokens hold `query`, case-insensitively; a query written
 * `/like this/` (flags may follow) is a regular expression, also case-insensitive, in which `^`
 * and `$` anchor at the id and at the text. An empty query, or an invalid expression, keeps
 * every sequence (`matches` null; `error` says what is wrong with the expression).
 */
export function matchSearch(texts: readonly string[], query: string): SearchResult {
  if (query === '') return { matches: null, error: null };
  const written = /^\/(.+)\/([a-z]*)$/s.exec(query);
  const matches = new Uint8Array(texts.length);
  if (!written) {
    const needle = query.toLowerCase();
    for (let s = 0; s < texts.length; s++) matches[s] = texts[s].includes(needle) ? 1 : 0;
    return { matches, error: null };
  }
  let pattern: RegExp;
  try {
    // g and y would make test() remember where it stopped, from one sequence to the next.
    const flags = new Set([...written[2].replace(/[gy]/g, ''), 'i', 'm']);
    pattern = new RegExp(written[1], [...flags].join(''));
  } catch (error) {
    // The engine's message repeats the pattern with flags the user did not write: keep its reason.
    const message = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return { matches: null, error: `not a valid regular expression: ${message}` };
  }
  for (let s = 0; s < texts.length; s++) matches[s] = pattern.test(texts[s]) ? 1 : 0;
  return { matches, error: null };
}
