import type { Filters, JsonValue, SharedOptions } from '@statescope/bus';
import type { StateDataset, StepSet } from '@statescope/core';

/**
 * Details of the DOM events Statescope elements dispatch (bubbling, composed). The gesture events
 * come from the base class's publish methods, each once per change, together with the bus update.
 */
export interface StatescopeEventDetails {
  /** The user hovered a step, or left the view's steps. */
  'hs-focus': {
    /** The global step index, or -1 when the pointer left. */
    step: number;
    /** How many consecutive steps from `step` are focused (2 for a distance bar; 0 with -1). */
    length: number;
  };
  /** The user picked a sequence, or cleared the selection. */
  'hs-select': {
    /** The sequence picked (the active one), or -1 when the selection was cleared. */
    sequence: number;
    /** How it joined the selection: as the only one, added, or toggled. */
    mode: 'replace' | 'add' | 'toggle';
    /** The whole selection now, ascending (a confusion-matrix cell selects many at once). */
    sequences: number[];
  };
  /** The user brushed steps, or cleared the brush. */
  'hs-brush': {
    /** The steps of this view's brush (a copy), or null when cleared. */
    steps: StepSet | null;
    /** What was brushed in the view's terms (the map's shape, the histogram's range), or null. */
    value: JsonValue;
  };
  /** The user changed the filters (faded sequences, shown classes). */
  'hs-filter': {
    /** All the filters now. */
    filters: Readonly<Filters>;
  };
  /** The user changed shared options (the colour mode, a threshold). */
  'hs-options': {
    /** All the shared options now. */
    options: Readonly<SharedOptions>;
    /** The names of the options that changed. */
    changed: (keyof SharedOptions)[];
  };
  /** The user moved a threshold. */
  'hs-threshold': {
    /** Which shared option the threshold is. */
    name: 'distanceThreshold' | 'predictionThreshold';
    /** Its new value, in [0, 1]. */
    value: number;
  };
  /** A dataset given by `src` finished loading. */
  'hs-load': {
    /** The dataset loaded, now the element's `data`. */
    data: StateDataset;
  };
  /** A dataset given by `src` failed to load. */
  'hs-error': {
    /** Why (a StatescopeError for bad data). */
    error: Error;
  };
}

/** The name of a Statescope DOM event: `hs-focus`, `hs-select`, `hs-brush`, `hs-filter`, `hs-options`, `hs-threshold`, `hs-load` or `hs-error`. */
export type StatescopeEventType = keyof StatescopeEventDetails;
/** The CustomEvent a Statescope element dispatches for an event type, with its typed `detail`. */
export type StatescopeEvent<K extends StatescopeEventType> = CustomEvent<StatescopeEventDetails[K]>;

declare global {
  interface HTMLElementEventMap {
    'hs-focus': StatescopeEvent<'hs-focus'>;
    'hs-select': StatescopeEvent<'hs-select'>;
    'hs-brush': StatescopeEvent<'hs-brush'>;
    'hs-filter': StatescopeEvent<'hs-filter'>;
    'hs-options': StatescopeEvent<'hs-options'>;
    'hs-threshold': StatescopeEvent<'hs-threshold'>;
    'hs-load': StatescopeEvent<'hs-load'>;
    'hs-error': StatescopeEvent<'hs-error'>;
  }
}
