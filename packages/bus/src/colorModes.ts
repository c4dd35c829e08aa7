/** How points, tokens and cells are coloured, in every view at once: the values of {@link ColorMode}. */
export const COLOR_MODES = Object.freeze(['expected', 'predicted', 'true'] as const);

/** How points, tokens and cells are coloured: by expected prediction, predicted class or true class. */
export type ColorMode = (typeof COLOR_MODES)[number];
