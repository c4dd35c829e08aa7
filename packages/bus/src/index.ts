/**
 * The linking bus of Statescope views: focused step, selected sequences, brushed steps as clauses
 * keyed by their source, filters and shared options, delivered synchronously. No DOM.
 *
 * @module @statescope/bus
 */
export { LinkBus } from './LinkBus.js';
export type { SelectMode } from './LinkBus.js';
export { DEFAULT_OPTIONS, DEFAULT_FILTERS } from './defaults.js';
export { COLOR_MODES } from './colorModes.js';
export type { ColorMode } from './colorModes.js';
export { shownSequences } from './shownSequences.js';
export type { ShownSequences } from './shownSequences.js';
export { sequenceFilter, SEQUENCE_HIDDEN, SEQUENCE_FADED, SEQUENCE_SHOWN } from './sequenceFilter.js';
export type { BusSnapshot } from './BusSnapshot.js';
export type { ProvisionalSequence } from './ProvisionalSequence.js';
export type {
  BusEventMap,
  BusEventType,
  BusListener,
  BrushClause,
  BrushEvent,
  FilterEvent,
  Filters,
  FocusEvent,
  JsonValue,
  OptionsEvent,
  ProvisionalEvent,
  SelectionEvent,
  SharedOptions,
  UnitSelection,
  UnitState,
} from './events.js';
