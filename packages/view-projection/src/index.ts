/**
 * `<hs-projection>`: the map of every hidden state, with trajectories, brushing, hover and jump
 * labels, for a million points. Import `@statescope/view-projection/define` to register the tag.
 *
 * @module @statescope/view-projection
 */
export { ProjectionView } from './ProjectionView.js';
export type { InteractionMode } from './ProjectionView.js';
export { SpatialGrid } from './SpatialGrid.js';
export { MapTransform } from './MapTransform.js';
export { principalPlane } from './principalPlane.js';
export { pointInPolygon } from './pointInPolygon.js';
export { stepsInRect, stepsInPolygon } from './selectSteps.js';
export { jumpLabels, JUMP_CLASS, JUMP_DISTANCE, JUMP_PREDICTION } from './jumpLabels.js';
export type { JumpLabel, JumpThresholds, LabelPlacement } from './jumpLabels.js';
export { placeLabels } from './placeLabels.js';
export type { LabelPlacementResult } from './placeLabels.js';
export { WebglPoints, hasHardwareWebgl } from './WebglPoints.js';
export { pointStamp, splatPoints } from './splatPoints.js';
export type { PointStamp } from './splatPoints.js';
export { pointLayers, MUTED_OPACITY } from './pointLayers.js';
export type { PointLayers, PointLayerInput } from './pointLayers.js';
export { START_RING, END_RING } from './drawTrajectories.js';
export type { TrajectoryColor, TrajectoryWidth } from './drawTrajectories.js';
