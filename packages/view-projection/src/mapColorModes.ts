import { COLOR_MODES } from '@statescope/bus';

/**
 * How the map colours its points: the shared colour modes, plus `activation`, the mean
 * activation of the hidden units picked on the bus (`options.units`), which only the map offers.
 */
export const MAP_COLOR_MODES = Object.freeze([...COLOR_MODES, 'activation'] as const);

/** One of {@link MAP_COLOR_MODES}. */
export type MapColorMode = (typeof MAP_COLOR_MODES)[number];
