/**
 * `<hs-projection>`: the map of every hidden state, with trajectories, brushing, hover and jump
 * labels, for a million points. Import `@statescope/view-projection/define` to register the tag.
 *
 * @module @statescope/view-projection
 */
export { ProjectionView } from './ProjectionView.js';
export type { InteractionMode } from './interactionModes.js';
export type { TrajectoryColor, TrajectoryWidth } from './drawTrajectories.js';
export type { LabelPlacement } from './jumpLabels.js';
export type { RendererChoice } from './PointRenderer.js';
