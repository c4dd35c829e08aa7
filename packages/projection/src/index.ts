/**
 * t-SNE ({@link tsne}), PCA ({@link pca}) and out-of-sample placement ({@link place}) of hidden
 * states: off the calling thread (Web Worker or worker_threads), progressive, cancellable and
 * seeded. No DOM.
 *
 * @packageDocumentation
 * @module @statescope/projection
 */
export { tsne } from './tsne.js';
export type { TsneOptions } from './tsne.js';
export { pca } from './pca.js';
export type { PcaOptions } from './pca.js';
export { place } from './place.js';
export type { PlaceOptions } from './place.js';
export { Placer } from './Placer.js';
export type { PlacerSettings } from './Placer.js';
export { sampledTsne, type SampledTsneOptions, type SampledTsneProgress } from './sampledTsne.js';
export type { TsneProgress } from './TsneProgress.js';
export type { TsneSettings } from './TsneSettings.js';
export type { PlaceSettings } from './PlaceSettings.js';
export type { RunControl } from './RunControl.js';
export type { RowShape } from './validateRows.js';
export type { RepulsionMethod } from './TsneOptimizer.js';
export { nearestStates, APPROXIMATE_FROM } from './nearestStates.js';
export type { NearestStatesOptions } from './nearestStates.js';
export { sharedNearestStates } from './sharedNearestStates.js';
export type { SharedNearestStates } from './sharedNearestStates.js';
export type { NearestStateIndex, NearestResult } from './NearestStateIndex.js';
export type { NearestMetric } from './NearestMetric.js';
export { NEAREST_METRICS } from './NearestMetric.js';
