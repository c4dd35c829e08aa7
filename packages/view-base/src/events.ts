import type { Filters, JsonValue, SharedOptions } from '@statescope/bus';
import type { StateDataset, StepSet } from '@statescope/core';

/** Details of the DOM events Statescope elements dispatch (bubbling, composed). */
export interface StatescopeEventDetails {
  /** The user hovered a step, or `length` steps from it (-1: left the view's steps). */
  'hs-focus': { step: number; length: number };
  /** The user picked a sequence (-1: cleared the selection); `sequences` is the whole selection now. */
  'hs-select': { sequence: number; mode: 'replace' | 'add' | 'toggle'; sequences: number[] };
  /** The user brushed steps (null: cleared); `value` is what was brushed, in the view's terms. */
  'hs-brush': { steps: StepSet | null; value: JsonValue };
  /** The user changed the filters (faded sequences, shown classes). */
  'hs-filter': { filters: Readonly<Filters> };
  /** The user changed shared options; `changed` names them. */
  'hs-options': { options: Readonly<SharedOptions>; changed: (keyof SharedOptions)[] };
  /** The user moved a threshold. */
  'hs-threshold': { name: 'distanceThreshold' | 'predictionThreshold'; value: number };
  /** A dataset given by `src` finished loading. */
  'hs-load': { data: StateDataset };
  /** A dataset given by `src` failed to load. */
  'hs-error': { error: Error };
}

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
