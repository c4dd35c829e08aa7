import type { StepSet } from '@statescope/core';
import type { ColorMode } from './colorModes.js';
import type { ProvisionalSequence } from './ProvisionalSequence.js';

/** Which state of a layer: the hidden state h or, for an LSTM, the cell state c. */
export type UnitState = 'hidden' | 'cell';

/** Hidden units picked for a closer look (the units view's selection), which other views may show. */
export interface UnitSelection {
  /** The layer's name. */
  readonly layer: string;
  /** The hidden state h or the cell state c of that layer. */
  readonly state: UnitState;
  /** Unit indices, ascending, no duplicates; may be empty. */
  readonly units: readonly number[];
}

/** View options that must stay in sync across views. */
export interface SharedOptions {
  /** Colour by the expected prediction, the predicted class, or the true class. */
  colorMode: ColorMode;
  /** Normalised state distance from which a step counts as a jump (map labels, histogram line). */
  distanceThreshold: number;
  /** Change of expected prediction from which a step counts as a jump. */
  predictionThreshold: number;
  /** The picked hidden units (for example the map colours by their mean activation), or null. */
  units: UnitSelection | null;
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
  /** Always `'focus'`. */
  type: 'focus';
  /** The first focused step (a global step index), or -1 for none. */
  step: number;
  /** Consecutive steps focused from `step` (1 for a token, 2 for the distance between two steps; 0 for none). */
  length: number;
  /** Who changed the focus: the `source` passed to {@link LinkBus.setFocus}. */
  source: string;
}

/** The selected sequences changed. `active` is -1 when none is active. */
export interface SelectionEvent {
  /** Always `'selection'`. */
  type: 'selection';
  /** The active sequence (the one single-sequence views show), or -1. */
  active: number;
  /** All selected sequences, ascending; includes `active`. */
  sequences: Uint32Array;
  /** Who changed the selection. */
  source: string;
}

/** Plain JSON: what a brush clause's `value` may hold. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One view's brush on the bus: the steps it allows and what was brushed, in the view's terms. */
export interface BrushClause {
  /** The steps the brush allows. */
  readonly steps: StepSet;
  /** What was brushed, in the view's terms (for example the map's rectangle), or null. */
  readonly value: JsonValue;
}

/**
 * A brush clause was set or cleared. `source` owns the clause; `steps` is null when cleared.
 * Views recompute their own constraint with `bus.brushed(theirSource)`.
 */
export interface BrushEvent {
  /** Always `'brush'`. */
  type: 'brush';
  /** The owner of the clause that changed. */
  source: string;
  /** The clause's steps (a copy), or null when it was cleared. */
  steps: StepSet | null;
  /** What was brushed, in the view's own terms (null when cleared or not given). */
  value: JsonValue;
}

/** The filters (fading, classes shown) changed. */
export interface FilterEvent {
  /** Always `'filter'`. */
  type: 'filter';
  /** All filters as they are now. */
  filters: Readonly<Filters>;
  /** Who changed them. */
  source: string;
}

/** A shared option (colour mode, thresholds) changed. */
export interface OptionsEvent {
  /** Always `'options'`. */
  type: 'options';
  /** All shared options as they are now. */
  options: Readonly<SharedOptions>;
  /** The keys whose values changed. */
  changed: (keyof SharedOptions)[];
  /** Who changed them. */
  source: string;
}

/** The provisional (what-if) sequence was set, replaced or cleared. */
export interface ProvisionalEvent {
  /** Always `'provisional'`. */
  type: 'provisional';
  /** The sequence now shown, or null when it was cleared. */
  sequence: ProvisionalSequence | null;
  /** Who changed it. */
  source: string;
}

/** Every event of the bus, by type. */
export interface BusEventMap {
  /** The focused (hovered) step changed. */
  focus: FocusEvent;
  /** The selected or active sequences changed. */
  selection: SelectionEvent;
  /** A view's brush clause was set or cleared. */
  brush: BrushEvent;
  /** The filters changed. */
  filter: FilterEvent;
  /** A shared option changed. */
  options: OptionsEvent;
  /** The provisional (what-if) sequence changed. */
  provisional: ProvisionalEvent;
}

/** The name of a bus event: `focus`, `selection`, `brush`, `filter`, `options` or `provisional`. */
export type BusEventType = keyof BusEventMap;
/** A function {@link LinkBus.on} calls, synchronously, with each event of one type. */
export type BusListener<K extends BusEventType> = (event: BusEventMap[K]) => void;
