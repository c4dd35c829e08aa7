// @vitest-environment happy-dom
// The search of <hs-table> and the narrowing to many sequences selected at once, on small
// datasets: what is matched, what is listed, and that the texts are made once per dataset.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { within } from '@testing-library/dom';
import { StateDataset } from '@statescope/core';
import '@statescope/view-table/define';
import { binaryReviews, threeTopics } from '../../../test/support/datasets.js';
import { mountView } from '../../../test/support/mountView.js';
import { matchSearch, searchTexts } from '../src/sequenceSearch.js';
import * as search from '../src/sequenceSearch.js';

vi.mock('../src/sequenceSearch.js', async (original) => {
  const actual = await original<typeof import('../src/sequenceSearch.js')>();
  return { ...actual, searchTexts: vi.fn(actual.searchTexts) };
});

afterEach(() => document.body.replaceChildren());

const listed = (texts: string[], query: string) => {
  const { matches } = matchSearch(texts, query);
  return matches ? [...matches.keys()].filter((s) => matches[s]) : null;
};

describe('matchSearch', () => {
  const texts = searchTexts(binaryReviews()); // r0 "a fine film .", r1 "not good", r2 "dull but fun"

  it('finds text in ids and tokens, any case, across tokens', () => {
    expect(texts).toEqual(['r0\na fine film .', 'r1\nnot good', 'r2\ndull but fun']);
    expect(listed(texts, 'FIL')).toEqual([0]);
    expect(listed(texts, 'r1')).toEqual([1]);
    expect(listed(texts, 'but f')).toEqual([2]);
    expect(listed(texts, 'zebra')).toEqual([]);
    expect(listed(texts, '')).toBeNull(); // nothing asked: nothing filtered
  });

  it('reads /…/ as a regular expression, any case; ^ and $ anchor at the id and at the text', () => {
    expect(listed(texts, '/^R[12]$/')).toEqual([1, 2]);
    expect(listed(texts, '/^not/')).toEqual([1]);
    expect(listed(texts, '/\\bfun$/')).toEqual([2]);
    expect(listed(texts, '/f.*m/g')).toEqual([0]); // g would make test() skip every other match
    expect(listed(texts, '/n/')).toEqual([0, 1, 2]);
  });

  it('says why an expression is not one, and then filters nothing', () => {
    expect(matchSearch(texts, '/(fine/')).toEqual({
      matches: null,
      error: expect.stringMatching(/^not a valid regular expression: \S/),
    });
    expect(matchSearch(texts, '/fine/q').matches).toBeNull();
    expect(matchSearch(texts, '/fine/q').error).toMatch(/not a valid regular expression/);
  });
});

describe('<hs-table> search and narrowing', () => {
  function mount(data: StateDataset) {
    const mounted = mountView('hs-table', data);
    const ids = () =>
      mounted
        .screen()
        .getAllByRole('row')
        .slice(1)
        .map((r) => within(r).getAllByRole('gridcell')[0].textContent);
    const box = () => mounted.screen().getByRole('searchbox', { name: 'Search ids and tokens' }) as HTMLInputElement;
    const type = (text: string) => {
      box().value = text;
      box().dispatchEvent(new Event('input', { bubbles: true }));
    };
    return { ...mounted, ids, box, type };
  }

  it('lists the matches, "n of N", making each sequence’s text once per dataset and only when searched', () => {
    const made = vi.mocked(search.searchTexts);
    made.mockClear();
    const { view, screen, ids, type } = mount(binaryReviews());
    expect(made).not.toHaveBeenCalled();
    type('f');
    expect(ids()).toEqual(['r0', 'r2']);
    expect(screen().getByText('2 of 3 sequences')).toBeTruthy();
    type('fi');
    expect(ids()).toEqual(['r0']);
    type('/^r[01]$/');
    expect(ids()).toEqual(['r0', 'r1']);
    expect(view.search).toBe('/^r[01]$/');
    expect(made).toHaveBeenCalledTimes(1);
    // Another dataset: a clean search box, and its own texts when next searched.
    view.data = threeTopics();
    expect(ids()).toEqual(['d0', 'd1']);
    expect(view.search).toBe('');
    view.search = 'oil';
    expect(ids()).toEqual(['d0']);
    expect(made).toHaveBeenCalledTimes(2);
  });

  it('an invalid expression is named beside the box and lists every sequence', () => {
    const { screen, ids, type } = mount(binaryReviews());
    type('/[a/');
    expect(screen().getByRole('status').textContent).toMatch(/^not a valid regular expression/);
    expect(ids()).toEqual(['r0', 'r1', 'r2']);
  });

  it('many selected at once narrow it; one more at a time never does; "show all" widens it', () => {
    const data = new StateDataset({
      classes: ['a', 'b'],
      ids: Array.from({ length: 30 }, (_, i) => `s${i}`),
      tokens: Array.from({ length: 30 }, () => ['x']),
      labels: Array.from({ length: 30 }, (_, i) => i % 2),
      layers: [{ name: 'h', dim: 1, hidden: new Float32Array(30) }],
      expectedPredictions: new Float32Array(60).fill(0.5),
    });
    const { view, bus, screen, ids } = mount(data);
    const count = () => (screen(), view.order.length);
    const evens = Array.from({ length: 15 }, (_, i) => 2 * i);
    bus.setSelection(evens, 'overview');
    expect(ids()).toEqual(evens.map((s) => `s${s}`).sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
    expect(screen().getByText('showing the 15 selected')).toBeTruthy();
    // Picking one of them keeps the narrowing; one outside ends it.
    bus.selectSequence(4, 'table');
    expect(count()).toBe(15);
    bus.selectSequence(5, 'map');
    expect(count()).toBe(30);
    // Thirteen, one at a time: no narrowing.
    for (let s = 6; s < 19; s++) bus.selectSequence(s, 'table', 'add');
    expect(bus.selectedSequences.length).toBeGreaterThan(12);
    expect(count()).toBe(30);
    // At once again, then "show all".
    bus.setSelection(evens, 'overview');
    expect(count()).toBe(15);
    screen().getByRole('button', { name: 'show all' }).click();
    expect(count()).toBe(30);
    expect(screen().queryByText(/^showing the/)).toBeNull();
  });
});
