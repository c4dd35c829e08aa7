import type { StateDataset, UnitMatch } from '@statescope/core';
import { labelled, option } from './formControls.js';

/** Tokens of context shown on each side of a match. */
const CONTEXT = 4;

/**
 * The "Match" list: the best other ranges of the dataset for the selected units, each a button
 * with the sequence id, the score and the tokens around the range, the matched ones emphasised
 * (text only, never HTML). A click calls `pick(match)`. Controls for LSTMVis's length and mode.
 */
export class MatchList {
  readonly element = document.createElement('section');
  readonly #caption = document.createElement('p');
  readonly #list = document.createElement('ol');
  readonly #length = document.createElement('select');
  readonly #mode = document.createElement('select');
  #matches: readonly UnitMatch[] = [];

  constructor(
    modes: readonly string[],
    callbacks: { pick(match: UnitMatch): void; option(name: 'matchLength' | 'matchMode', value: string): void },
  ) {
    this.element.className = 'matches';
    this.element.setAttribute('part', 'matches');
    this.element.setAttribute('aria-label', 'Matches');
    const heading = document.createElement('h3');
    heading.textContent = 'Match';
    this.#length.append(option('exact', 'exactly the brushed length'), option('any', 'any length'));
    this.#length.name = 'matchLength';
    for (const mode of modes) this.#mode.append(option(mode, mode));
    this.#mode.name = 'matchMode';
    this.#length.addEventListener('change', () => callbacks.option('matchLength', this.#length.value));
    this.#mode.addEventListener('change', () => callbacks.option('matchMode', this.#mode.value));
    const controls = document.createElement('div');
    controls.className = 'match-controls';
    controls.append(labelled('Length', this.#length), labelled('Mode', this.#mode));
    this.#caption.className = 'caption';
    this.#caption.setAttribute('aria-live', 'polite');
    this.#list.className = 'match-list';
    this.#list.addEventListener('click', (event) => {
      const button = (event.target as Element).closest?.('button[data-match]');
      if (button) callbacks.pick(this.#matches[Number(button.getAttribute('data-match'))]);
    });
    this.element.append(heading, controls, this.#caption, this.#list);
  }

  /** Shows `matches` (best first) of `data`; `shown` is the match drawn in the view, if any. */
  update(
    data: StateDataset,
    matches: readonly UnitMatch[],
    options: { length: string; mode: string; caption: string; shown: UnitMatch | null; faded: (s: number) => boolean },
  ): void {
    this.#length.value = options.length;
    this.#mode.value = options.mode;
    this.#caption.textContent = options.caption;
    this.#matches = matches;
    this.#list.replaceChildren(
      ...matches.map((match, i) => {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'match';
        button.dataset.match = String(i);
        button.dataset.sequence = String(match.sequence);
        const shown = options.shown;
        const current = shown !== null && shown.start === match.start && shown.end === match.end;
        button.setAttribute('aria-pressed', String(current));
        if (options.faded(match.sequence)) button.classList.add('faded');
        const id = document.createElement('span');
        id.className = 'id';
        id.textContent = data.ids[match.sequence];
        const score = document.createElement('span');
        score.className = 'score';
        score.textContent = match.score.toFixed(2);
        button.append(id, score, tokens(data, match));
        item.append(button);
        return item;
      }),
    );
  }
}

/** The matched tokens in <mark>, with a few tokens of context either side. */
function tokens(data: StateDataset, match: UnitMatch): HTMLElement {
  const span = document.createElement('span');
  span.className = 'tokens';
  const first = data.offsets[match.sequence];
  const last = data.offsets[match.sequence + 1];
  const from = Math.max(first, match.start - CONTEXT);
  const to = Math.min(last, match.end + CONTEXT);
  const text = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => data.token(a + i)).join(' ');
  if (from > first) span.append('… ');
  if (match.start > from) span.append(`${text(from, match.start)} `);
  const mark = document.createElement('mark');
  mark.textContent = text(match.start, match.end);
  span.append(mark);
  if (to > match.end) span.append(` ${text(match.end, to)}`);
  if (to < last) span.append(' …');
  return span;
}
