import type { StateDataset, StepSet } from '@statescope/core';

/** Details of the DOM events Statescope elements dispatch (bubbling, composed). */
export interface StatescopeEventDetails {
  /** The user hovered a step (-1: left it). */
  'hs-focus': { step: number };
  /** The user picked a sequence. */
  'hs-select': { sequence: number; mode: 'replace' | 'add' | 'toggle' };
  /** The user brushed steps (null: cleared). */
  'hs-brush': { steps: StepSet | null };
  /** The user moved a threshold. */
  'hs-threshold': { name: 'distanceThreshold' | 'predictionThreshold'; value: number };
  /** A dataset given by `src` finished loading. */
  'hs-load': { data: StateDataset };
  /** A dataset given by `src` failed to load. */
  'hs-error': { error: Error };
}

export type StatescopeEventType = keyof StatescopeEventDetails;
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
