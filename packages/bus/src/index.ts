export { LinkBus } from './LinkBus.js';
export type { SelectMode } from './LinkBus.js';
export { DEFAULT_OPTIONS, DEFAULT_FILTERS } from './defaults.js';
export type {
  BusEventMap,
  BusEventType,
  BusListener,
  BrushEvent,
  ColorMode,
  FilterEvent,
  Filters,
  FocusEvent,
  OptionsEvent,
  SelectionEvent,
  SharedOptions,
} from './events.js';
