/**
 * `<hs-heatmap>`: the expected prediction of every class at every step, with a summary row
 * and an aggregate mode over many sequences. Import `@statescope/view-heatmap/define` to
 * register the tag.
 *
 * @module @statescope/view-heatmap
 */
export { HeatmapView } from './HeatmapView.js';
export { aggregateByPosition } from './aggregateByPosition.js';
export type { PositionAggregate } from './aggregateByPosition.js';
