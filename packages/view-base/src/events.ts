import type { StateDataset, StepSet } from '@statescope/core';

/** Details of the DOM events Statescope elements dispatch (bubbling, composed). */
export interface StatescopeEventDetails {
  /** The user hovered a step (-1: the pointer left the map's points; other views clear focus on the bus only). */
  'hs-focus': {
    /** The global step index, or -1. */
    step: number;
  };
  /** The user picked a sequence. */
  'hs-select': {
    /** The sequence picked. */
    sequence: number;
    /** How it joined the selection: as the only one, added, or toggled. */
    mode: 'replace' | 'add' | 'toggle';
  };
  /** The user brushed steps (null: cleared). */
  'hs-brush': {
    /** The steps of this view's brush, or null. */
    steps: StepSet | null;
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

/** The name of a Statescope DOM event: `hs-focus`, `hs-select`, `hs-brush`, `hs-threshold`, `hs-load` or `hs-error`. */
export type StatescopeEventType = keyof StatescopeEventDetails;
/** The CustomEvent a Statescope element dispatches for an event type, with its typed `detail`. */
export type StatescopeEvent<K extends StatescopeEventType> = CustomEvent<StatescopeEventDetails[K]>;

declare global {
  interface HTMLElementEventMap {
    'hs-focus': StatescopeEvent<'hs-focus'>;
    'hs-select': StatescopeEvent<'hs-select'>;
    'hs-brush': StatescopeEvent<'hs-brush'>;
    'hs-threshold': StatescopeEvent<'hs-threshold'>;
    'hs-load': StatescopeEvent<'hs-load'>;
    'hs-error': StatescopeEvent<'hs-error'>;
  }
}
