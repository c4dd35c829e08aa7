import { select } from 'd3-selection';
import {
  COLOR_MODES,
  SEQUENCE_FADED,
  SEQUENCE_HIDDEN,
  sequenceFilter,
  shownSequences,
  type LinkBus,
} from '@statescope/bus';
import type { StateDataset } from '@statescope/core';
import { drawProvisional } from './drawProvisional.js';
import {
  FADED_OPACITY,
  StatescopeElement,
  StepColors,
  baseStyles,
  classColor,
  contrastText,
  oneOfAttribute,
  showMessage,
  withAttributes,
  MUTED_COLOR,
} from '@statescope/view-base';

/** The most sequences stacked at once (the active one and the first compared ones); more would not be read. */
const MAX_STACKED = 8;
const EMPTY_MESSAGE = 'Select a sequence (in the table or on the map) to read its tokens here.';

const styles = `
${baseStyles}
.sequence + .sequence, .provisional + .sequence { margin-top: 12px; padding-top: 12px; border-top: 1px solid var(--hs-muted, #ccc); }
.header { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; margin-bottom: 6px; }
.header > * { min-width: 0; overflow-wrap: anywhere; }
.id { font-weight: 600; }
/* Class names and tokens are data: isolated, so that their direction never reorders the text
   beside them, and broken anywhere, so that a long one wraps inside the panel instead of widening it. */
.chip {
  display: inline-block;
  max-width: 100%;
  box-sizing: border-box;
  padding: 0 6px;
  border-radius: 8px;
  color: #fff;
  unicode-bidi: isolate;
  overflow-wrap: anywhere;
}
.wrong { color: #b00020; font-weight: 600; }
.tokens { display: flex; flex-wrap: wrap; gap: 2px; line-height: 1.6; }
.token {
  min-width: 0;
  max-width: 100%;
  box-sizing: border-box;
  padding: 0 3px;
  border-radius: 3px;
  outline: 2px solid transparent;
  outline-offset: 0;
  cursor: default;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  unicode-bidi: isolate;
}
.token:empty { min-width: 0.8em; }
.token.focused { outline-color: var(--hs-focus-color); }
.token:focus-visible { outline-color: var(--hs-focus-color); outline-style: dashed; }
/* Brushed in another view: a bar under the token, in its text colour, so it shows on any background. */
.token.brushed { box-shadow: inset 0 -3px 0 currentColor; }
/* The filters fade the sequence's classes and tokens; its id and the reason stay readable. */
.sequence.faded .classes, .sequence.faded .tokens { opacity: ${FADED_OPACITY}; }
.filter-note { color: var(--hs-muted, ${MUTED_COLOR}); font-style: italic; }
.more { margin-top: 12px; color: var(--hs-muted, ${MUTED_COLOR}); }
/* The provisional (what-if) sequence: not in the dataset, so its tokens are not buttons and focus nothing. */
.provisional .id::after { content: ' (not in the dataset)'; font-weight: normal; color: var(--hs-muted, ${MUTED_COLOR}); }
.origin { margin-bottom: 6px; overflow-wrap: anywhere; }
.provisional-error { color: #b00020; overflow-wrap: anywhere; }
.ptoken {
  min-width: 0;
  max-width: 100%;
  box-sizing: border-box;
  padding: 0 3px;
  border-radius: 3px;
  cursor: help;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  unicode-bidi: isolate;
}
.ptoken:empty { min-width: 0.8em; }
.ptoken.unknown { text-decoration: underline dotted; text-underline-offset: 3px; }
/* Differs from the original at the same position: a frame in the text colour; the parting token's is thicker. */
.ptoken.differs { outline: 1px solid var(--hs-text, #222); outline-offset: 1px; }
.ptoken.parting { outline-width: 2px; }
`;

/**
 * `<hs-sequence>`: the tokens of the active sequence, each on the colour of the model's
 * expected prediction at that step (or of the bus's colour mode), with the true and predicted
 * class and the confidence; every other selected sequence stacked under it, each headed by its
 * id (at most 8 in all; "+N more selected" counts the rest). Hovering a token (or moving to it
 * with the arrow keys) focuses that step on the bus; the step focused anywhere else is outlined
 * here. Tokens whose steps other views' brushes allow are underlined; a sequence the filters fade
 * or hide is drawn faded, its header saying why. The bus's provisional (what-if) sequence, when
 * there is one, comes first, in a block of its own; hovering it publishes nothing (its steps have no index in the dataset).
 *
 * @tagname hs-sequence
 * @csspart header - class and confidence line of a sequence
 * @csspart token - one token
 * @csspart empty - the message shown when nothing is selected
 * @csspart more - the line counting selected sequences not drawn
 * @csspart origin - the provisional sequence's line about the sequence it was edited from
 * @csspart provisional-token - one token of the provisional sequence (also `token`)
 * @fires {CustomEvent<{ step: number; length: number }>} hs-focus - a token was hovered or reached by keyboard
 * (Leaving the tokens sends hs-focus with step -1.)
 *
 * @example
 * In HTML: `<hs-sequence src="data/imdb.json" bus="main"></hs-sequence>`. In code:
 * ```ts
 * import { LinkBus } from '@statescope/bus';
 * import { loadDataset } from '@statescope/core';
 * import '@statescope/view-sequence/define'; // registers <hs-sequence>
 *
 * const bus = new LinkBus();
 * const tokens = document.createElement('hs-sequence');
 * tokens.bus = bus;
 * tokens.data = await loadDataset('data/imdb.json');
 * document.body.append(tokens);
 *
 * bus.setSelection([4, 9], 'my-page', 4); // shows sequence 4, and 9 under it
 * tokens.addEventListener('hs-focus', (event) => console.log(`hovered step ${event.detail.step}`));
 * ```
 */
export class SequenceView extends withAttributes(StatescopeElement, {
  /** This view's own colour mode (`expected`, `predicted` or `true`); null (default) follows the bus option `colorMode`. */
  colorMode: oneOfAttribute(COLOR_MODES, null),
}) {
  /** What the filters do to each sequence (sequenceFilter); null until needed after a filter or data change. */
  #filterLevels: Uint8Array | null = null;
  readonly #container: HTMLDivElement;
  /** The step the keyboard cursor is on (roving tabindex), or -1. */
  #cursor = -1;

  constructor() {
    super();
    this.#container = this.mount(styles);
    this.#container.addEventListener('pointerover', (event) => this.#hover(event));
    this.#container.addEventListener('pointerleave', () => this.publishFocus(-1));
    this.#container.addEventListener('keydown', (event) => this.#key(event));
    this.#container.addEventListener('focusin', (event) => this.#focusToken(event.target));
  }

  protected override dataChanged(): void {
    this.#filterLevels = null;
    this.#cursor = -1;
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    this.#filterLevels = null; // another bus, other filters
    bus.on('focus', () => this.requestRender('focus'), { signal });
    bus.on('selection', () => this.requestRender(), { signal });
    bus.on('brush', () => this.requestRender('brush'), { signal });
    bus.on(
      'filter',
      () => {
        this.#filterLevels = null;
        this.requestRender('filter');
      },
      { signal },
    );
    bus.on('options', (e) => e.changed.includes('colorMode') && this.requestRender(), { signal });
    bus.on('provisional', () => this.requestRender('provisional'), { signal });
  }

  protected render(changes: ReadonlySet<string>, data: StateDataset): void {
    if (!changes.has('all') && this.#container.querySelector('.token, :scope > .provisional')) {
      // Only bus state drawn on top of the tokens changed: repaint that, touch nothing else.
      if (changes.has('focus')) this.#paintFocus();
      if (changes.has('brush')) this.#paintBrush();
      if (changes.has('filter')) this.#paintFilters(data);
      if (changes.has('provisional')) {
        this.#renderProvisional(data);
        if (!this.#container.firstElementChild) showMessage(this.#container, EMPTY_MESSAGE);
      }
      return;
    }
    const { shown, more } = shownSequences(this.bus, data.sequenceCount, MAX_STACKED);
    if (shown.length === 0) {
      if (!this.bus.provisional) {
        return showMessage(this.#container, EMPTY_MESSAGE);
      }
      // Nothing selected, but a what-if text to show: it alone.
      for (const old of this.#container.querySelectorAll(':scope > :not(.provisional)')) old.remove();
      return this.#renderProvisional(data);
    }
    const mode = this.colorMode ?? this.bus.options.colorMode;
    const colors = StepColors.of(data, mode);
    this.#container.querySelector(':scope > .empty')?.remove();
    const focusStart = this.bus.focus;
    const focusEnd = focusStart + this.bus.focusLength;
    const brushed = this.bus.brushed(this.source);
    // One tab stop in all: the cursor's token if it is on show, else the first token.
    const cursorShown =
      this.#cursor >= 0 && this.#cursor < data.stepCount && shown.includes(data.sequenceOf(this.#cursor));
    const tokenClass = (step: number) =>
      (step >= focusStart && step < focusEnd ? 'token focused' : 'token') + (brushed?.has(step) ? ' brushed' : '');

    select(this.#container)
      .selectAll<HTMLDivElement, number>(':scope > .sequence')
      .data(shown, (s) => s)
      .join((enter) => {
        const block = enter.append('div').attr('class', 'sequence');
        const header = block.append('div').attr('class', 'header').attr('part', 'header');
        header.append('span').attr('class', 'id');
        header.append('span').attr('class', 'classes');
        block.append('div').attr('class', 'tokens').attr('role', 'group');
        return block;
      })
      .each((sequence, i, nodes) => {
        const block = select(nodes[i]);
        // The id is a flex item, a paragraph of its own: its direction cannot reach the text beside it.
        block.select('.id').text(`Sequence ${data.ids[sequence]}`);
        this.#renderClasses(block.select<HTMLSpanElement>('.classes').node()!, data, sequence);
        block.select('.tokens').attr('aria-label', `Tokens of sequence ${data.ids[sequence]}`);
        const first = data.offsets[sequence];
        const steps = Array.from({ length: data.sequenceLength(sequence) }, (_, t) => first + t);
        block
          .select('.tokens')
          .selectAll<HTMLSpanElement, number>('.token')
          .data(steps)
          .join('span')
          .attr('class', tokenClass)
          .attr('part', 'token')
          .attr('role', 'button')
          .attr('data-step', (step) => step)
          .attr('tabindex', (step, t) => (step === this.#cursor || (!cursorShown && t === 0 && i === 0) ? 0 : -1))
          .attr('aria-label', (step) => this.#tokenLabel(data, step))
          .style('background', (step) => colors.css(step))
          .style('color', (step) => contrastText(colors.css(step)))
          .text((step) => data.token(step));
      });
    this.#paintFilters(data);
    this.#renderMore(more);
    this.#renderProvisional(data);
  }

  /** The provisional sequence's block, first in the view; removed when the bus has none. */
  #renderProvisional(data: StateDataset): void {
    const sequence = this.bus.provisional;
    let block = this.#container.querySelector<HTMLDivElement>(':scope > .provisional');
    if (!sequence) return block?.remove();
    if (!block) {
      block = document.createElement('div');
      block.className = 'provisional';
    }
    if (this.#container.firstElementChild !== block) this.#container.prepend(block);
    drawProvisional(block, data, sequence, this.colorMode ?? this.bus.options.colorMode);
  }

  /** "+N more selected" under the stack when the selection holds more than is drawn; nothing otherwise. */
  #renderMore(more: number): void {
    let line = this.#container.querySelector<HTMLDivElement>(':scope > .more');
    if (more === 0) return line?.remove();
    if (!line) {
      line = document.createElement('div');
      line.className = 'more';
      line.setAttribute('part', 'more');
    }
    line.textContent = `+${more} more selected`;
    this.#container.append(line); // after the stack, also after sequences entered below it
  }

  /** Only the focus moved: outline the focused tokens, touch nothing else. */
  #paintFocus(): void {
    const start = this.bus.focus;
    const end = start + this.bus.focusLength;
    for (const token of this.#container.querySelectorAll<HTMLElement>('.token')) {
      const step = Number(token.dataset.step);
      token.classList.toggle('focused', step >= start && step < end);
    }
  }

  /** Only the brushes changed: underline the tokens whose steps the other views' brushes allow. */
  #paintBrush(): void {
    const brushed = this.bus.brushed(this.source);
    for (const token of this.#container.querySelectorAll<HTMLElement>('.token')) {
      token.classList.toggle('brushed', brushed !== null && brushed.has(Number(token.dataset.step)));
    }
  }

  /** Fades each shown sequence that the filters fade or hide, its header saying why. */
  #paintFilters(data: StateDataset): void {
    const levels = (this.#filterLevels ??= sequenceFilter(data, this.bus.filters));
    const correct = data.correctness();
    select(this.#container)
      .selectAll<HTMLDivElement, number>(':scope > .sequence')
      .each((sequence, i, nodes) => {
        const block = nodes[i];
        const level = levels[sequence];
        const reason =
          level === SEQUENCE_HIDDEN
            ? 'hidden by the class filter'
            : level === SEQUENCE_FADED
              ? `faded: ${correct[sequence] ? 'correct' : 'misclassified'}`
              : '';
        block.classList.toggle('faded', reason !== '');
        const header = block.querySelector(':scope > .header')!;
        let note = header.querySelector<HTMLSpanElement>(':scope > .filter-note');
        if (!reason) return note?.remove();
        if (!note) {
          note = document.createElement('span');
          note.className = 'filter-note';
          header.append(note);
        }
        note.textContent = `(${reason})`;
      });
  }

  #renderClasses(container: HTMLSpanElement, data: StateDataset, sequence: number): void {
    const label = data.labels[sequence];
    const predicted = data.predictions[sequence];
    const last = data.offsets[sequence + 1] - 1;
    const confidence = data.expectedPredictions[last * data.classCount + predicted];
    const chip = (c: number) => {
      const span = document.createElement('span');
      span.className = 'chip';
      span.style.background = classColor(c);
      span.style.color = contrastText(classColor(c));
      span.textContent = data.classes[c];
      return span;
    };
    const parts: (string | Node)[] = [
      'true ',
      chip(label),
      '  predicted ',
      chip(predicted),
      ` confidence ${confidence.toFixed(2)}`,
    ];
    if (label !== predicted) {
      const wrong = document.createElement('span');
      wrong.className = 'wrong';
      wrong.textContent = ' misclassified';
      parts.push(wrong);
    }
    container.replaceChildren(...parts);
  }

  #tokenLabel(data: StateDataset, step: number): string {
    const sequence = data.sequenceOf(step);
    const position = step - data.offsets[sequence] + 1;
    const prediction =
      data.classCount === 2
        ? `p(${data.classes[1]}) ${data.expectedPredictions[2 * step + 1].toFixed(2)}`
        : `${data.classes[data.stepClasses()[step]]} ${data.stepConfidences()[step].toFixed(2)}`;
    return `${data.token(step)}, step ${position} of ${data.sequenceLength(sequence)}, ${prediction}`;
  }

  #stepOf(target: EventTarget | null): number {
    const step = (target as HTMLElement | null)?.closest?.('.token')?.getAttribute('data-step');
    return step == null ? -1 : Number(step);
  }

  #hover(event: PointerEvent): void {
    const step = this.#stepOf(event.target);
    if (step < 0) return;
    this.publishFocus(step);
  }

  #focusToken(target: EventTarget | null): void {
    const step = this.#stepOf(target);
    if (step < 0 || step === this.#cursor) return;
    this.#cursor = step;
    this.publishFocus(step);
  }

  /** Arrow keys, Home and End move the keyboard cursor through the tokens of one sequence. */
  #key(event: KeyboardEvent): void {
    const data = this.data;
    const step = this.#stepOf(event.target);
    if (!data || step < 0) return;
    const sequence = data.sequenceOf(step);
    const first = data.offsets[sequence];
    const last = data.offsets[sequence + 1] - 1;
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? Math.min(last, step + 1)
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? Math.max(first, step - 1)
          : event.key === 'Home'
            ? first
            : event.key === 'End'
              ? last
              : -1;
    if (next < 0) return;
    event.preventDefault();
    const token = this.#container.querySelector<HTMLElement>(`.token[data-step="${next}"]`);
    token?.setAttribute('tabindex', '0');
    (event.target as HTMLElement).setAttribute('tabindex', '-1');
    token?.focus();
  }
}
