/**
 * `<hs-histogram>`: the distance between consecutive hidden states, per step of a sequence or
 * as a distribution over the dataset, with the shared jump threshold. Import
 * `@statescope/view-histogram/define` to register the tag.
 *
 * @module @statescope/view-histogram
 */
export { HistogramView } from './HistogramView.js';
export { binDistances } from './binDistances.js';
export type { DistanceBins } from './binDistances.js';
