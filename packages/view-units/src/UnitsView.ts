import { SEQUENCE_SHOWN, sequenceFilter, shownSequences, type LinkBus, type UnitSelection } from '@statescope/bus';
import {
  UNIT_MATCH_MODES,
  UNIT_ORDERS,
  UnitMatcher,
  orderUnits,
  unitActivations,
  unitsOnThroughout,
  type StateDataset,
  type UnitMatch,
  type UnitStateKind,
} from '@statescope/core';
import {
  MUTED_COLOR,
  StatescopeElement,
  StepColors,
  baseStyles,
  numberAttribute,
  oneOfAttribute,
  showMessage,
  stringAttribute,
  withAttributes,
} from '@statescope/view-base';
import { activationColors, activationExtent } from './activationScale.js';
import { MatchList } from './MatchList.js';
import { SelectionChips } from './SelectionChips.js';
import { UnitControls } from './UnitControls.js';
import { UnitsPanel } from './UnitsPanel.js';

/** The most compared sequences drawn beside the active one. */
const MAX_COMPARED = 4;
/** Matches listed (and brushed on the bus). */
const MATCH_LIMIT = 20;
/** The on-threshold while the attribute is absent: tanh-bounded h is "on" from 0.3. */
const DEFAULT_THRESHOLD = 0.3;
/** Colour of the selected units' lines and rows. */
const SELECTED_COLOR = '#d35400';

const styles = `
${baseStyles}
.controls, .selection, .match-controls { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; margin-bottom: 6px; }
label { display: inline-flex; gap: 4px; align-items: center; }
input[type='number'] { width: 5em; }
.readout { min-height: 1.4em; color: var(--hs-muted, ${MUTED_COLOR}); }
.panels { display: flex; gap: 8px; }
.panel { margin: 0; flex: 1 1 0; min-width: 0; }
.panel figcaption { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.panel:not(.active) figcaption { font-weight: 400; }
.plot { position: relative; }
canvas.heat { position: absolute; image-rendering: pixelated; }
/* Over the canvas: the pointer reaches the chart and its brush. */
.plot svg { position: relative; }
path.unit { fill: none; stroke: var(--hs-units-line, #9a9a9a); stroke-opacity: 0.45; stroke-width: 1; }
path.unit.selected { stroke: var(--hs-units-selected, ${SELECTED_COLOR}); stroke-opacity: 0.9; stroke-width: 1.5; }
path.unit.hovered { stroke: var(--hs-text, #222); stroke-opacity: 1; stroke-width: 2.5; }
rect.selected-row { fill: none; stroke: var(--hs-units-selected, ${SELECTED_COLOR}); stroke-width: 1.5; pointer-events: none; }
rect.hover-row { fill: none; stroke: var(--hs-text, #222); stroke-width: 1.5; display: none; pointer-events: none; }
rect.hover-row.shown { display: inline; }
.threshold line { stroke: var(--hs-text, #222); stroke-dasharray: 4 3; stroke-width: 1.5; pointer-events: none; }
.threshold text { font-size: 11px; paint-order: stroke; stroke: var(--hs-background, #fff); stroke-width: 3px; }
rect.focus-column { fill: var(--hs-focus-color); fill-opacity: 0.15; stroke: var(--hs-focus-color); stroke-width: 1.5; display: none; pointer-events: none; }
rect.focus-column.shown { display: inline; }
.brushed-marks rect { fill: var(--hs-text, #222); }
.tokens text { font-size: 10px; }
.caption { fill: var(--hs-muted, ${MUTED_COLOR}); color: var(--hs-muted, ${MUTED_COLOR}); font-size: 11px; }
.brush.match .selection { fill: ${SELECTED_COLOR}; fill-opacity: 0.15; stroke: ${SELECTED_COLOR}; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; }
.chip { border: 1px solid var(--hs-units-selected, ${SELECTED_COLOR}); border-radius: 10px; background: transparent; color: inherit; padding: 0 8px; font: inherit; cursor: pointer; }
.matches h3 { font-size: 1em; margin: 8px 0 4px; }
.match-list { margin: 0; padding-left: 2em; max-height: 16em; overflow: auto; }
.match { display: flex; gap: 8px; width: 100%; text-align: left; background: transparent; border: 1px solid transparent; color: inherit; font: inherit; cursor: pointer; padding: 1px 4px; }
.match:hover, .match[aria-pressed='true'] { border-color: var(--hs-focus-color); }
.match.faded { opacity: 0.5; }
.match .id { font-weight: 600; }
.match .score { color: var(--hs-muted, ${MUTED_COLOR}); }
.match mark { background: #fbe3cf; color: inherit; }
`;

/**
 * `<hs-units>`: LSTMVis's hidden-state view, linked to the bus. For the active sequence, the
 * activation of every unit of a layer's hidden state h (or cell state c) over its steps: one
 * line per unit with the tokens as the x axis, or a units x steps heatmap; units in the order of
 * their index, their correlation with the expected prediction, or a clustering. Compared
 * sequences (up to four) are drawn beside it on the same scale and order, each headed by its id.
 *
 * Hovering a step focuses it on the bus and shows the unit under the pointer with its value; a
 * step focused elsewhere is outlined here. Brushing a range of steps on the active sequence
 * selects the units on (at or above `threshold`) throughout it and off for `off-before` /
 * `off-after` steps around it (LSTMVis's rule); the selection is listed as chips that remove a
 * unit, a click on a line or row toggles one, a field adds one by index. It is published as the
 * bus's `options.units`. The best other ranges where the selected units are on are listed under
 * "Match"; a click there makes that sequence active and draws its range; the matches' steps are
 * this view's brush clause (`{ kind: 'units-match', ... }`), so the other views show where the
 * pattern lives.
 *
 * @tagname hs-units
 * @csspart controls - the option controls
 * @csspart selection - the selected units' chips
 * @csspart panel - one sequence's drawing
 * @csspart svg - a panel's chart
 * @csspart matches - the match list
 * @csspart empty - the message shown when nothing is selected
 * @cssprop --hs-units-selected - colour of the selected units (default #d35400)
 * @cssprop --hs-units-line - colour of the other units' lines
 * @fires {CustomEvent<{ step: number; length: number }>} hs-focus - a step was hovered
 * @fires {CustomEvent<{ options: Readonly<SharedOptions>; changed: (keyof SharedOptions)[] }>} hs-options - the unit selection changed
 * @fires {CustomEvent<{ steps: StepSet | null; value: JsonValue }>} hs-brush - the matches' steps changed
 * @fires {CustomEvent<{ sequence: number; mode: 'replace' | 'add' | 'toggle'; sequences: number[] }>} hs-select - a match was clicked
 *
 * @example
 * ```ts
 * import { LinkBus } from '@statescope/bus';
 * import { loadDataset } from '@statescope/core';
 * import '@statescope/view-units/define'; // registers <hs-units>
 *
 * const bus = new LinkBus();
 * const units = document.createElement('hs-units');
 * units.bus = bus;
 * units.data = await loadDataset('data/imdb.json');
 * units.display = 'heatmap';
 * document.body.append(units);
 * bus.selectSequence(0, 'my-page');
 * bus.on('options', ({ options }) => console.log(options.units?.units));
 * ```
 */
export class UnitsView extends withAttributes(StatescopeElement, {
  /** The layer shown; null (default): the top layer. */
  layer: stringAttribute(),
  /** `hidden` (default): the hidden state h; `cell`: the cell state c (LSTM layers only). */
  state: oneOfAttribute(['hidden', 'cell'], 'hidden'),
  /** `lines` (default): one line per unit; `heatmap`: units x steps. */
  display: oneOfAttribute(['lines', 'heatmap'], 'lines'),
  /** Unit order: `index` (default), `correlation` with the expected prediction, or `cluster`. */
  order: oneOfAttribute(UNIT_ORDERS, 'index'),
  /** The on-threshold: a unit is on at a step when its activation is at least this; null (default): 0.3. */
  threshold: numberAttribute(),
  /** Steps before a brushed range where a selected unit must be off; null (default): 0. */
  offBefore: numberAttribute({ min: 0 }),
  /** Steps after a brushed range where a selected unit must be off; null (default): 0. */
  offAfter: numberAttribute({ min: 0 }),
  /** Matches of `exact`ly the brushed length (default) or of `any` length. */
  matchLength: oneOfAttribute(['exact', 'any'], 'exact'),
  /** LSTMVis's precision: `fast` (default) or `precise`. */
  matchMode: oneOfAttribute(UNIT_MATCH_MODES, 'fast'),
  /** Drawing width in CSS pixels; null (default) takes the element's width, else 720. */
  width: numberAttribute({ min: 1 }),
  /** Height of each panel in CSS pixels; null (default): 260. */
  height: numberAttribute({ min: 1 }),
}) {
  readonly #container: HTMLDivElement;
  readonly #controls: UnitControls;
  readonly #readout = document.createElement('div');
  readonly #chips: SelectionChips;
  readonly #panelsBox = document.createElement('div');
  /** "+N more selected" when the selection holds more sequences than the panels show. */
  readonly #more = document.createElement('div');
  readonly #matchList: MatchList;
  readonly #palette = activationColors();
  #panels: UnitsPanel[] = [];
  /** The selected units, ascending (of the layer and state shown). */
  #units: number[] = [];
  /** Whether there is a selection at all (a brushed range with no unit on is one). */
  #selecting = false;
  /** The brushed range that made the selection (global steps [start, end)), or null. */
  #range: [number, number] | null = null;
  #matches: UnitMatch[] = [];
  /** The match last clicked: drawn brushed while its sequence is active. */
  #shownMatch: UnitMatch | null = null;
  #hover: { step: number; unit: number } | null = null;
  /** Set while this view changes the bus, so that its own echoes are not taken for a restore. */
  #publishing = false;
  /** Set while a selection from the bus moves the layer or state: that change keeps it. */
  #adopting = false;

  constructor() {
    super();
    this.#container = this.mount(styles);
    this.#controls = new UnitControls((name, value) => this.#setOption(name, value));
    this.#readout.className = 'readout';
    this.#readout.setAttribute('aria-live', 'polite');
    this.#chips = new SelectionChips({
      remove: (unit) => this.#editUnits(this.#units.filter((u) => u !== unit)),
      add: (unit) => this.#editUnits([...this.#units, unit]),
      clear: () => this.clearSelection(),
    });
    this.#panelsBox.className = 'panels';
    this.#more.className = 'more caption';
    this.#matchList = new MatchList(UNIT_MATCH_MODES, {
      pick: (match) => this.#pick(match),
      option: (name, value) => this.#setOption(name, value),
    });
  }

  // ---- public API ------------------------------------------------------------------------

  /** The selected units, ascending. */
  get selectedUnits(): readonly number[] {
    return this.#units;
  }

  /** The brushed range (global steps [start, end)) the selection came from, or null. */
  get selectedRange(): readonly [number, number] | null {
    return this.#range;
  }

  /** The matches listed, best first. */
  get unitMatches(): readonly UnitMatch[] {
    return this.#matches;
  }

  /**
   * Selects the units on throughout steps [start, end) of one sequence (global steps), as
   * brushing that range does.
   */
  selectRange(start: number, end: number): void {
    const data = this.#need();
    const units = unitsOnThroughout(data, start, end, { ...this.#rule(data), ...this.#margins() });
    this.#range = [start, end];
    this.#selecting = true;
    this.#units = Array.from(units);
    this.#commit();
  }

  /** Selects exactly these units (no range). */
  selectUnits(units: ArrayLike<number>): void {
    this.#range = null;
    this.#editUnits(Array.from(units));
  }

  /** Clears the selection, its matches and this view's brush clause. */
  clearSelection(): void {
    this.#units = [];
    this.#range = null;
    this.#selecting = false;
    this.#commit();
  }

  // ---- attributes and bus ------------------------------------------------------------------

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    super.attributeChangedCallback(name, previous, value);
    if (previous === value || !this.data || !this.isConnected || !this.#selecting) return;
    if (name === 'layer' || name === 'state') {
      // The units of another state are other units: the selection no longer applies.
      if (!this.#adopting) this.clearSelection();
    } else if (name === 'threshold' || name === 'off-before' || name === 'off-after') {
      if (this.#range) this.selectRange(this.#range[0], this.#range[1]);
      else this.#commit();
    } else if (name === 'match-length' || name === 'match-mode') {
      this.#commit();
    }
  }

  protected override dataChanged(): void {
    this.#units = [];
    this.#range = null;
    this.#selecting = false;
    this.#matches = [];
    this.#shownMatch = null;
    this.#hover = null;
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('focus', () => this.requestRender('focus'), { signal });
    bus.on('selection', () => this.requestRender(), { signal });
    bus.on('filter', () => this.requestRender(), { signal });
    bus.on(
      'brush',
      (event) => {
        if (event.source === this.source && !this.#publishing) {
          this.#adoptClause(event.value);
          if (this.#selecting && this.data) this.#matches = this.#computeMatches(this.data);
        }
        this.requestRender();
      },
      { signal },
    );
    bus.on(
      'options',
      (event) => {
        if (event.changed.includes('units') && !this.#publishing) this.#adoptUnits(event.options.units);
        this.requestRender();
      },
      { signal },
    );
    // A selection already on the bus (a restore before this view joined) is shown.
    if (bus.options.units) this.#adoptUnits(bus.options.units);
  }

  // ---- drawing -----------------------------------------------------------------------------

  protected render(changes: ReadonlySet<string>, data: StateDataset): void {
    if (!changes.has('all') && this.#panels.length && this.#panels[0].element.isConnected) {
      return this.#paintFocus();
    }
    const { shown, more } = shownSequences(this.bus, data.sequenceCount, 1 + MAX_COMPARED);
    this.#more.hidden = more === 0;
    this.#more.textContent = `+${more} more selected`;
    const { layer, state } = this.#rule(data);
    const { values, dim } = unitActivations(data, layer, state);
    const extent = activationExtent(values);
    const threshold = this.#threshold();
    if (this.#container.childElementCount !== 6 || this.#container.firstChild !== this.#controls.element) {
      this.#container.replaceChildren(
        this.#controls.element,
        this.#chips.element,
        this.#readout,
        this.#panelsBox,
        this.#more,
        this.#matchList.element,
      );
    }
    this.#controls.update({
      layer,
      layers: data.layers.map((l) => l.name),
      display: this.display,
      state,
      hasCell: data.layer(layer).cell !== undefined,
      order: this.order,
      threshold,
      extent,
      offBefore: this.offBefore ?? 0,
      offAfter: this.offAfter ?? 0,
    });
    const rangeText = this.#range
      ? `, on from ${threshold} throughout ${rangeLabel(data, this.#range)}`
      : this.#units.length
        ? ', picked by hand'
        : '';
    // A brushed range where no unit stays on says so, and what to change, rather than "brush a range".
    const empty = this.#range
      ? `No unit is on from ${threshold} throughout ${rangeLabel(data, this.#range)}: lower the threshold, brush fewer steps, or click a line.`
      : undefined;
    this.#chips.update(this.#units, dim, rangeText, empty);
    const levels = sequenceFilter(data, this.bus.filters);
    this.#matchList.update(data, this.#matches, {
      length: this.matchLength,
      mode: this.matchMode,
      caption: this.#matchCaption(),
      shown: this.#shownMatch,
      faded: (s) => levels[s] !== SEQUENCE_SHOWN,
    });
    if (shown.length === 0) {
      this.#panels = [];
      showMessage(this.#panelsBox, 'Select a sequence to see the activations of its hidden units.');
      this.#readout.textContent = '';
      return;
    }
    const selected = new Uint8Array(dim);
    for (const unit of this.#units) if (unit < dim) selected[unit] = 1;
    const order = orderUnits(data, this.order, layer, state);
    const colors = StepColors.of(data, this.bus.options.colorMode);
    const brushed = this.bus.brushed(this.source);
    const total = this.width ?? (this.clientWidth || 720);
    const width = Math.max(120, Math.floor((total - 8 * (shown.length - 1)) / shown.length));
    while (this.#panels.length < shown.length) {
      this.#panels.push(
        new UnitsPanel({
          hover: (step, unit) => this.#hovered(step, unit),
          leave: () => this.#hovered(-1, -1),
          range: (start, end) => this.selectRange(start, end),
          toggle: (unit) => this.#toggle(unit),
        }),
      );
    }
    this.#panels.length = shown.length;
    const active = shown[0];
    const ownRange = this.#range && data.sequenceOf(this.#range[0]) === active ? this.#range : null;
    const matchRange =
      this.#shownMatch && this.#shownMatch.sequence === active
        ? ([this.#shownMatch.start, this.#shownMatch.end] as [number, number])
        : null;
    shown.forEach((sequence, i) => {
      this.#panels[i].draw({
        data,
        sequence,
        active: i === 0,
        values,
        dim,
        extent,
        order,
        display: this.display,
        selected,
        threshold,
        range: i === 0 ? (ownRange ?? matchRange) : null,
        rangeKind: ownRange ? 'query' : 'match',
        brushed,
        colors,
        level: levels[sequence],
        palette: this.#palette,
        width,
        height: this.height ?? 260,
      });
    });
    const elements = this.#panels.map((p) => p.element);
    if (
      elements.some((e, i) => this.#panelsBox.children[i] !== e) ||
      this.#panelsBox.children.length !== elements.length
    ) {
      this.#panelsBox.replaceChildren(...elements);
    }
    this.#paintFocus();
  }

  /** The focused step's column, the hovered unit and the readout: no redraw. */
  #paintFocus(): void {
    const focus = this.bus.focus;
    const unit = this.#hover?.unit ?? -1;
    for (const panel of this.#panels) {
      panel.paintFocus(focus);
      panel.paintHover(unit);
    }
    const data = this.data;
    if (!data) return;
    const step = this.#hover?.step ?? focus;
    if (step < 0 || step >= data.stepCount) {
      this.#readout.textContent =
        'Hover a step for its units; brush a range of steps to select the units on throughout it.';
      return;
    }
    const { layer, state } = this.#rule(data);
    const { values, dim } = unitActivations(data, layer, state);
    const sequence = data.sequenceOf(step);
    const where = `${data.ids[sequence]}, step ${step - data.offsets[sequence] + 1} "${data.token(step)}"`;
    this.#readout.textContent =
      unit >= 0 ? `unit ${unit} at ${where}: ${values[step * dim + unit].toFixed(3)}` : `${where}`;
  }

  protected override renderEmpty(message: string): void {
    this.#panels = [];
    showMessage(this.#container, message);
  }

  // ---- gestures ----------------------------------------------------------------------------

  #hovered(step: number, unit: number): void {
    const before = this.#hover;
    this.#hover = step < 0 ? null : { step, unit };
    if (before?.step !== this.#hover?.step) this.publishFocus(step);
    this.requestRender('focus');
  }

  #toggle(unit: number): void {
    this.#editUnits(this.#units.includes(unit) ? this.#units.filter((u) => u !== unit) : [...this.#units, unit]);
  }

  #editUnits(units: number[]): void {
    const data = this.#need();
    const { layer, state } = this.#rule(data);
    const { dim } = unitActivations(data, layer, state);
    for (const unit of units) {
      if (!Number.isInteger(unit) || unit < 0 || unit >= dim)
        throw new RangeError(`units: ${unit} is not one of the ${dim} units`);
    }
    this.#units = [...new Set(units)].sort((a, b) => a - b);
    this.#selecting = this.#units.length > 0 || this.#range !== null;
    this.#commit();
  }

  /** A match clicked: its sequence becomes the active one and its range is drawn there. */
  #pick(match: UnitMatch): void {
    this.#shownMatch = match;
    this.publishSelect(match.sequence, 'replace');
    this.requestRender();
  }

  #setOption(name: string, value: string): void {
    const numeric = name === 'threshold' || name === 'offBefore' || name === 'offAfter';
    (this as unknown as Record<string, unknown>)[name] = numeric ? Number(value) : value;
  }

  // ---- the selection on the bus ------------------------------------------------------------

  /** Publishes the selection (bus options.units) and its matches (this view's brush clause). */
  #commit(): void {
    const data = this.data;
    if (!data) return;
    const { layer, state } = this.#rule(data);
    this.#matches = this.#computeMatches(data);
    if (this.#shownMatch && !this.#matches.some((m) => m.start === this.#shownMatch!.start)) this.#shownMatch = null;
    this.#publishing = true;
    try {
      this.publishOptions({ units: this.#selecting ? { layer, state, units: this.#units } : null });
      const steps = this.#matches.length ? UnitMatcher.for(data, this.#rule(data)).steps(this.#matches) : null;
      this.publishBrush(steps, steps ? this.#clauseValue(layer, state) : null);
    } finally {
      this.#publishing = false;
    }
    this.requestRender();
  }

  #computeMatches(data: StateDataset): UnitMatch[] {
    if (this.#units.length === 0) return [];
    const range = this.#range;
    return UnitMatcher.for(data, this.#rule(data)).match(this.#units, {
      length: this.matchLength === 'exact' && range ? range[1] - range[0] : null,
      mode: this.matchMode,
      limit: MATCH_LIMIT,
      exclude: range ? { start: range[0], end: range[1] } : null,
      ...this.#margins(),
    });
  }

  #clauseValue(layer: string, state: UnitStateKind) {
    return {
      kind: 'units-match',
      layer,
      state,
      units: this.#units,
      threshold: this.#threshold(),
      range: this.#range ? [...this.#range] : null,
      length: this.matchLength,
      mode: this.matchMode,
    };
  }

  /** A selection set on the bus by someone else (a restore, code): shown here. */
  #adoptUnits(selection: UnitSelection | null): void {
    const data = this.data;
    if (!data) return;
    if (!selection) {
      if (!this.#selecting) return;
      this.#units = [];
      this.#range = null;
      this.#selecting = false;
      this.#matches = [];
      this.#publishing = true;
      try {
        this.publishBrush(null);
      } finally {
        this.#publishing = false;
      }
      return;
    }
    if (!data.layers.some((l) => l.name === selection.layer)) return;
    this.#adopting = true;
    try {
      if (this.#rule(data).layer !== selection.layer) this.layer = selection.layer;
      if (this.state !== selection.state) this.state = selection.state;
    } finally {
      this.#adopting = false;
    }
    this.#units = [...selection.units];
    this.#selecting = true;
    // The range of this view's clause is the selection's only when that clause matched these units
    // (a restore); units set by code after a brush have no range.
    this.#range = null;
    const clause = this.bus.clause(this.source)?.value;
    if (sameUnits(clause, this.#units)) this.#adoptClause(clause);
    this.#matches = this.#computeMatches(data);
  }

  /** This view's clause restored from a snapshot: its range is the selection's range. */
  #adoptClause(value: unknown): void {
    if (!value || typeof value !== 'object' || (value as { kind?: unknown }).kind !== 'units-match') return;
    const range = (value as { range?: unknown }).range;
    const data = this.data;
    if (Array.isArray(range) && range.length === 2 && data) {
      const [start, end] = range as number[];
      if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= data.stepCount)
        this.#range = [start, end];
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  #need(): StateDataset {
    const data = this.data;
    if (!data) throw new Error('hs-units has no data');
    return data;
  }

  /** The layer, state (h when the layer has no c) and threshold the view uses. */
  #rule(data: StateDataset): { layer: string; state: UnitStateKind; threshold: number } {
    const known = this.layer !== null && data.layers.some((l) => l.name === this.layer);
    const layer = data.layer(known ? this.layer! : undefined);
    const state = this.state === 'cell' && layer.cell ? 'cell' : 'hidden';
    return { layer: layer.name, state, threshold: this.#threshold() };
  }

  #margins(): { offBefore: number; offAfter: number } {
    return { offBefore: Math.floor(this.offBefore ?? 0), offAfter: Math.floor(this.offAfter ?? 0) };
  }

  #threshold(): number {
    return this.threshold ?? DEFAULT_THRESHOLD;
  }

  #matchCaption(): string {
    if (this.#units.length === 0) return 'Select units to find the other ranges where they are on.';
    if (this.#matches.length === 0) return 'No other range has these units on.';
    return `The ${this.#matches.length} best ranges where the selected units are on (score: units on, less a little per other unit on). Click one to show it.`;
  }
}

/** Whether a clause value of this view's is about exactly these units. */
function sameUnits(value: unknown, units: readonly number[]): boolean {
  const clauseUnits = (value as { units?: unknown } | null | undefined)?.units;
  return (
    Array.isArray(clauseUnits) && clauseUnits.length === units.length && clauseUnits.every((u, i) => u === units[i])
  );
}

function rangeLabel(data: StateDataset, [start, end]: readonly [number, number]): string {
  const sequence = data.sequenceOf(start);
  const first = data.offsets[sequence];
  const words =
    end - start <= 6 ? ` "${Array.from({ length: end - start }, (_, i) => data.token(start + i)).join(' ')}"` : '';
  const steps = end - start === 1 ? `step ${end - first}` : `steps ${start - first + 1} to ${end - first}`;
  return `${steps} of ${data.ids[sequence]}${words}`;
}
