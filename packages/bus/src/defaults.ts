import type { Filters, SharedOptions } from './events.js';

/** The paper's defaults: jump labels at a normalised distance of 0.40 and an EP change of 0.30. */
export const DEFAULT_OPTIONS: Readonly<SharedOptions> = Object.freeze({
  colorMode: 'expected',
  distanceThreshold: 0.4,
  predictionThreshold: 0.3,
  units: null,
});

/** No filter: nothing faded, every class shown. */
export const DEFAULT_FILTERS: Readonly<Filters> = Object.freeze({
  fadeCorrect: false,
  fadeWrong: false,
  classes: null,
});
