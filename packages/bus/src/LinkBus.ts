import { StepSet } from '@statescope/core';
import { COLOR_MODES } from './colorModes.js';
import { DEFAULT_FILTERS, DEFAULT_OPTIONS } from './defaults.js';
import { checkProvisional, type ProvisionalSequence } from './ProvisionalSequence.js';
import type {
  BrushClause,
  BusEventMap,
  BusEventType,
  BusListener,
  Filters,
  JsonValue,
  SharedOptions,
  UnitSelection,
} from './events.js';
import { BUS_SNAPSHOT_FORMAT, checkSnapshot, type BusSnapshot } from './BusSnapshot.js';

/** How {@link LinkBus.selectSequence} combines a sequence with the current selection. */
export type SelectMode = 'replace' | 'add' | 'toggle';

/**
 * The one channel linked views share. It holds the focused (hovered) step, the selected
 * sequences (an active one plus a set, for comparison), brushed steps as clauses keyed by the
 * view that made them, filters and shared view options, and tells subscribers synchronously
 * when any of them changes. It holds no DOM and knows no view.
 *
 * Every setter takes the `source` (the id of the view or code that made the change) so that
 * a view can ignore its own echoes and is never filtered by its own brush.
 *
 * @example
 * Publish and listen from code of your own (no DOM needed):
 * ```ts
 * import { LinkBus } from '@statescope/bus';
 * import { StepSet, loadDataset } from '@statescope/core';
 *
 * const dataset = await loadDataset('imdb.json');
 * const bus = new LinkBus();
 *
 * const off = bus.on('selection', ({ active, sequences, source }) => {
 *   console.log(`${source} selected ${sequences.length} sequence(s), active: ${active}`);
 * });
 * bus.on('focus', ({ step }) => {
 *   if (step >= 0) console.log(`hovered "${dataset.token(step)}" in sequence ${dataset.sequenceOf(step)}`);
 * });
 *
 * bus.selectSequence(3, 'my-app'); // the only selection, and the active one
 * bus.selectSequence(8, 'my-app', 'add'); // compare two: 8 becomes the active one
 * bus.setFocus(dataset.offsets[3], 'my-app'); // the first step of sequence 3
 * bus.brush('my-app', StepSet.range(dataset.stepCount, 0, 100)); // this source's clause
 * bus.brushed('map'); // the steps every clause but the one of source 'map' allows (null: none)
 * bus.setOptions({ colorMode: 'predicted' }, 'my-app');
 * off();
 * ```
 *
 * @example
 * Views link by sharing one bus: give every view of a group the same instance (or, in HTML,
 * the same `bus="name"` attribute, which joins the shared bus of that name).
 * ```ts
 * import { LinkBus } from '@statescope/bus';
 * import { loadDataset } from '@statescope/core';
 * import '@statescope/view-projection/define';
 * import '@statescope/view-table/define';
 *
 * const dataset = await loadDataset('imdb.json');
 * const bus = new LinkBus();
 * const map = document.createElement('hs-projection');
 * const table = document.createElement('hs-table');
 * for (const view of [map, table]) {
 *   view.bus = bus;
 *   view.data = dataset;
 *   document.body.append(view);
 * }
 * // A click on a table row now selects that sequence on the bus, and the map draws its trajectory.
 * ```
 */
export class LinkBus {
  #focus = -1;
  #focusLength = 1;
  #active = -1;
  #selected: Uint32Array = new Uint32Array(0);
  readonly #clauses = new Map<string, BrushClause>();
  #provisional: ProvisionalSequence | null = null;
  /** brushed() results by excluded source (null: none excluded); emptied when a clause changes. */
  #brushedCache = new Map<string | null, StepSet | null>();
  #filters: Readonly<Filters> = DEFAULT_FILTERS;
  #options: Readonly<SharedOptions> = DEFAULT_OPTIONS;
  readonly #listeners = new Map<BusEventType, Set<BusListener<BusEventType>>>();

  /** A bus with nothing focused, selected or brushed; options and filters default to the paper's. */
  constructor(init: { options?: Partial<SharedOptions>; filters?: Partial<Filters> } = {}) {
    // Checked like any change; nobody listens yet.
    if (init.options) this.setOptions(init.options, 'init');
    if (init.filters) this.#filters = Object.freeze({ ...DEFAULT_FILTERS, ...normalizeFilters(init.filters) });
  }

  /** Subscribes to one event type; returns the function that unsubscribes. */
  on<K extends BusEventType>(type: K, listener: BusListener<K>, options: { signal?: AbortSignal } = {}): () => void {
    if (options.signal?.aborted) return () => {};
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener as BusListener<BusEventType>);
    const off = () => {
      const current = this.#listeners.get(type);
      if (!current) return;
      current.delete(listener as BusListener<BusEventType>);
      if (current.size === 0) this.#listeners.delete(type);
      options.signal?.removeEventListener('abort', off);
    };
    options.signal?.addEventListener('abort', off, { once: true });
    return off;
  }

  /** Number of subscribers, of one type or of all. */
  listenerCount(type?: BusEventType): number {
    if (type) return this.#listeners.get(type)?.size ?? 0;
    let total = 0;
    for (const set of this.#listeners.values()) total += set.size;
    return total;
  }

  // ---- focus -------------------------------------------------------------------------------

  /** The focused step, or -1. */
  get focus(): number {
    return this.#focus;
  }

  /** How many consecutive steps from `focus` are focused (2 when a distance bar between two steps is hovered). */
  get focusLength(): number {
    return this.#focus < 0 ? 0 : this.#focusLength;
  }

  /**
   * Focuses a step (or none with -1 / null), or `length` consecutive steps from it.
   * No event when nothing changes.
   */
  setFocus(step: number | null, source: string, length = 1): this {
    const next = step ?? -1;
    if (!Number.isInteger(next) || next < -1) throw new RangeError(`focus must be a step index or -1, got ${step}`);
    if (!Number.isInteger(length) || length < 1) throw new RangeError(`focus length must be >= 1, got ${length}`);
    const nextLength = next < 0 ? 1 : length;
    if (next === this.#focus && nextLength === this.#focusLength) return this;
    this.#focus = next;
    this.#focusLength = nextLength;
    this.#emit('focus', { type: 'focus', step: next, length: next < 0 ? 0 : nextLength, source });
    return this;
  }

  // ---- selection ---------------------------------------------------------------------------

  /** The active sequence (the one single-sequence views show), or -1. */
  get activeSequence(): number {
    return this.#active;
  }

  /** All selected sequences, ascending (a copy). */
  get selectedSequences(): Uint32Array {
    return this.#selected.slice();
  }

  /** Whether a sequence is among the selected ones. */
  isSelected(sequence: number): boolean {
    return binaryIncludes(this.#selected, sequence);
  }

  /**
   * Selects a sequence: `replace` makes it the only selection, `add` adds it (for comparison),
   * `toggle` adds or removes it. The sequence added becomes the active one; removing the
   * active one makes the last remaining selection active.
   */
  selectSequence(sequence: number, source: string, mode: SelectMode = 'replace'): this {
    checkIndex(sequence, 'sequence');
    const selected = new Set(this.#selected);
    let active = sequence;
    if (mode === 'replace') selected.clear();
    if (mode === 'toggle' && selected.has(sequence)) {
      selected.delete(sequence);
      active = this.#active === sequence ? (selected.size ? Math.max(...selected) : -1) : this.#active;
    } else {
      selected.add(sequence);
    }
    return this.#setSelection(Uint32Array.from(selected).sort(), active, source);
  }

  /** Sets the whole selection at once; `active` must be one of them (default: the first, or -1). */
  setSelection(sequences: ArrayLike<number>, source: string, active?: number): this {
    const sorted = Uint32Array.from(new Set(Array.from(sequences, (s) => checkIndex(s, 'sequence')))).sort();
    const nextActive = active ?? (sorted.length ? sorted[0] : -1);
    if (nextActive !== -1 && !binaryIncludes(sorted, nextActive)) {
      throw new RangeError(`active sequence ${nextActive} is not among the selected sequences`);
    }
    return this.#setSelection(sorted, nextActive, source);
  }

  /** Selects nothing (no active sequence either). */
  clearSelection(source: string): this {
    return this.#setSelection(new Uint32Array(0), -1, source);
  }

  #setSelection(sorted: Uint32Array, active: number, source: string): this {
    if (active === this.#active && equalArrays(sorted, this.#selected)) return this;
    this.#selected = sorted;
    this.#active = active;
    this.#emit('selection', { type: 'selection', active, sequences: sorted.slice(), source });
    return this;
  }

  // ---- brushing ----------------------------------------------------------------------------

  /**
   * Sets the brush clause of `source`: the steps it allows (the bus keeps its own copy), and
   * what was brushed in the view's own terms (`value`: plain JSON such as a rectangle of the map
   * or a distance range, so that the view can redraw it after a restore). Null or an empty set
   * clears it. A clause only ever holds its own view's brush, never other constraints. All
   * clauses must share one step count.
   */
  brush(source: string, steps: StepSet | null, value: JsonValue = null): this {
    const previous = this.#clauses.get(source);
    const next = steps && !steps.isEmpty() ? steps : null;
    if (next === null && previous === undefined) return this;
    if (next && previous && next.equals(previous.steps) && sameJson(value, previous.value)) return this;
    if (next) {
      for (const [other, clause] of this.#clauses) {
        if (other !== source && clause.steps.size !== next.size) {
          throw new RangeError(
            `brush of "${source}" covers ${next.size} steps, "${other}" covers ${clause.steps.size}`,
          );
        }
      }
      this.#clauses.set(source, Object.freeze({ steps: next.clone(), value: structuredClone(value) }));
    } else {
      this.#clauses.delete(source);
    }
    this.#brushedCache = new Map();
    const clause = this.#clauses.get(source);
    this.#emit('brush', {
      type: 'brush',
      source,
      steps: clause ? clause.steps.clone() : null,
      value: clause ? structuredClone(clause.value) : null,
    });
    return this;
  }

  /** The clause of one source (its steps and value), or null. Read-only: do not modify it. */
  clause(source: string): BrushClause | null {
    return this.#clauses.get(source) ?? null;
  }

  /** Sources that currently hold a clause. */
  get brushSources(): string[] {
    return [...this.#clauses.keys()];
  }

  /**
   * The steps every clause except `exclude`'s allows (their intersection), or null when no
   * other clause constrains them: a view passes its own source so its own brush never
   * filters it (crossfilter). Cached until the clauses change; do not modify the result.
   */
  brushed(exclude?: string): StepSet | null {
    // A source without a clause excludes nothing: it shares the unfiltered entry, so the cache
    // holds at most one entry per clause (plus one), not one per view that ever asked.
    const key = exclude !== undefined && this.#clauses.has(exclude) ? exclude : null;
    if (this.#brushedCache.has(key)) return this.#brushedCache.get(key)!;
    let result: StepSet | null = null;
    for (const [source, clause] of this.#clauses) {
      if (source === exclude) continue;
      result = result ? result.intersect(clause.steps) : clause.steps.clone();
    }
    this.#brushedCache.set(key, result);
    return result;
  }

  /** Removes every clause (one event per cleared clause). */
  clearBrushes(): this {
    for (const source of [...this.#clauses.keys()]) this.brush(source, null);
    return this;
  }

  // ---- filters and options -----------------------------------------------------------------

  /** The current filters: which sequences are faded, which classes are shown. */
  get filters(): Readonly<Filters> {
    return this.#filters;
  }

  /**
   * Changes some filters, keeping the others; `classes` are sorted and deduplicated. One
   * `filter` event when anything changed.
   */
  setFilters(filters: Partial<Filters>, source: string): this {
    const next = { ...this.#filters, ...normalizeFilters(filters) };
    if (
      next.fadeCorrect === this.#filters.fadeCorrect &&
      next.fadeWrong === this.#filters.fadeWrong &&
      sameClasses(next.classes, this.#filters.classes)
    ) {
      return this;
    }
    this.#filters = Object.freeze(next);
    this.#emit('filter', { type: 'filter', filters: this.#filters, source });
    return this;
  }

  /** The current shared options (colour mode, jump thresholds). */
  get options(): Readonly<SharedOptions> {
    return this.#options;
  }

  /**
   * Changes some shared options, keeping the others. Throws a RangeError for an unknown colour
   * mode, a threshold outside [0, 1] or a malformed unit selection (its units are sorted and
   * made unique). One `options` event, naming the changed keys, when anything changed.
   */
  setOptions(options: Partial<SharedOptions>, source: string): this {
    const next: Partial<SharedOptions> = {};
    const changed: (keyof SharedOptions)[] = [];
    for (const key of Object.keys(options) as (keyof SharedOptions)[]) {
      if (options[key] === undefined) continue;
      const value = checkOption(key, options[key]);
      if (
        key === 'units' ? sameUnits(value as SharedOptions['units'], this.#options.units) : value === this.#options[key]
      )
        continue;
      Object.assign(next, { [key]: value });
      changed.push(key);
    }
    if (changed.length === 0) return this;
    this.#options = Object.freeze({ ...this.#options, ...next });
    this.#emit('options', { type: 'options', options: this.#options, changed, source });
    return this;
  }

  // ---- the provisional sequence ----------------------------------------------------------------

  /** The sequence typed into a what-if view, shown beside the dataset's own, or null. */
  get provisional(): ProvisionalSequence | null {
    return this.#provisional;
  }

  /**
   * Shows a sequence that is not in the dataset (or none, with null). Throws a RangeError naming
   * the field whose size does not fit its tokens. Not part of snapshots: it is made, not chosen.
   */
  setProvisional(sequence: ProvisionalSequence | null, source: string): this {
    if (sequence === this.#provisional) return this;
    this.#provisional = sequence === null ? null : checkProvisional(sequence);
    this.#emit('provisional', { type: 'provisional', sequence: this.#provisional, source });
    return this;
  }

  // ---- snapshots -----------------------------------------------------------------------------

  /**
   * Everything the bus holds (focus, selection, clauses with their values, filters, options) as
   * plain JSON, for a URL, a saved session or a test; {@link LinkBus.restore} puts it back.
   */
  snapshot(): BusSnapshot {
    const clauses = [...this.#clauses].map(([source, { steps, value }]) => ({
      source,
      steps: steps.toRanges(),
      value: structuredClone(value),
    }));
    return {
      format: BUS_SNAPSHOT_FORMAT,
      version: 1,
      stepCount: this.#clauses.size ? [...this.#clauses.values()][0].steps.size : null,
      focus: this.#focus,
      focusLength: this.#focusLength,
      selection: { active: this.#active, sequences: Array.from(this.#selected) },
      clauses,
      filters: { ...this.#filters, classes: this.#filters.classes && [...this.#filters.classes] },
      options: { ...this.#options },
    };
  }

  /**
   * Puts back what {@link LinkBus.snapshot} took, as changes made by `source` (the usual events; clauses
   * of other sources are cleared). Checks the whole snapshot first and throws a TypeError or
   * RangeError naming the field at fault, changing nothing.
   */
  restore(snapshot: unknown, source: string): this {
    const checked = checkSnapshot(snapshot);
    const stepCount = checked.stepCount ?? 0;
    const clauses = checked.clauses.map(({ source: owner, steps, value }, i) => {
      try {
        return { owner, steps: StepSet.fromRanges(stepCount, steps), value };
      } catch (error) {
        throw new RangeError(`snapshot.clauses[${i}].steps: ${(error as Error).message}`);
      }
    });
    for (const [key, value] of Object.entries(checked.options)) checkOption(key as keyof SharedOptions, value);
    this.setFocus(checked.focus, source, Math.max(1, checked.focusLength));
    this.setSelection(checked.selection.sequences, source, checked.selection.active);
    for (const owner of this.brushSources) if (!clauses.some((c) => c.owner === owner)) this.brush(owner, null);
    for (const { owner, steps, value } of clauses) this.brush(owner, steps, value);
    this.setFilters(checked.filters, source);
    this.setOptions(checked.options, source);
    return this;
  }

  // ---- delivery ----------------------------------------------------------------------------

  /** Synchronous delivery to a snapshot of the listeners; one failing listener does not starve the rest. */
  #emit<K extends BusEventType>(type: K, event: BusEventMap[K]): void {
    const set = this.#listeners.get(type);
    if (!set) return;
    const errors: unknown[] = [];
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} "${type}" listeners failed`);
  }
}

function checkIndex(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
}

/** The option as the bus keeps it (a unit selection sorted, unique and frozen), or a RangeError naming it. */
function checkOption<K extends keyof SharedOptions>(key: K, value: unknown): SharedOptions[K] {
  if (key === 'colorMode' && !(COLOR_MODES as readonly unknown[]).includes(value)) {
    throw new RangeError(
      `colorMode must be one of ${COLOR_MODES.map((m) => `"${m}"`).join(', ')}, got ${String(value)}`,
    );
  }
  if ((key === 'distanceThreshold' || key === 'predictionThreshold') && !(Number(value) >= 0 && Number(value) <= 1)) {
    throw new RangeError(`${key} must be a number in [0, 1], got ${String(value)}`);
  }
  if (key === 'units') return checkUnits(value) as SharedOptions[K];
  return value as SharedOptions[K];
}

function checkUnits(value: unknown): UnitSelection | null {
  if (value === null) return null;
  const selection = value as Partial<UnitSelection> | undefined;
  if (typeof selection !== 'object' || selection === null)
    throw new RangeError(`units must be an object or null, got ${String(value)}`);
  if (typeof selection.layer !== 'string' || selection.layer === '')
    throw new RangeError(`units.layer must be a layer name, got ${String(selection.layer)}`);
  if (selection.state !== 'hidden' && selection.state !== 'cell')
    throw new RangeError(`units.state must be "hidden" or "cell", got ${String(selection.state)}`);
  if (!Array.isArray(selection.units)) throw new RangeError(`units.units must be an array of unit indices`);
  const units = [...new Set(selection.units.map((u: number, i) => checkIndex(u, `units.units[${i}]`)))].sort(
    (a, b) => a - b,
  );
  return Object.freeze({ layer: selection.layer, state: selection.state, units: Object.freeze(units) });
}

function sameUnits(a: UnitSelection | null, b: UnitSelection | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.layer === b.layer &&
    a.state === b.state &&
    a.units.length === b.units.length &&
    a.units.every((u, i) => u === b.units[i])
  );
}

function normalizeFilters(filters: Partial<Filters>): Partial<Filters> {
  if (filters.classes === undefined || filters.classes === null) return filters;
  const classes = [...new Set(filters.classes.map((c) => checkIndex(c, 'class')))].sort((a, b) => a - b);
  return { ...filters, classes };
}

function sameClasses(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

function sameJson(a: JsonValue, b: JsonValue): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function equalArrays(a: Uint32Array, b: Uint32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function binaryIncludes(sorted: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] === value) return true;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
