import { describe, expect, it } from 'vitest';
import { tokenize, Vocabulary, UNKNOWN_TOKEN } from '@statescope/rnn';

describe('tokenize', () => {
  it('lower-cases, drops <br /> and splits words from punctuation', () => {
    expect(tokenize("Great movie!<br /><br />I LOVED it, didn't you?")).toEqual([
      'great',
      'movie',
      '!',
      'i',
      'loved',
      'it',
      ',',
      "didn't",
      'you',
      '?',
    ]);
    expect(tokenize('Profit 3.5 mln dlrs (vs 2,000)')).toEqual([
      'profit',
      '3',
      '.',
      '5',
      'mln',
      'dlrs',
      '(',
      'vs',
      '2',
      ',',
      '000',
      ')',
    ]);
    expect(tokenize('  ')).toEqual([]);
  });
});

describe('Vocabulary', () => {
  it('keeps the most frequent tokens after <unk>, ties in code-point order', () => {
    const vocab = Vocabulary.fromCorpus(
      [
        ['b', 'a', 'c', 'a'],
        ['c', 'd', 'a', 'e'],
      ],
      { maxSize: 4 },
    );
    expect(vocab.tokens).toEqual([UNKNOWN_TOKEN, 'a', 'c', 'b']);
    expect(Array.from(vocab.encode(['a', 'zzz', 'b']))).toEqual([1, 0, 3]);
    expect(vocab.id('d')).toBe(0);
    expect(vocab.size).toBe(4);
  });

  it('drops tokens rarer than minCount', () => {
    const vocab = Vocabulary.fromCorpus([['x', 'x', 'y']], { maxSize: 10, minCount: 2 });
    expect(vocab.tokens).toEqual([UNKNOWN_TOKEN, 'x']);
  });

  it('rejects vocabularies without <unk> first or with repeats', () => {
    expect(() => new Vocabulary(['a'])).toThrow(/<unk>/);
    expect(() => new Vocabulary([UNKNOWN_TOKEN, 'a', 'a'])).toThrow(/entry 2/);
  });
});
