import type { StepSet } from '@statescope/core';

/** How points, tokens and cells are coloured, in every view at once. */
export type ColorMode = 'expected' | 'predicted' | 'true';

/** View options that must stay in sync across views. */
export interface SharedOptions {
  /** Colour by the expected prediction, the predicted class, or the true class. */
  colorMode: ColorMode;
  /** Normalised state distance from which a step counts as a jump (map labels, histogram line). */
  distanceThreshold: number;
  /** Change of expected prediction from which a step counts as a jump. */
  predictionThreshold: number;
}

/** Which sequences are faded or hidden. */
export interface Filters {
  /** Fade correctly classified sequences. */
  fadeCorrect: boolean;
  /** Fade misclassified sequences. */
  fadeWrong: boolean;
  /** Classes (true labels) shown; null shows all. Sorted, no duplicates. */
  classes: readonly number[] | null;
}

/** The hovered step changed. `step` is -1 when nothing is focused. */
export interface FocusEvent {
  type: 'focus';
  step: number;
  /** Consecutive steps focused from `step` (1 for a token, 2 for the distance between two steps; 0 for none). */
  length: number;
  source: string;
}

/** The selected sequences changed. `active` is -1 when none is active. */
export interface SelectionEvent {
  type: 'selection';
  active: number;
  /** All selected sequences, ascending; includes `active`. */
  sequences: Uint32Array;
  source: string;
}

/**
 * A brush clause was set or cleared. `source` owns the clause; `steps` is null when cleared.
 * Views recompute their own constraint with `bus.brushed(theirSource)`.
 */
export interface BrushEvent {
  type: 'brush';
  source: string;
  steps: StepSet | null;
}

export interface FilterEvent {
  type: 'filter';
  filters: Readonly<Filters>;
  source: string;
}

export interface OptionsEvent {
  type: 'options';
  options: Readonly<SharedOptions>;
  /** The keys whose values changed. */
  changed: (keyof SharedOptions)[];
  source: string;
}

/** Every event of the bus, by type. */
export interface BusEventMap {
  focus: FocusEvent;
  selection: SelectionEvent;
  brush: BrushEvent;
  filter: FilterEvent;
  options: OptionsEvent;
}

export type BusEventType = keyof BusEventMap;
export type BusListener<K extends BusEventType> = (event: BusEventMap[K]) => void;
