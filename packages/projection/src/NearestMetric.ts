/** How nearness between hidden states is measured: Euclidean distance, or 1 - cosine similarity. */
export type NearestMetric = 'euclidean' | 'cosine';

/** The metrics {@link nearestStates} accepts. */
export const NEAREST_METRICS: readonly NearestMetric[] = ['euclidean', 'cosine'];
