import {
  DEFAULT_FILTERS,
  DEFAULT_OPTIONS,
  LinkBus,
  type BusSnapshot,
  type Filters,
  type JsonValue,
  type SharedOptions,
} from '@statescope/bus';
import type { StateDataset } from '@statescope/core';

/** The attribute settings of the dashboard's views, by view source: `{ map: { projection: 'pca' } }`. */
export type ViewSettings = Record<string, Record<string, string>>;

/** What a link restores: the bus (without the hovered step) and the views' settings. */
export interface DashboardState {
  bus: BusSnapshot;
  views: ViewSettings;
}

/** The URL parameter that carries the state. */
export const STATE_PARAM = 'state';

/**
 * The state as it travels in the URL, before compression: the bus snapshot without what a fresh
 * page has anyway (defaults, the hovered step, format fields), brush steps as gaps and lengths.
 */
interface WireState {
  v: 1;
  /** The active sequence, or -1. */
  active: number;
  /** Every selected sequence, when not just the active one. */
  selected?: number[];
  /** The step count of the brushes. */
  steps?: number;
  /** [source, runs, value] per brush clause; runs are StepSet.toRanges as gap, length, gap, length, … */
  brushes?: [string, number[], JsonValue][];
  /** Filters that differ from the defaults. */
  filters?: Partial<Filters>;
  /** Options that differ from the defaults. */
  options?: Partial<SharedOptions>;
  /** The views' settings, when any is set. */
  views?: ViewSettings;
}

/**
 * The state as the text of the `state` parameter: JSON, deflated, base64url. A typical state (a
 * selection, some options) takes about a hundred characters; a map brush over thousands of
 * scattered steps a few kilobytes.
 */
export async function encodeState(state: DashboardState): Promise<string> {
  const { bus, views } = state;
  const wire: WireState = { v: 1, active: bus.selection.active };
  const { sequences, active } = bus.selection;
  if (!(sequences.length === 1 && sequences[0] === active) && !(sequences.length === 0 && active === -1)) {
    wire.selected = sequences;
  }
  if (bus.clauses.length) {
    wire.steps = bus.stepCount ?? 0;
    wire.brushes = bus.clauses.map(({ source, steps, value }) => [source, runsToGaps(steps), value]);
  }
  const filters = changedFrom(DEFAULT_FILTERS, bus.filters);
  if (filters) wire.filters = filters;
  const options = changedFrom(DEFAULT_OPTIONS, bus.options);
  if (options) wire.options = options;
  if (Object.keys(views).length) wire.views = views;
  return toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(wire))));
}

/**
 * The state a `state` parameter holds. Throws a TypeError or RangeError naming what is wrong
 * (`state: …` for the text itself, `state.views…` for the views, `snapshot.…` for the bus fields,
 * as LinkBus.restore names them); a state that decodes is one LinkBus.restore accepts.
 */
export async function decodeState(text: string): Promise<DashboardState> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new TypeError('state: expected base64url text (A-Z a-z 0-9 - _)');
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(await inflate(fromBase64Url(text)));
  } catch {
    throw new TypeError('state: not a state this app wrote (it does not decompress)');
  }
  let wire: unknown;
  try {
    wire = JSON.parse(json);
  } catch (error) {
    throw new TypeError(`state: not JSON (${(error as Error).message})`);
  }
  const state = fromWire(wire);
  new LinkBus().restore(state.bus, 'check'); // throws naming the field, as a restore would
  return state;
}

/**
 * Whether the state can be shown on `data`: its sequences, classes and brushes must exist there.
 * Throws a RangeError naming the field that does not fit.
 */
export function checkStateFits(state: DashboardState, data: StateDataset): void {
  const { selection, stepCount, clauses, filters } = state.bus;
  const outside = selection.sequences.find((s) => s >= data.sequenceCount);
  if (outside !== undefined) {
    throw new RangeError(
      `snapshot.selection.sequences: sequence ${outside} is not in this dataset (${data.sequenceCount} sequences)`,
    );
  }
  if (clauses.length && stepCount !== data.stepCount) {
    throw new RangeError(
      `snapshot.stepCount: the brushes cover ${stepCount} steps, this dataset has ${data.stepCount}`,
    );
  }
  const unknownClass = filters.classes?.find((c) => c >= data.classCount);
  if (unknownClass !== undefined) {
    throw new RangeError(
      `snapshot.filters.classes: class ${unknownClass} is not in this dataset (${data.classCount} classes)`,
    );
  }
}

/**
 * The state a page opens in without a `state` parameter: the first sequence, nothing brushed or
 * filtered, the default options, no view settings. The URL leaves it out.
 */
export function freshState(): DashboardState {
  const bus = new LinkBus().selectSequence(0, 'page').snapshot();
  return { bus, views: {} };
}

/** Whether a state is the one a page opens in (see {@link freshState}). */
export function isFreshState(state: DashboardState): boolean {
  return JSON.stringify(state) === JSON.stringify(freshState());
}

/**
 * The attributes of a view that a link keeps: the ones it declares, but not where it sits, how it
 * draws or where it loads from (the what-if view's `weights` follows the dataset shown).
 */
const NOT_KEPT = new Set(['src', 'bus', 'source', 'width', 'height', 'renderer', 'weights']);

/** The names of the attributes of `view` that a link keeps. */
export function keptAttributes(view: Element): string[] {
  const observed = (view.constructor as { observedAttributes?: string[] }).observedAttributes ?? [];
  return observed.filter((name) => !NOT_KEPT.has(name));
}

/** The settings of the views (their kept attributes that are set), by view source; views without any are left out. */
export function captureViews(views: readonly Element[]): ViewSettings {
  const settings: ViewSettings = {};
  for (const view of views) {
    const source = view.getAttribute('source');
    if (!source) continue;
    const set: Record<string, string> = {};
    for (const name of keptAttributes(view)) {
      const value = view.getAttribute(name);
      if (value !== null) set[name] = value;
    }
    if (Object.keys(set).length) settings[source] = set;
  }
  return settings;
}

/**
 * Gives the views the settings (a kept attribute a view has and the settings lack is removed, so
 * that the views look as they did when the link was made). Views and attributes the page does
 * not have are ignored: a link outlives a view that drops an attribute.
 */
export function applyViews(views: readonly Element[], settings: ViewSettings): void {
  for (const view of views) {
    const source = view.getAttribute('source');
    if (!source) continue;
    const set = Object.hasOwn(settings, source) ? settings[source] : {};
    for (const name of keptAttributes(view)) {
      const value = Object.hasOwn(set, name) ? set[name] : null;
      if (value === null) view.removeAttribute(name);
      else if (view.getAttribute(name) !== value) view.setAttribute(name, value);
    }
  }
}

// ---- the wire format ------------------------------------------------------------------------

function fromWire(wire: unknown): DashboardState {
  const fail = (field: string, expected: string): never => {
    throw new TypeError(`state${field}: expected ${expected}`);
  };
  if (!isObject(wire)) return fail('', 'an object');
  if (wire.v !== 1) fail('.v', '1 (a state of this version of the app)');
  const active = wire.active;
  if (!Number.isInteger(active)) fail('.active', 'a sequence index or -1');
  const selected = wire.selected ?? (active === -1 ? [] : [active]);
  const clauses = wire.brushes === undefined ? [] : wire.brushes;
  if (!Array.isArray(clauses)) return fail('.brushes', 'a list of [source, runs, value]');
  const steps = wire.steps ?? null;
  const filters = wire.filters ?? {};
  const options = wire.options ?? {};
  if (!isObject(filters)) return fail('.filters', 'an object');
  if (!isObject(options)) return fail('.options', 'an object');
  for (const key of Object.keys(filters)) if (!(key in DEFAULT_FILTERS)) fail(`.filters.${key}`, 'no such filter');
  for (const key of Object.keys(options)) if (!(key in DEFAULT_OPTIONS)) fail(`.options.${key}`, 'no such option');
  const views = wire.views ?? {};
  if (!isObject(views)) return fail('.views', 'an object of view settings');
  for (const [source, set] of Object.entries(views)) {
    if (!isObject(set)) return fail(`.views.${source}`, 'an object of attribute values');
    for (const [name, value] of Object.entries(set)) {
      if (!/^[a-z][a-z0-9-]*$/.test(name)) fail(`.views.${source}`, `attribute names, got "${name}"`);
      if (typeof value !== 'string') fail(`.views.${source}.${name}`, 'a string');
    }
  }
  return {
    bus: {
      format: 'statescope-bus',
      version: 1,
      stepCount: steps as number | null,
      focus: -1,
      focusLength: 1,
      selection: { active: active as number, sequences: selected as number[] },
      clauses: clauses.map((clause: unknown, i) => {
        if (!Array.isArray(clause) || clause.length !== 3) return fail(`.brushes[${i}]`, '[source, runs, value]');
        const [source, gaps, value] = clause as [unknown, unknown, JsonValue];
        if (!Array.isArray(gaps) || !gaps.every((n) => Number.isInteger(n) && n >= 0)) {
          return fail(`.brushes[${i}]`, 'runs of step counts');
        }
        return { source: source as string, steps: gapsToRuns(gaps), value };
      }),
      filters: { ...DEFAULT_FILTERS, ...(filters as Partial<Filters>) } as Filters,
      options: { ...DEFAULT_OPTIONS, ...(options as Partial<SharedOptions>) },
    },
    views: views as ViewSettings,
  };
}

/** StepSet.toRanges' [start, end, start, end, …] as [gap, length, gap, length, …]: small numbers that compress well. */
export function runsToGaps(runs: readonly number[]): number[] {
  const gaps = new Array<number>(runs.length);
  let previous = 0;
  for (let i = 0; i < runs.length; i += 2) {
    gaps[i] = runs[i] - previous;
    gaps[i + 1] = runs[i + 1] - runs[i];
    previous = runs[i + 1];
  }
  return gaps;
}

/** The inverse of {@link runsToGaps}. */
export function gapsToRuns(gaps: readonly number[]): number[] {
  const runs = new Array<number>(gaps.length);
  let position = 0;
  for (let i = 0; i < gaps.length; i++) runs[i] = position += gaps[i];
  return runs;
}

/** The keys of `value` whose values differ from `defaults`, or null when none does. */
function changedFrom<T extends object>(defaults: T, value: T): Partial<T> | null {
  const changed: Partial<T> = {};
  for (const key of Object.keys(defaults) as (keyof T)[]) {
    if (JSON.stringify(value[key]) !== JSON.stringify(defaults[key])) changed[key] = value[key];
  }
  return Object.keys(changed).length ? changed : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- bytes ------------------------------------------------------------------------------------

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return piped(bytes, new CompressionStream('deflate-raw'));
}

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  return piped(bytes, new DecompressionStream('deflate-raw'));
}

async function piped(bytes: Uint8Array, transform: TransformStream<BufferSource, Uint8Array>): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
