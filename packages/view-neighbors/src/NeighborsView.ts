import {
  SEQUENCE_HIDDEN,
  SEQUENCE_SHOWN,
  sequenceFilter,
  type LinkBus,
  type ProvisionalSequence,
} from '@statescope/bus';
import { rowArgmax, type StateDataset } from '@statescope/core';
import { sharedNearestStates, type NearestResult, type NearestStateIndex } from '@statescope/projection';
import {
  FADED_OPACITY,
  MUTED_COLOR,
  StatescopeElement,
  StepColors,
  baseStyles,
  bidi,
  numberAttribute,
  oneOfAttribute,
  provisionalColors,
  showMessage,
  stringAttribute,
  withAttributes,
} from '@statescope/view-base';
import { NeighborControls } from './NeighborControls.js';
import { tokenInContext, wordsInContext } from './tokenInContext.js';
import { tokenSearch, type TokenSearchResult } from './tokenSearch.js';

/** Neighbours listed while the attribute is absent. */
const DEFAULT_K = 10;
/** Words either side of a token while the attribute is absent. */
const DEFAULT_CONTEXT = 4;

const styles = `
${baseStyles}
.controls { margin-bottom: 6px; }
.options, .search { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; margin-bottom: 4px; }
label { display: inline-flex; gap: 4px; align-items: center; }
input[type='number'] { width: 4.5em; }
input[type='search'] { width: 18em; max-width: 100%; }
.search-status { margin: 0; min-height: 1.4em; color: var(--hs-muted, ${MUTED_COLOR}); }
.search-status.error { color: #b00020; }
.anchor { margin: 4px 0 6px; overflow-wrap: anywhere; }
.anchor .who { color: var(--hs-muted, ${MUTED_COLOR}); }
mark { background: var(--hs-neighbors-mark, #fde9b0); color: inherit; font-weight: 600; padding: 0 1px; }
table { border-collapse: collapse; width: 100%; }
caption { overflow-wrap: anywhere; text-align: left; color: var(--hs-muted, ${MUTED_COLOR}); padding-bottom: 2px; }
th { text-align: left; font-weight: 600; border-bottom: 1px solid var(--hs-muted, ${MUTED_COLOR}); padding: 2px 6px; }
/* Tokens and ids from data wrap anywhere: one long word never widens the panel. */
td { padding: 1px 6px; vertical-align: baseline; overflow-wrap: anywhere; }
td.in-context { width: 100%; }
td.number { white-space: nowrap; text-align: right; font-variant-numeric: tabular-nums; }
tbody tr { cursor: pointer; border-left: 3px solid transparent; }
tbody tr:hover, tbody tr.focused { background: color-mix(in srgb, var(--hs-focus-color) 15%, transparent); outline: 1px solid var(--hs-focus-color); }
tbody tr.active { border-left-color: var(--hs-text, #222); }
tbody tr.faded { opacity: ${FADED_OPACITY * 3}; }
button.row { all: unset; cursor: pointer; }
button.row:focus-visible { outline: 2px solid var(--hs-focus-color); outline-offset: 1px; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; vertical-align: -0.1em; margin-right: 4px; border: 1px solid rgb(0 0 0 / 0.2); }
.tag { font-size: 0.85em; border: 1px solid currentColor; border-radius: 6px; padding: 0 4px; margin-left: 4px; color: var(--hs-muted, ${MUTED_COLOR}); }
.tag.brushed { color: var(--hs-text, #222); background: var(--hs-neighbors-brushed, #e4e4e4); }
`;

/**
 * What the neighbours are listed for: a step of the dataset (the focused state), or step `at`
 * of a what-if text (the bus's provisional sequence), queried by its state vector.
 */
type NeighborAnchor =
  | { readonly step: number; readonly whatIf?: undefined }
  | { readonly step: -1; readonly whatIf: ProvisionalSequence; readonly at: number };

/**
 * `<hs-neighbors>`: the hidden states nearest the focused state, across the whole dataset, in the
 * model's own space (a layer's h, Euclidean or cosine distance; the state itself left out). Each
 * row shows the token in context, its sequence and step, its expected prediction (a swatch in
 * the bus's colour mode and the probability of the most probable class) and its distance; the
 * focused state itself heads the list. When the focus is cleared the list stays, saying whose
 * neighbours it shows. A what-if text published on the bus (by `<hs-whatif>`) becomes the anchor:
 * the states nearest its last state (the one its prediction comes from), in the top layer, whose
 * states it has; focusing a dataset state again anchors there.
 *
 * Hovering a row (or tabbing to it) focuses that state on the bus, so the map, the tokens and
 * the heatmap show where it lies, while the list stays anchored on the state you came from;
 * leaving the list gives the focus back as it was. A click selects the row's sequence
 * (Ctrl, Meta or Shift: adds it to the comparison or takes it out, as the table does).
 *
 * The search box turns a word (whole token, any case) or a `/regular expression/` into this
 * view's brush clause: every step whose token matches (`{ kind: 'token-search', query }`), so
 * the other views dim everything else. Esc or an empty box clears it.
 *
 * The index (from `@statescope/projection`'s `nearestStates`) is built on the first focus, once
 * per dataset, layer and metric, and shared by every `<hs-neighbors>` of the page; exact below
 * 50,000 states, approximate (built in a worker) above.
 *
 * @tagname hs-neighbors
 * @csspart controls - the option controls and the search box
 * @csspart anchor - the line naming the state whose neighbours are listed
 * @csspart table - the neighbours
 * @csspart empty - the message shown when nothing is listed
 * @cssprop --hs-neighbors-mark - background of the emphasised token (default #fde9b0)
 * @cssprop --hs-neighbors-brushed - background of the "brushed" tag (default #e4e4e4)
 * @fires {CustomEvent<{ step: number; length: number }>} hs-focus - a neighbour was hovered
 * @fires {CustomEvent<{ sequence: number; mode: 'replace' | 'add' | 'toggle'; sequences: number[] }>} hs-select - a neighbour was clicked
 * @fires {CustomEvent<{ steps: StepSet | null; value: JsonValue }>} hs-brush - the token search changed
 *
 * @example
 * ```ts
 * import { LinkBus } from '@statescope/bus';
 * import { loadDataset } from '@statescope/core';
 * import '@statescope/view-neighbors/define'; // registers <hs-neighbors>
 *
 * const bus = new LinkBus();
 * const neighbors = document.createElement('hs-neighbors');
 * neighbors.bus = bus;
 * neighbors.data = await loadDataset('data/imdb.json');
 * neighbors.k = 20;
 * neighbors.metric = 'cosine';
 * document.body.append(neighbors);
 * bus.setFocus(1234, 'my-page'); // lists the 20 states nearest step 1234
 * neighbors.searchTokens('not'); // brushes every "not"
 * ```
 */
export class NeighborsView extends withAttributes(StatescopeElement, {
  /** Neighbours listed, 1 to 100; null (default): 10. */
  k: numberAttribute({ min: 1, max: 100 }),
  /** `euclidean` (default) or `cosine` (1 - cosine similarity). */
  metric: oneOfAttribute(['euclidean', 'cosine'], 'euclidean'),
  /** The layer whose hidden states are compared; null (default): the top layer. */
  layer: stringAttribute(),
  /** Words shown either side of each token, 0 to 50; null (default): 4. */
  context: numberAttribute({ min: 0, max: 50 }),
}) {
  readonly #container: HTMLDivElement;
  readonly #controls: NeighborControls;
  readonly #anchorLine = document.createElement('p');
  readonly #list = document.createElement('div');
  #anchor: NeighborAnchor | null = null;
  /** Whether the anchor is focused now (else the focus left it and the list says so). */
  #live = false;
  /** The neighbours listed, or null. */
  #result: NearestResult | null = null;
  /** What the drawn rows were made for: they are rebuilt only when it changes. */
  #drawnKey = '';
  /** The what-if text whose neighbours #drawnKey's rows show, if any. */
  #drawnWhatIf: ProvisionalSequence | undefined;
  #rows: HTMLTableRowElement[] = [];
  /** The row hovered or tabbed to, and the focus before the pointer entered the list. */
  #hovered = -1;
  #focusBefore = -1;
  /** The search's outcome: null when the box is empty. */
  #search: TokenSearchResult | null = null;
  #searchError: string | null = null;
  /** The index build this view waits for, so that it subscribes once. */
  #awaiting: Promise<unknown> | null = null;
  /** Set while this view changes the bus, so that its own echoes are not taken for a restore. */
  #publishing = false;

  constructor() {
    super();
    this.#container = this.mount(styles);
    this.#controls = new NeighborControls({
      option: (name, value) => this.#setOption(name, value),
      search: (query) => this.searchTokens(query),
    });
    this.#anchorLine.className = 'anchor';
    this.#anchorLine.setAttribute('part', 'anchor');
    this.#anchorLine.setAttribute('aria-live', 'polite');
    this.#list.className = 'list';
    this.#list.addEventListener('pointerover', (event) => this.#hover(rowStep(event.target)));
    this.#list.addEventListener('pointerleave', () => this.#leave());
    this.#list.addEventListener('focusin', (event) => this.#hover(rowStep(event.target)));
    this.#list.addEventListener('focusout', (event) => {
      if (!this.#list.contains(event.relatedTarget as Node | null)) this.#leave();
    });
    this.#list.addEventListener('click', (event) => {
      const step = rowStep(event.target);
      const data = this.data;
      if (step < 0 || !data) return;
      const mode = event.ctrlKey || event.metaKey || event.shiftKey ? 'toggle' : 'replace';
      this.publishSelect(data.sequenceOf(step), mode);
    });
  }

  // ---- public API ------------------------------------------------------------------------

  /** The step whose neighbours are listed (the last focused one), or -1 (none, or a what-if state). */
  get anchorStep(): number {
    return this.#anchor?.step ?? -1;
  }

  /** The step of the what-if text whose neighbours are listed, or -1 (none, or a dataset state). */
  get anchorWhatIf(): number {
    return this.#anchor?.whatIf ? this.#anchor.at : -1;
  }

  /** The neighbours listed (steps and distances, nearest first), or null while none are. */
  get neighbors(): NearestResult | null {
    return this.#result;
  }

  /** The outcome of the token search, or null when the box is empty or its text invalid. */
  get searchResult(): TokenSearchResult | null {
    return this.#search;
  }

  /** Why the search text is invalid, or null. */
  get searchError(): string | null {
    return this.#searchError;
  }

  /**
   * Searches the tokens as typing `query` into the box does: a word (whole token, any case) or a
   * `/regular expression/`; the matching steps become this view's brush clause. '' clears it.
   * An invalid expression is shown as an error in the view and publishes nothing.
   */
  searchTokens(query: string): void {
    if (this.#controls.search.value !== query) this.#controls.search.value = query;
    const data = this.data;
    if (!data) return;
    if (query.trim() === '') {
      this.#search = null;
      this.#searchError = null;
      this.#brush(null);
    } else {
      try {
        this.#search = tokenSearch(data, query);
        this.#searchError = null;
        const { steps, stepCount } = this.#search;
        this.#brush(stepCount ? steps : null, query.trim());
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        this.#search = null;
        this.#searchError = error.message;
      }
    }
    this.#showSearchStatus();
  }

  // ---- bus ---------------------------------------------------------------------------------

  protected override dataChanged(): void {
    this.#anchor = null;
    this.#live = false;
    this.#result = null;
    this.#drawnKey = '';
    this.#rows = [];
    this.#hovered = -1;
    this.#search = null;
    this.#searchError = null;
    this.#controls.search.value = '';
    this.#controls.showStatus('');
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on(
      'focus',
      (event) => {
        // Its own hover moves the focus, never the anchor: the list stays where the user came from.
        if (event.source !== this.source) this.#adoptFocus(event.step);
        this.requestRender('focus');
      },
      { signal },
    );
    bus.on(
      'provisional',
      (event) => {
        this.#adoptWhatIf(event.sequence);
        this.requestRender('focus');
      },
      { signal },
    );
    bus.on('selection', () => this.requestRender('marks'), { signal });
    bus.on('filter', () => this.requestRender('marks'), { signal });
    bus.on('options', () => this.requestRender('marks'), { signal });
    bus.on(
      'brush',
      (event) => {
        if (event.source === this.source && !this.#publishing) this.#adoptClause(event.value);
        this.requestRender('marks');
      },
      { signal },
    );
    // What the bus holds already (a focus, a restored search) is shown.
    if (bus.focus >= 0) this.#adoptFocus(bus.focus);
    else this.#adoptWhatIf(bus.provisional);
    const own = bus.clause(this.source);
    if (own) this.#adoptClause(own.value);
  }

  #adoptFocus(step: number): void {
    const data = this.data;
    if (step < 0 || !data || step >= data.stepCount) {
      this.#live = false;
      return;
    }
    this.#live = true;
    if (this.#anchor?.step !== step) this.#anchor = { step };
  }

  /** A what-if text anchors the list at its last state; clearing it drops such an anchor. */
  #adoptWhatIf(sequence: ProvisionalSequence | null): void {
    if (sequence) {
      this.#anchor = { step: -1, whatIf: sequence, at: sequence.tokens.length - 1 };
      this.#live = true;
    } else if (this.#anchor?.whatIf) {
      this.#anchor = null;
      this.#live = false;
    }
  }

  /** This view's clause set by someone else (a restore): its query goes back into the box. */
  #adoptClause(value: unknown): void {
    const query =
      value && typeof value === 'object' && (value as { kind?: unknown }).kind === 'token-search'
        ? (value as { query?: unknown }).query
        : null;
    const text = typeof query === 'string' ? query : '';
    this.#controls.search.value = text;
    this.#searchError = null;
    this.#search = text && this.data ? safeSearch(this.data, text) : null;
    this.#showSearchStatus();
  }

  #brush(steps: TokenSearchResult['steps'] | null, query?: string): void {
    this.#publishing = true;
    try {
      this.publishBrush(steps, steps ? { kind: 'token-search', query: query ?? '' } : null);
    } finally {
      this.#publishing = false;
    }
  }

  // ---- drawing -----------------------------------------------------------------------------

  protected render(_changes: ReadonlySet<string>, data: StateDataset): void {
    if (this.#container.firstChild !== this.#controls.element) {
      this.#container.replaceChildren(this.#controls.element, this.#anchorLine, this.#list);
      this.#showSearchStatus();
    }
    const layer = this.#layerName(data);
    const metric = this.metric;
    const k = this.k ?? DEFAULT_K;
    this.#controls.update({ k, metric, layer, layers: data.layers.map((l) => l.name) });
    // A focus set before the dataset arrived is anchored once there is one.
    if (!this.#anchor && this.#hovered < 0 && this.bus.focus >= 0) this.#adoptFocus(this.bus.focus);
    const anchor = this.#anchor;
    if (!anchor) {
      this.#clearRows();
      this.#anchorLine.replaceChildren();
      return showMessage(
        this.#list,
        'Hover a state in another view (the map, the tokens) to list its nearest states across the dataset.',
      );
    }
    this.#drawAnchor(data, anchor);
    const top = data.layers[data.layers.length - 1].name;
    if (anchor.whatIf && layer !== top) {
      this.#clearRows();
      return showMessage(this.#list, `A what-if text has the states of the top layer only: choose layer ${top}.`);
    }
    const { hidden, dim } = data.layer(layer);
    const entry = sharedNearestStates(hidden, { dim, metric });
    if (entry.error) {
      this.#clearRows();
      return showMessage(this.#list, `Could not index the states: ${entry.error.message}`);
    }
    if (!entry.index) {
      this.#clearRows();
      showMessage(this.#list, `Indexing ${data.stepCount.toLocaleString('en')} states…`);
      // Whichever view started the build, each redraws itself when it ends (once per build).
      if (this.#awaiting !== entry.promise) {
        this.#awaiting = entry.promise;
        const redraw = () => this.requestRender();
        entry.promise.then(redraw, redraw);
      }
      return;
    }
    const context = Math.floor(this.context ?? DEFAULT_CONTEXT);
    const key = `${anchor.step}|${k}|${metric}|${layer}|${context}`;
    if (
      anchor.whatIf !== this.#drawnWhatIf ||
      key !== this.#drawnKey ||
      !this.#rows.length ||
      !this.#list.contains(this.#rows[0])
    ) {
      this.#result = this.#nearest(entry.index, anchor, k);
      this.#drawRows(data, this.#result, { k, metric, layer, context });
      this.#drawnKey = key;
      this.#drawnWhatIf = anchor.whatIf;
    }
    this.#paintMarks(data);
  }

  /** The neighbours of an anchor: the one place that turns an anchor into a query. */
  #nearest(index: NearestStateIndex, anchor: NeighborAnchor, k: number): NearestResult {
    if (!anchor.whatIf) return index.queryStep(anchor.step, k);
    const { dim } = index;
    return index.query(anchor.whatIf.hidden.subarray(anchor.at * dim, (anchor.at + 1) * dim), k);
  }

  #drawAnchor(data: StateDataset, anchor: NeighborAnchor): void {
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = this.#live ? 'Nearest states of ' : 'Last focused (the list stays until you focus another): ';
    const context = Math.floor(this.context ?? DEFAULT_CONTEXT);
    if (anchor.whatIf) {
      const { whatIf, at } = anchor;
      const C = data.classCount;
      const c = rowArgmax(whatIf.expected.subarray(at * C, (at + 1) * C), C).classes[0];
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.setAttribute('aria-hidden', 'true');
      swatch.style.background = provisionalColors(whatIf, C, this.bus.options.colorMode)[at];
      const where = document.createElement('span');
      where.className = 'where';
      where.append(
        ' (the what-if text, ',
        `step ${at + 1}, `,
        swatch,
        bidi(data.classes[c]),
        ` ${whatIf.expected[at * C + c].toFixed(2)})`,
      );
      return this.#anchorLine.replaceChildren(who, wordsInContext(whatIf.tokens, at, context), where);
    }
    const sequence = data.sequenceOf(anchor.step);
    const where = document.createElement('span');
    where.className = 'where';
    where.append(
      ' (',
      bidi(data.ids[sequence]),
      `, step ${anchor.step - data.offsets[sequence] + 1}, `,
      this.#prediction(data, anchor.step),
      ')',
    );
    this.#anchorLine.replaceChildren(who, tokenInContext(data, anchor.step, context), where);
  }

  #drawRows(
    data: StateDataset,
    result: NearestResult,
    options: { k: number; metric: string; layer: string; context: number },
  ): void {
    if (result.steps.length === 0) {
      this.#clearRows();
      return showMessage(this.#list, 'The dataset holds no other state.');
    }
    const table = document.createElement('table');
    table.setAttribute('part', 'table');
    const caption = table.createCaption();
    caption.textContent = `The ${result.steps.length} nearest states (${options.metric} distance in layer ${options.layer}'s h). Hover one to see it in the other views; click to select its sequence.`;
    const head = table.createTHead().insertRow();
    for (const [text, number] of [
      ['Token in context', false],
      ['Sequence', false],
      ['Step', true],
      ['Prediction', false],
      ['Distance', true],
    ] as const) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      if (number) th.className = 'number';
      head.append(th);
    }
    const body = table.createTBody();
    this.#rows = [];
    for (let i = 0; i < result.steps.length; i++) {
      const step = result.steps[i];
      const sequence = data.sequenceOf(step);
      const row = body.insertRow();
      row.dataset.step = String(step);
      row.dataset.sequence = String(sequence);
      const text = row.insertCell();
      text.className = 'in-context';
      // A button, so that keyboard users reach each row (Tab), hear it and select it (Enter).
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'row';
      button.append(tokenInContext(data, step, options.context));
      text.append(button);
      const id = row.insertCell();
      id.className = 'sequence';
      const stepCell = row.insertCell();
      stepCell.className = 'number';
      stepCell.textContent = String(step - data.offsets[sequence] + 1);
      const prediction = row.insertCell();
      prediction.className = 'prediction';
      const distance = row.insertCell();
      distance.className = 'number distance';
      distance.textContent = formatDistance(result.distances[i]);
      this.#rows.push(row);
    }
    this.#list.replaceChildren(table);
  }

  /** What follows the bus without a new query: colours, active and brushed marks, fading, focus. */
  #paintMarks(data: StateDataset): void {
    const bus = this.bus;
    const colors = StepColors.of(data, bus.options.colorMode);
    const brushed = bus.brushed(this.source);
    const levels = sequenceFilter(data, bus.filters);
    const focus = bus.focus;
    for (const row of this.#rows) {
      const step = Number(row.dataset.step);
      const sequence = Number(row.dataset.sequence);
      const active = sequence === bus.activeSequence;
      const selected = !active && bus.isSelected(sequence);
      const inBrush = brushed !== null && brushed.has(step);
      const level = levels[sequence];
      row.classList.toggle('active', active);
      row.classList.toggle('selected', selected);
      row.classList.toggle('brushed', inBrush);
      row.classList.toggle('faded', level !== SEQUENCE_SHOWN);
      row.classList.toggle('focused', step === focus);
      const id = row.cells[1];
      id.replaceChildren(bidi(data.ids[sequence]));
      if (active) id.append(tag('active'));
      else if (selected) id.append(tag('selected'));
      if (inBrush) id.append(tag('brushed'));
      if (level !== SEQUENCE_SHOWN) id.append(tag(level === SEQUENCE_HIDDEN ? 'class hidden' : 'faded'));
      row.cells[3].replaceChildren(this.#prediction(data, step, colors));
    }
  }

  /** A swatch in the bus's colour mode and the most probable class with its probability. */
  #prediction(data: StateDataset, step: number, colors = StepColors.of(data, this.bus.options.colorMode)): HTMLElement {
    const box = document.createElement('span');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.setAttribute('aria-hidden', 'true');
    swatch.style.background = colors.css(step);
    const c = data.stepClasses()[step];
    const p = data.expectedPredictions[step * data.classCount + c];
    box.append(swatch, bidi(data.classes[c]), ` ${p.toFixed(2)}`);
    return box;
  }

  #clearRows(): void {
    this.#rows = [];
    this.#result = null;
    this.#drawnKey = '';
  }

  #showSearchStatus(): void {
    if (this.#searchError) return this.#controls.showStatus(`Nothing searched: ${this.#searchError}.`, true);
    const result = this.#search;
    if (!result) return this.#controls.showStatus('');
    const { stepCount, sequenceCount } = result;
    this.#controls.showStatus(
      stepCount === 0
        ? 'No token matches; nothing brushed.'
        : `${stepCount.toLocaleString('en')} ${stepCount === 1 ? 'step' : 'steps'} in ${sequenceCount.toLocaleString('en')} ${sequenceCount === 1 ? 'sequence' : 'sequences'}`,
    );
  }

  protected override renderEmpty(message: string): void {
    this.#clearRows();
    showMessage(this.#container, message);
  }

  // ---- gestures ----------------------------------------------------------------------------

  /** A row hovered or tabbed to: its state is focused on the bus; the anchor stays. */
  #hover(step: number): void {
    if (step < 0 || step === this.#hovered) return;
    if (this.#hovered < 0) this.#focusBefore = this.bus.focus;
    this.#hovered = step;
    this.publishFocus(step);
  }

  /** The pointer (or keyboard focus) left the list: the focus goes back to what it was. */
  #leave(): void {
    if (this.#hovered < 0) return;
    this.#hovered = -1;
    const before = this.#focusBefore;
    this.publishFocus(this.data && before < this.data.stepCount ? before : -1);
  }

  #setOption(name: 'k' | 'metric' | 'layer', value: string): void {
    if (name === 'k') this.k = Math.min(100, Math.max(1, Math.round(Number(value))));
    else if (name === 'metric') this.metric = value === 'cosine' ? 'cosine' : 'euclidean';
    else this.layer = value;
  }

  #layerName(data: StateDataset): string {
    const known = this.layer !== null && data.layers.some((l) => l.name === this.layer);
    return data.layer(known ? this.layer! : undefined).name;
  }
}

/** The step of the row an event happened in, or -1. */
function rowStep(target: EventTarget | null): number {
  const row = (target as Element | null)?.closest?.('tr[data-step]') as HTMLElement | null | undefined;
  return row ? Number(row.dataset.step) : -1;
}

function tag(text: string): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = `tag ${text.split(' ')[0]}`;
  span.textContent = text;
  return span;
}

function formatDistance(d: number): string {
  return d >= 100 ? d.toFixed(1) : d >= 0.001 || d === 0 ? d.toFixed(3) : d.toExponential(2);
}

/** A restored query's outcome; an invalid one (which this view never publishes) shows nothing. */
function safeSearch(data: StateDataset, query: string): TokenSearchResult | null {
  try {
    return tokenSearch(data, query);
  } catch {
    return null;
  }
}
