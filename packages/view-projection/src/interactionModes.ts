/** What a drag on the map does: brush a rectangle, draw a lasso, or pan: the values of {@link InteractionMode}. */
export const INTERACTION_MODES = Object.freeze(['rect', 'lasso', 'pan'] as const);

/** What a drag on the map does: brush a rectangle, draw a lasso, or pan the map. */
export type InteractionMode = (typeof INTERACTION_MODES)[number];
