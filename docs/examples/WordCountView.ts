// <my-word-count>: a view of your own, written against the public API of Statescope only. It lists
// the most frequent tokens among the steps the other views brushed (else the active sequence's),
// and a click on a word brushes every step holding that token. docs/own-view.md walks through it;
// test/ownView.browser.test.ts drives it with real gestures next to <hs-projection>.
import { SEQUENCE_HIDDEN, sequenceFilter, type LinkBus } from '@statescope/bus';
import { StepSet, type StateDataset } from '@statescope/core';
import {
  StatescopeElement,
  baseStyles,
  bidi,
  defineElement,
  numberAttribute,
  oneOfAttribute,
  showMessage,
  withAttributes,
  type StatescopeEvent,
} from '@statescope/view-base';

// A typed DOM event of your own: add it to the base class's event map, so that `this.emit` checks
// its detail, and to the DOM's, so that `addEventListener` on the element knows it.
declare module '@statescope/view-base' {
  interface StatescopeEventDetails {
    /** A word of the list was clicked: its steps are now this view's brush. */
    'my-word-pick': { word: string; steps: number };
  }
}
declare global {
  interface HTMLElementEventMap {
    'my-word-pick': StatescopeEvent<'my-word-pick'>;
  }
  interface HTMLElementTagNameMap {
    'my-word-count': WordCountView;
  }
}

const styles = `${baseStyles}
ol { margin: 0; padding: 4px 0; list-style: none; }
button { all: unset; box-sizing: border-box; display: flex; width: 100%; gap: 8px; padding: 2px 6px; cursor: pointer; }
button:hover, button:focus-visible { outline: 1px solid var(--hs-focus-color); }
button[aria-pressed='true'] { font-weight: 600; }
.count { margin-left: auto; color: var(--hs-muted, #777); font-variant-numeric: tabular-nums; }
`;

/**
 * `<my-word-count>`: the most frequent tokens among the brushed steps.
 *
 * @tagname my-word-count
 * @csspart word - the button of one word
 * @fires {CustomEvent<{ word: string; steps: number }>} my-word-pick - a word was clicked and brushed
 */
export class WordCountView extends withAttributes(StatescopeElement, {
  /** How many words are listed; null (default) lists 10. */
  limit: numberAttribute({ min: 1 }),
  /** The most frequent words by `count` (default) or in `alphabet`ical order. */
  order: oneOfAttribute(['count', 'alphabet'], 'count'),
}) {
  readonly #box = this.mount(styles);
  /** One counter per distinct token of the dataset, made again when the dataset changes. */
  #counts: Uint32Array | null = null;

  constructor() {
    super();
    this.#box.addEventListener('click', (event) => {
      const button = (event.target as Element).closest('button');
      if (button) this.#pick(Number(button.dataset.id));
    });
  }

  // Redraw on what changes the list; the subscriptions end when the element leaves the page.
  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('brush', () => this.requestRender('brush'), { signal });
    bus.on('selection', () => this.requestRender('selection'), { signal });
    bus.on('filter', () => this.requestRender('filter'), { signal });
  }

  // Caches tied to the old dataset go before the next render.
  protected override dataChanged(): void {
    this.#counts = null;
  }

  // At most once per animation frame, after data, bus or attributes changed.
  // Only called with a dataset: until there is one, the base class says so in this.#box.
  protected render(_changes: ReadonlySet<string>, data: StateDataset): void {
    const counts = this.#count(data);
    if (!counts) return showMessage(this.#box, 'Brush steps in another view, or select a sequence.');
    const { vocabulary } = data;
    const alphabet = (a: number, b: number) => vocabulary[a].localeCompare(vocabulary[b]);
    const ids: number[] = [];
    for (let id = 0; id < counts.length; id++) if (counts[id] > 0) ids.push(id);
    const top = ids.sort((a, b) => counts[b] - counts[a] || alphabet(a, b)).slice(0, this.limit ?? 10);
    if (this.order === 'alphabet') top.sort(alphabet);
    if (top.length === 0) return showMessage(this.#box, 'The filters hide every step to count.');
    const picked = this.#picked();
    const list = document.createElement('ol');
    for (const id of top) {
      const button = document.createElement('button');
      button.part.add('word');
      button.dataset.id = String(id);
      button.setAttribute('aria-pressed', String(picked === vocabulary[id]));
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = String(counts[id]);
      button.append(bidi(vocabulary[id]), count); // text from data: as text, its direction isolated
      const item = document.createElement('li');
      item.append(button);
      list.append(item);
    }
    this.#box.replaceChildren(list);
  }

  /**
   * How often each token occurs among the steps the other views' brushes allow (never this
   * view's own: it would shrink the list to the word just picked), else among the active
   * sequence's steps; steps of sequences the class filter hides are left out. Null: nothing to count.
   */
  #count(data: StateDataset): Uint32Array | null {
    const bus = this.bus;
    const brushed = bus.brushed(this.source);
    const active = bus.activeSequence;
    if (!brushed && active < 0) return null;
    const counts = (this.#counts ??= new Uint32Array(data.vocabulary.length)).fill(0);
    const shown = sequenceFilter(data, bus.filters);
    const sequenceOf = data.stepSequences();
    const add = (step: number) => {
      if (shown[sequenceOf[step]] !== SEQUENCE_HIDDEN) counts[data.tokenIds[step]]++;
    };
    if (brushed) for (const step of brushed.toArray()) add(step);
    else for (let step = data.offsets[active]; step < data.offsets[active + 1]; step++) add(step);
    return counts;
  }

  /** A click on a word: every step with its token becomes this view's brush; a second click clears it. */
  #pick(id: number): void {
    const data = this.data;
    if (!data) return;
    const word = data.vocabulary[id];
    if (this.#picked() === word) return this.publishBrush(null);
    const steps = new StepSet(data.stepCount);
    for (let step = 0; step < data.stepCount; step++) if (data.tokenIds[step] === id) steps.add(step);
    this.publishBrush(steps, { word }); // the bus and an hs-brush event, together
    this.emit('my-word-pick', { word, steps: steps.count() });
  }

  /** The word of this view's brush: its clause's value, which a bus.restore() brings back too. */
  #picked(): string | null {
    const value = this.bus.clause(this.source)?.value;
    return value && typeof value === 'object' && !Array.isArray(value) ? String(value.word) : null;
  }
}

defineElement('my-word-count', WordCountView);
